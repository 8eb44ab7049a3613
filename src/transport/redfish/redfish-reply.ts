// What a Redfish request yields. An HTTP error status is the BMC's answer, data like a
// non-zero exit (a 400 from ChangePassword is what a check needs to see); only a request that
// got no complete, readable answer is a failure with a classified reason.
import type { TransportFailureReason } from '../../facts/failure-reason.js';
import type { RedfishMessage } from './extended-info.js';

export type { RedfishMessage } from './extended-info.js';

/** The outcome of one request. */
export type RedfishReply =
  | {
      ok: true;
      /** Any HTTP status except 401 (which is `reason: 'auth'`); check it. */
      status: number;
      /** The parsed JSON body; undefined when the body was empty. */
      json: unknown;
      /** @Message.ExtendedInfo of the answer, sanitized; empty when there was none. */
      messages: RedfishMessage[];
      /** The Location header as a Redfish path (a created resource, a task monitor), if any. */
      location: string | undefined;
      durationMs: number;
    }
  | {
      ok: false;
      reason: TransportFailureReason;
      message: string;
      /** Set when the BMC sent a status line before the failure (401, or a body too large). */
      status?: number;
      messages?: RedfishMessage[];
      durationMs: number;
    };

/** True for an answer with a 2xx status. */
export function isSuccess(reply: RedfishReply): reply is Extract<RedfishReply, { ok: true }> {
  return reply.ok && reply.status >= 200 && reply.status < 300;
}
