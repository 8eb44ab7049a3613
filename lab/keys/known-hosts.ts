// The known_hosts file the scanner checks host keys against: one line per lab host, rebuilt whole.
import { rename, writeFile } from 'node:fs/promises';

/** A host's address, SSH port and public host key line ("ssh-ed25519 AAAA... comment"). */
export interface KnownHost {
  address: string;
  port: number;
  publicKey: string;
}

/** known_hosts text: `address type key`, with `[address]:port` for a port other than 22; comments dropped. */
export function renderKnownHosts(hosts: KnownHost[]): string {
  return hosts
    .map((h) => {
      const [type, blob] = h.publicKey.trim().split(/\s+/);
      const who = h.port === 22 ? h.address : `[${h.address}]:${h.port}`;
      return `${who} ${type ?? ''} ${blob ?? ''}\n`;
    })
    .join('');
}

/** Replaces the file atomically, so a scan running meanwhile reads the old or the new list, never half. */
export async function writeKnownHosts(path: string, hosts: KnownHost[]): Promise<void> {
  await writeFile(`${path}.tmp`, renderKnownHosts(hosts), { mode: 0o644 });
  await rename(`${path}.tmp`, path);
}
