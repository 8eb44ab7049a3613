// The leftover catalogue's credential patterns on lines a hostile host writes: each takes time linear
// in the line, and each means what it meant when it was first written as `\bword\b.*tail`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leftoverCatalogue } from '../../../../../src/collect/ssh/residue/leftover-catalogue.js';
import { LEFTOVER_READ_LIMIT, matchCredentials, parseLeftoverSection } from '../../../../../src/collect/ssh/residue/leftover-files-section.js';

const catalogue = leftoverCatalogue();
const patternOf = (id: string): RegExp => {
  const p = catalogue.patterns.find((x) => x.id === id);
  if (!p) throw new Error(`no pattern ${id}`);
  return p.regex;
};

// The patterns as first written: right on every line, but each place of the keyword cost the rest of
// the line (seconds for a 256 KiB line), and `\s*-?\s*` the square of a line of blanks.
const FIRST_WRITTEN: Record<string, RegExp> = {
  'cloud-config-password': /^\s*-?\s*(password|passwd|plain_text_passwd|hashed_passwd)\s*:\s*[^\s#]/i,
  'cloud-config-chpasswd-entry': /^\s*-?\s*[a-z_][a-z0-9_-]*:[^\s:]{4,}\s*$/i,
  'ipmitool-password': /\bipmitool\b.*\s-P\s*\S/i,
  'sshpass-password': /\bsshpass\b.*\s-p\s*\S/i,
  'mysql-password': /\b(mysql|mysqldump|mysqladmin)\b.*\s(-p\S|--password=\S)/i,
  'curl-user': /\bcurl\b.*\s(-u\s*|--user[= ])\S+:\S/i,
  'chpasswd-pipe': /[a-z_][a-z0-9_-]*:[^\s:]+.*\|\s*chpasswd\b/i,
  'useradd-password': /\b(useradd|usermod)\b.*\s(-p|--password)\s+\S/i,
};

// The pieces the patterns look for, and their near misses; no line terminator, where `.` and
// `[\s\S]` differ (that difference is tested on its own below).
const TOKENS = [
  'ipmitool', 'sshpass', 'mysql', 'mysqldump', 'mysqladmin', 'curl', 'useradd', 'usermod', 'chpasswd', 'password', 'passwd',
  'plain_text_passwd', 'hashed_passwd', 'root', 'Admin_1', '9x', '12', 'x-y', '-P', '-p', '-u', '--user', '--user=', '--password',
  '--password=', '-pS3cr', 'hunter2', ':', '::', 'a:b', 'ops:Secr3t!', '|', '| ', '#', '-', '=', ' ', '  ', '\t', 'e', 'Xipmitool', 'curlx',
];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((parts) => parts.join(''));

describe('credential patterns: what they mean', () => {
  it.each(Object.keys(FIRST_WRITTEN))('%s matches exactly the lines it matched as first written', (id) => {
    const now = patternOf(id);
    const before = FIRST_WRITTEN[id]!;
    fc.assert(fc.property(line, (l) => now.test(l) === before.test(l)), { numRuns: 3000 });
  });

  it('finds each on the command line a provisioning script writes', () => {
    const hits = (kind: string, text: string): string[] => matchCredentials(catalogue, kind, [text]).map((h) => h.pattern);
    expect(hits('history', 'ipmitool -I lanplus -H 10.0.0.5 -U admin -P hunter2 chassis status')).toEqual(['ipmitool-password']);
    expect(hits('history', "sshpass -p 'hunter2' ssh root@10.0.0.5")).toEqual(['sshpass-password']);
    expect(hits('history', 'mysqldump -u root -phunter2 --all-databases')).toEqual(['mysql-password']);
    expect(hits('history', 'curl -fsS -u deploy:hunter2 https://repo.example/x')).toEqual(['curl-user']);
    expect(hits('history', "echo 'root:hunter2' | chpasswd")).toEqual(['chpasswd-pipe']);
    expect(hits('history', 'useradd -m -p $6$salt$hash ops')).toEqual(['useradd-password']);
    expect(hits('cloud-init', '  - root:hunter2hunter2')).toEqual(['cloud-config-chpasswd-entry']);
    expect(hits('cloud-init', '- password: hunter2')).toEqual(['cloud-config-password']);
  });

  it('sees the tail past a carriage return or U+2028 in mid-line, which no shell ends a line at', () => {
    expect(matchCredentials(catalogue, 'history', ['sshpass\r -p hunter2 ssh root@10.0.0.5']).map((h) => h.pattern)).toEqual(['sshpass-password']);
    expect(matchCredentials(catalogue, 'history', ["echo 'root:hunter2'\u2028| chpasswd"]).map((h) => h.pattern)).toEqual(['chpasswd-pipe']);
  });
});

/** A line of `unit` repeated to the leftover read limit, as a host may write it. */
const hostileLine = (unit: string): string => unit.repeat(Math.ceil(LEFTOVER_READ_LIMIT / unit.length)).slice(0, LEFTOVER_READ_LIMIT);

describe('credential patterns: a hostile line of the read limit', () => {
  // Each line is built from what a pattern looks for, without what completes it. Written the old way,
  // one of these lines took each pattern from seconds to minutes; the test's own limit is what fails.
  const units = [
    'ipmitool ', 'sshpass ', 'mysql ', 'curl ', 'useradd ', 'usermod ', ' -u', 'curl -u x', 'a', 'a9', 'x:', 'a:b ', 'root:pw ', 'root:pw',
    ' ', '\t', ' -', '- ', 'password ', 'password', '#',
  ];

  it.each(units)('%j: judged in one pass, no credential found', (unit) => {
    for (const kind of ['history', 'cloud-init', 'kickstart']) expect(matchCredentials(catalogue, kind, [hostileLine(unit)])).toEqual([]);
  });

  it('a credential at the end of a line of keywords is still found', () => {
    const text = `${hostileLine('ipmitool ').slice(0, LEFTOVER_READ_LIMIT - 40)} -P hunter2`;
    expect(matchCredentials(catalogue, 'history', [text]).map((h) => h.pattern)).toEqual(['ipmitool-password']);
  });

  it('the whole section parser, generic secrets included, takes such a file as any other', async () => {
    const M = '@@fc-hostile';
    const body = hostileLine('ipmitool ');
    const text = `${M} F /root/.bash_history\n${body}\n${M} E\n`;
    const fact = await parseLeftoverSection(text, M);
    expect(fact.files.map((f) => ({ path: f.path, kind: f.kind, state: f.state, credentials: f.credentials }))).toEqual([
      { path: '/root/.bash_history', kind: 'history', state: 'read', credentials: [] },
    ]);
  });
});
