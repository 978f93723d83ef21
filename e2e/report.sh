#!/usr/bin/env bash
# The experiment dashboard in headless Chromium: writes a small deterministic experiment, runs
# `alike report` on it with target/alike.jar (from mvn verify), and checks report.html against
# report.json (e2e/report.test.mjs). Expects e2e/run.sh to have installed chromium and npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=$(mktemp -d "${TMPDIR:-/tmp}/alike-report.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
node e2e/report-data.mjs "$DIR"
java -jar target/alike.jar report --answers "$DIR/answers.jsonl" --events "$DIR/events.jsonl" \
  --catalog "$DIR/catalog.jsonl" --out "$DIR/report.json" --html "$DIR/report.html"
(cd e2e && REPORT_DIR="$DIR" node --test --test-reporter=spec report.test.mjs)
if [ "${1:-}" = "--keep-screenshot" ]; then cp "$DIR/report.png" target/report.png; fi
