// `fleetcheck secrets purge --host NODESET`: removes what policy says the provider may no longer keep,
// by the residue.store-* checks' own rules: OS logins and disk passphrases past their handover date,
// and everything about a host past the retention window, in the store and in the saved reports.
import { createInterface } from 'node:readline';
import { isoDay } from '../checks/residue/policy-dates.js';
import { formatInventoryIssue } from '../inventory/inventory-issue.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { selectHosts } from '../inventory/select-hosts.js';
import type { Inventory, SecretsSource } from '../inventory/types.js';
import { applyReportChange, planReportPurge, readSavedReports, type ReportChange } from '../report/saved-reports.js';
import { PassSecretStore } from '../secrets/pass-store.js';
import { changesEntry, describePurge, planPurge, purgeDocument, purgedEntry, type KeyPurge } from '../secrets/purge-plan.js';
import { parsePlainHostEntry, renderHostEntry, type HostEntry } from '../secrets/secrets-document.js';
import { Secret } from '../secrets/secret.js';
import { readStoreDocument, writeStoreDocument, type WritableSource } from '../secrets/store-document-io.js';
import { printableLine } from '../text/sanitize.js';
import { ExitCode } from './exit-codes.js';
import type { SecretsIo } from './secrets-command.js';
import { configError, usageError } from './usage-error.js';

/** Flags of `secrets purge`. */
export interface PurgeFlags {
  inventory: string;
  host: string[];
  dryRun?: boolean;
  yes?: boolean;
}

/** A store purge knows how to read the selected keys and how to write the result back. */
interface PurgeTarget {
  description: string;
  entryOf: (key: string) => HostEntry | undefined;
  apply: (plans: readonly KeyPurge[]) => Promise<void>;
}

async function documentTarget(source: WritableSource): Promise<PurgeTarget> {
  const doc = await readStoreDocument(source);
  if (!doc.ok) throw configError(doc.message);
  return {
    description: `the secret store ${source.path}`,
    entryOf: (key) => doc.value.hosts[key],
    apply: async (plans) => {
      const written = await writeStoreDocument(source, purgeDocument(doc.value, plans));
      if (!written.ok) throw configError(written.message);
    },
  };
}

async function passTarget(source: Extract<SecretsSource, { kind: 'pass' }>, keys: readonly string[]): Promise<PurgeTarget> {
  const store = new PassSecretStore({ prefix: source.prefix, ...(source.dir === undefined ? {} : { dir: source.dir }), timeoutMs: source.timeoutMs });
  const entries = new Map<string, HostEntry>();
  for (const key of keys) {
    const read = await store.readEntryText(key);
    if (!read.ok) throw configError(read.message);
    if (read.text === undefined) continue;
    const parsed = parsePlainHostEntry(read.text.reveal(), `pass entry ${store.entryName(key)}`);
    if (!parsed.ok) throw configError(parsed.message);
    entries.set(key, parsed.value);
  }
  return {
    description: `pass ${source.prefix}/`,
    entryOf: (key) => entries.get(key),
    apply: async (plans) => {
      for (const plan of plans.filter(changesEntry)) {
        const next = purgedEntry(entries.get(plan.key)!, plan);
        const done = next === undefined ? await store.removeEntry(plan.key) : await store.writeEntryText(plan.key, new Secret(renderHostEntry(next)));
        if (!done.ok) throw configError(`${done.message}; the entries before it were purged, re-run to finish`);
      }
    },
  };
}

/** Asks on the terminal; true only for an explicit yes. */
async function confirmed(io: SecretsIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(question, resolve);
      rl.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}

async function inventoryAt(file: string): Promise<Inventory> {
  const loaded = await loadInventory(file);
  if (!loaded.ok) throw configError(loaded.issues.map(formatInventoryIssue).join('\n'));
  return loaded.inventory;
}

const reportLine = (c: ReportChange): string =>
  `${printableLine(c.file, 300)}  ${c.purge.removed.join(', ')} (${c.purge.action === 'delete' ? 'report deleted: it names no other host' : 'report rewritten without it, summary recounted'})`;

