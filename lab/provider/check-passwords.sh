#!/bin/sh
# Exits 0 when the cached copies' repositories open with RESTIC_PASSWORD and BORG_PASSPHRASE (from
# the secrets file), so a changed password in fixtures/lab/secrets.yaml rebuilds the copies.
# Runs as root inside `unshare --mount --propagation private --pid --fork --kill-child`.
# Arguments: LOWERS (the copies layer over the server's stack, colon-joined), then restic and/or borg.
set -eu
lowers=$1
shift
scratch=$(mktemp -d)
trap 'umount "$scratch/merged" 2>/dev/null; rm -rf "$scratch"' EXIT
mkdir "$scratch/upper" "$scratch/work" "$scratch/merged"
root=$scratch/merged
# A throwaway upper: the tools write locks and caches, and the cached layer must stay as built.
mount -t overlay overlay -o "lowerdir=$lowers,upperdir=$scratch/upper,workdir=$scratch/work" "$root"
for tool in "$@"; do
  case $tool in
    restic) chroot "$root" restic --no-cache -r /srv/restic/main cat config > /dev/null ;;
    borg) chroot "$root" borg list --short /srv/borg/main > /dev/null ;;
    *) echo "unknown repository tool $tool" >&2; exit 2 ;;
  esac
done
