// The Redfish transport against real simulator processes (fixtures/redfish-sim) on 127.14.0.2x,
// ports picked by the kernel, plus a silent TCP peer for the handshake deadline.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedfishSim, type RedfishSim } from '../../../../fixtures/redfish-sim/start.js';
import { Secret } from '../../../../src/model/secret.js';
import { isSuccess, openRedfish, withRedfish, type RedfishEndpoint } from '../../../../src/transport/redfish/redfish-session.js';

const ADMIN = { user: 'root', password: new Secret('initPass1-rf') };
const BIOS_PASSWORD = 'biosPass1-rf';

function config(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'bmc-transport-test',
    accounts: [
      { id: '1', userName: 'root', password: 'initPass1-rf', roleId: 'Administrator' },
      { id: '2', userName: 'viewer', password: 'viewPass2-rf', roleId: 'ReadOnly' },
    ],
    bios: { adminPassword: BIOS_PASSWORD },
    faults: { stall: ['/redfish/v1/Stall'], endless: ['/redfish/v1/Endless'] },
    ...extra,
  };
}

let sessionsBmc: RedfishSim;
let basicBmc: RedfishSim;
let silent: Server;
let silentPort = 0;
const silentSockets = new Set<Socket>();
/** Connections to the silent peer that the client closed, counted as the peer saw them. */
let silentClosedByClient = 0;
let silentStopping = false;

const endpoint = (sim: RedfishSim, over: Partial<RedfishEndpoint> = {}): RedfishEndpoint => ({
  host: 'rf-test',
  address: sim.address,
  port: sim.port,
  trust: { kind: 'pinned', sha256: sim.fingerprint },
  timeoutMs: 3000,
  ...over,
});

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'fc-redfish-transport-'));
  [sessionsBmc, basicBmc] = await Promise.all([
    startRedfishSim({ address: '127.14.0.21', stateDir: join(root, 'sessions'), config: config() }),
    startRedfishSim({ address: '127.14.0.22', stateDir: join(root, 'basic'), config: config({ sessions: false }) }),
  ]);
  // Accepts TCP and never says a word: no TLS handshake ever completes.
  silent = createServer((socket) => {
    silentSockets.add(socket);
    // Reads and drops the ClientHello, so the client's closing reaches 'close'.
    socket.resume();
    socket.on('error', () => {});
    socket.on('close', () => {
      silentSockets.delete(socket);
      if (!silentStopping) silentClosedByClient++;
    });
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.14.0.23', resolve));
  silentPort = (silent.address() as { port: number }).port;
}, 30_000);

afterAll(async () => {
  silentStopping = true;
  for (const socket of silentSockets) socket.destroy();
  silent?.close();
  await Promise.all([sessionsBmc?.stop(), basicBmc?.stop()]);
});

