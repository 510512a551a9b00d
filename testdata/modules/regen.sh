#!/usr/bin/env bash
# regen.sh — regenerate testdata/modules/*/expected.json with real Nix and a
# local copy of nixpkgs' lib (never stored in this repository).
#
#   NIXPKGS_LIB=/path/to/nixpkgs/lib ./regen.sh [NAME-FILTER]
#
# For every <name>/host.nix beside this script, evaluate
#   (lib.evalModules { modules = [ ./host.nix ]; }).config
# restricted to the compared roots (see eval-scenario.nix):
#   networking.domain, modules.services.caddy.{security,virtualHosts},
#   modules.services.<svc>.reverseProxy for every service that declares one,
# and write <name>/expected.json:
#   success -> the JSON value, pretty-printed with sorted keys
#   failure -> {"error": true, "message": "<first 'error:' line>"}
# Only scenarios whose name ends in -error may fail (and they must fail);
# anything else makes this script exit 1.
# NIXPKGS_LIB: the `lib` directory itself, or a checkout root holding lib/.
# Needs nix-instantiate (Debian: apt-get install -y nix-bin); runs offline
# with --store dummy://.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
filter="${1:-}"

export NIX_PATH=
export NIX_CONF_DIR="${TMPDIR:-/tmp}/nix-eval-empty-conf"
export NIX_USER_CONF_FILES=
mkdir -p "$NIX_CONF_DIR"
unset NIX_REMOTE
nixargs=(--store dummy:// --eval --strict --json)

command -v nix-instantiate >/dev/null || { echo "nix-instantiate not found (apt-get install -y nix-bin)" >&2; exit 1; }
echo "# $(nix-instantiate --version)" >&2

# Paths in messages: this directory -> <modules>, the lib -> <lib> (and lib
# line:column positions are dropped: they depend on the lib checkout).
first_error_line() {
  grep -m1 '^error:' "$1" | sed -e "s#${here}#<modules>#g" -e "s#${libdir}#<lib>#g" \
    -e 's#\(<lib>/[A-Za-z0-9_./-]*\.nix\):[0-9]*:[0-9]*#\1#g' || true
}
json_string() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().rstrip("\n")))'; }

libdir="${NIXPKGS_LIB:-}"
if [[ -z "$libdir" ]]; then
  echo "NIXPKGS_LIB is not set (path to nixpkgs' lib directory)" >&2; exit 1
fi
if [[ -f "$libdir/lib/default.nix" && ! -f "$libdir/modules.nix" ]]; then libdir="$libdir/lib"; fi
[[ -f "$libdir/modules.nix" ]] || { echo "NIXPKGS_LIB=$libdir has no modules.nix" >&2; exit 1; }
libdir="$(cd "$libdir" && pwd)"

bad=0; n=0
for dir in "$here"/*/; do
  dir="${dir%/}"; name="$(basename "$dir")"
  [[ -f "$dir/host.nix" ]] || continue
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  n=$((n + 1))
  out="$(mktemp)"; err="$(mktemp)"
  if nix-instantiate "${nixargs[@]}" "$here/eval-scenario.nix" \
       --argstr libDir "$libdir" --argstr scenarioDir "$dir" >"$out" 2>"$err"; then
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), indent=2, sort_keys=True))' \
      "$out" >"$dir/expected.json"
    status=ok
    [[ "$name" == *-error ]] && { status="UNEXPECTED-SUCCESS"; bad=1; }
  else
    msg="$(first_error_line "$err" | json_string)"
    printf '{\n  "error": true,\n  "message": %s\n}\n' "$msg" >"$dir/expected.json"
    status="$(first_error_line "$err")"
    [[ "$name" == *-error ]] || { status="UNEXPECTED-ERROR ($status)"; bad=1; sed -n 1,30p "$err" >&2; }
  fi
  printf '%-44s %s\n' "$name" "$status"
  rm -f "$out" "$err"
done
echo "scenarios: $n evaluated" >&2
exit $bad
