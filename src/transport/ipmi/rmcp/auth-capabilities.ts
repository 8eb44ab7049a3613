// Get Channel Authentication Capabilities (IPMI v2.0 §22.13): answered before any session, it says
// whether the null user and anonymous logins are on and which authentication types the channel takes.
import { COMMAND, NETFN_APP, type IpmiRequest } from './ipmi-message.js';
import { protocolFailure, type RmcpResult } from './rmcp-failure.js';

/** What the BMC says about a channel's logins, bit by bit. */
export interface AuthCapabilities {
  channel: number;
  /** IPMI v1.5 authentication types the channel accepts. */
  authTypes: { none: boolean; md2: boolean; md5: boolean; straight: boolean; oem: boolean };
  /** An account with a null name and a non-null password is enabled. */
  nullUserNames: boolean;
  /** An account with a null name and a null password is enabled (anonymous login). */
  anonymousLogin: boolean;
  nonNullUserNames: boolean;
  /** Per-message and user-level authentication disabled (v1.5 only). */
  perMessageAuthDisabled: boolean;
  userLevelAuthDisabled: boolean;
  /** A BMC key (KG) other than the default is set. */
  kgSet: boolean;
  ipmi20: boolean;
}

/** The request: the channel with bit 7 set (ask for the IPMI v2.0 data), at `privilege` (1..4). */
export function authCapabilitiesRequest(channel: number, privilege: number, sequence: number): IpmiRequest {
  return { netFn: NETFN_APP, command: COMMAND.getChannelAuthCapabilities, sequence, data: Buffer.from([0x80 | (channel & 0x0f), privilege & 0x0f]) };
}

/** Decodes the response data (after the completion code): 8 bytes, and the channel asked for. */
export function decodeAuthCapabilities(data: Buffer, channel: number): RmcpResult<AuthCapabilities> {
  if (data.length !== 8) return protocolFailure('malformed', `Get Channel Authentication Capabilities answered ${data.length} data bytes, not 8`);
  if ((data[0]! & 0x0f) !== (channel & 0x0f)) return protocolFailure('out-of-order', `Get Channel Authentication Capabilities answered for channel ${data[0]! & 0x0f}, not ${channel}`);
  const types = data[1]!;
  const flags = data[2]!;
  return {
    ok: true,
    value: {
      channel: data[0]! & 0x0f,
      authTypes: { none: (types & 0x01) !== 0, md2: (types & 0x02) !== 0, md5: (types & 0x04) !== 0, straight: (types & 0x10) !== 0, oem: (types & 0x20) !== 0 },
      kgSet: (flags & 0x20) !== 0,
      perMessageAuthDisabled: (flags & 0x10) !== 0,
      userLevelAuthDisabled: (flags & 0x08) !== 0,
      nonNullUserNames: (flags & 0x04) !== 0,
      nullUserNames: (flags & 0x02) !== 0,
      anonymousLogin: (flags & 0x01) !== 0,
      ipmi20: (types & 0x80) !== 0 && (data[3]! & 0x02) !== 0,
    },
  };
}
