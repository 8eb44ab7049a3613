// Pins, against the lab's real OpenSSH sshd, the ssh2 behaviour the outside key probe relies on.
// It uses ssh2 internals, not a public API: that ssh2 offers an agent's key without a signature and
// calls the agent's sign() only after SSH_MSG_USERAUTH_PK_OK; that refusing to sign sends nothing
// and lets ssh2 go on with the next method; and sshd's side: PK_OK is not counted against
// MaxAuthTries, the refusal that reaches it ends the connection, and nothing logs in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedKey } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { queryKeys, type KeyQueryTarget } from '../../src/transport/ssh/key-query-connection.js';
import { offerableKey } from '../../src/transport/ssh/public-key-line.js';
import { REPO } from './support/run-cli.js';
import { ssh2KeyPair } from '../support/ssh2-key-pair.js';

const keyFile = (rel: string): ParsedKey => {
  const parsed = offerableKey(readFileSync(join(REPO, rel), 'utf8'));
  if (!parsed.ok) throw new Error(`${rel}: ${parsed.why}`);
  return parsed.key;
};
const OPS = keyFile('fixtures/lab/keys/provider-ops.pub');
const INSTALL = keyFile('fixtures/lab/keys/provider-install.pub');
const SCANNER = keyFile('.lab/keys/scanner_ed25519.pub');

/** Public keys nobody installed anywhere: each one a refusal. */
function strangers(n: number): ParsedKey[] {
  return Array.from({ length: n }, () => ssh2KeyPair().parsed);
}

const target = (host: string, address: string): KeyQueryTarget => ({ host, address, port: 22, knownHosts: join(REPO, '.lab/known_hosts'), timeoutMs: 10_000 });
const sshdLog = (host: string): string => readFileSync(join(REPO, '.lab/hosts', host, 'log'), 'utf8');
/** sshd's log lines about the connection from `port` (sshd names the client's port in each). */
const linesOf = (host: string, port: number | undefined): string[] => sshdLog(host).split('\n').filter((l) => port !== undefined && l.includes(` port ${port}`));

/** sshd writes its disconnect line a moment after the client has gone. */
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

describe('the key query against the real sshd', () => {
  it('reads PK_OK for a key root accepts and a refusal for one it does not, and logs in nowhere', async () => {
    const result = await queryKeys(target('a3-02', '127.10.3.2'), 'root', [strangers(1)[0]!, OPS, INSTALL]);
    expect(result.ended).toBeUndefined();
    expect(result.answers).toEqual(['refused', 'accepted', 'refused']);
    expect(result.sourceAddress).toBe('127.0.0.1');
    // The banner's software, read from an ssh2 internal: Debian 12's OpenSSH has no PerSourcePenalties.
    expect(result.serverSoftware).toMatch(/^OpenSSH_9\.2/);
    // The yes was sshd's PK_OK; no signature went back, so sshd logged no login, only a pre-auth disconnect.
    await settled();
    const lines = linesOf('a3-02', result.sourcePort);
    expect(lines.some((l) => /authenticating user root .*\[preauth\]/.test(l))).toBe(true);
    expect(lines.filter((l) => /^Accepted /.test(l))).toEqual([]);
  });

  it('does not count PK_OK against MaxAuthTries, and is cut off at the sixth refusal (sshd default 6)', async () => {
    const [a, b, c, d, e, f] = strangers(6);
    const result = await queryKeys(target('a3-02', '127.10.3.2'), 'root', [a!, b!, c!, d!, e!, OPS, f!]);
    expect(result.answers).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'accepted']);
    expect(result.ended).toBeDefined();
    expect(result.ended!.message).toMatch(/peer disconnected during authentication: Too many authentication failures/);
    await settled();
    expect(linesOf('a3-02', result.sourcePort).join('\n')).toMatch(/maximum authentication attempts exceeded for root/);
  });

  it('reads a key restricted with from= to another network as refused from the scanner, as sshd logs it', async () => {
    const result = await queryKeys(target('d4-02', '127.10.4.2'), 'webadmin', [INSTALL]);
    expect(result.answers).toEqual(['refused']);
    expect(sshdLog('d4-02')).toMatch(/Authentication tried for webadmin with correct key but not from a permitted host/);
  });

  it('asks about a user that does not exist like any other: refused', async () => {
    const result = await queryKeys(target('a3-01', '127.10.3.1'), 'nosuchuser', [SCANNER]);
    expect(result.answers).toEqual(['refused']);
  });

  it('gets PK_OK for the scanner key where it is installed, without logging in', async () => {
    const result = await queryKeys(target('a3-01', '127.10.3.1'), 'root', [SCANNER]);
    expect(result.answers).toEqual(['accepted']);
    await settled();
    const lines = linesOf('a3-01', result.sourcePort);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => /^Accepted /.test(l))).toEqual([]);
  });
});
