#!/bin/sh
# `npm run bench [-- --hosts N --reps R --concurrency C --keep --cpu-prof --only RUN,…]`: from a fresh Debian
# machine as root, installs the peers it compares against from Debian's packages, builds, boots a
# generated lab of N hosts and N BMCs apart from the test lab, times every tool, and tears it down.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
missing=""
for pair in parallel-ssh:pssh ansible:ansible-core /usr/bin/time:time xargs:findutils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
npx tsc -p bench/tsconfig.json
npx rolldown -c bench/rolldown.config.mjs --logLevel warn >/dev/null
exec node dist/bench/run-bench.js "$@"
