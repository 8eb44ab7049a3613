// fleetcheck's own public keys for one host: the `.pub` beside its identity file (OpenSSH's
// convention) and, when it logs in through the agent, the agent's keys. The private key file
// itself is never opened.
import { describeFileProblem, readBoundedFile } from '../../fs/bounded-file.js';
import type { ParsedKey } from 'ssh2';
import type { Host } from '../../inventory/types.js';
import { agentPublicKeys } from '../../transport/ssh/agent-public-keys.js';
import { offerableKey } from '../../transport/ssh/public-key-line.js';
import { printableLine } from '../../text/sanitize.js';

// A public key line is well under 16 KiB even for RSA 16384.
const MAX_PUBLIC_KEY_BYTES = 16 * 1024;
const AGENT_TIMEOUT_MS = 2_000;

/** The keys found and what kept others from being found; an empty list with no problem cannot happen. */
export interface OwnPublicKeys {
  keys: ParsedKey[];
  problems: string[];
}

async function publicKeyFile(path: string): Promise<ParsedKey | string> {
  // Bounded: the path comes from the inventory, and a FIFO or /dev/zero there must cost nothing.
  const read = await readBoundedFile(path, MAX_PUBLIC_KEY_BYTES);
  if (!read.ok) return `${path} ${describeFileProblem(read.problem)}`;
  const text = read.bytes.toString('utf8');
  const parsed = offerableKey(text.split('\n')[0] ?? '');
  return parsed.ok ? parsed.key : `${path}: ${parsed.why}`;
}

/** Finds fleetcheck's own public keys for `host`; never throws. */
export async function ownPublicKeys(host: Host, env: NodeJS.ProcessEnv = process.env): Promise<OwnPublicKeys> {
  const keys: ParsedKey[] = [];
  const problems: string[] = [];
  if (host.ssh.identity !== undefined) {
    const key = await publicKeyFile(`${host.ssh.identity}.pub`);
    if (typeof key === 'string') problems.push(printableLine(key));
    else keys.push(key);
  }
  const socket = env['SSH_AUTH_SOCK'];
  if (host.ssh.agent && socket) {
    try {
      keys.push(...(await agentPublicKeys(socket, AGENT_TIMEOUT_MS)));
    } catch (error) {
      problems.push(printableLine(error instanceof Error ? error.message : String(error)));
    }
  }
  if (keys.length === 0 && problems.length === 0) problems.push('no identity file and no ssh-agent: fleetcheck has no key of its own to ask about');
  return { keys, problems };
}
