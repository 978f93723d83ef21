#!/usr/bin/env bash
# End-to-end test of the demo storefront in headless Chromium.
# Installs what it needs (Debian's chromium, playwright-core via npm ci, the jar), builds a model from
# generated sample events into a temporary directory, serves it with `alike serve --demo`, runs
# e2e/demo.test.mjs and stops the server. Exits non-zero when anything fails.
#
#   bash e2e/run.sh                      # screenshot: target/demo.png
#   bash e2e/run.sh --update-screenshot  # also copy it to docs/demo.png (the README's image)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

UPDATE_SCREENSHOT=false
for arg in "$@"; do
  case "$arg" in
    --update-screenshot) UPDATE_SCREENSHOT=true ;;
    *) echo "e2e/run.sh: unknown argument: $arg (known: --update-screenshot)" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/chromium ]; then
  echo "== /usr/bin/chromium missing: installing Debian's chromium package (apt-get)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
/usr/bin/chromium --version 2>/dev/null | grep -i chromium || true

echo "== npm ci (playwright-core only; it drives /usr/bin/chromium and downloads no browser)"
(cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)

if [ ! -f target/alike.jar ]; then
  echo "== target/alike.jar missing: building it"
  mvn -B -q package -DskipTests
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/alike-e2e.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== sample data and model in $WORK"
java -jar target/alike.jar generate --customers 2000 --skus 300 --categories 12 \
  --out "$WORK/events.jsonl"
java -jar target/alike.jar build --events "$WORK/events.jsonl" \
  --catalog "$WORK/events.catalog.jsonl" --store "local:$WORK/store"

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
BASE="http://localhost:$PORT"
# The same server under a second origin: a page from there calls BASE cross-origin (allowed).
OTHER="http://127.0.0.1:$PORT"

echo "== serve --demo on $BASE (CORS allowed for $OTHER)"
java -jar target/alike.jar serve --store "local:$WORK/store" --port "$PORT" --demo \
  --allowed-origins "$OTHER" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!

healthy() {
  node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "$BASE/healthz"
}
for _ in $(seq 1 120); do
  if healthy; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server exited; its log:" >&2
    tail -n 50 "$WORK/serve.log" >&2
    exit 1
  fi
  sleep 0.5
done
if ! healthy; then
  echo "the server did not answer /healthz within 60 s; its log:" >&2
  tail -n 50 "$WORK/serve.log" >&2
  exit 1
fi

echo "== demo end-to-end test (headless Chromium)"
mkdir -p target
status=0
(cd e2e && ALIKE_URL="$BASE" ALIKE_OTHER_ORIGIN="$OTHER" \
  ALIKE_CATALOG="$WORK/events.catalog.jsonl" SCREENSHOT="$ROOT/target/demo.png" npm test) \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "demo end-to-end test FAILED; last server log lines:" >&2
  tail -n 30 "$WORK/serve.log" >&2
  exit "$status"
fi
echo "screenshot: target/demo.png"
if [ "$UPDATE_SCREENSHOT" = true ]; then
  cp target/demo.png docs/demo.png
  echo "copied to docs/demo.png"
fi
