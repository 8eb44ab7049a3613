#!/bin/sh
# Makes the provider backup server's copies of rented lab hosts with the real tools, once, for the cache.
# Runs as root inside `unshare --mount --propagation private --uts --net --pid --fork --kill-child`, so
# every mount and daemon below ends with it. Its own network namespace has a loopback of its own: the
# daemons listen on the lab addresses of the server and the hosts without meeting a running lab. The server's changes land in $out/server/upper: that directory is
# the cached layer the lab stacks under the server's own files.
#
# Arguments: LOWERS OUT SERVER_NAME SERVER_TREE, then groups of four: TOOL HOST ADDRESS TREE
#   LOWERS  the package layer with the backup tools and the base, colon-joined (topmost first)
#   TOOL    bacula | restic | borg | rsnapshot; HOST is the rented host, TREE its scenario files
# Environment: RESTIC_PASSWORD and BORG_PASSPHRASE when a restic or borg copy is made (never argv).
set -eu
lowers=$1 out=$2 server=$3 server_tree=$4
shift 4

log() { printf '== %s\n' "$*"; }

# A root for NAME: the scenario TREE over the tool layer and the base, with its own throwaway upper.
make_root() {
  name=$1 tree=$2
  mkdir -p "$out/$name/upper" "$out/$name/work" "$out/$name/merged"
  mount -t overlay overlay -o "lowerdir=$tree:$lowers,upperdir=$out/$name/upper,workdir=$out/$name/work" "$out/$name/merged"
  mount -t proc proc "$out/$name/merged/proc"
  mount --rbind /dev "$out/$name/merged/dev"
}

# Runs a command chrooted into a client root under the client's own host name (a UTS namespace of its own).
on_client() {
  host=$1 root=$2
  shift 2
  unshare --uts sh -c 'hostname "$1"; root=$2; shift 2; exec chroot "$root" "$@"' client "$host" "$root" "$@"
}

# Waits until every PID in the files given is gone, for at most 30 s.
wait_gone() {
  for _ in $(seq 300); do
    alive=no
    for f in "$@"; do [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && alive=yes; done
    [ "$alive" = no ] && return 0
    sleep 0.1
  done
  echo "daemons did not stop: $*" >&2
  return 1
}

ip link set lo up
hostname "$server"
make_root server "$server_tree"
S=$out/server/merged

while [ $# -ge 4 ]; do
  tool=$1 host=$2 address=$3 tree=$4
  shift 4
  make_root "$host" "$tree"
  C=$out/$host/merged
  case $tool in
    bacula)
      log "bacula: director and storage daemon on $server, file daemon on $host ($address)"
      mkdir -p "$S/run/bacula" "$S/srv/bacula/volumes" "$S/var/log/bacula" "$C/run/bacula" "$C/var/lib/bacula"
      chroot "$S" /usr/sbin/bacula-sd -c /etc/bacula/bacula-sd.conf
      chroot "$S" /usr/sbin/bacula-dir -c /etc/bacula/bacula-dir.conf
      on_client "$host" "$C" /usr/sbin/bacula-fd -c /etc/bacula/bacula-fd.conf
      # `wait` returns once no job runs; the catalog row read after it is the proof the job ended well.
      printf 'run job=%s level=Full yes\nwait\nmessages\n' "$host" | timeout 300 chroot "$S" bconsole -c /etc/bacula/bconsole.conf
      status=$(chroot "$S" sqlite3 /var/lib/bacula/bacula.db "SELECT JobStatus FROM Job WHERE Name = '$host' ORDER BY JobId DESC LIMIT 1;")
      kill "$(cat "$S"/run/bacula/bacula-dir.*.pid)" "$(cat "$S"/run/bacula/bacula-sd.*.pid)" "$(cat "$C"/run/bacula/bacula-fd.*.pid)"
      wait_gone "$S"/run/bacula/*.pid "$C"/run/bacula/*.pid
      if [ "$status" != T ]; then echo "the bacula job of $host ended with status '$status', not T" >&2; exit 1; fi
      ;;
    restic)
      log "restic: $host backs up /srv/data into $server:/srv/restic/main"
      mkdir -p "$S/srv/restic/main" "$C/srv/restic/main"
      mount --bind "$S/srv/restic/main" "$C/srv/restic/main"
      on_client "$host" "$C" restic --no-cache -r /srv/restic/main init
      on_client "$host" "$C" restic --no-cache -r /srv/restic/main backup --host "$host" /srv/data
      umount "$C/srv/restic/main"
      ;;
    borg)
      log "borg: $host backs up /srv/data into $server:/srv/borg/main"
      mkdir -p "$S/srv/borg" "$C/srv/borg"
      mount --bind "$S/srv/borg" "$C/srv/borg"
      export BORG_DISPLAY_PASSPHRASE=no BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
      on_client "$host" "$C" borg init --encryption=repokey /srv/borg/main
      on_client "$host" "$C" borg create --stats '/srv/borg/main::{hostname}-{now:%Y-%m-%dT%H:%M:%S}' /srv/data
      umount "$C/srv/borg"
      ;;
    rsnapshot)
      log "rsnapshot: $server pulls $host ($address) with rsync"
      # The configuration's ssh would need the host's sshd; for the build, rsync's remote shell is a
      # chroot into the host's root instead. rsync still runs its real protocol on both ends.
      mkdir -p "$S/mnt/lab-build/$host" "$S/usr/local/lib/lab-build"
      mount --rbind "$C" "$S/mnt/lab-build/$host"
      cat > "$S/usr/local/lib/lab-build/rsh" <<SHIM
#!/bin/sh
while [ \$# -gt 0 ]; do case \$1 in -l|-p|-o|-i) shift 2 ;; -*) shift ;; *) break ;; esac; done
[ "\$1" = "$address" ] || { echo "lab build: no host \$1" >&2; exit 255; }
shift
exec chroot /mnt/lab-build/$host sh -c "\$*"
SHIM
      chmod 755 "$S/usr/local/lib/lab-build/rsh"
      sed 's|^cmd_ssh\t.*|cmd_ssh\t/usr/local/lib/lab-build/rsh|' "$S/etc/rsnapshot.conf" > "$S/tmp/rsnapshot-build.conf"
      chroot "$S" rsnapshot -c /tmp/rsnapshot-build.conf alpha
      umount -R "$S/mnt/lab-build/$host"
      rm -rf "$S/mnt/lab-build" "$S/usr/local/lib/lab-build" "$S/tmp/rsnapshot-build.conf"
      ;;
    *) echo "unknown backup tool $tool" >&2; exit 2 ;;
  esac
done
[ $# -eq 0 ] || { echo "arguments left over: $*" >&2; exit 2; }
log "done"
