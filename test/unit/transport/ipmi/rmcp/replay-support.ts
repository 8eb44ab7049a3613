// Plays a captured ipmi_sim's side of a conversation back to the native client: each request is
// answered with the capture's reply of the matching payload type, fitted to our message tag, and
// the client's random numbers are the ones ipmitool used, so its RAKP codes are ipmi_sim's.
import { RmcpConnection } from '../../../../../src/transport/ipmi/rmcp/rmcp-connection.js';
import { PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { capture, payloadOf, payloadTypeOf } from './capture-fixture.js';
import { scriptedBmc, withTag, type ScriptedBmc } from './scripted-bmc.js';

const REPLY_TO: Record<number, number> = { [PAYLOAD.openSessionRequest]: PAYLOAD.openSessionResponse, [PAYLOAD.rakp1]: PAYLOAD.rakp2, [PAYLOAD.rakp3]: PAYLOAD.rakp4 };

/** A random source that yields `chunks` in order, then fails the test loudly. */
export function replayRandom(chunks: Buffer[]): (size: number) => Buffer {
  const queue = [...chunks];
  return (size) => {
    const next = queue.shift();
    if (!next || next.length !== size) throw new Error(`replayed random source asked for ${size} bytes, has ${next?.length ?? 'nothing'}`);
    return Buffer.from(next);
  };
}

/** The capture's client datagrams and a peer that answers like its BMC did. */
export async function replayCapture(name: string): Promise<{ peer: ScriptedBmc; ipmitoolSent: Buffer[]; random: (size: number) => Buffer }> {
  const all = capture(name).map((d) => d.bytes);
  const replies = all.filter((d) => payloadTypeOf(d) >= PAYLOAD.openSessionResponse && payloadTypeOf(d) <= PAYLOAD.rakp4);
  const peer = await scriptedBmc((datagram) => {
    const want = REPLY_TO[payloadTypeOf(datagram)];
    const reply = replies.find((r) => payloadTypeOf(r) === want);
    return reply ? withTag(reply, payloadOf(datagram)[0]!) : undefined;
  });
  const ipmitoolSent = all.filter((d) => REPLY_TO[payloadTypeOf(d)] !== undefined);
  const open = payloadOf(ipmitoolSent.find((d) => payloadTypeOf(d) === PAYLOAD.openSessionRequest)!);
  const rakp1 = payloadOf(ipmitoolSent.find((d) => payloadTypeOf(d) === PAYLOAD.rakp1)!);
  return { peer, ipmitoolSent, random: replayRandom([open.subarray(4, 8), rakp1.subarray(8, 24)]) };
}

/** A connection to a peer on 127.0.0.1 with short deadlines. */
export async function connectTo(port: number, random?: (size: number) => Buffer, tap?: (direction: 'sent' | 'received', d: Buffer) => void): Promise<RmcpConnection> {
  const c = await RmcpConnection.open({ address: '127.0.0.1', port, policy: { packetTimeoutMs: 150, retries: 1 }, ...(random ? { random } : {}), ...(tap ? { tap } : {}) });
  if (!c.ok) throw new Error(c.message);
  return c.value;
}

/** `datagram` with its message tag zeroed, for comparing ours with ipmitool's (which always sends tag 0). */
export function untagged(datagram: Buffer): string {
  const copy = Buffer.from(datagram);
  copy[16] = 0;
  return copy.toString('hex');
}
