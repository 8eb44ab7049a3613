// The public keys an ssh-agent holds, so an outside probe can ask about fleetcheck's own keys
// when it logs in through the agent. Only the key list is requested: nothing is signed.
import ssh2, { type ParsedKey } from 'ssh2';
import { TransportError } from '../transport-error.js';

/** Lists the agent's public keys at `socketPath`; rejects with a TransportError ('auth' or 'timeout'). */
export function agentPublicKeys(socketPath: string, timeoutMs: number): Promise<ParsedKey[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransportError('timeout', `ssh-agent at ${socketPath} did not list its keys within ${timeoutMs} ms`)), timeoutMs);
    ssh2.createAgent(socketPath).getIdentities((error, keys) => {
      clearTimeout(timer);
      if (error) return reject(new TransportError('auth', `ssh-agent at ${socketPath} cannot be read: ${error.message}`, { cause: error }));
      resolve((keys ?? []).filter((k): k is ParsedKey => typeof k === 'object' && k !== null && 'getPublicSSH' in k));
    });
  });
}
