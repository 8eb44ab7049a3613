// The dates a secrets document carries (handover of OS logins and disk passphrases) must name real
// days before they enter the store: '2026-13-45' would otherwise sort after every real date and pass.
import { isCalendarDate } from '../inventory/calendar-date.js';
import { printableLine } from '../text/sanitize.js';
import type { SecretsDocument } from './secrets-document.js';

/** The places (`hosts.a3-01.os[0].handover '2026-13-45'`) of every handover that is not a calendar date; dates are not secret. */
export function invalidDates(doc: SecretsDocument): string[] {
  const out: string[] = [];
  for (const [key, entry] of Object.entries(doc.hosts)) {
    const check = (list: ReadonlyArray<{ handover?: string | undefined }> | undefined, kind: string) =>
      (list ?? []).forEach((item, i) => {
        if (item.handover !== undefined && !isCalendarDate(item.handover)) {
          out.push(`hosts.${printableLine(key, 64)}.${kind}[${i}].handover '${printableLine(item.handover, 40)}'`);
        }
      });
    check(entry.os, 'os');
    check(entry.disks, 'disks');
  }
  return out;
}
