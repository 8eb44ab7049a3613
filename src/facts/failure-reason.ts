// Why a fact, a probe or a transport call failed: the one vocabulary every transport and collector speaks.

/**
 * Why a transport could not deliver a result. Each is a distinct `error` in reports. SSH, IPMI and
 * Redfish all classify into these, and the groups below say once what a reason proves.
 */
export type TransportFailureReason =
  | 'unreachable' // nothing answered (connection refused, no route, no BMC)
  | 'timeout' // something answered but a deadline passed
  | 'auth' // credentials refused (SSH key refused, IPMI wrong password)
  | 'unknown-user' // IPMI: the BMC does not know this user
  | 'host-key-unknown' // no known_hosts entry and new keys not accepted
  | 'host-key-mismatch' // the host presented a key other than the recorded one
  | 'certificate-mismatch' // a BMC's TLS certificate is not the pinned one (or does not verify against its CA)
  | 'output-limit' // the peer sent more than we agreed to read
  | 'protocol' // the peer broke the protocol or closed mid-stream
  | 'privilege' // sudo -n refused, or a BMC privilege level not granted
  | 'tool' // a local tool (ipmitool) is missing or failed to start
  | 'interrupted'; // the run was cancelled (SIGINT)

/** Nobody answered in time, or we stopped waiting: says nothing about credentials. */
const UNANSWERED: readonly TransportFailureReason[] = ['unreachable', 'timeout', 'interrupted'];

/** Over IPMI, the BMC itself did not answer (or ipmitool cannot run): another probe would only wait or fail again. */
export const BMC_SILENT: ReadonlySet<TransportFailureReason> = new Set([...UNANSWERED, 'tool']);

/** Over Redfish, another session would fail the same way: no answer, not the pinned BMC, or one that floods us. */
export const BMC_GONE: ReadonlySet<TransportFailureReason> = new Set([...UNANSWERED, 'certificate-mismatch', 'output-limit']);

/** A stored login the BMC refused, as opposed to a BMC we could not ask: wrong password, unknown user, or the privilege not granted. */
export const LOGIN_REFUSED: ReadonlySet<TransportFailureReason> = new Set(['auth', 'unknown-user', 'privilege']);

/** A login that must not work was turned away at the door: a wrong password, or a user the BMC does not let in (a refused privilege proves no such thing). */
export const PROBE_REFUSED: ReadonlySet<TransportFailureReason> = new Set(['auth', 'unknown-user']);
