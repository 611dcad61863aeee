#!/usr/bin/env bash
# `npm test`: every check and every test, the browser tests included. Nothing is skipped: a missing
# system package is installed (or named) by scripts/system-deps.sh before anything runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh

echo "== checks (svelte-check, tsc, eslint, prettier)"
npm run --silent check

echo "== translations (every shipped locale has every key of its tier: scripts/i18n/check-locales.ts)"
translations=0
npx tsx scripts/i18n/check-locales.ts || translations=$?

rm -rf test-results && mkdir -p test-results
echo "== unit and integration tests"
status=0
npx vitest run --project unit --project integration \
  --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=$?

# One build for both browser projects: the engines reuse what the e2e project built in this run
# (tests/e2e/global-setup.ts).
export E2E_BUILD_ID="$(date +%s%N)-$$"
echo "== browser tests (production build, real server, headless Chromium)"
npx vitest run --project e2e \
  --reporter=default --reporter=json --outputFile.json=test-results/e2e.json || status=$?

echo "== browser engines (the offline core in Chromium, WebKitGTK and Firefox ESR)"
npx vitest run --project engines \
  --reporter=default --reporter=json --outputFile.json=test-results/engines.json || status=$?

node scripts/test-summary.mjs test-results/unit.json test-results/e2e.json test-results/engines.json
if [ "$translations" -ne 0 ]; then
  echo "FAIL: a shipped locale misses keys of its tier (see '== translations' above)"
  status=1
fi
exit "$status"
