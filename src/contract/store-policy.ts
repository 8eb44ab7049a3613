// The store policy as pure rules, shared by the residue.store-* checks and `fleetcheck secrets purge`:
// what the provider may still keep about a host, judged on names and dates only (never on values).
import type { Contract, ProviderPolicy } from '../inventory/types.js';
import { isCalendarDate } from '../inventory/calendar-date.js';
import { addRetention, DEFAULT_RETENTION, describeRetention } from './policy-dates.js';

/** The parts of a host's store entry the handover rule looks at; both the wrapped and the plain forms fit. */
export interface HandoverHeld {
  osCredentials: ReadonlyArray<{ user: string; handover?: string | undefined }>;
  diskPassphrases: ReadonlyArray<{ device: string; handover?: string | undefined }>;
}

/** One OS login or disk passphrase, named without its value. */
export type HandoverItem = { kind: 'os'; user: string; handover: string | undefined } | { kind: 'disk'; device: string; handover: string | undefined };

/**
 * Where an item stands against its handover date: kept past it, no date known, not yet handed
 * over, or a date that names no day (2026-13-45): nothing can be concluded from it either way.
 */
export type HandoverState = 'past-handover' | 'undated' | 'before-handover' | 'invalid-date';

/** An item with the date it was judged by (its own, else the contract's) and its state. */
export interface JudgedItem {
  item: HandoverItem;
  handover: string | undefined;
  state: HandoverState;
}

/** How an item is named in messages: "OS login root", "disk passphrase for /dev/md1". */
export function describeItem(item: HandoverItem): string {
  return item.kind === 'os' ? `OS login ${item.user}` : `disk passphrase for ${item.device}`;
}

/**
 * residue.store-os-credentials's rule: an OS login or disk passphrase may be kept until its handover
 * date (its own, else the contract's), and not one day after. `today` is an ISO date (UTC).
 */
export function judgeHandover(held: HandoverHeld, contractHandover: string | undefined, today: string): JudgedItem[] {
  const items: HandoverItem[] = [
    ...held.osCredentials.map((c): HandoverItem => ({ kind: 'os', user: c.user, handover: c.handover })),
    ...held.diskPassphrases.map((d): HandoverItem => ({ kind: 'disk', device: d.device, handover: d.handover })),
  ];
  return items.map((item) => {
    const handover = item.handover ?? contractHandover;
    // Compared as text only once it is a real day: '2026-13-45' sorts after every real date of 2026.
    const state: HandoverState =
      handover === undefined ? 'undated' : !isCalendarDate(handover) ? 'invalid-date' : today > handover ? 'past-handover' : 'before-handover';
    return { item, handover, state };
  });
}

/** Where a host stands against the retention window after its contract ended. */
export interface RetentionVerdict {
  /** True once today is past the deadline: nothing about the host may be kept any more. */
  expired: boolean;
  /** The last day data may be kept. */
  deadline: string;
  end: string;
  /** "3 months after the contract ended on 2026-07-20", for messages. */
  window: string;
}

/**
 * residue.store-retention's rule: nothing about a host may be kept more than `provider.retention`
 * (three months by default) after its contract ended. Undefined for a host with no contract.
 */
export function judgeRetention(contract: Contract | undefined, provider: Pick<ProviderPolicy, 'retention'>, today: string): RetentionVerdict | undefined {
  if (!contract) return undefined;
  const retention = provider.retention ?? DEFAULT_RETENTION;
  const deadline = addRetention(contract.end, retention);
  return { expired: today > deadline, deadline, end: contract.end, window: `${describeRetention(retention)} after the contract ended on ${contract.end}` };
}

/** What a store entry holds, counted by kind. */
export interface HeldCounts {
  bmcAccounts: number;
  biosPassword: boolean;
  osCredentials: number;
  diskPassphrases: number;
}

/** What an entry holds, by kind, without values: "1 BMC account(s)", "a BIOS password", … (empty when nothing). */
export function heldKinds(held: HeldCounts): string[] {
  return [
    ...(held.bmcAccounts > 0 ? [`${held.bmcAccounts} BMC account(s)`] : []),
    ...(held.biosPassword ? ['a BIOS password'] : []),
    ...(held.osCredentials > 0 ? [`${held.osCredentials} OS login(s)`] : []),
    ...(held.diskPassphrases > 0 ? [`${held.diskPassphrases} disk passphrase(s)`] : []),
  ];
}

/** The names of the hosts past the retention window (residue.store-retention's rule): no saved report may name them. */
export function hostsPastRetention(hosts: ReadonlyArray<{ name: string; contract?: Contract | undefined }>, provider: Pick<ProviderPolicy, 'retention'>, today: string): Set<string> {
  return new Set(hosts.filter((h) => judgeRetention(h.contract, provider, today)?.expired === true).map((h) => h.name));
}
