// The native half of a full BMC audit of compliant BMCs, alone, for the benchmark's peer row beside
// FreeIPMI's bmc-info: per BMC, what the scan asks natively when the user table lists only the
// stored administrator (capabilities, the administrator's handshake completed and closed, its code
// checked against the catalogue's passwords for that name and the empty one, the suite-0 probe).
//
//   node dist/bench/native-audit.mjs <bmc-addresses-file> <user> <catalogue-passwords.json> <concurrency> <result-file>
//   (the stored password in IPMI_PASSWORD)
//
// Built into one module by bench/rolldown.config.mjs, as the command line is. Like bmc-info, it
// reads its inputs from plain files: the addresses, and the default-credentials catalogue's
// passwords for <user> as a JSON array, which the bench takes from the product's own catalogue.
// Loading the YAML catalogue here would time YAML and schema parsing, which belong to the command
// line's start (inventory, secrets, catalogues), timed in the full-audit rows.
//
// Writes "<BMCs> <unfinished handshakes> <failures>" to <result-file> and exits 1 if any probe failed.
import { readFileSync, writeFileSync } from 'node:fs';
import { RmcpProber } from '../src/collect/bmc/rmcp-prober.js';
import { Secret } from '../src/model/secret.js';

const [file, user, cataloguePasswords, concurrency, resultFile] = process.argv.slice(2);
const password = new Secret(process.env['IPMI_PASSWORD'] ?? '');
if (!file || !user || !cataloguePasswords || !concurrency || !resultFile) {
  process.stderr.write('usage: native-audit.mjs <bmc-addresses-file> <user> <catalogue-passwords.json> <concurrency> <result-file>\n');
  process.exit(2);
}
const addresses = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const defaults = JSON.parse(readFileSync(cataloguePasswords, 'utf8')) as string[];
let unfinished = 0;
let failures = 0;

async function audit(address: string): Promise<void> {
  const native = await RmcpProber.open({ address, port: 623, cipherSuite: 3, channel: 1, timeoutMs: 10_000, retries: 0, ipmi: true });
  const caps = await native.authCapabilities();
  const login = await native.prove(user!, 'administrator', password);
  for (const d of defaults) await native.prove(user!, 'user', new Secret(d));
  await native.prove(user!, 'user', new Secret(''));
  const zero = await native.cipherZero([user!]);
  if (!caps.ok || !login.ok || (zero.openSession.accepted && zero.attempts.length === 0)) failures++;
  unfinished += native.finish().unfinished;
}

// <concurrency> workers, each taking the next address until none is left: bmc-info's --fanout.
let next = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < addresses.length) await audit(addresses[next++]!);
  }),
);
writeFileSync(resultFile, `${addresses.length} ${unfinished} ${failures}\n`);
process.exitCode = failures > 0 ? 1 : 0;
