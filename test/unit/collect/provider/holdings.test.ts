// The holding parsers on output captured from the real tools (fixtures/provider-systems-capture/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientHoldings, parseBconsoleJobs, parseCatalogJobs, parseDirectorConfig } from '../../../../src/collect/provider/holdings/bacula.js';
import { nfsExportHoldings, smbShareHoldings } from '../../../../src/collect/provider/holdings/exports.js';
import { parseBorgArchives, parseResticSnapshots } from '../../../../src/collect/provider/holdings/repositories.js';
import { listingHoldings, rsnapshotBackupLines } from '../../../../src/collect/provider/holdings/trees.js';
import { lvmHoldings, zfsHoldings } from '../../../../src/collect/provider/holdings/volumes.js';

const capture = (name: string): string => readFileSync(`fixtures/provider-systems-capture/${name}`, 'utf8');

describe('provider holdings', () => {
  it('restic snapshots --json: one snapshot with its host, paths, short id and time', () => {
    const parsed = parseResticSnapshots('/srv/restic/main', capture('restic-snapshots.json'));
    expect(parsed).toEqual({ ok: true, holdings: [{ kind: 'restic-snapshot', copy: true, place: '/srv/restic/main snapshot 90f6b7c2', date: '2026-12-07T03:28:28.769781262Z', names: ['p15-02', '/tmp/f16cap/src'], detail: 'host p15-02, paths /tmp/f16cap/src' }] });
    expect(parseResticSnapshots('/r', 'Fatal: wrong password').ok).toBe(false);
  });

  it('borg list --json: archives with name, start, the host that made them and the command line', () => {
    const parsed = parseBorgArchives('/srv/borg/main', capture('borg-list.json'));
    expect(parsed.ok && parsed.holdings).toEqual([
      { kind: 'borg-archive', copy: true, place: '/srv/borg/main::p15-03-2026-12-07', date: '2026-12-07T03:28:35.000000', names: ['p15-03-2026-12-07', 'vm', '', '/usr/bin/borg', 'create', 'b::p15-03-2026-12-07', 'src'].filter((n) => n !== ''), detail: 'made on vm' },
    ]);
  });

  it("Debian's director configuration with a rented server's Client and Job", () => {
    const resources = parseDirectorConfig('/etc/bacula/bacula-dir.conf', capture('bacula-dir.conf'));
    const clients = clientHoldings(resources);
    expect(clients.map((c) => c.names)).toEqual([['backup01-fd', 'localhost'], ['p15-01-fd', '127.10.15.1']]);
    expect(clients[1]).toMatchObject({ kind: 'bacula-client', copy: false, detail: 'Address 127.10.15.1; jobs BackupP1501' });
    expect(clients[1]!.place).toMatch(/^\/etc\/bacula\/bacula-dir\.conf:\d+ Client p15-01-fd$/);
  });

  it('catalog jobs: backups are copies, restores are not; empty output is no jobs; junk is an error', () => {
    const rows = JSON.stringify([
      { JobId: 1, Job: 'BackupP1501.x', Name: 'BackupP1501', Client: 'p15-01-fd', Type: 'B', Level: 'F', JobStatus: 'T', EndTime: '2026-12-06 22:05:09', JobFiles: 3, JobBytes: 9 },
      { JobId: 2, Job: 'RestoreFiles.x', Name: 'RestoreFiles', Client: 'p15-01-fd', Type: 'R', Level: 'F', JobStatus: 'T', EndTime: '2026-12-06 23:00:00', JobFiles: 3, JobBytes: 9 },
    ]);
    const parsed = parseCatalogJobs('/var/lib/bacula/bacula.db', rows);
    expect(parsed.ok && parsed.holdings.map((h) => h.place)).toEqual(['catalog /var/lib/bacula/bacula.db JobId 1 (BackupP1501.x)']);
    expect(parseCatalogJobs('/db', '')).toEqual({ ok: true, holdings: [] });
    expect(parseCatalogJobs('/db', 'Error: no such table: Job').ok).toBe(false);
  });

  it("rsnapshot's backup lines (tab-separated) from Debian's configuration", () => {
    const lines = rsnapshotBackupLines('/etc/rsnapshot.conf', capture('rsnapshot.conf'));
    expect(lines.map((l) => l.names)).toEqual([['/home/', 'localhost/'], ['/etc/', 'localhost/'], ['/usr/local/', 'localhost/'], ['root@127.10.15.4:/etc/', 'p15-04/']]);
  });

  it('listings, zfs and lvm output', () => {
    expect(listingHoldings('rsync-tree', '1765065600.0000000000\td\t/srv/rsync/p15-06\n', '/srv/rsync')).toEqual([
      { kind: 'rsync-tree', copy: true, place: '/srv/rsync/p15-06', date: '2025-12-07T00:00:00.000Z', names: ['p15-06'], detail: 'directory' },
    ]);
    // Captured for the rented-host checks (fixtures/zfs, fixtures/lvs): the same commands run on provider systems.
    const zfs = zfsHoldings(readFileSync('fixtures/zfs/snapshots/stdout', 'utf8'));
    expect(zfs[0]).toEqual({ kind: 'zfs', copy: true, place: 'zfs tank/srv@autosnap_2026-03-01_00:00:01_daily', date: '2026-03-01T00:00:01.000Z', names: ['tank/srv@autosnap_2026-03-01_00:00:01_daily'], detail: 'snapshot' });
    expect(lvmHoldings(readFileSync('fixtures/lvs/snapshot/stdout', 'utf8'))).toEqual([
      { kind: 'lvm', copy: true, place: 'lvm fcvg/data', date: '2026-03-02 10:14:07 +0000', names: ['data', 'fcvg/data'], detail: 'volume' },
      { kind: 'lvm', copy: true, place: 'lvm fcvg/snapshot0', date: '2026-03-02 11:14:07 +0000', names: ['snapshot0', 'fcvg/snapshot0'], detail: 'snapshot of fcvg/data' },
    ]);
  });

  it('NFS exports and Samba shares name the clients they are offered to', () => {
    expect(nfsExportHoldings('/etc/exports', '# comment\n/srv/nfs/p15 127.10.15.6(rw,no_root_squash) \\\n  10.0.0.0/8(ro)\n').map((h) => h.names)).toEqual([['/srv/nfs/p15', '127.10.15.6', '10.0.0.0/8']]);
    const smb = smbShareHoldings('/etc/samba/smb.conf', '[global]\n workgroup = X\n[p15-06]\n path = /srv/smb/p15-06\n hosts allow = 127.10.15.6, 10.0.0.1\n');
    expect(smb.map((h) => h.names)).toEqual([['p15-06', '/srv/smb/p15-06', '127.10.15.6', '10.0.0.1']]);
  });

  describe("on the lab's provider backup server (fixtures/provider-systems/README.md)", () => {
    const lab = (name: string): string => readFileSync(`fixtures/provider-systems/${name}`, 'utf8');

    it('the catalog job of p15-01 from a real Bacula backup, and the empty catalog of a clean server', () => {
      const parsed = parseCatalogJobs('/var/lib/bacula/bacula.db', lab('bacula-catalog-jobs-with-clients.json'));
      expect(parsed.ok && parsed.holdings).toEqual([
        expect.objectContaining({ kind: 'bacula-job', copy: true, place: 'catalog /var/lib/bacula/bacula.db JobId 1 (p15-01)', date: '2026-12-07 03:29:05', names: ['p15-01-fd', 'p15-01'] }),
      ]);
      expect(parseCatalogJobs('/db', lab('bacula-catalog-job-empty.json'))).toEqual({ ok: true, holdings: [] });
    });

    it("bconsole's llist jobs, for catalogs that are not a sqlite file", () => {
      const parsed = parseBconsoleJobs(lab('bconsole-list.txt'));
      expect(parsed.ok && parsed.holdings).toEqual([
        {
          kind: 'bacula-job', copy: true, place: 'catalog (bconsole llist jobs) JobId 1 (p15-01.2026-12-07_03.29.02_03)', date: '2026-12-07 03:29:05',
          names: ['p15-01-fd', 'p15-01', 'p15-01.2026-12-07_03.29.02_03'], detail: 'client p15-01-fd, type B, level F, status T, 3 files, 133 bytes',
        },
      ]);
      expect(parseBconsoleJobs('Connecting to Director 127.0.0.1:9101\nDirector authorization problem.\n')).toMatchObject({ ok: false });
    });

    it("the lab director's Client of p15-01", () => {
      const clients = clientHoldings(parseDirectorConfig('/etc/bacula/bacula-dir.conf', lab('bacula-dir.conf')));
      expect(clients.find((c) => c.names.includes('p15-01-fd'))?.names).toEqual(['p15-01-fd', '127.10.15.1']);
    });

    it('the restic snapshot of p15-02 and the borg archive of p15-03', () => {
      const restic = parseResticSnapshots('/srv/restic/main', lab('restic-snapshots.json'));
      expect(restic.ok && restic.holdings.map((h) => [h.place, h.names])).toEqual([['/srv/restic/main snapshot 92add05a', ['p15-02', '/srv/data']]]);
      expect(parseResticSnapshots('/r', lab('restic-snapshots-empty.json'))).toEqual({ ok: true, holdings: [] });
      const borg = parseBorgArchives('/srv/borg/main', lab('borg-list.json'));
      expect(borg.ok && borg.holdings.map((h) => h.place)).toEqual(['/srv/borg/main::p15-03-2026-12-07T03:29:10']);
      expect(parseBorgArchives('/b', lab('borg-list-empty.json'))).toEqual({ ok: true, holdings: [] });
    });

    it("rsnapshot's backup line for p15-04, with one or more tabs between fields", () => {
      expect(rsnapshotBackupLines('/etc/rsnapshot.conf', lab('rsnapshot.conf')).map((h) => h.names)).toEqual([['root@127.10.15.4:/srv/data/', 'p15-04/']]);
      expect(rsnapshotBackupLines('/etc/rsnapshot.conf', lab('rsnapshot.conf.debian-default')).map((h) => h.names[1])).toEqual(['localhost/', 'localhost/', 'localhost/']);
    });
  });
});
