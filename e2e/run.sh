#!/usr/bin/env bash
# End-to-end test of the demo storefront in headless Chromium.
# Installs what it needs (Debian's chromium, playwright-core via npm ci), then runs README's first
# command exactly as written (the line after "# 1." in its first sh block) in an empty directory
# holding a copy of the project, waits for what it prints, and runs e2e/demo.test.mjs against
# http://localhost:8080. A second `serve --demo --allowed-origins` on the model the command built
# serves the cross-origin test. Exits non-zero when anything fails; stops both servers.
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

WORK=$(mktemp -d "${TMPDIR:-/tmp}/alike-e2e.XXXXXX")
DEMO_PID=""
SERVER_PID=""
stop() {
  if [ -n "$1" ]; then
    # The README command is a shell running mvn and then java: stop the whole process group.
    kill -- "-$1" 2>/dev/null || kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$DEMO_PID"
  stop "$SERVER_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT

# README's first command, as written: the first line after "# 1." inside its first ```sh block.
COMMAND=$(awk '/^```sh/{inblock=1; next} /^```/{if (inblock) exit} inblock && seen && NF {print; exit}
  inblock && /^# 1\./{seen=1}' README.md)
if [ -z "$COMMAND" ]; then
  echo "README.md has no first command (a line after '# 1.' in its first sh block)" >&2
  exit 1
fi
BASE="http://localhost:8080"
if node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "$BASE/"; then
  echo "port 8080 is taken; README's first command serves there: stop what listens on it" >&2
  exit 1
fi

echo "== a copy of the project (what git tracks and does not ignore) in an empty directory"
FRESH="$WORK/fresh"
mkdir "$FRESH"
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - \
  | tar -C "$FRESH" -xf -

echo "== README's first command, as written, in $FRESH: $COMMAND"
(cd "$FRESH" && exec setsid bash -c "$COMMAND") > "$WORK/demo.log" 2>&1 &
DEMO_PID=$!

wait_healthy() { # url pid log seconds
  local deadline=$((SECONDS + $4))
  until node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "$1/healthz"; do
    if ! kill -0 "$2" 2>/dev/null; then
      echo "it exited before $1/healthz answered; its log:" >&2
      tail -n 50 "$3" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$1/healthz did not answer within $4 s; the log:" >&2
      tail -n 50 "$3" >&2
      exit 1
    fi
    sleep 1
  done
}
# It builds the jar first (about 2 minutes on 2 cores with a warm ~/.m2).
wait_healthy "$BASE" "$DEMO_PID" "$WORK/demo.log" 900
PROMISE="open $BASE/demo/ in a browser"
if ! grep -qF "$PROMISE" "$WORK/demo.log"; then
  echo "README's first command did not print \"$PROMISE\"; its log:" >&2
  tail -n 50 "$WORK/demo.log" >&2
  exit 1
fi
echo "it printed: $PROMISE"

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
CORS_BASE="http://localhost:$PORT"
# The second server under another origin: a page from there calls CORS_BASE cross-origin (allowed).
OTHER="http://127.0.0.1:$PORT"
echo "== serve --demo on $CORS_BASE (CORS allowed for $OTHER), the model README's command built"
(exec setsid java -jar "$FRESH/target/alike.jar" serve --store "local:$FRESH/alike-data/demo/store" \
  --port "$PORT" --demo --allowed-origins "$OTHER") > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
wait_healthy "$CORS_BASE" "$SERVER_PID" "$WORK/serve.log" 120

echo "== demo end-to-end test (headless Chromium)"
mkdir -p target
status=0
(cd e2e && ALIKE_URL="$BASE" ALIKE_CORS_URL="$CORS_BASE" ALIKE_OTHER_ORIGIN="$OTHER" \
  ALIKE_CATALOG="$FRESH/alike-data/demo/catalog.jsonl" SCREENSHOT="$ROOT/target/demo.png" npm test) \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "demo end-to-end test FAILED; last lines of README's command, then of the second server:" >&2
  tail -n 30 "$WORK/demo.log" >&2
  tail -n 10 "$WORK/serve.log" >&2
  exit "$status"
fi
echo "screenshot: target/demo.png"
if [ "$UPDATE_SCREENSHOT" = true ]; then
  cp target/demo.png docs/demo.png
  echo "copied to docs/demo.png"
fi
