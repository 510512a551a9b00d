#!/usr/bin/env python3
"""Editor latency of `pocketlint lsp`: time from an edit to fresh diagnostics.

    benches/lsp_latency.py [--bin PATH] [--modules K] [--edits N] [--repo DIR]

Generates the reference layout (`benches/gen/gen_repo.py DEST
--single-host-modules K`, default 300: one host importing K service
modules), starts the server over stdio like an editor does, opens files and
then alternates edits that make a finding appear and disappear:

  host file    the host's default.nix: a service's policy between `admin`
               (unknown_policy) and `admins`
  module file  a service module: `caddySecurity` restored to / dropped from
               the virtual host it registers; dropped_caddy_security is
               reported in the host file, so this measures a cross-file
               update

Each edit is one incremental `textDocument/didChange`; the latency is the
time until `textDocument/publishDiagnostics` for the host file arrives with
the expected finding present or gone (and, for edits of the host file, the
edit's version). Prints the
median, p95 and maximum per kind. Standard library only; the binary defaults
to target/release/pocketlint (build it with `cargo build --release`).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


class Client:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            body = out.read(length)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        while True:
            _, msg = self.wait()
            if msg.get("id") == rid and "method" not in msg:
                return msg

    def notify(self, method, params):
        return self.send({"method": method, "params": params})

    def wait(self, timeout=60):
        item = self.inbox.get(timeout=timeout)
        if item is None:
            raise RuntimeError("server exited")
        return item


def uri(path):
    return "file://" + path


def position(text, offset):
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return {"line": line, "character": len(text[offset - col:offset].encode("utf-16-le")) // 2}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "pocketlint"))
    ap.add_argument("--modules", type=int, default=300)
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--repo", help="use this generated repository instead of a fresh one")
    args = ap.parse_args()

    tmp = None
    if args.repo:
        root = os.path.realpath(args.repo)
    else:
        tmp = tempfile.TemporaryDirectory()
        root = os.path.join(os.path.realpath(tmp.name), "repo")
        subprocess.run([sys.executable, os.path.join(HERE, "gen", "gen_repo.py"), root,
                        "--single-host-modules", str(args.modules)], check=True,
                       stdout=subprocess.DEVNULL)

    host_file = os.path.join(root, "hosts", "atlas", "default.nix")
    # A service module the host enables (the generator's choice of names
    # depends on --modules): the first whose virtual host passes
    # `caddySecurity` through.
    services = os.path.join(root, "modules", "nixos", "services")
    marker = "inherit (cfg.reverseProxy) enable extraConfig;"
    module_file = next(
        p for p in (os.path.join(services, d, "default.nix") for d in sorted(os.listdir(services)))
        if os.path.isfile(p) and marker in open(p).read()
        and f"modules.services.{os.path.basename(os.path.dirname(p))} = {{\n    enable = true;"
        in open(host_file).read()
    )
    host_text = open(host_file).read()
    module_text = open(module_file).read()

    client = Client([args.bin, "lsp"])
    t0 = time.perf_counter()
    client.request("initialize", {"processId": os.getpid(), "rootUri": uri(root),
                                  "capabilities": {}})
    client.notify("initialized", {})
    versions = {host_file: 1, module_file: 1}
    for path, text in ((host_file, host_text), (module_file, module_text)):
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "nix", "version": 1, "text": text}})

    def wait_for(path, version, predicate, sent):
        while True:
            at, msg = client.wait()
            if msg.get("method") != "textDocument/publishDiagnostics":
                continue
            p = msg["params"]
            if p["uri"] == uri(path) and p.get("version") == version and predicate(p["diagnostics"]):
                return (at - sent) * 1000

    def has(rule):
        return lambda ds: any(d.get("code") == rule for d in ds)

    def lacks(rule):
        return lambda ds: not any(d.get("code") == rule for d in ds)

    wait_for(host_file, 1, has("unknown_policy"), t0)
    print(f"first diagnostics after {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"(start, parse {len([1 for _ in os.walk(root)])} dirs, evaluate)")

    def edit(path, text, old, new, version):
        at = text.index(old)
        start = position(text, at)
        end = position(text, at + len(old))
        sent = client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": new}]})
        return text[:at] + new + text[at + len(old):], sent

    results = {"host file": [], "module file": []}
    server = {"host file": [], "module file": []}
    texts = {host_file: host_text, module_file: module_text}
    cases = [
        ("host file", host_file, 'policy = "admin";', 'policy = "admins";', host_file,
         lacks("unknown_policy"), has("unknown_policy")),
        ("module file", module_file, "inherit (cfg.reverseProxy) enable extraConfig;",
         "inherit (cfg.reverseProxy) enable extraConfig caddySecurity;", host_file,
         lacks("dropped_caddy_security"), has("dropped_caddy_security")),
    ]
    for name, path, bad, good, watch, fixed, broken in cases:
        for i in range(args.edits):
            forward = i % 2 == 0
            old, new = (bad, good) if forward else (good, bad)
            versions[path] += 1
            texts[path], sent = edit(path, texts[path], old, new, versions[path])
            ms = wait_for(watch, versions[watch], fixed if forward else broken, sent)
            results[name].append(ms)
            # The server logs its own time after publishing; collect it
            # before the next edit.
            deadline = time.perf_counter() + 0.05
            while time.perf_counter() < deadline:
                try:
                    _, msg = client.inbox.get(timeout=max(0.0, deadline - time.perf_counter()))
                except queue.Empty:
                    break
                if msg and msg.get("method") == "window/logMessage":
                    m = re.search(r"diagnostics in (\d+) ms \(evaluation (\d+) ms\)",
                                  msg["params"]["message"])
                    if m:
                        server[name].append((int(m.group(1)), int(m.group(2))))

    client.request("shutdown", None)
    client.notify("exit", None)
    client.proc.wait(timeout=10)

    modules = len(os.listdir(services))
    print(f"repository: {modules} service modules, one host; {os.cpu_count()} cores")
    for name, xs in results.items():
        xs = sorted(xs)
        p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
        print(f"{name:12} edits={len(xs):3}  median {statistics.median(xs):6.1f} ms  "
              f"p95 {p95:6.1f} ms  min {xs[0]:6.1f} ms  max {xs[-1]:6.1f} ms")
        if server[name]:
            total = statistics.median(t for t, _ in server[name])
            evaluation = statistics.median(e for _, e in server[name])
            print(f"{'':12} server's own account, median: {total:.0f} ms from the start of "
                  f"its work to diagnostics sent, {evaluation:.0f} ms of it evaluating")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
