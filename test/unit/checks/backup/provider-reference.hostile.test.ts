// The dotted-name pattern of providerReferences on text a hostile host writes (a job's command line,
// its environment, a script of 64 KiB): linear in the text, and the same names as first written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME, providerBackup, providerReferences } from '../../../../src/checks/backup/provider-reference.js';
import { SCHEDULE_READ_LIMIT } from '../../../../src/collect/ssh/backup/schedules-script.js';
import { testProvider } from '../../support/hosts.js';

// As first written: right on every text, but tried from each letter of a long run without a dot it
// read the rest of the run each time, the square of the run.
const FIRST_WRITTEN = /[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/g;

const TOKENS = ['a', 'b1', '9', 'backup', 'example', '-', '--', '.', '..', '-.', '.-', ' ', '/', ':', '@', '_', 'é', '\r', '\u2028', 'x-y'];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((parts) => parts.join(''));

const provider = testProvider();
provider.backup = { hosts: [], cidrs: [], domains: ['backup.provider.example'], agents: [] };
const backup = providerBackup(provider);

describe('NAME: what it means', () => {
  it('finds the same names as the pattern first written', () => {
    fc.assert(fc.property(text, (t) => {
      expect([...t.matchAll(NAME)].map((m) => m[1])).toEqual(t.match(FIRST_WRITTEN) ?? []);
    }), { numRuns: 5000 });
  });

  it('still finds a provider name behind hyphens and dots', () => {
    expect(providerReferences('rsync -a /srv/ --x-.-repo7.backup.provider.example:/b', backup)).toEqual([
      'repo7.backup.provider.example in provider backup domain backup.provider.example',
    ]);
  });
});

describe('NAME: a hostile text of the read limit', () => {
  // The first-written pattern took seconds on 64 KiB of each.
  it.each(['a', '-a', 'a-', 'ab-'])('%j repeated: read in one pass, no name', (unit) => {
    expect(providerReferences(unit.repeat(Math.ceil(SCHEDULE_READ_LIMIT / unit.length)), backup)).toEqual([]);
  });

  it('a provider name at the end of a long run is still found', () => {
    const t = `${'a-'.repeat(SCHEDULE_READ_LIMIT / 2)} repo.backup.provider.example`;
    expect(providerReferences(t, backup)).toEqual(['repo.backup.provider.example in provider backup domain backup.provider.example']);
  });
});
