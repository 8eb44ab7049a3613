// How fleetcheck examined a host, stated in every report: a login, and as whom, or from outside only.

/**
 * `login`: the inventory lets fleetcheck log in as `user` (through `sudo -n` unless root);
 * `keyFingerprint` is the key sshd accepted in this run, null when no login was made in it (only
 * outside checks were selected, or the login failed). `outside-only`: `ssh.access: none`, nothing
 * ran on the host; only what sshd answers from outside was asked.
 */
export type HostAccess =
  | { mode: 'login'; user: string; sudo: boolean; keyFingerprint: string | null }
  | { mode: 'outside-only' };

/** How the inventory's top-level defaults say fleetcheck gets in. */
export type FleetAccess = { mode: 'login'; user: string; sudo: boolean } | { mode: 'outside-only' };

/** Whether a host's access differs in kind, user or sudo from the fleet's default: the table says so only then. */
export function differsFromDefault(access: HostAccess, fleetDefault: FleetAccess): boolean {
  if (access.mode !== fleetDefault.mode) return true;
  if (access.mode === 'login' && fleetDefault.mode === 'login') return access.user !== fleetDefault.user || access.sudo !== fleetDefault.sudo;
  return false;
}

/** One line for people: "logged in as audit through sudo with key SHA256:…", "outside only: no login". */
export function describeAccess(access: HostAccess): string {
  if (access.mode === 'outside-only') return 'examined from outside only (ssh.access: none): no login, sshd was only asked about keys';
  const how = `${access.user}${access.sudo ? ' through sudo -n' : ''}`;
  return access.keyFingerprint === null ? `login as ${how} allowed; no login was made in this run` : `logged in as ${how} with key ${access.keyFingerprint}`;
}
