// A BMC that opens sessions properly and answers RAKP 1 as the test says: the peer for hostile
// RAKP 2 replies and for counting the handshakes a prober begins.
import { encodeV20, PAYLOAD } from '../../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { capture, payloadOf, payloadTypeOf } from './capture-fixture.js';
import { scriptedBmc, withTag, type ScriptedBmc } from './scripted-bmc.js';

/** ipmi_sim's captured datagrams of an administrator's session. */
export const SIM = capture('admin-session').map((d) => d.bytes);
const SIM_RAKP2 = SIM.find((d) => payloadTypeOf(d) === PAYLOAD.rakp2)!;

/** A BMC that accepts Open Session properly and answers RAKP 1 with `rakp2(request, console session id)`. */
export async function bmcAnsweringRakp1(rakp2: (rakp1: Buffer, consoleSessionId: Buffer) => Buffer | Buffer[] | undefined): Promise<ScriptedBmc> {
  let sidm = Buffer.alloc(4);
  return scriptedBmc((datagram) => {
    const p = payloadOf(datagram);
    if (payloadTypeOf(datagram) === PAYLOAD.openSessionRequest) {
      sidm = Buffer.from(p.subarray(4, 8));
      return encodeV20(PAYLOAD.openSessionResponse, 0, 0, Buffer.concat([Buffer.from([p[0]!, 0, 4, 0]), sidm, Buffer.from([2, 1, 0, 0]), p.subarray(8, 32)]));
    }
    if (payloadTypeOf(datagram) === PAYLOAD.rakp1) return rakp2(datagram, sidm);
    return undefined;
  });
}

/**
 * ipmi_sim's captured RAKP 2 fitted to our request (tag and console session id), optionally patched.
 * Its code was made for ipmitool's random numbers, so it confirms no password of ours.
 */
export function fittedRakp2(rakp1: Buffer, consoleSessionId: Buffer, patch?: (payload: Buffer) => Buffer): Buffer {
  const payload = Buffer.from(payloadOf(withTag(SIM_RAKP2, payloadOf(rakp1)[0]!)));
  consoleSessionId.copy(payload, 4);
  const patched = patch ? patch(payload) : payload;
  return encodeV20(PAYLOAD.rakp2, 0, 0, patched);
}
