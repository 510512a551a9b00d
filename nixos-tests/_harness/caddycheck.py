#!/usr/bin/env python3
"""Strip caddy-security (not in Debian's caddy) from a generated Caddyfile and
run `caddy adapt` + `caddy validate` on the rest. Usage: caddycheck.py JSON_FROM_RUN_SH [host]"""
import json, re, subprocess, sys, tempfile, os

def strip_security(text):
    out, i = [], 0
    lines = text.split("\n")
    skip_depth = 0
    for line in lines:
        s = line.strip()
        if skip_depth:
            skip_depth += line.count("{") - line.count("}")
            continue
        if re.match(r"^security\s*\{", s):
            skip_depth = line.count("{") - line.count("}")
            continue
        if re.match(r"^(authenticate|authorize)\s+with\b", s):
            out.append(line.replace(s, "# " + s))
            continue
        if re.match(r"^order\s+(authenticate|authorize)\b", s):
            continue
        if re.match(r"^dns\s+cloudflare\b", s):
            continue
        out.append(line)
    return "\n".join(out)

data = json.load(open(sys.argv[1]))
only = sys.argv[2] if len(sys.argv) > 2 else None
for host, v in data.items():
    if only and host != only: continue
    txt = strip_security(v["caddyfile"])
    with tempfile.NamedTemporaryFile("w", suffix=".Caddyfile", delete=False) as f:
        f.write(txt); name = f.name
    env = dict(os.environ, XDG_DATA_HOME="/tmp/caddydata", XDG_CONFIG_HOME="/tmp/caddycfg")
    for var in re.findall(r"\{\$([A-Za-z_][A-Za-z0-9_]*)\}", txt):
        env[var] = "test-" + var.lower()
    r = subprocess.run(["caddy", "validate", "--adapter", "caddyfile", "--config", name], capture_output=True, text=True, env=env)
    msg = [l for l in (r.stdout + r.stderr).splitlines() if "Error" in l or "error" in l.lower()]
    print(host, "VALID" if r.returncode == 0 else "INVALID", *(m[-400:] for m in msg[-2:]))
