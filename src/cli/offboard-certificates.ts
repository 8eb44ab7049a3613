// `offboard --sign KEY --evidence DIR`: per host, the statement DIR/<host>.json and its OpenSSH
// signature DIR/<host>.json.sig, which a customer checks with `ssh-keygen -Y verify`.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';
import type { Host } from '../inventory/types.js';
import { buildOffboardStatement, statementBytes } from '../report/offboard-statement.js';
import type { Report } from '../report/report.js';
import { OFFBOARD_NAMESPACE, signData } from '../signing/ssh-signature.js';
import { printableLine } from '../text/sanitize.js';

/** Where certificates go and what signs them. */
export interface CertificateSettings {
  /** A private key file, or the public key of a key held in ssh-agent. */
  key: string;
  dir: string;
}

/** Checked before any host is scanned: the key is readable and the directory exists (made 0750) and is writable. Returns problems. */
export async function checkCertificatePlaces(settings: CertificateSettings): Promise<string[]> {
  const problems: string[] = [];
  try {
    await access(settings.key, constants.R_OK);
  } catch (err) {
    problems.push(`cannot read --sign ${settings.key}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    await mkdir(settings.dir, { recursive: true, mode: 0o750 });
    await access(settings.dir, constants.W_OK);
  } catch (err) {
    problems.push(`cannot write into --evidence ${settings.dir}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return problems;
}

/** What writing the certificates came to. */
export interface CertificatesOutcome {
  written: string[];
  /** One printable line per host whose certificate could not be made, naming the path. */
  failures: string[];
}

/** A host name that is safe as a file name (inventory names are; this guards the path all the same). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Signs and writes one certificate per scanned host. The statement is signed first and both files
 * are written atomically (mode 0644: they are for the customer), the signature last, so a
 * statement never stands beside the signature of another version of it.
 */
export async function writeCertificates(report: Report, hosts: readonly Host[], settings: CertificateSettings, now: Date): Promise<CertificatesOutcome> {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const outcome: CertificatesOutcome = { written: [], failures: [] };
  await mkdir(settings.dir, { recursive: true, mode: 0o750 }).catch(() => undefined); // a failure shows at the first write
  for (const hostReport of report.hosts) {
    const host = byName.get(hostReport.name);
    const file = join(settings.dir, `${hostReport.name}.json`);
    if (!host || !SAFE_NAME.test(hostReport.name)) {
      outcome.failures.push(`no certificate for ${printableLine(hostReport.name, 80)}: not a host of the inventory with a name usable as a file name`);
      continue;
    }
    const bytes = statementBytes(buildOffboardStatement(report, hostReport, host, now));
    const signature = await signData(settings.key, bytes, OFFBOARD_NAMESPACE);
    if (!signature.ok) {
      outcome.failures.push(`cannot sign ${file}: ${signature.message}`);
      continue;
    }
    try {
      await writeFileAtomic(file, bytes, { mode: 0o644 });
      await writeFileAtomic(`${file}.sig`, signature.value, { mode: 0o644 });
      outcome.written.push(file);
    } catch (err) {
      outcome.failures.push(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return outcome;
}
