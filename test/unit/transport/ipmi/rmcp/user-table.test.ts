// The user table's replies: ipmi_sim's real ones (ipmitool 1.8.19 running `channel getaccess 1`,
// fixtures/ipmi/captures/admin-getaccess), decrypted with the keys the captured handshake derives
// and read into the rows ipmitool printed; then hostile and refusing replies, which end the read as
// classified errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUITE_3 } from '../../../../../src/transport/ipmi/rmcp/cipher-suite.js';
import { COMMAND, decodeIpmiResponse, NETFN_APP, type IpmiResponse } from '../../../../../src/transport/ipmi/rmcp/ipmi-message.js';
import { additionalKey, sessionIntegrityKey } from '../../../../../src/transport/ipmi/rmcp/rakp-hmac.js';
import { readUserTable } from '../../../../../src/transport/ipmi/rmcp/read-user-table.js';
import { decodePacket, PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import type { RmcpResult } from '../../../../../src/transport/ipmi/rmcp/rmcp-failure.js';
import { decodeSessionPacket, type SessionKeys } from '../../../../../src/transport/ipmi/rmcp/session-packet.js';
import { decodeUserAccess, decodeUserName, privilegeLimitOf } from '../../../../../src/transport/ipmi/rmcp/user-access.js';
import { parseChannelAccess } from '../../../support/ipmitool-channel-access.js';
import { capture, transcriptOf } from './capture-fixture.js';

const CASE = 'admin-getaccess';

/** The capture's in-session IPMI messages, both ways, decrypted with the keys its handshake derives for initPass1. */
function sessionMessages(): Array<{ dir: 'client' | 'bmc'; message: Buffer }> {
  const { t } = transcriptOf(CASE);
  const sik = sessionIntegrityKey(SUITE_3, Buffer.from('initPass1'), t);
  const keys: SessionKeys = { suite: SUITE_3, random: () => Buffer.alloc(16), k1: additionalKey(SUITE_3, sik, 1), aesKey: additionalKey(SUITE_3, sik, 2).subarray(0, 16) };
  const out: Array<{ dir: 'client' | 'bmc'; message: Buffer }> = [];
  for (const { dir, bytes } of capture(CASE)) {
    const packet = decodePacket(bytes);
    if (!packet.ok || packet.value.format !== 'v20' || packet.value.payloadType !== PAYLOAD.ipmi || packet.value.sessionId === 0) continue;
    const plain = decodeSessionPacket(keys, packet.value, bytes, dir === 'client' ? t.bmcSessionId : t.consoleSessionId);
    if (!plain.ok) throw new Error(`${dir} datagram does not verify: ${plain.message}`);
    out.push({ dir, message: plain.value });
  }
  return out;
}

/** A session that answers each request with ipmi_sim's captured reply to the same command and data. */
function capturedSession(): { request: (command: number, data: Buffer, what: string) => Promise<RmcpResult<IpmiResponse>>; asked: string[] } {
  const messages = sessionMessages();
  const asked: string[] = [];
  return {
    asked,
    request: async (command, data) => {
      asked.push(`${command.toString(16)}:${data.toString('hex')}`);
      const at = messages.findIndex((m, i) => m.dir === 'client' && m.message[5] === command && m.message.subarray(6, -1).equals(data) && messages[i + 1]?.dir === 'bmc');
      if (at < 0) throw new Error(`ipmitool never asked command 0x${command.toString(16)} with ${data.toString('hex')}`);
      const reply = messages[at + 1]!.message;
      return decodeIpmiResponse(reply, { netFn: NETFN_APP, command, sequence: messages[at]!.message[4]! >> 2, data });
    },
  };
}

describe("the user table from ipmi_sim's captured replies", () => {
  it('reads every slot ipmitool printed, with the same names, bits, privilege texts and count', async () => {
    const session = capturedSession();
    const read = await readUserTable(session, 1);
    if (!read.ok) throw new Error(read.message);
    const printed = parseChannelAccess(readFileSync(new URL(`../../../../../fixtures/ipmi/captures/${CASE}.cmd`, import.meta.url), 'utf8').split('\n').slice(1).join('\n'));
    expect(printed.rows).toHaveLength(63);
    expect(read.value.rows).toEqual(printed.rows);
    expect(read.value.enabledCount).toBe(printed.enabledCount);
    expect(read.value.rows.slice(0, 5).map((r) => [r.name, r.ipmiMessaging, r.privilegeText])).toEqual([
      ['', false, 'USER'],
      ['ADMIN', true, 'ADMINISTRATOR'],
      ['viewer', true, 'USER'],
      ['root', true, 'ADMINISTRATOR'],
      ['disabled', false, 'ADMINISTRATOR'],
    ]);
    // Slot by slot, access then name, up to the 63 the first answer gave: what ipmitool asked, no more.
    expect(session.asked).toHaveLength(126);
    expect(session.asked.slice(0, 2)).toEqual(['44:0101', '46:01']);
    expect(session.asked.at(-1)).toBe('46:3f');
  });

  it('ipmitool raised the session to administrator before reading, as the native read does', () => {
    const first = sessionMessages().find((m) => m.dir === 'client')!;
    expect([first.message[5], first.message[6]]).toEqual([COMMAND.setSessionPrivilegeLevel, 4]);
  });
});

/** A session answering from a script: `answer` gets the command and the user id asked. */
function scriptedSession(answer: (command: number, id: number) => { code: number; data?: number[] } | 'silent') {
  return {
    request: async (command: number, data: Buffer, what: string): Promise<RmcpResult<IpmiResponse>> => {
      const a = answer(command, data[data.length - 1]!);
      if (a === 'silent') return { ok: false, reason: 'unreachable', kind: 'no-answer', message: `no answer from the BMC to ${what} (2 send(s), 1000 ms each)` };
      return { ok: true, value: { netFn: NETFN_APP + 1, command, sequence: 0, completionCode: a.code, data: Buffer.from(a.data ?? []) } };
    },
  };
}

const ACCESS = (max: number, enabled: number, access: number) => ({ code: 0, data: [max, enabled, 0, access] });
const NAME = (name: string) => ({ code: 0, data: [...Buffer.from(name.padEnd(16, '\0'))] });

describe('readUserTable naming only the slots asked for', () => {
  it('asks Get User Name only for the slots the predicate wants, and leaves the others unnamed', async () => {
    const session = capturedSession();
    const read = await readUserTable(session, 1, (row) => row.ipmiMessaging);
    if (!read.ok) throw new Error(read.message);
    // ipmi_sim's ADMIN, viewer and root have IPMI messaging on; 63 accesses and 3 names.
    expect(session.asked.filter((a) => a.startsWith('46:'))).toEqual(['46:02', '46:03', '46:04']);
    expect(session.asked).toHaveLength(66);
    expect(read.value.rows.filter((r) => r.name !== '').map((r) => [r.id, r.name])).toEqual([[2, 'ADMIN'], [3, 'viewer'], [4, 'root']]);
    // Slot 5 holds 'disabled', which cannot log in and so is not named.
    expect(read.value.rows[4]).toMatchObject({ id: 5, name: '', ipmiMessaging: false });
  });
});

describe('readUserTable on refusing and hostile BMCs', () => {
  it('reads a slot whose name is out of range (0xCC) as unnamed, as ipmitool prints it', async () => {
    const read = await readUserTable(scriptedSession((c, id) => (c === COMMAND.getUserAccess ? ACCESS(2, 0x41, 0x14) : id === 2 ? { code: 0xcc } : NAME('ops'))), 1);
    expect(read).toMatchObject({ ok: true, value: { enabledCount: 1, rows: [{ id: 1, name: 'ops', enableStatus: 'enabled', ipmiMessaging: true, privilege: 'administrator' }, { id: 2, name: '' }] } });
  });

  it('is a privilege error when the session may not read the table (0xD4), and a protocol error for other refusals', async () => {
    expect(await readUserTable(scriptedSession(() => ({ code: 0xd4 })), 1)).toMatchObject({ ok: false, reason: 'privilege', message: 'Get User Access (channel 1, user 1) answered completion code 0xd4' });
    const refusedName = await readUserTable(scriptedSession((c) => (c === COMMAND.getUserAccess ? ACCESS(3, 1, 0x14) : { code: 0xc1 })), 2);
    expect(refusedName).toMatchObject({ ok: false, reason: 'protocol', message: 'Get User Name (user 1) answered completion code 0xc1' });
  });

  it('ends as the BMC\'s silence when it stops answering mid-table, never with a partial table', async () => {
    const read = await readUserTable(scriptedSession((c, id) => (id >= 3 ? 'silent' : c === COMMAND.getUserAccess ? ACCESS(10, 2, 0x14) : NAME('u'))), 1);
    expect(read).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('refuses replies of the wrong length, and a BMC that claims no user ids', async () => {
    expect(await readUserTable(scriptedSession(() => ({ code: 0, data: [63, 1, 0] })), 1)).toMatchObject({ ok: false, reason: 'protocol', message: 'Get User Access (channel 1, user 1): Get User Access answered 3 data bytes, not 4' });
    expect(await readUserTable(scriptedSession((c) => (c === COMMAND.getUserAccess ? ACCESS(1, 1, 0x14) : { code: 0, data: [0x41] })), 1)).toMatchObject({ ok: false, reason: 'protocol', message: 'Get User Name (user 1): Get User Name answered 1 data bytes, not 16' });
    expect(decodeUserAccess(Buffer.from([0xc0, 0, 0, 0]))).toMatchObject({ ok: false, message: 'Get User Access says the BMC has no user ids' });
  });

  it('stops at the first answer\'s count even if later answers claim more slots', async () => {
    let asked = 0;
    const read = await readUserTable(scriptedSession((c, id) => {
      asked++;
      return c === COMMAND.getUserAccess ? ACCESS(id === 1 ? 2 : 63, 0, 0) : NAME('');
    }), 1);
    expect(read.ok && read.value.rows.map((r) => r.id)).toEqual([1, 2]);
    expect(asked).toBe(4);
  });
});

describe('user access fields', () => {
  it('reads the enable status bits and the access byte as ipmitool does', () => {
    expect(decodeUserAccess(Buffer.from([0x3f, 0x85, 0x01, 0x34]))).toEqual({ ok: true, value: { maxUserIds: 63, enabledUserIds: 5, enableStatus: 'disabled', linkAuth: true, ipmiMessaging: true, privilegeLimit: 4 } });
    expect(decodeUserAccess(Buffer.from([0x3f, 0xc0, 0, 0x0f]))).toMatchObject({ ok: true, value: { enableStatus: 'unknown', linkAuth: false, ipmiMessaging: false, privilegeLimit: 15 } });
  });
  it('names the privilege limits ipmitool names, and any other as it prints it', () => {
    expect([1, 2, 3, 4, 5, 15].map((b) => privilegeLimitOf(b).text)).toEqual(['CALLBACK', 'USER', 'OPERATOR', 'ADMINISTRATOR', 'OEM', 'NO ACCESS']);
    expect(privilegeLimitOf(0)).toEqual({ privilege: 'unknown', text: 'Unknown (0x00)' });
    expect(privilegeLimitOf(0x0e)).toEqual({ privilege: 'unknown', text: 'Unknown (0x0e)' });
  });
  it('reads a name up to its first NUL, and all sixteen bytes when there is none', () => {
    expect(decodeUserName(Buffer.from('ops\0junk\0\0\0\0\0\0\0\0'))).toEqual({ ok: true, value: 'ops' });
    expect(decodeUserName(Buffer.from('sixteen-letters!'))).toEqual({ ok: true, value: 'sixteen-letters!' });
  });
});
