// What `fleetcheck secrets purge` removes from a store entry, decided by the very rules the
// residue.store-* checks apply (checks/residue/store-policy.ts). Pure: names and dates in, a plan out.
import { describeItem, heldKinds, judgeHandover, judgeRetention, type HandoverItem } from '../contract/store-policy.js';
import type { Host, ProviderPolicy } from '../inventory/types.js';
import type { HostEntry, SecretsDocument } from './secrets-document.js';

/** What goes from one store key (never a value: user names, device names and kinds only). */
export interface KeyPurge {
  key: string;
  /** The hosts of the inventory this key belongs to, selected ones first. */
  hosts: string[];
  /** Set when the whole entry goes: every host using the key is past the retention window. */
  entire?: { held: string[]; deadline: string; window: string };
  /** OS logins and disk passphrases kept past their handover date (when the entry stays); `index` is the item's position in its list (`os` or `disks`), since two items may share a name. */
  items: Array<{ item: HandoverItem; handover: string; index: number }>;
  /** What stays although it may look like residue, and why (no handover date, a shared key). */
  notes: string[];
}

/** The whole purge for the selected hosts: store keys to change, and host names to take out of saved reports. */
export interface PurgePlan {
  keys: KeyPurge[];
  /** Selected hosts past the retention window: no saved report may name them any more. */
  expiredHosts: string[];
}

/** The handover view of a plain entry (the same shape the checks judge). */
const handoverHeld = (entry: HostEntry) => ({ osCredentials: entry.os ?? [], diskPassphrases: entry.disks ?? [] });

/** What a plain entry holds, by kind. */
export function entryKinds(entry: HostEntry): string[] {
  return heldKinds({ bmcAccounts: entry.bmc?.accounts.length ?? 0, biosPassword: entry.bios !== undefined, osCredentials: entry.os?.length ?? 0, diskPassphrases: entry.disks?.length ?? 0 });
}

/**
 * Plans the purge of the selected hosts. `entryOf` gives each store key's plain entry (undefined when
 * absent); `allHosts` is the whole inventory, so that a key another host still needs is not removed.
 * A key goes entirely when every host using it is past retention (residue.store-retention); otherwise
 * an item goes when it is past handover for every host using the key (residue.store-os-credentials).
 */
export function planPurge(
  selected: readonly Host[],
  allHosts: readonly Host[],
  entryOf: (key: string) => HostEntry | undefined,
  provider: Pick<ProviderPolicy, 'retention'>,
  today: string,
): PurgePlan {
  const keys: KeyPurge[] = [];
  const expiredHosts = selected.filter((h) => judgeRetention(h.contract, provider, today)?.expired === true).map((h) => h.name);
  for (const key of [...new Set(selected.map((h) => h.secretsKey))]) {
    const users = allHosts.filter((h) => h.secretsKey === key);
    const hosts = [...selected.filter((h) => h.secretsKey === key), ...users.filter((h) => !selected.includes(h))].map((h) => h.name);
    const entry = entryOf(key);
    if (entry === undefined) continue;
    const plan: KeyPurge = { key, hosts, items: [], notes: [] };
    const verdicts = users.map((h) => ({ host: h, retention: judgeRetention(h.contract, provider, today) }));
    const stillNeeded = verdicts.filter((v) => v.retention?.expired !== true);
    const expired = verdicts.find((v) => v.retention?.expired === true)?.retention;
    if (expired && stillNeeded.length === 0) {
      plan.entire = { held: entryKinds(entry), deadline: expired.deadline, window: expired.window };
      keys.push(plan);
      continue;
    }
    if (expired) plan.notes.push(`the entry stays: key also used by ${stillNeeded.map((v) => v.host.name).join(', ')}, still within retention`);
    // Per host using the key, the same judgement residue.store-os-credentials makes.
    const judged = users.map((h) => judgeHandover(handoverHeld(entry), h.contract?.handover, today));
    const osCount = entry.os?.length ?? 0;
    for (const [i, j] of (judged[0] ?? []).entries()) {
      const states = judged.map((list) => list[i]!.state);
      // judgeHandover lists the OS logins first, then the disks: the position in its own list identifies the item.
      if (states.every((s) => s === 'past-handover')) plan.items.push({ item: j.item, handover: j.handover!, index: j.item.kind === 'os' ? i : i - osCount });
      else if (states.includes('invalid-date')) plan.notes.push(`${describeItem(j.item)} stays: its handover date '${j.handover}' is not a calendar date (set a real one with \`secrets set ${key} ${j.item.kind === 'os' ? `os ${j.item.user}` : `disk ${j.item.device}`} --handover DATE\`)`);
      else if (states.includes('undated')) plan.notes.push(`${describeItem(j.item)} stays: no handover date known (set one with \`secrets set ${key} ${j.item.kind === 'os' ? `os ${j.item.user}` : `disk ${j.item.device}`} --handover DATE\`)`);
    }
    if (plan.items.length > 0 || plan.notes.length > 0) keys.push(plan);
  }
  return { keys, expiredHosts };
}

/** The entry after the purge of `plan`; undefined when nothing is left of it. */
export function purgedEntry(entry: HostEntry, plan: KeyPurge): HostEntry | undefined {
  if (plan.entire) return undefined;
  const goneOs = new Set(plan.items.filter((i) => i.item.kind === 'os').map((i) => i.index));
  const goneDisks = new Set(plan.items.filter((i) => i.item.kind === 'disk').map((i) => i.index));
  const os = (entry.os ?? []).filter((_, i) => !goneOs.has(i));
  const disks = (entry.disks ?? []).filter((_, i) => !goneDisks.has(i));
  const { os: _os, disks: _disks, ...rest } = entry;
  const next: HostEntry = { ...rest, ...(os.length > 0 ? { os } : {}), ...(disks.length > 0 ? { disks } : {}) };
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Whether a plan changes the entry at all. */
export const changesEntry = (plan: KeyPurge): boolean => plan.entire !== undefined || plan.items.length > 0;

/** The document after every plan is applied (for the age and file stores). Pure. */
export function purgeDocument(doc: SecretsDocument, plans: readonly KeyPurge[]): SecretsDocument {
  const hosts = { ...doc.hosts };
  for (const plan of plans.filter(changesEntry)) {
    const entry = hosts[plan.key];
    if (entry === undefined) continue;
    const next = purgedEntry(entry, plan);
    if (next === undefined) delete hosts[plan.key];
    else hosts[plan.key] = next;
  }
  // Repository passwords of provider systems are no host's: a purge keeps them.
  return { ...doc, hosts };
}

/** One line per change, for the dry run and the record of what went: kinds and names, never a value. */
export function describePurge(plan: KeyPurge): string[] {
  const who = plan.hosts.length === 1 && plan.hosts[0] === plan.key ? plan.key : `${plan.key} (${plan.hosts.join(', ')})`;
  if (plan.entire) {
    const held = plan.entire.held.length > 0 ? plan.entire.held.join(', ') : 'an empty entry';
    return [`${who}  the whole entry: ${held} (retention ended ${plan.entire.deadline}, ${plan.entire.window})`];
  }
  return plan.items.map((i) => `${who}  ${describeItem(i.item)} (handed over on ${i.handover})`);
}
