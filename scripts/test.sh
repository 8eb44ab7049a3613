#!/bin/sh
# The whole test suite, from a fresh Debian machine as root: set up, boot the lab, run every test.
# Arguments are passed to vitest (e.g. `npm test -- --project unit`).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
# The tests are type-checked first (tsconfig.tests.json: src, lab, test and bench): a test whose
# types are wrong tests something other than it says, so vitest, which only strips types, never runs it.
npm run -s typecheck || { echo "the type check failed: no test was run"; exit 1; }
# The integration project's global setup boots the lab (idempotent) and waits for it.
status=0
results=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line, whatever the reporter printed above it; printed last.
summary=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" 2>/dev/null || echo "no test results were written")
rm -f "$results"
# CI leaves no process behind; a developer keeps the lab for the next run.
if [ "${CI:-}" = "true" ]; then
  npm run -s lab:down || true
fi
echo "$summary"
exit "$status"
