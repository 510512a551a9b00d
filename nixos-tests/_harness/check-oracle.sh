#!/bin/sh
# Self-check: evaluate every oracle scenario (shared/oracle/scenarios) with the
# emulated lib and compare with its expected.json.
#   _harness/check-oracle.sh /work/shared/oracle/scenarios
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/work/shared/oracle/scenarios}
fail=0
for d in "$dir"/*/; do
  name=$(basename "$d")
  out=$(NIX_PATH= nix-instantiate --store dummy:// --eval --strict --json \
    "$here/scenario.nix" --argstr scenarioDir "${d%/}" 2>/dev/null)
  rc=$?
  if grep -q '"error": true' "$d/expected.json"; then
    if [ "$rc" -ne 0 ]; then echo "ok   $name (fails as expected)"; else echo "FAIL $name (expected an error)"; fail=1; fi
  elif python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1]) != json.load(open(sys.argv[2])))' "$out" "$d/expected.json" 2>/dev/null; then
    echo "ok   $name"
  else
    echo "FAIL $name"; fail=1
  fi
done
exit $fail
