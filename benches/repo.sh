#!/usr/bin/env bash
# repo.sh — wall time and peak memory of pocketlint on a generated fleet
# (20 hosts x 100 services sharing one module tree, by default), next to
# deadnix on the same tree.
#
#   benches/repo.sh [--hosts N] [--services M] [--runs R]
#
# Needs python3 and GNU time (/usr/bin/time); deadnix is optional
# (`cargo install deadnix`). Prints one line per command: median wall time
# and median CPU time (user + system; steadier on a busy machine) over R runs
# (default 5), and the largest peak RSS seen.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
hosts=20 services=100 runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hosts) hosts="$2"; shift 2 ;;
    --services) services="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tree="$work/fleet"
python3 "$here/gen/gen_repo.py" "$tree" --hosts "$hosts" --services "$services" >/dev/null
files=$(find "$tree" -name '*.nix' | wc -l)
bytes=$(find "$tree" -name '*.nix' -exec cat {} + | wc -c)

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/pocketlint"

measure() {
  local label="$1"; shift
  local times=() cpus=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r t m u s < <(tail -n 1 "$work/time")
    times+=("$t")
    cpus+=("$(echo "$u + $s" | bc -l)")
    (( m > rss )) && rss=$m
  done
  local mid=$(( (runs + 1) / 2 )) median cpu
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "${mid}p")
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")
  printf '%-46s wall %7.3f s  cpu %7.3f s  peak %7.1f MiB\n' "$label" "$median" "$cpu" "$(echo "$rss / 1024" | bc -l)"
}

echo "tree: $hosts hosts x $services services, $files .nix files, $bytes bytes; $(nproc) cores; median of $runs runs"
measure "pocketlint check" "$bin" check "$tree"
measure "pocketlint check (1 thread)" env RAYON_NUM_THREADS=1 "$bin" check "$tree"
measure "pocketlint inventory --format json" "$bin" inventory --format json "$tree"
largest="$repo/nixos-tests/flake-multihost"
measure "pocketlint check nixos-tests/flake-multihost" "$bin" check "$largest"
if command -v deadnix >/dev/null; then
  measure "deadnix $(deadnix --version | awk '{print $2}')" deadnix "$tree"
  measure "deadnix nixos-tests/flake-multihost" deadnix "$largest"
else
  echo "deadnix: not installed (cargo install deadnix)"
fi
