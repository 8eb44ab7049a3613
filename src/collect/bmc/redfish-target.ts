// The transport's view of a host's Redfish service: the inventory's settings, with a pin kept in
// a file (the lab's generated certificates) read at scan time.
import { describeFileProblem, readBoundedText } from '../../fs/bounded-file.js';
import { FILE_LIMITS } from '../../fs/file-limits.js';
import type { RedfishSettings } from '../../inventory/types.js';
import { parseSha256Fingerprint } from '../../text/certificate-fingerprint.js';
import type { RedfishEndpoint } from '../../transport/redfish/redfish-session.js';
import { printableLine } from '../../text/sanitize.js';

/** The endpoint to open sessions on, or why it cannot be built (an unreadable or malformed pin file). */
export async function redfishEndpointOf(
  hostName: string,
  settings: RedfishSettings,
): Promise<{ ok: true; endpoint: RedfishEndpoint } | { ok: false; message: string }> {
  const base = { host: hostName, address: settings.address, port: settings.port, timeoutMs: settings.timeoutMs };
  const trust = settings.trust;
  if (trust.kind !== 'pinned-file') return { ok: true, endpoint: { ...base, trust } };
  const read = await readBoundedText(trust.file, FILE_LIMITS.pinnedFingerprint);
  if (!read.ok) return { ok: false, message: `pinned fingerprint file ${printableLine(trust.file)} ${describeFileProblem(read.problem)}` };
  const text = read.text;
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  if (parseSha256Fingerprint(line) === undefined) {
    return { ok: false, message: `pinned fingerprint file ${printableLine(trust.file)} holds no SHA-256 fingerprint` };
  }
  return { ok: true, endpoint: { ...base, trust: { kind: 'pinned', sha256: line } } };
}