describe('TLS trust', () => {
  it('accepts the pinned certificate and reports what was presented', async () => {
    const opened = await openRedfish(endpoint(sessionsBmc), ADMIN);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.session.tls).toEqual({ trust: 'pinned', presented: sessionsBmc.fingerprint });
    expect((await opened.session.close()).ok).toBe(true);
  });

  it('refuses another certificate before sending anything, naming both fingerprints', async () => {
    const before = sessionsBmc.accessLog().length;
    const opened = await openRedfish(endpoint(sessionsBmc, { trust: { kind: 'pinned', sha256: basicBmc.fingerprint } }), ADMIN);
    expect(opened).toMatchObject({ ok: false, reason: 'certificate-mismatch' });
    if (opened.ok) return;
    expect(opened.message).toContain(`presented SHA-256 ${sessionsBmc.fingerprint}`);
    expect(opened.message).toContain(`pins ${basicBmc.fingerprint}`);
    expect(opened.tls.presented).toBe(sessionsBmc.fingerprint);
    // Not one HTTP request reached the BMC, so no credential did either.
    expect(sessionsBmc.accessLog().length).toBe(before);
  });

  it('accepts a certificate that verifies against the CA file, and refuses one that does not', async () => {
    const good = await withRedfish(endpoint(sessionsBmc, { trust: { kind: 'ca', caFile: sessionsBmc.certFile } }), ADMIN, async (s) => (await s.get('/redfish/v1/Systems')).ok);
    expect(good).toMatchObject({ ok: true, value: true, tls: { trust: 'ca' } });
    const bad = await openRedfish(endpoint(sessionsBmc, { trust: { kind: 'ca', caFile: basicBmc.certFile } }), ADMIN);
    expect(bad).toMatchObject({ ok: false, reason: 'certificate-mismatch' });
    const missing = await openRedfish(endpoint(sessionsBmc, { trust: { kind: 'ca', caFile: '/nonexistent/ca.pem' } }), ADMIN);
    expect(missing).toMatchObject({ ok: false, reason: 'certificate-mismatch' });
  });

  it('connects without checks only when told insecure, and says so', async () => {
    const result = await withRedfish(endpoint(sessionsBmc, { trust: { kind: 'insecure' } }), ADMIN, async () => 'done');
    expect(result).toMatchObject({ ok: true, tls: { trust: 'insecure', presented: sessionsBmc.fingerprint } });
  });
});

