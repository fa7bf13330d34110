#!/usr/bin/env bash
# Runs schemathesis against a running sandbox and fails on any failure.
#
#   crates/sandbox/schemathesis.sh BASE_URL KEY [extra schemathesis args...]
#
# BASE_URL: e.g. http://127.0.0.1:8080. KEY: the bench-only unlimited key
# (`sandbox --db <same db> --print-bench-key`), so the rate limit stays out of
# the way. Installs schemathesis with pip when it is missing.
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

exec schemathesis --config-file "$here/schemathesis.toml" run "$base/openapi.json" \
  --url "$base" \
  -H "X-API-Key: $key" \
  --checks all \
  --phases examples,coverage,fuzzing,stateful \
  --seed "${SCHEMATHESIS_SEED:-20260314}" \
  "$@"
