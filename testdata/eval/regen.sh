#!/usr/bin/env bash
# regen.sh — regenerate testdata/eval/*.expected.json with real Nix (2.8.0).
#
#   testdata/eval/regen.sh [NAME-FILTER]
#
# For every top-level testdata/eval/NAME.nix (files in data/ are helpers and are
# never evaluated directly), run
#   nix-instantiate --store dummy:// --eval --strict --json ./NAME.nix
# from inside testdata/eval/ (so relative imports / readFile resolve there), with
# an empty NIX_PATH and an empty Nix configuration, and write NAME.expected.json:
#   success -> {"ok": true, "value": <raw nix --json output>}
#   failure -> {"ok": false, "error": "<first line of stderr starting with error:>"}
# The absolute path of this directory is replaced by "<testdata>" in messages.
#
# Cases whose name ends in "_error" must fail; all others must succeed. The
# script exits 1 if any case disagrees with its name (or produces bad JSON).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
here_phys="$(cd "$here" && pwd -P)"
filter="${1:-}"

export NIX_PATH=
export NIX_CONF_DIR="${TMPDIR:-/tmp}/nix-eval-empty-conf"
export NIX_USER_CONF_FILES=
mkdir -p "$NIX_CONF_DIR"
unset NIX_REMOTE
nixargs=(--store dummy:// --eval --strict --json)
# Note: do not lower the stack limit here. Nix 2.8 raises its own soft stack limit
# to 64 MiB at startup (needs a hard limit >= that); deep-recursion cases rely on it.

command -v nix-instantiate >/dev/null || { echo "nix-instantiate not found (apt-get install -y nix-bin)" >&2; exit 1; }
echo "# $(nix-instantiate --version)" >&2

sed_escape() { printf '%s' "$1" | sed 's/[][\.*^$#/]/\\&/g'; }
here_re="$(sed_escape "$here")"
phys_re="$(sed_escape "$here_phys")"

first_error_line() {
  grep -m1 '^error:' "$1" | sed -e "s#${here_re}#<testdata>#g" -e "s#${phys_re}#<testdata>#g" || true
}
json_string() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().rstrip("\n")))'; }

shopt -s nullglob
n=0; nerr=0; bad=0
out="$(mktemp)"; err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT
for f in "$here"/*.nix; do
  name="$(basename "$f" .nix)"
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  base="$here/$name"
  n=$((n + 1))
  if (cd "$here" && nix-instantiate "${nixargs[@]}" "./$name.nix") >"$out" 2>"$err"; then
    { printf '{"ok": true, "value": '; cat "$out"; printf '}\n'; } >"$base.expected.json"
    if [[ "$name" == *_error ]]; then
      echo "UNEXPECTED SUCCESS: $name" >&2; bad=1
    fi
  else
    nerr=$((nerr + 1))
    msg="$(first_error_line "$err" | json_string)"
    printf '{"ok": false, "error": %s}\n' "$msg" >"$base.expected.json"
    if [[ "$name" != *_error ]]; then
      echo "UNEXPECTED ERROR: $name: $(first_error_line "$err")" >&2; sed -n 1,20p "$err" >&2; bad=1
    elif [[ "$msg" == '""' ]]; then
      echo "NO error: LINE: $name" >&2; sed -n 1,20p "$err" >&2; bad=1
    fi
  fi
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$base.expected.json" \
    || { echo "bad JSON for $name" >&2; bad=1; }
done
echo "eval: $n evaluated, $nerr of them error" >&2
exit $bad
