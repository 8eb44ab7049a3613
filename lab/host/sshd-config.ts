// The sshd configuration of one lab host: its own address and key, keys only, no PAM.

/**
 * sshd_lab.conf for a host listening on `address:port`. The lab's own settings come first (sshd keeps
 * the first value it reads), then the host's real /etc/ssh/sshd_config, so Debian's defaults and its
 * `Include /etc/ssh/sshd_config.d/*.conf` apply as on a real server: a scenario's drop-in is honoured.
 * Debian's file sets `Subsystem sftp` itself, and sshd refuses a second one.
 */
export function renderSshdConfig(host: { name: string; address: string; port: number }): string {
  return [
    `# sshd for lab host ${host.name}; rewritten by the lab on every start.`,
    `ListenAddress ${host.address}:${host.port}`,
    'HostKey /etc/ssh/ssh_host_ed25519_key',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PidFile /run/sshd_lab.pid',
    'PrintMotd no',
    'Include /etc/ssh/sshd_config',
    '',
  ].join('\n');
}

/** /etc/hosts for a host, so its own name resolves (sudo warns on every call otherwise). */
export function renderEtcHosts(host: { name: string; address: string }): string {
  return `127.0.0.1\tlocalhost\n${host.address}\t${host.name}\n::1\tlocalhost ip6-localhost ip6-loopback\n`;
}
