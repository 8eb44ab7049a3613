// Get Channel Cipher Suites (IPMI v2.0 §22.15): which suites a channel offers, read 16 record
// bytes at a time. Many BMCs (ipmi_sim among them) do not answer it, so it informs, never decides.
import { COMMAND, NETFN_APP, type IpmiRequest } from './ipmi-message.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';

/** One page of the channel's cipher suite records. */
export interface CipherSuitePage {
  channel: number;
  records: Buffer;
}

/** Page `index` (0..63) of the records listed by suite, for IPMI payloads. */
export function cipherSuitesRequest(channel: number, index: number, sequence: number): IpmiRequest {
  return { netFn: NETFN_APP, command: COMMAND.getChannelCipherSuites, sequence, data: Buffer.from([channel & 0x0f, 0x00, 0x80 | (index & 0x3f)]) };
}

/** Decodes one page: the channel, then up to 16 record bytes. */
export function decodeCipherSuitePage(data: Buffer, channel: number): RmcpResult<CipherSuitePage> {
  if (data.length < 1 || data.length > 17) return protocolFailure('malformed', `Get Channel Cipher Suites answered ${data.length} data bytes`);
  if ((data[0]! & 0x0f) !== (channel & 0x0f)) return protocolFailure('out-of-order', `Get Channel Cipher Suites answered for channel ${data[0]! & 0x0f}, not ${channel}`);
  return { ok: true, value: { channel: data[0]! & 0x0f, records: data.subarray(1) } };
}

/**
 * The suite ids in the concatenated records: a standard record is 0xC0, id, algorithms; an OEM
 * record 0xC1, id, 3 IANA bytes, algorithms. Algorithm bytes (tags 0x00/0x40/0x80) are skipped.
 */
export function parseCipherSuiteIds(records: Buffer): RmcpResult<number[]> {
  const ids: number[] = [];
  let i = 0;
  while (i < records.length) {
    const tag = records[i]!;
    if (tag === 0xc0 || tag === 0xc1) {
      if (i + 1 >= records.length) return protocolFailure('malformed', 'cipher suite record cut after its start byte');
      ids.push(records[i + 1]!);
      i += tag === 0xc0 ? 2 : 5;
      continue;
    }
    if ((tag & 0xc0) === 0xc0) return protocolFailure('malformed', `cipher suite record starts with 0x${tag.toString(16)}`);
    i++;
  }
  return { ok: true, value: ids };
}
