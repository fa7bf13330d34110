#!/usr/bin/env bash
# Benchmarks GET and POST /v1/resources with wrk on loopback and prints
# requests/s and p50/p99 latency. Not a test: numbers depend on the machine.
#
#   crates/sandbox/bench.sh [DURATION] [CONNECTIONS] [THREADS]
#
# Defaults: 10s, 32 connections, 2 threads. Builds the release binary (or uses
# $SANDBOX_BIN), starts it on a free port with a temporary database, takes the
# bench-only unlimited key (so the rate limit is not what gets measured),
# seeds 100 resources, then runs wrk twice. Needs wrk (Debian: apt-get install wrk).
set -euo pipefail

duration="${1:-10s}"
connections="${2:-32}"
threads="${3:-2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

command -v wrk >/dev/null 2>&1 || { echo "bench.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "bench.sh: curl is not installed" >&2; exit 1; }

if [ -z "${SANDBOX_BIN:-}" ]; then
  cargo build --quiet --release -p sandbox --manifest-path "$root/Cargo.toml"
  target="${CARGO_TARGET_DIR:-$root/target}"
  SANDBOX_BIN="$target/release/sandbox"
fi

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/bench.db"
key="$("$SANDBOX_BIN" --db "$db" --print-bench-key)"
# The POST bench measures creates, not quota refusals: lift the quota.
RUST_LOG=warn "$SANDBOX_BIN" --db "$db" --port 0 --resources-per-workspace 100000000 >"$work/stdout" 2>"$work/stderr" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^ *listening on \(http[^ ]*\).*/\1/p' "$work/stdout" | head -n1)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "bench.sh: the sandbox did not start" >&2; cat "$work/stderr" >&2; exit 1; }

for i in $(seq 1 100); do
  curl -fsS -o /dev/null -X POST "$url/v1/resources" -H "X-API-Key: $key" \
    -H 'Content-Type: application/json' -d "{\"name\":\"seed $i\"}"
done

run() {
  local label="$1"; shift
  local out="$work/$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '_').txt"
  wrk --latency -t"$threads" -c"$connections" -d"$duration" "$@" >"$out"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$out")"
  [ -z "${BENCH_VERBOSE:-}" ] || cat "$out"
  printf '%-22s %12s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "sandbox bench: $url, wrk -t$threads -c$connections -d$duration, $(nproc) cores"
run "GET /v1/resources" -H "X-API-Key: $key" "$url/v1/resources"
SANDBOX_KEY="$key" run "POST /v1/resources" -s "$here/bench/post.lua" "$url/v1/resources"
