// `fleetcheck verify H.json`: what `ssh-keygen -Y verify -f allowed_signers -I provider -n
// fleetcheck-offboard -s H.json.sig < H.json` does, followed by what a good signature proves and what
// the statement says.
import { fileProblemReason, readBoundedFile } from '../fs/bounded-file.js';
import { OFFBOARD_STATEMENT_SCHEMA, type OffboardStatement } from '../report/offboard-statement.js';
import { OFFBOARD_NAMESPACE, verifyData } from '../signing/ssh-signature.js';
import { printableLine } from '../text/sanitize.js';
import { configError } from './usage-error.js';

/** Flags of the verify command. */
export interface VerifyFlags {
  allowedSigners: string;
  identity: string;
  /** The signature file; `<statement>.sig` by default. */
  signature?: string;
}

/** Exit codes of verify: as ssh-keygen's, 0 for a good signature and non-zero for any other. */
export const VerifyExit = { Good: 0, Bad: 1 } as const;

/** What the statement says, in a few lines, from its parsed JSON; undefined when it is not one. */
function describe(data: unknown): string[] | undefined {
  const s = data as Partial<OffboardStatement> | null;
  if (!s || typeof s !== 'object' || s.schema !== OFFBOARD_STATEMENT_SCHEMA || !Array.isArray(s.checks)) return undefined;
  const p = (v: unknown, n = 120) => printableLine(String(v), n);
  // A failure or warning an unexpired waiver accepts is counted and shown as waived, as every report does.
  const state = (c: OffboardStatement['checks'][number]) => (c.waiver && !c.waiver.expired && (c.status === 'fail' || c.status === 'warn') ? 'waived' : p(c.status, 10));
  const counts = new Map<string, number>();
  for (const c of s.checks) counts.set(state(c), (counts.get(state(c)) ?? 0) + 1);
  const contract = s.contract ? `contract ${p(s.contract.id)} of ${p(s.contract.customer)}, ending ${p(s.contract.end, 20)}` : 'no contract in the inventory';
  const lines = [
    `The statement says: host ${p(s.host, 80)} (rack ${p(s.rack, 40)}; ${contract}) was judged ${p(s.verdict, 20).toUpperCase()} under contract-end rules,`,
    `  scanned ${p(s.scan?.startedAt, 40)} to ${p(s.scan?.finishedAt, 40)} by fleetcheck ${p(s.fleetcheck?.version, 40)}, issued ${p(s.issuedAt, 40)};`,
    `  ${s.checks.length} check(s): ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}; inventory entry sha256 ${p(s.inventoryEntry?.sha256, 64)}.`,
  ];
  for (const c of s.checks) {
    if (c.status === 'pass') continue;
    const waiver = c.waiver ? ` (${c.waiver.expired ? 'waiver expired' : 'waived until'} ${p(c.waiver.expires, 20)}: ${p(c.waiver.reason, 200)})` : '';
    lines.push(`  ${state(c)}  ${p(c.id, 60)}: ${p(c.message, 200)}${waiver}`);
  }
  return lines;
}

/** The largest statement read: a host's statement is a few KiB, one with every check well under this. */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

/** Verifies one certificate; prints the result on stdout, and returns 0 only for a good signature over a fleetcheck statement. */
export async function verifyCommand(statementFile: string, flags: VerifyFlags, out: { write(text: string): unknown }): Promise<number> {
  const signatureFile = flags.signature ?? `${statementFile}.sig`;
  // Bounded, and regular files only: a statement is a few KiB; a FIFO or /dev/zero is refused by name.
  const read = await readBoundedFile(statementFile, MAX_STATEMENT_BYTES);
  if (!read.ok) throw configError(`cannot read ${statementFile}: ${fileProblemReason(read.problem)}`);
  const data = read.bytes;
  const result = await verifyData({ allowedSigners: flags.allowedSigners, identity: flags.identity, signatureFile, data, namespace: OFFBOARD_NAMESPACE });
  if (!result.ok) {
    out.write(`NOT VERIFIED: ${statementFile} with ${signatureFile}: ${result.message}\n`);
    out.write(`Nothing in ${statementFile} can be relied on: it was changed after signing, signed by a key that ${flags.allowedSigners} does not list for "${printableLine(flags.identity, 80)}", or not signed as a fleetcheck offboarding statement.\n`);
    return VerifyExit.Bad;
  }
  let described: string[] | undefined;
  try {
    described = describe(JSON.parse(data.toString('utf8')));
  } catch {
    described = undefined;
  }
  out.write(`${result.value.statement}\n`);
  if (!described) {
    out.write(`The signature is good, but ${statementFile} is not a fleetcheck offboarding statement this version can read.\n`);
    return VerifyExit.Bad;
  }
  out.write(
    `This proves that ${statementFile} is, byte for byte, what the holder of that key signed as a fleetcheck offboarding statement ` +
      `(namespace ${OFFBOARD_NAMESPACE}), and that ${flags.allowedSigners} lists that key for "${printableLine(flags.identity, 80)}". ` +
      `It proves who made the statement and that nobody changed it since; the findings themselves are the signer's word.\n`,
  );
  for (const l of described) out.write(`${l}\n`);
  return VerifyExit.Good;
}