describe('login and logout', () => {
  it('logs in through the SessionService and always logs out', async () => {
    const before = sessionsBmc.stats();
    const result = await withRedfish(endpoint(sessionsBmc), ADMIN, async (session) => {
      expect(session.auth).toBe('session');
      const sessions = await session.get('/redfish/v1/SessionService/Sessions');
      const accounts = await session.get('/redfish/v1/AccountService/Accounts');
      return { sessions, accounts };
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.logout).toEqual({ ok: true });
    expect(result.value.sessions).toMatchObject({ ok: true, status: 200, json: { 'Members@odata.count': 1 } });
    expect(result.value.accounts).toMatchObject({ ok: true, status: 200, json: { 'Members@odata.count': 2 } });
    const after = sessionsBmc.stats();
    expect(after.sessionsCreated - before.sessionsCreated).toBe(1);
    expect(after.sessionsDeleted - before.sessionsDeleted).toBe(1);
    expect(after.sessionsOpen).toBe(0);
  });

  it('falls back to basic authentication when the BMC has no SessionService', async () => {
    const before = basicBmc.stats();
    const result = await withRedfish(endpoint(basicBmc), ADMIN, async (session) => ({ auth: session.auth, bios: await session.get('/redfish/v1/Systems/1/Bios') }));
    expect(result).toMatchObject({ ok: true, value: { auth: 'basic', bios: { ok: true, status: 200 } } });
    const after = basicBmc.stats();
    expect(after.sessionsCreated).toBe(0);
    expect(after.basicAuthRequests - before.basicAuthRequests).toBe(2);
  });

  it('reports a wrong password as auth, tried once, with no basic retry and nothing of the password', async () => {
    const before = sessionsBmc.stats();
    const wrong = { user: 'root', password: new Secret('not-the-password') };
    const opened = await openRedfish(endpoint(sessionsBmc), wrong);
    expect(opened).toMatchObject({ ok: false, reason: 'auth', status: 401 });
    if (opened.ok) return;
    expect(opened.message).not.toContain('not-the-password');
    const after = sessionsBmc.stats();
    expect(after.loginFailures - before.loginFailures).toBe(1);
    expect(after.basicAuthRequests).toBe(before.basicAuthRequests);
    const basic = await openRedfish(endpoint(basicBmc), wrong);
    expect(basic).toMatchObject({ ok: false, reason: 'auth', status: 401 });
  });

  it('holds at most one session per BMC at a time', async () => {
    const before = sessionsBmc.stats();
    const use = async () => withRedfish(endpoint(sessionsBmc), ADMIN, async (s) => (await s.get('/redfish/v1/Systems')).ok);
    const results = await Promise.all([use(), use(), use()]);
    expect(results.every((r) => r.ok)).toBe(true);
    const after = sessionsBmc.stats();
    expect(after.sessionsCreated - before.sessionsCreated).toBe(3);
    expect(after.maxConcurrentSessions).toBe(1);
    expect(after.sessionsOpen).toBe(0);
  });
});

describe('deadlines and caps', () => {
  it('gives up on a request the BMC never answers, and still logs out', async () => {
    const result = await withRedfish(endpoint(sessionsBmc, { timeoutMs: 400 }), ADMIN, async (s) => s.get('/redfish/v1/Stall'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.logout).toEqual({ ok: true });
    expect(sessionsBmc.stats().sessionsOpen).toBe(0);
  });

  it('gives up on a peer that accepts TCP and never starts TLS', async () => {
    // The peer never answers nor closes: only the deadline can end this, and it closes the connection.
    const opened = await openRedfish({ host: 'silent', address: '127.14.0.23', port: silentPort, trust: { kind: 'insecure' }, timeoutMs: 300 }, ADMIN);
    expect(opened).toMatchObject({ ok: false, reason: 'timeout' });
    await vi.waitFor(() => expect(silentClosedByClient).toBe(1), { timeout: 10_000 });
    expect(silentSockets.size).toBe(0);
  });

  it('reports a closed port as unreachable', async () => {
    const opened = await openRedfish({ host: 'nothing', address: '127.14.0.24', port: 9, trust: { kind: 'insecure' }, timeoutMs: 1000 }, ADMIN);
    expect(opened).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('stops reading an endless answer at the cap', async () => {
    const result = await withRedfish(endpoint(sessionsBmc, { maxResponseBytes: 64 * 1024 }), ADMIN, async (s) => s.get('/redfish/v1/Endless'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ ok: false, reason: 'output-limit', status: 200 });
    expect(result.logout).toEqual({ ok: true });
  });

  it('refuses an answer whose Content-Length is above the cap', async () => {
    // The ServiceRoot is about a kilobyte.
    const opened = await openRedfish(endpoint(sessionsBmc, { maxResponseBytes: 200 }), ADMIN);
    expect(opened).toMatchObject({ ok: false, reason: 'output-limit', status: 200 });
    if (opened.ok) return;
    expect(opened.message).toMatch(/announced \d+ bytes; the cap is 200/);
  });

  it('ends waiting and in-flight work with interrupted when the run is cancelled, and logs out', async () => {
    const controller = new AbortController();
    const opened = await openRedfish(endpoint(sessionsBmc), ADMIN, { signal: controller.signal });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const waiting = openRedfish(endpoint(sessionsBmc), ADMIN, { signal: controller.signal });
    const stalled = opened.session.get('/redfish/v1/Stall');
    setTimeout(() => controller.abort(), 100);
    expect(await stalled).toMatchObject({ ok: false, reason: 'interrupted' });
    expect(await waiting).toMatchObject({ ok: false, reason: 'interrupted' });
    expect(await opened.session.close()).toEqual({ ok: true });
    expect(sessionsBmc.stats().sessionsOpen).toBe(0);
  });
});

describe('requests', () => {
  it('sends Secret values in a body and keeps them out of every answer', async () => {
    const wrongOld = new Secret('wrong-bios-password');
    const result = await withRedfish(endpoint(sessionsBmc), ADMIN, async (s) => {
      const target = '/redfish/v1/Systems/1/Bios/Actions/Bios.ChangePassword';
      const refused = await s.post(target, { PasswordName: 'AdminPassword', OldPassword: wrongOld, NewPassword: wrongOld });
      const same = new Secret(BIOS_PASSWORD);
      const accepted = await s.post(target, { PasswordName: 'AdminPassword', OldPassword: same, NewPassword: same });
      return { refused, accepted };
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { refused, accepted } = result.value;
    expect(refused).toMatchObject({ ok: true, status: 400 });
    if (!refused.ok) return;
    expect(isSuccess(refused)).toBe(false);
    expect(refused.messages[0]).toMatchObject({ id: 'Base.1.12.ActionParameterValueError', args: ['OldPassword', 'Bios.ChangePassword'] });
    expect(isSuccess(accepted)).toBe(true);
    expect(JSON.stringify(result)).not.toContain('wrong-bios-password');
    // The simulator's state holds hashes only.
    const state = readFileSync(join(sessionsBmc.stateDir, 'state.json'), 'utf8');
    expect(state).not.toContain(BIOS_PASSWORD);
    expect(state).not.toContain('initPass1-rf');
  });

  it('keeps the password and the Basic token out of a message that quotes the path asked for', async () => {
    const token = Buffer.from(`${ADMIN.user}:${ADMIN.password.reveal()}`, 'utf8').toString('base64');
    const result = await withRedfish(endpoint(basicBmc), ADMIN, async (s) => [
      await s.get(`/elsewhere/${token}`),
      await s.get(`/elsewhere?password=${encodeURIComponent(ADMIN.password.reveal())}`),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.auth).toBe('basic');
    for (const reply of result.value) {
      expect(reply).toMatchObject({ ok: false, reason: 'protocol', message: expect.stringContaining('refusing to request a path outside /redfish') });
      if (reply.ok) continue;
      expect(reply.message).toContain('[secret]');
      expect(reply.message).not.toContain(token);
      expect(reply.message).not.toContain(ADMIN.password.reveal());
    }
  });

  it('refuses to follow a link off the BMC or out of /redfish', async () => {
    const result = await withRedfish(endpoint(sessionsBmc), ADMIN, async (s) => [
      await s.get('https://198.51.100.7/redfish/v1/'),
      await s.get('/redfish/v1/../../etc/passwd'),
      await s.get('/other'),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const reply of result.value) expect(reply).toMatchObject({ ok: false, reason: 'protocol' });
  });

  it('returns HTTP errors as answers with their parsed messages', async () => {
    const result = await withRedfish(endpoint(sessionsBmc), ADMIN, async (s) => s.get('/redfish/v1/NoSuchThing'));
    expect(result).toMatchObject({
      ok: true,
      value: { ok: true, status: 404, messages: [{ id: 'Base.1.12.ResourceMissingAtURI', args: ['/redfish/v1/NoSuchThing'] }] },
    });
  });
});

describe('the simulator under garbage', () => {
  it('answers malformed, oversized and hostile requests with Redfish errors and keeps serving', async () => {
    const { request } = await import('node:https');
    const { connect } = await import('node:net');
    const send = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ host: sessionsBmc.address, port: sessionsBmc.port, method, path, rejectUnauthorized: false, headers: { authorization: `Basic ${Buffer.from('root:initPass1-rf').toString('base64')}`, ...headers } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    // Plain-text garbage where TLS is expected.
    await new Promise<void>((resolve) => {
      const socket = connect(sessionsBmc.port, sessionsBmc.address, () => socket.end('GET / HTTP/1.0\r\n\r\n\u0000\u0001garbage'));
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    expect((await send('POST', '/redfish/v1/AccountService/Accounts', '{not json', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await send('POST', '/redfish/v1/SessionService/Sessions', Buffer.alloc(200_000, 0x7b), { 'content-type': 'application/json' })).status).toBe(413);
    expect((await send('PATCH', '/redfish/v1/AccountService/Accounts/1', '[1,2]', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await send('GET', '/redfish/v1/%zz')).status).toBe(400);
    expect((await send('GET', '/redfish/v1/../../etc/passwd')).status).toBe(400);
    const put = await send('PUT', '/redfish/v1/Systems');
    expect(put.status).toBe(405);
    expect(JSON.parse(put.text)).toMatchObject({ error: { '@Message.ExtendedInfo': [{ MessageId: 'Base.1.12.OperationNotAllowed' }] } });
    expect((await send('GET', '/redfish/v1/')).status).toBe(200);
    expect(sessionsBmc.stderr()).toBe('');
  });
});
