// Requests inside an open session, against replies made with the session's own keys: a late answer
// to an earlier request is ignored, and Set Session Privilege Level's refusals and short grants are
// classified, never taken as the level asked for.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SUITE_3 } from '../../../../../src/transport/ipmi/rmcp/cipher-suite.js';
import { BMC_ADDRESS, COMMAND, CONSOLE_SWID, NETFN_APP } from '../../../../../src/transport/ipmi/rmcp/ipmi-message.js';
import type { RmcpConnection } from '../../../../../src/transport/ipmi/rmcp/rmcp-connection.js';
import { rmcpFailure, type RmcpResult } from '../../../../../src/transport/ipmi/rmcp/rmcp-failure.js';
import { RmcpSession } from '../../../../../src/transport/ipmi/rmcp/rmcp-handshake.js';
import { encodeSessionPacket, type SessionKeys } from '../../../../../src/transport/ipmi/rmcp/session-packet.js';
import type { ReplyVerdict } from '../../../../../src/transport/ipmi/rmcp/udp-exchange.js';

const CONSOLE_ID = 0x0a0b0c0d;
const BMC_ID = 0x01020304;
const keys: SessionKeys = { suite: SUITE_3, random: (n) => randomBytes(n), k1: randomBytes(20), aesKey: randomBytes(16) };

const checksum = (bytes: number[]): number => (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;

/** The BMC's answer to `command` with IPMI sequence `sequence`, sealed with the session's keys. */
function reply(command: number, sequence: number, completionCode: number, data: number[] = []): Buffer {
  const head = [CONSOLE_SWID, ((NETFN_APP + 1) << 2) & 0xfc];
  const body = [BMC_ADDRESS, (sequence << 2) & 0xfc, command, completionCode, ...data];
  const message = Buffer.from([...head, checksum(head), ...body, checksum(body)]);
  return encodeSessionPacket(keys, CONSOLE_ID, 1, message);
}

/** A connection whose BMC answers each request with `answers(n)`, the datagrams the n-th request gets, in order. */
function connection(answers: (n: number) => Buffer[]): { connection: RmcpConnection; asked: number } {
  const state = { asked: 0 };
  const fake = {
    inSession: async <T>(_datagram: Buffer, accept: (d: Buffer) => ReplyVerdict<T>, what: string): Promise<RmcpResult<T>> => {
      for (const d of answers(++state.asked)) {
        const verdict = accept(d);
        if (verdict.ok !== 'stale') return verdict;
      }
      return rmcpFailure('unreachable', 'no-answer', `no answer from the BMC to ${what}`);
    },
  };
  return { connection: fake as unknown as RmcpConnection, get asked() { return state.asked; } };
}

describe('requests in an open session', () => {
  it('ignores a late answer to the previous request and takes the one to this request', async () => {
    // Request 1 is Set Session Privilege Level (sequence 1); request 2 is Get User Name (sequence 2),
    // whose first datagram is a late duplicate answer to request 1.
    const c = connection((n) => (n === 1 ? [reply(COMMAND.setSessionPrivilegeLevel, 1, 0, [4])] : [reply(COMMAND.setSessionPrivilegeLevel, 1, 0, [4]), reply(COMMAND.getUserName, 2, 0, [...Buffer.from('ops'.padEnd(16, '\0'))])]));
    const session = new RmcpSession(c.connection, keys, CONSOLE_ID, BMC_ID);
    expect(await session.raisePrivilege('administrator')).toEqual({ ok: true, value: undefined });
    const name = await session.request(COMMAND.getUserName, Buffer.from([2]), 'Get User Name (user 2)');
    expect(name).toMatchObject({ ok: true, value: { command: COMMAND.getUserName, completionCode: 0 } });
  });

  it('refuses a reply of this sequence that answers another command, and one whose integrity code fails', async () => {
    const wrong = connection(() => [reply(COMMAND.getUserAccess, 1, 0, [63, 1, 0, 0x14])]);
    expect(await new RmcpSession(wrong.connection, keys, CONSOLE_ID, BMC_ID).request(COMMAND.getUserName, Buffer.from([1]), 'Get User Name (user 1)')).toMatchObject({ ok: false, reason: 'protocol' });
    const tampered = reply(COMMAND.getUserName, 1, 0, [...Buffer.alloc(16)]);
    tampered[tampered.length - 1]! ^= 0x01;
    const forged = connection(() => [tampered]);
    expect(await new RmcpSession(forged.connection, keys, CONSOLE_ID, BMC_ID).request(COMMAND.getUserName, Buffer.from([1]), 'Get User Name (user 1)')).toMatchObject({ ok: false, reason: 'protocol', message: expect.stringMatching(/integrity code does not verify/) });
  });

  it("classifies Set Session Privilege Level's refusals and a lower grant as 'privilege', never as the level asked", async () => {
    for (const code of [0x80, 0x81, 0xd4]) {
      const c = connection(() => [reply(COMMAND.setSessionPrivilegeLevel, 1, code)]);
      expect(await new RmcpSession(c.connection, keys, CONSOLE_ID, BMC_ID).raisePrivilege('administrator')).toMatchObject({ ok: false, reason: 'privilege', status: code });
    }
    const lower = connection(() => [reply(COMMAND.setSessionPrivilegeLevel, 1, 0, [3])]);
    expect(await new RmcpSession(lower.connection, keys, CONSOLE_ID, BMC_ID).raisePrivilege('administrator')).toMatchObject({ ok: false, reason: 'privilege', message: 'Set Session Privilege Level to administrator left the session at level 3' });
    const empty = connection(() => [reply(COMMAND.setSessionPrivilegeLevel, 1, 0)]);
    expect(await new RmcpSession(empty.connection, keys, CONSOLE_ID, BMC_ID).raisePrivilege('administrator')).toMatchObject({ ok: false, reason: 'protocol' });
    const other = connection(() => [reply(COMMAND.setSessionPrivilegeLevel, 1, 0xc1)]);
    expect(await new RmcpSession(other.connection, keys, CONSOLE_ID, BMC_ID).raisePrivilege('administrator')).toMatchObject({ ok: false, reason: 'protocol' });
  });

  it('asks nothing more once the session is closed', async () => {
    const c = connection(() => [reply(COMMAND.closeSession, 1, 0)]);
    const session = new RmcpSession(c.connection, keys, CONSOLE_ID, BMC_ID);
    expect(await session.close()).toEqual({ ok: true, value: undefined });
    expect(await session.request(COMMAND.getUserName, Buffer.from([1]), 'Get User Name (user 1)')).toMatchObject({ ok: false, reason: 'protocol', message: 'Get User Name (user 1): the session is closed' });
    expect(c.asked).toBe(1);
  });
});
