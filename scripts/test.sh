#!/bin/sh
# The whole test suite, from a fresh Debian machine as root: set up, boot the lab, run every test.
# Arguments are passed to vitest (e.g. `npm test -- --project unit`).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
# The integration project's global setup boots the lab (idempotent) and waits for it.
status=0
npx vitest run "$@" || status=$?
# CI leaves no process behind; a developer keeps the lab for the next run.
if [ "${CI:-}" = "true" ]; then
  npm run -s lab:down || true
fi
exit "$status"
