#!/usr/bin/env bash
# Runs schemathesis against a running sandbox and fails on any failure.
#
#   crates/sandbox/schemathesis.sh BASE_URL KEY [extra schemathesis args...]
#
# BASE_URL: e.g. http://127.0.0.1:8080. KEY: the bench-only unlimited key
# (`sandbox --db <same db> --print-bench-key`), so the rate limit stays out of
# the way. Installs schemathesis with pip when it is missing.
#
# Every run draws a fresh seed, so the fuzzer explores new inputs each time,
# and prints it; SCHEMATHESIS_SEED=<seed> replays a run exactly (the example
# database is off so the seed alone decides the inputs).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BASE_URL KEY [schemathesis run options...]" >&2
  exit 2
fi
base="${1%/}"
key="$2"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v schemathesis >/dev/null 2>&1; then
  python3 -m pip install --quiet 'schemathesis>=4.32,<5'
fi

seed="${SCHEMATHESIS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "schemathesis seed: $seed (rerun with SCHEMATHESIS_SEED=$seed)"

# The hooks give positive cases ids that exist; they talk to the same sandbox.
export SANDBOX_URL="$base" SANDBOX_KEY="$key" SCHEMATHESIS_HOOKS="$here/schemathesis_hooks.py"

exec schemathesis --config-file "$here/schemathesis.toml" run "$base/openapi.json" \
  --url "$base" \
  -H "X-API-Key: $key" \
  --checks all \
  --phases examples,coverage,fuzzing,stateful \
  --seed "$seed" \
  --generation-database none \
  "$@"