/** Runs the purge; the exit code says whether everything policy requires is gone. */
export async function secretsPurge(flags: PurgeFlags, io: SecretsIo): Promise<ExitCode> {
  const inventory = await inventoryAt(flags.inventory);
  if (flags.host.length === 0) throw usageError('secrets purge: name the host(s) with --host');
  const selected = selectHosts(inventory, { racks: [], hostSets: flags.host });
  if (!selected.ok) throw usageError(selected.message);
  const source = inventory.secrets;
  if (source.kind === 'command') {
    throw configError(
      `secrets purge cannot remove anything from a command store: the operator's secret helper (${printableLine(source.run[0] ?? '', 200)}) owns it. ` +
        "Remove there what `fleetcheck --check 'residue.store-*'` reports; nothing was changed",
    );
  }
  const keys = [...new Set(selected.hosts.map((h) => h.secretsKey))];
  const target = source.kind === 'pass' ? await passTarget(source, keys) : await documentTarget(source);
  const today = isoDay(new Date());
  const plan = planPurge(selected.hosts, inventory.hosts, target.entryOf, inventory.provider, today);

  let reportChanges: ReportChange[] = [];
  let unreadable: Array<{ file: string; reason: string }> = [];
  if (inventory.reports && plan.expiredHosts.length > 0) {
    const listing = await readSavedReports(inventory.reports.dir);
    if (!listing.ok) throw configError(listing.message);
    reportChanges = planReportPurge(listing.value, new Set(plan.expiredHosts));
    unreadable = listing.value.unreadable;
  }

  const storeLines = plan.keys.filter(changesEntry).flatMap(describePurge);
  const notes = plan.keys.flatMap((k) => k.notes.map((n) => `${k.key}  ${n}`));
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const show = (verb: string) => {
    if (storeLines.length > 0) {
      out(`${verb} from ${target.description}:`);
      storeLines.forEach((l) => out(`  ${l}`));
    }
    if (reportChanges.length > 0) {
      out(`${verb} from the saved reports in ${printableLine(inventory.reports!.dir, 300)}:`);
      reportChanges.forEach((c) => out(`  ${reportLine(c)}`));
    }
  };
  const warnUnreadable = () => {
    for (const u of unreadable) io.stderr.write(`fleetcheck: saved report ${printableLine(u.file, 300)} ${u.reason}: check by hand that it names none of ${plan.expiredHosts.join(', ')}\n`);
  };
  const finalCode = unreadable.length > 0 ? ExitCode.Incomplete : ExitCode.Compliant;

  if (storeLines.length === 0 && reportChanges.length === 0) {
    out(`nothing to purge for ${selected.hosts.map((h) => h.name).join(', ')}: the store and the saved reports hold nothing policy says must go`);
    notes.forEach((n) => out(`  kept: ${n}`));
    warnUnreadable();
    return finalCode;
  }
  // With --yes the record printed after the purge is enough; otherwise the list comes first.
  if (flags.dryRun || !flags.yes) show(flags.dryRun ? 'would remove' : 'to remove');
  notes.forEach((n) => out(`  kept: ${n}`));
  warnUnreadable();
  if (flags.dryRun) {
    out('dry run: nothing was changed');
    return finalCode;
  }
  if (!flags.yes) {
    if (!io.stdin.isTTY) {
      throw usageError('secrets purge: refusing to remove without confirmation: standard input is not a terminal. Re-run with --yes to purge, or --dry-run to only list what would go; nothing was changed');
    }
    if (!(await confirmed(io, `Remove the above for good? Type "yes" to go on: `))) {
      out('nothing was changed; the store still holds what policy says must go');
      return ExitCode.Violation;
    }
  }

  if (storeLines.length > 0) await target.apply(plan.keys);
  for (const change of reportChanges) {
    try {
      await applyReportChange(change);
    } catch (err) {
      throw configError(`cannot ${change.purge.action} saved report ${printableLine(change.file, 300)}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  show('removed');
  return finalCode;
}
