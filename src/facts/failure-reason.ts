// Why a fact, a probe or a transport call failed: the one vocabulary every transport and collector speaks.

/** Why a transport could not deliver a result. Each is a distinct `error` in reports. */
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
