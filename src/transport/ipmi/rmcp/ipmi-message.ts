// The IPMI LAN message inside a packet's payload (IPMI v2.0 §13.8): addresses, network function,
// sequence, command, data and the two checksums. Used for Get Channel Authentication Capabilities,
// Get Channel Cipher Suites, and in a session for Set Session Privilege Level, the user table's
// reads and Close Session.
import { protocolFailure, rmcpFailure, type RmcpResult } from './rmcp-failure.js';

/** The BMC's responder address and the remote console's software ID (ipmitool's 0x81 too). */
export const BMC_ADDRESS = 0x20;
export const CONSOLE_SWID = 0x81;
/** Network function App (requests; responses are netFn + 1). */
export const NETFN_APP = 0x06;

/** IPMI commands fleetcheck sends, all of netFn App. */
export const COMMAND = {
  getChannelAuthCapabilities: 0x38,
  setSessionPrivilegeLevel: 0x3b,
  closeSession: 0x3c,
  getUserAccess: 0x44,
  getUserName: 0x46,
  getChannelCipherSuites: 0x54,
} as const;

/** A request to send. */
export interface IpmiRequest {
  netFn: number;
  command: number;
  /** 0..63, echoed in the response: ties a reply to its request. */
  sequence: number;
  data: Buffer;
}

/** A decoded response; `data` starts after the completion code. */
export interface IpmiResponse {
  netFn: number;
  command: number;
  sequence: number;
  completionCode: number;
  data: Buffer;
}

/** Two's-complement checksum of `bytes[from, to)`: the bytes plus it sum to zero. */
function checksum(bytes: Buffer, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + bytes[i]!) & 0xff;
  return (0x100 - sum) & 0xff;
}

/** The request bytes: rsAddr, netFn/rsLUN, checksum, rqAddr, rqSeq/rqLUN, cmd, data, checksum. */
export function encodeIpmiRequest(request: IpmiRequest): Buffer {
  const bytes = Buffer.alloc(7 + request.data.length);
  bytes[0] = BMC_ADDRESS;
  bytes[1] = (request.netFn << 2) & 0xfc;
  bytes[2] = checksum(bytes, 0, 2);
  bytes[3] = CONSOLE_SWID;
  bytes[4] = (request.sequence << 2) & 0xfc;
  bytes[5] = request.command;
  bytes.set(request.data, 6);
  bytes[bytes.length - 1] = checksum(bytes, 3, bytes.length - 1);
  return bytes;
}

/**
 * Decodes a response and ties it to `request`: both checksums, the responder's addresses, the
 * response netFn, the command and the sequence must match, else it is a classified protocol error.
 */
export function decodeIpmiResponse(bytes: Buffer, request: IpmiRequest): RmcpResult<IpmiResponse> {
  if (bytes.length < 8) return protocolFailure('malformed', `an IPMI response of ${bytes.length} bytes is shorter than its fixed fields`);
  if (checksum(bytes, 0, 2) !== bytes[2]) return protocolFailure('malformed', 'IPMI response header checksum is wrong');
  if (checksum(bytes, 3, bytes.length - 1) !== bytes[bytes.length - 1]) return protocolFailure('malformed', 'IPMI response data checksum is wrong');
  const netFn = bytes[1]! >> 2;
  const sequence = bytes[4]! >> 2;
  const command = bytes[5]!;
  if (bytes[0] !== CONSOLE_SWID || bytes[3] !== BMC_ADDRESS) return protocolFailure('out-of-order', 'IPMI response addressed to someone else');
  if (netFn !== request.netFn + 1 || command !== request.command) {
    return protocolFailure('out-of-order', `IPMI response to netFn 0x${netFn.toString(16)} command 0x${command.toString(16)}, not the request's`);
  }
  if (sequence !== (request.sequence & 0x3f)) return protocolFailure('out-of-order', `IPMI response sequence ${sequence}, expected ${request.sequence & 0x3f}`);
  return { ok: true, value: { netFn, command, sequence, completionCode: bytes[6]!, data: bytes.subarray(7, bytes.length - 1) } };
}

/** A non-zero completion code as a failure; the caller names the command. */
export function completionFailure(what: string, code: number): RmcpResult<never> {
  return rmcpFailure('protocol', 'refused', `${what} answered completion code 0x${code.toString(16).padStart(2, '0')}`, code);
}
