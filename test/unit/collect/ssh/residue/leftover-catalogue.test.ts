// The leftover catalogue as the collector uses it: the YAML's files split by where they are read, patterns compiled, kinds by path.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kindOfPath, leftoverCatalogue } from '../../../../../src/collect/ssh/residue/leftover-catalogue.js';
import { matchCredentials } from '../../../../../src/collect/ssh/residue/leftover-files-section.js';

interface RawCatalogue {
  files: Array<{ glob?: string; home?: string; kind: string }>;
  patterns: Array<{ id: string; kinds: string[]; regex: string; label: string }>;
}
const raw = parse(readFileSync('catalogue/residue-leftovers.yaml', 'utf8')) as RawCatalogue;

describe('leftoverCatalogue', () => {
  it('splits the YAML files into system globs and home file names, in order, and compiles every pattern', () => {
    const c = leftoverCatalogue();
    expect(c.systemFiles).toEqual(raw.files.filter((f) => f.glob !== undefined).map((f) => ({ glob: f.glob, kind: f.kind })));
    expect(c.homeFiles).toEqual(raw.files.filter((f) => f.home !== undefined).map((f) => ({ name: f.home, kind: f.kind })));
    expect(c.patterns.map((p) => [p.id, [...p.kinds], String(p.regex), p.label])).toEqual(raw.patterns.map((p) => [p.id, p.kinds, String(new RegExp(p.regex, 'i')), p.label]));
  });

  it('is read and compiled once per process', () => {
    expect(leftoverCatalogue()).toBe(leftoverCatalogue());
  });

  it('tries each pattern without regard to case, as the catalogue says', () => {
    const hits = matchCredentials(leftoverCatalogue(), 'mycnf', ['[client]', 'PASSWORD = Db-Pass-3', 'Password=Db-Pass-4']);
    expect(hits.map((h) => [h.line, h.pattern])).toEqual([[2, 'mycnf-password'], [3, 'mycnf-password']]);
  });
});

describe('kindOfPath', () => {
  it('lets a glob wildcard stand for one path part only, as the shell that expanded it did', () => {
    const c = leftoverCatalogue();
    // An account whose home is /root/provisioning: its history is history, not a /root/provision* script.
    expect(kindOfPath(c, '/root/provisioning/.bash_history')).toBe('history');
    expect(kindOfPath(c, '/root/provisioning.sh')).toBe('provisioning-script');
    expect(kindOfPath(c, '/var/lib/cloud/instances/i-1/sub/user-data.txt')).toBe('other');
  });

  it('calls a path no entry names other', () => {
    expect(kindOfPath(leftoverCatalogue(), '/srv/notes.txt')).toBe('other');
  });
});
