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
#
# With BENCH_DATABASE_URL=postgres://… the sandbox runs on that PostgreSQL,
# and with BENCH_INSTANCES=2 two instances share it: wrk then runs against
# both at once, half the connections each, and the figures are their sum
# (requests/s) and the slower of the two (p50, p99).
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
  for p in $pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

instances="${BENCH_INSTANCES:-1}"
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  store=(--database-url "$BENCH_DATABASE_URL")
  engine="PostgreSQL, $instances instance(s)"
else
  store=(--db "$work/bench.db")
  engine="SQLite"
  instances=1
fi
key="$("$SANDBOX_BIN" "${store[@]}" --print-bench-key)"
pids=()
urls=()
for n in $(seq 1 "$instances"); do
  # The POST bench measures creates, not quota refusals: lift the quota.
  RUST_LOG=warn "$SANDBOX_BIN" "${store[@]}" --port 0 --resources-per-workspace 100000000 >"$work/stdout$n" 2>"$work/stderr$n" &
  pids+=($!)
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^ *listening on \(http[^ ]*\).*/\1/p' "$work/stdout$n" | head -n1)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  pid="${pids[*]}"
  [ -n "$url" ] || { echo "bench.sh: the sandbox did not start" >&2; cat "$work/stderr$n" >&2; exit 1; }
  urls+=("$url")
done
url="${urls[0]}"

for i in $(seq 1 100); do
  curl -fsS -o /dev/null -X POST "$url/v1/resources" -H "X-API-Key: $key" \
    -H 'Content-Type: application/json' -d "{\"name\":\"seed $i\"}"
done

# Milliseconds of a wrk latency figure (`812.00us`, `1.20ms`, `2.01s`).
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

run() {
  local label="$1"; shift
  local base out rps=0 p50=0 p99=0 errors=0 i=0
  base="$work/$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '_')"
  local per=$(( connections / ${#urls[@]} ))
  [ "$per" -ge "$threads" ] || per="$threads"
  local waits=()
  for u in "${urls[@]}"; do
    i=$((i + 1))
    wrk --latency -t"$threads" -c"$per" -d"$duration" "$@" "$u/v1/resources" >"$base.$i.txt" &
    waits+=($!)
  done
  for w in "${waits[@]}"; do wait "$w"; done
  for out in "$base".*.txt; do
    [ -z "${BENCH_VERBOSE:-}" ] || cat "$out"
    rps="$(awk -v a="$rps" '/^Requests\/sec:/ {printf "%.2f", a + $2}' "$out")"
    local one50 one99
    one50="$(ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    one99="$(ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    p50="$(awk -v a="$p50" -v b="$one50" 'BEGIN {print (b > a ? b : a)}')"
    p99="$(awk -v a="$p99" -v b="$one99" 'BEGIN {print (b > a ? b : a)}')"
    errors=$(( errors + $(awk '/Non-2xx or 3xx responses:/ {print $5}' "$out" | sed 's/^$/0/') + 0 ))
  done
  printf '%-22s %12s req/s   p50 %8s ms   p99 %8s ms   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
}

echo "sandbox bench ($engine): ${urls[*]}, wrk -t$threads -c$connections -d$duration, $(nproc) cores"
run "GET /v1/resources" -H "X-API-Key: $key"
SANDBOX_KEY="$key" run "POST /v1/resources" -s "$here/bench/post.lua"
