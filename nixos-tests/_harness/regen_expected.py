#!/usr/bin/env python3
"""Regenerate expected/<repo>/<host>.{Caddyfile,json} for every test repository.

The Caddyfile is the harness's rendering of NixOS's services.caddy (global
options, extraConfig, one block per virtual host) passed through `caddy fmt`,
as NixOS does. The JSON holds the failed assertions, warnings and declared
sops secrets. Run from anywhere: python3 nixos-tests/_harness/regen_expected.py
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
tests = os.path.dirname(here)
repos = ["documented-schema", "flake-multihost", "extended-schema", "clean"]

for repo in repos:
    r = subprocess.run([os.path.join(here, "run.sh"), os.path.join(tests, repo)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{repo}: evaluation failed:\n{r.stderr}")
    data = json.loads(r.stdout)
    out = os.path.join(here, "expected", repo)
    os.makedirs(out, exist_ok=True)
    for host, v in sorted(data.items()):
        fmt = subprocess.run(["caddy", "fmt", "-"], input=v["caddyfile"], capture_output=True, text=True)
        text = fmt.stdout if fmt.returncode == 0 else v["caddyfile"]
        with open(os.path.join(out, f"{host}.Caddyfile"), "w") as f:
            f.write(text)
        meta = {k: v[k] for k in ("domain", "failedAssertions", "warnings", "secrets")}
        with open(os.path.join(out, f"{host}.json"), "w") as f:
            json.dump(meta, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"{repo}/{host}: {len(text.splitlines())} lines, "
              f"{len(meta['failedAssertions'])} failed assertion(s), {len(meta['warnings'])} warning(s)")
