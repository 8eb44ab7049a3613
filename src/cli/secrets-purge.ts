// `fleetcheck secrets purge --host NODESET`: removes what policy says the provider may no longer keep,
// by the residue.store-* checks' own rules: OS logins and disk passphrases past their handover date,
// and everything about a host past the retention window, in the store and in the saved reports.
import { createInterface } from 'node:readline';
import { isoDay } from '../contract/policy-dates.js';
import { formatInventoryIssue } from '../inventory/inventory-issue.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { selectHosts } from '../inventory/select-hosts.js';
import type { Host, Inventory, SecretsSource } from '../inventory/types.js';
import { applyReportChange, planReportPurge, removeLeftover, type ReportChange } from '../report/purge-saved-reports.js';
import { readSavedReports } from '../collect/store/saved-reports-listing.js';
import { PassSecretStore } from '../secrets/pass-store.js';
import { changesEntry, describePurge, planPurge, purgeDocument, purgedEntry, type KeyPurge, type PurgePlan } from '../secrets/purge-plan.js';
import { parsePlainHostEntry, renderHostEntry, type HostEntry } from '../secrets/secrets-document.js';
import { Secret } from '../model/secret.js';
import { acquireStoreLock } from '../secrets/store-lock.js';
import { isWritable, readStoreDocument, writeStoreDocument, type WritableSource } from '../secrets/store-document-io.js';
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
const leftoverLine = (file: string): string => `${printableLine(file, 300)}  leftover of an interrupted write (deleted: it may name any host)`;

/** Everything one purge would do, read from the store and the reports directory as they are now. */
interface Planned {
  target: PurgeTarget;
  plan: PurgePlan;
  reportChanges: ReportChange[];
  /** Leftover `.partial` files of interrupted report writes: they may name any host, so they go too. */
  leftovers: string[];
  unreadable: Array<{ file: string; reason: string }>;
  storeLines: string[];
  notes: string[];
}

async function planAll(inventory: Inventory, selected: readonly Host[], keys: readonly string[]): Promise<Planned> {
  const source = inventory.secrets as Exclude<SecretsSource, { kind: 'command' }>;
  const target = source.kind === 'pass' ? await passTarget(source, keys) : await documentTarget(source);
  const plan = planPurge(selected, inventory.hosts, target.entryOf, inventory.provider, isoDay(new Date()));
  let reportChanges: ReportChange[] = [];
  let leftovers: string[] = [];
  let unreadable: Array<{ file: string; reason: string }> = [];
  if (inventory.reports && plan.expiredHosts.length > 0) {
    const listing = await readSavedReports(inventory.reports.dir);
    if (!listing.ok) throw configError(listing.message);
    reportChanges = planReportPurge(listing.value, new Set(plan.expiredHosts));
    leftovers = listing.value.unreadable.filter((u) => u.leftover).map((u) => u.file);
    unreadable = listing.value.unreadable.filter((u) => !u.leftover);
  }
  const storeLines = plan.keys.filter(changesEntry).flatMap(describePurge);
  const notes = plan.keys.flatMap((k) => k.notes.map((n) => `${k.key}  ${n}`));
  return { target, plan, reportChanges, leftovers, unreadable, storeLines, notes };
}

/** What a plan removes, as compared before and after the confirmation. */
const fingerprint = (p: Planned): string =>
  JSON.stringify([p.storeLines, p.notes, p.reportChanges.map((c) => [c.file, c.purge.action, c.purge.removed]), p.leftovers]);

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
  const first = await planAll(inventory, selected.hosts, keys);

  const out = (line: string) => io.stdout.write(`${line}\n`);
  const show = (p: Planned, verb: string) => {
    if (p.storeLines.length > 0) {
      out(`${verb} from ${p.target.description}:`);
      p.storeLines.forEach((l) => out(`  ${l}`));
    }
    if (p.reportChanges.length > 0 || p.leftovers.length > 0) {
      out(`${verb} from the saved reports in ${printableLine(inventory.reports!.dir, 300)}:`);
      p.reportChanges.forEach((c) => out(`  ${reportLine(c)}`));
      p.leftovers.forEach((f) => out(`  ${leftoverLine(f)}`));
    }
  };
  const warnUnreadable = (p: Planned) => {
    for (const u of p.unreadable) io.stderr.write(`fleetcheck: saved report ${printableLine(u.file, 300)} ${u.reason}: check by hand that it names none of ${p.plan.expiredHosts.join(', ')}\n`);
  };
  const finalCode = (p: Planned) => (p.unreadable.length > 0 ? ExitCode.Incomplete : ExitCode.Compliant);

  if (first.storeLines.length === 0 && first.reportChanges.length === 0 && first.leftovers.length === 0) {
    out(`nothing to purge for ${selected.hosts.map((h) => h.name).join(', ')}: the store and the saved reports hold nothing policy says must go`);
    first.notes.forEach((n) => out(`  kept: ${n}`));
    warnUnreadable(first);
    return finalCode(first);
  }
  // With --yes the record printed after the purge is enough; otherwise the list comes first.
  if (flags.dryRun || !flags.yes) show(first, flags.dryRun ? 'would remove' : 'to remove');
  first.notes.forEach((n) => out(`  kept: ${n}`));
  warnUnreadable(first);
  if (flags.dryRun) {
    out('dry run: nothing was changed');
    return finalCode(first);
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

  // The store's lock is held from the second read to the last write, so no concurrent `secrets set`,
  // `import` or purge is overwritten; a pass store is written entry by entry with pass itself.
  const lock = isWritable(source) ? await acquireStoreLock(source.path) : undefined;
  if (lock && !lock.ok) throw configError(lock.message);
  try {
    // Read again: the store or the reports may have changed while the list was on the screen.
    const now = await planAll(inventory, selected.hosts, keys);
    if (!flags.yes && fingerprint(now) !== fingerprint(first)) {
      throw configError('secrets purge: the store or the saved reports changed since the list above was made; nothing was changed. Run the purge again to see the new list');
    }
    if (now.storeLines.length > 0) await now.target.apply(now.plan.keys);
    const expired = new Set(now.plan.expiredHosts);
    for (const change of now.reportChanges) {
      try {
        await applyReportChange(change, expired);
      } catch (err) {
        throw configError(`cannot ${change.purge.action} saved report ${printableLine(change.file, 300)}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
    for (const file of now.leftovers) {
      try {
        await removeLeftover(file);
      } catch (err) {
        throw configError(`cannot delete ${printableLine(file, 300)}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
    show(now, 'removed');
    return finalCode(now);
  } finally {
    if (lock?.ok) await lock.value();
  }
}
