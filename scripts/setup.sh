#!/bin/sh
# Prepares a fresh Debian 12 machine (as root) to build fleetcheck and run its lab:
# system packages, node_modules, then the build. Safe to run again: it only does what is missing.
set -eu

cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (apt-get, and the lab mounts overlays)"
command -v node >/dev/null 2>&1 || fail "node is not installed (Node 20 or newer is required)"

# debootstrap builds the lab's root filesystem, openipmi provides ipmi_sim, util-linux provides unshare,
# iproute2 the loopback of the private network namespace the provider backup copies are made in.
# freeipmi-tools (bmc-info) is the benchmark's FreeIPMI peer beside ipmitool.
# age opens the default secret store; pass is the password-store backend (and its tests).
# redfishtool and python3-sushy are the real Redfish clients the Redfish simulator is tested with.
# The report tests validate each format with its own real validator: xmllint (libxml2-utils) checks
# JUnit against its XSD, promtool (prometheus) the Prometheus textfile, and chromium renders the HTML
# rack view headless (driven by playwright-core, which never downloads a browser of its own).
# strace shows the unit tests every argv the collecting command starts (its marker must be in none).
# restic, borgbackup and sqlite3 are the real tools the provider-system reads are tested with (repository
# passwords must reach them on a pipe only); rsnapshot gives its Debian configuration.
packages="debootstrap iproute2 openipmi ipmitool freeipmi-tools openssh-client util-linux ca-certificates age pass redfishtool python3-sushy libxml2-utils prometheus chromium strace restic borgbackup sqlite3 rsnapshot"
missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	say "installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/tmp/fleetcheck-apt-update.log 2>&1 || { cat /tmp/fleetcheck-apt-update.log >&2; fail "apt-get update"; }
	# shellcheck disable=SC2086 # word splitting of the package list is intended
	apt-get install -y -q --no-install-recommends $missing >/tmp/fleetcheck-apt-install.log 2>&1 ||
		{ cat /tmp/fleetcheck-apt-install.log >&2; fail "apt-get install$missing"; }
	# Only promtool is wanted from the prometheus package: a server it starts would listen on :9090 for nothing.
	case "$missing" in *" prometheus"*) { systemctl disable --now prometheus >/dev/null 2>&1 || true; } ;; esac
else
	say "system packages present"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	say "npm ci"
	npm ci --no-audit --no-fund --loglevel=error >/tmp/fleetcheck-npm-ci.log 2>&1 || { cat /tmp/fleetcheck-npm-ci.log >&2; fail "npm ci"; }
else
	say "node_modules up to date"
fi

say "build"
npm run -s build || fail "npm run build"
