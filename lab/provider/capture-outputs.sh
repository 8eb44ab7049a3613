#!/bin/sh
# Captures what the provider backup server's tools print about its copies, for the scanner's parser
# fixtures (fixtures/provider-systems). Runs as root inside
# `unshare --mount --propagation private --pid --fork --kill-child`.
# Arguments: LOWERS (the server's stack, topmost first, colon-joined) CLEAN_LOWERS (the same packages
# without any copy: a clean backup server) SCRATCH OUT
# Environment: RESTIC_PASSWORD, BORG_PASSPHRASE.
set -eu
lowers=$1 clean_lowers=$2 scratch=$3 out=$4
mkdir -p "$scratch/upper" "$scratch/work" "$scratch/merged" "$out"
S=$scratch/merged
mount -t overlay overlay -o "lowerdir=$lowers,upperdir=$scratch/upper,workdir=$scratch/work" "$S"
mount -t proc proc "$S/proc"
mount --rbind /dev "$S/dev"
run() { chroot "$S" "$@"; }

run dpkg-query -W -f '${Package} ${Version}\n' bacula-director bacula-director-sqlite3 bacula-console restic borgbackup rsnapshot rsync sqlite3 > "$out/versions.txt"
run restic version >> "$out/versions.txt"
run borg --version >> "$out/versions.txt"
run sqlite3 --version | cut -d' ' -f1 | sed 's/^/sqlite3 /' >> "$out/versions.txt"

run restic --no-cache -r /srv/restic/main snapshots --json > "$out/restic-snapshots.json"
run restic --no-cache -r /srv/restic/main snapshots > "$out/restic-snapshots.txt"
run borg list --json /srv/borg/main > "$out/borg-list.json"
run borg info --json /srv/borg/main > "$out/borg-info-repository.json"
archive=$(run borg list --short /srv/borg/main | head -n 1)
run borg info --json "/srv/borg/main::$archive" > "$out/borg-info-archive.json"

db=/var/lib/bacula/bacula.db
run sqlite3 -json "$db" 'SELECT ClientId, Name, Uname, AutoPrune, FileRetention, JobRetention FROM Client ORDER BY ClientId;' > "$out/bacula-catalog-client.json"
run sqlite3 -json "$db" "SELECT JobId, Job, Name, Type, Level, ClientId, JobStatus, SchedTime, StartTime, EndTime, RealEndTime, JobFiles, JobBytes FROM Job ORDER BY JobId;" > "$out/bacula-catalog-job.json"
run sqlite3 -json "$db" "SELECT Job.JobId, Job.Name AS Job, Client.Name AS Client, Job.Type, Job.Level, Job.JobStatus, Job.EndTime, Job.JobFiles, Job.JobBytes FROM Job JOIN Client ON Client.ClientId = Job.ClientId ORDER BY Job.JobId;" > "$out/bacula-catalog-jobs-with-clients.json"
run sqlite3 -separator '	' "$db" "SELECT Job.JobId, Job.Name, Client.Name, Job.Type, Job.Level, Job.JobStatus, Job.EndTime, Job.JobFiles, Job.JobBytes FROM Job JOIN Client ON Client.ClientId = Job.ClientId ORDER BY Job.JobId;" > "$out/bacula-catalog-jobs-with-clients.tsv"
run sqlite3 -json "$db" "SELECT Path.Path, Filename.Name, File.JobId FROM File JOIN Path ON Path.PathId = File.PathId JOIN Filename ON Filename.FilenameId = File.FilenameId ORDER BY File.FileId;" > "$out/bacula-catalog-files.json"

mkdir -p "$S/run/bacula"
run /usr/sbin/bacula-dir -c /etc/bacula/bacula-dir.conf
printf 'list clients\nlist jobs\nllist jobs\nlist files jobid=1\nquit\n' | timeout 60 chroot "$S" bconsole -c /etc/bacula/bconsole.conf > "$out/bconsole-list.txt"
printf '.clients\n.jobs\nquit\n' | timeout 60 chroot "$S" bconsole -c /etc/bacula/bconsole.conf > "$out/bconsole-dot-commands.txt"
kill "$(cat "$S"/run/bacula/bacula-dir.*.pid)"

# What the tools say when the password is wrong: the collector must tell this from "no snapshots".
RESTIC_PASSWORD=wrong-password run restic --no-cache -r /srv/restic/main snapshots --json > "$out/restic-wrong-password.stdout" 2> "$out/restic-wrong-password.stderr" || echo "exit $?" >> "$out/restic-wrong-password.stderr"
BORG_PASSPHRASE=wrong-password run borg list --json /srv/borg/main > "$out/borg-wrong-passphrase.stdout" 2> "$out/borg-wrong-passphrase.stderr" || echo "exit $?" >> "$out/borg-wrong-passphrase.stderr"
run restic --no-cache -r /srv/restic/none snapshots --json > "$out/restic-no-repository.stdout" 2> "$out/restic-no-repository.stderr" || echo "exit $?" >> "$out/restic-no-repository.stderr"

find "$S/srv/rsnapshot" -mindepth 1 | sed "s|^$S||" | sort > "$out/rsnapshot-tree.txt"
run rsnapshot -c /etc/rsnapshot.conf configtest > "$out/rsnapshot-configtest.txt" 2>&1 || true
cp "$S/etc/rsnapshot.conf" "$out/rsnapshot.conf"
cp "$S/etc/bacula/bacula-dir.conf" "$out/bacula-dir.conf"

# A clean backup server: the packages' own empty catalog and an empty restic repository.
mkdir -p "$scratch/clean/upper" "$scratch/clean/work" "$scratch/clean/merged"
K=$scratch/clean/merged
mount -t overlay overlay -o "lowerdir=$clean_lowers,upperdir=$scratch/clean/upper,workdir=$scratch/clean/work" "$K"
chroot "$K" sqlite3 -json "$db" 'SELECT ClientId, Name, Uname, AutoPrune, FileRetention, JobRetention FROM Client ORDER BY ClientId;' > "$out/bacula-catalog-client-empty.json"
chroot "$K" sqlite3 -json "$db" "SELECT JobId, Job, Name, Type, Level, ClientId, JobStatus, SchedTime, StartTime, EndTime, RealEndTime, JobFiles, JobBytes FROM Job ORDER BY JobId;" > "$out/bacula-catalog-job-empty.json"
chroot "$K" restic --no-cache -r /srv/restic/empty init > /dev/null
chroot "$K" restic --no-cache -r /srv/restic/empty snapshots --json > "$out/restic-snapshots-empty.json"
mkdir -p "$K/srv/borg"
chroot "$K" borg init --encryption=repokey /srv/borg/empty 2> /dev/null
chroot "$K" borg list --json /srv/borg/empty > "$out/borg-list-empty.json"
cp "$K/etc/rsnapshot.conf" "$out/rsnapshot.conf.debian-default"
