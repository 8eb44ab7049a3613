// The decoders and RAKP codes against ipmitool 1.8.19 talking to ipmi_sim, datagram by datagram
// (fixtures/ipmi/captures, capture.sh). The BMC's RAKP 2 code is keyed with the password the BMC
// holds, so it confirms that one whatever the client typed, and nothing else.
import { describe, expect, it } from 'vitest';
import { decodeAuthCapabilities } from '../../../../../src/transport/ipmi/rmcp/auth-capabilities.js';
import { SUITE_0, SUITE_3, SUITE_17 } from '../../../../../src/transport/ipmi/rmcp/cipher-suite.js';
import { COMMAND, decodeIpmiResponse, NETFN_APP } from '../../../../../src/transport/ipmi/rmcp/ipmi-message.js';
import { decodeOpenSession } from '../../../../../src/transport/ipmi/rmcp/open-session.js';
import { additionalKey, rakp2Code, rakp3Code, rakp4Code, sessionIntegrityKey } from '../../../../../src/transport/ipmi/rmcp/rakp-hmac.js';
import { decodeRakp2, decodeRakp4 } from '../../../../../src/transport/ipmi/rmcp/rakp-messages.js';
import { decodePacket, PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { decodeSessionPacket, type SessionKeys } from '../../../../../src/transport/ipmi/rmcp/session-packet.js';
import { capture, payloadOf, payloadTypeOf, transcriptOf } from './capture-fixture.js';

const CASES = ['admin-session', 'user-session', 'wrong-password', 'unknown-user', 'null-user-refused', 'cipher0-random', 'suite17-refused', 'null-user-session'];

describe('captured RMCP+ conversations', () => {
  it.each(CASES)('%s: every datagram decodes', (name) => {
    for (const { bytes } of capture(name)) expect(decodePacket(bytes).ok).toBe(true);
  });

  it('reads Get Channel Authentication Capabilities: null user and anonymous login off, then on', () => {
    const request = { netFn: NETFN_APP, command: COMMAND.getChannelAuthCapabilities, sequence: 0, data: Buffer.alloc(0) };
    const caps = (name: string) => {
      const packet = decodePacket(capture(name)[1]!.bytes);
      if (!packet.ok) throw new Error(packet.message);
      const response = decodeIpmiResponse(packet.value.payload, request);
      if (!response.ok) throw new Error(response.message);
      expect(response.value.completionCode).toBe(0);
      const decoded = decodeAuthCapabilities(response.value.data, 1);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.value;
    };
    expect(caps('admin-session')).toMatchObject({ channel: 1, ipmi20: true, nullUserNames: false, anonymousLogin: false, nonNullUserNames: true, authTypes: { none: true, md5: true, straight: true } });
    expect(caps('null-user-session')).toMatchObject({ channel: 1, ipmi20: true, anonymousLogin: true });
  });

  it('confirms the BMC-held password from RAKP 2 and rejects every other', () => {
    const admin = transcriptOf('admin-session');
    const wrong = transcriptOf('wrong-password');
    for (const { t, rakp2 } of [admin, wrong]) {
      const decoded = decodeRakp2(rakp2, rakp2[0]!, t.consoleSessionId, SUITE_3);
      if (!decoded.ok || !decoded.value.accepted) throw new Error('RAKP 2 did not decode as accepted');
      expect(rakp2Code(SUITE_3, Buffer.from('initPass1'), t).equals(decoded.value.code)).toBe(true);
      for (const candidate of ['notThePassword', '', 'initPass', 'initPass1 ', 'ADMIN']) {
        expect(rakp2Code(SUITE_3, Buffer.from(candidate), t).equals(decoded.value.code)).toBe(false);
      }
    }
    // ipmitool found the code wrong for the password it was given and sent no RAKP 3.
    expect(wrong.rakp3).toBeUndefined();
  });

  it("computes ipmitool's RAKP 3 and verifies ipmi_sim's RAKP 4", () => {
    for (const [name, password] of [['admin-session', 'initPass1'], ['user-session', 'viewPass2'], ['null-user-session', '']] as const) {
      const { t, rakp3, rakp4 } = transcriptOf(name);
      expect(rakp3Code(SUITE_3, Buffer.from(password), t).equals(rakp3!.subarray(8))).toBe(true);
      const sik = sessionIntegrityKey(SUITE_3, Buffer.from(password), t);
      const decoded = decodeRakp4(rakp4!, rakp4![0]!, t.consoleSessionId, SUITE_3);
      if (!decoded.ok) throw new Error(decoded.message);
      expect(decoded.value.status).toBe(0);
      expect(rakp4Code(SUITE_3, sik, t).equals(decoded.value.code)).toBe(true);
    }
  });

  it("decrypts and verifies both sides of ipmitool's Close Session with the derived keys", () => {
    const { t } = transcriptOf('admin-session');
    const sik = sessionIntegrityKey(SUITE_3, Buffer.from('initPass1'), t);
    const keys: SessionKeys = { suite: SUITE_3, random: () => Buffer.alloc(16), k1: additionalKey(SUITE_3, sik, 1), aesKey: additionalKey(SUITE_3, sik, 2).subarray(0, 16) };
    const all = capture('admin-session');
    const [request, reply] = [all[all.length - 2]!.bytes, all[all.length - 1]!.bytes];
    const sent = decodePacket(request);
    if (!sent.ok) throw new Error(sent.message);
    const plainRequest = decodeSessionPacket(keys, sent.value, request, t.bmcSessionId);
    if (!plainRequest.ok) throw new Error(plainRequest.message);
    expect(plainRequest.value[5]).toBe(COMMAND.closeSession);
    expect(plainRequest.value.readUInt32LE(6)).toBe(t.bmcSessionId);
    const got = decodePacket(reply);
    if (!got.ok) throw new Error(got.message);
    const plainReply = decodeSessionPacket(keys, got.value, reply, t.consoleSessionId);
    if (!plainReply.ok) throw new Error(plainReply.message);
    const response = decodeIpmiResponse(plainReply.value, { netFn: NETFN_APP, command: COMMAND.closeSession, sequence: plainRequest.value[4]! >> 2, data: Buffer.alloc(0) });
    expect(response.ok && response.value.completionCode).toBe(0);
    // One flipped bit anywhere in the covered bytes and the integrity code no longer verifies.
    const tampered = Buffer.from(reply);
    tampered[20] = tampered[20]! ^ 0x01;
    const bad = decodePacket(tampered);
    expect(bad.ok && decodeSessionPacket(keys, bad.value, tampered, t.consoleSessionId)).toMatchObject({ ok: false, reason: 'protocol' });
  });

  it('reads RAKP 2 "unauthorized name" for an unknown user', () => {
    const d = capture('unknown-user').map((x) => x.bytes);
    const open = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.openSessionResponse)!);
    const r2 = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.rakp2)!);
    expect(decodeRakp2(r2, r2[0]!, open.readUInt32LE(4), SUITE_3)).toEqual({ ok: true, value: { accepted: false, status: 0x0d } });
    expect(d.some((x) => payloadTypeOf(x) === PAYLOAD.rakp3)).toBe(false);
  });

  it("reads ipmi_sim's two-byte refusal of cipher suite 17", () => {
    const d = capture('suite17-refused').map((x) => x.bytes);
    const request = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.openSessionRequest)!);
    const response = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.openSessionResponse)!);
    expect(decodeOpenSession(response, request[0]!, request.readUInt32LE(4), SUITE_17)).toEqual({ ok: true, value: { accepted: false, status: 0x04 } });
  });

  it('decodes a suite-0 handshake: no codes at all, and RAKP 4 of 8 bytes', () => {
    const d = capture('cipher0-random').map((x) => x.bytes);
    const request = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.openSessionRequest)!);
    const response = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.openSessionResponse)!);
    expect(decodeOpenSession(response, request[0]!, request.readUInt32LE(4), SUITE_0)).toMatchObject({ ok: true, value: { accepted: true, auth: 0, integrity: 0, confidentiality: 0 } });
    const r2 = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.rakp2)!);
    expect(decodeRakp2(r2, r2[0]!, request.readUInt32LE(4), SUITE_0)).toMatchObject({ ok: true, value: { accepted: true, code: Buffer.alloc(0) } });
    const r4 = payloadOf(d.find((x) => payloadTypeOf(x) === PAYLOAD.rakp4)!);
    expect(decodeRakp4(r4, r4[0]!, request.readUInt32LE(4), SUITE_0)).toMatchObject({ ok: true, value: { status: 0 } });
  });
});
