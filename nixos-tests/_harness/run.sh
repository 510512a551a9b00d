#!/bin/sh
# Evaluate every nixosConfiguration of a test repository's flake.nix with the
# emulated lib and print, per host: domain, failed assertions, warnings,
# declared sops secrets and the Caddyfile (as JSON).
#   _harness/run.sh nixos-tests/documented-schema > out.json
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$1" && pwd)
NIX_PATH= nix-instantiate --store dummy:// --eval --strict --json \
  "$here/eval-flake.nix" --argstr repo "$repo"
