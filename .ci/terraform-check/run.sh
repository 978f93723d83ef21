#!/usr/bin/env bash
# Offline checks of terraform/ against the code (no terraform binary, no network after npm ci).
# Exits non-zero on any violation. Called by the project's .ci/run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

npm ci --no-audit --no-fund --loglevel=error

echo "== terraform-check: self-tests (each rule must pass and fail on fixtures)"
node --test test/

if command -v terraform >/dev/null 2>&1; then
  echo "== terraform fmt -check (terraform found on this machine; CI does not need it)"
  TF_CLI_CONFIG_FILE=/dev/null terraform -chdir="$root/terraform" fmt -check -diff
fi

echo "== terraform-check: $root"
node check.mjs "$root"
