// Turns the sections one provider system printed into what it holds: sources read or not, holdings, files; pure.
import type { ProviderFile, ProviderHolding, SourceRead } from '../../facts/provider-systems.js';
import { Secret } from '../../model/secret.js';
import { printableLine } from '../../text/sanitize.js';
import { clientHoldings, parseBconsoleJobs, parseCatalogJobs, parseDirectorConfig } from './holdings/bacula.js';
import { nfsExportHoldings, smbShareHoldings } from './holdings/exports.js';
import { parseBorgArchives, parseResticSnapshots } from './holdings/repositories.js';
import { listingHoldings, rsnapshotBackupLines, rsnapshotTreeHoldings } from './holdings/trees.js';
import { btrfsHoldings, lvmHoldings, zfsHoldings } from './holdings/volumes.js';
import { commandFailure, type SectionOutput } from './provider-section-output.js';
import { FILES_LIMIT, PROVIDER_FILE_LIMIT, type ProviderSection } from './provider-system-script.js';

/** What one section yielded. */
export interface SectionYield {
  source: SourceRead;
  holdings: ProviderHolding[];
  files: ProviderFile[];
}

const failed = (source: string, message: string): SourceRead => ({ source, state: 'failed', message: printableLine(message, 300) });

/** Files a configuration section needed but could not read make the source failed: a Client in them would be missed. */
function unreadFiles(output: SectionOutput): string | undefined {
  const unread = output.files.filter((f) => f.state === 'unreadable' || f.bytes > PROVIDER_FILE_LIMIT);
  return unread.length > 0 ? `could not read in full: ${unread.map((f) => f.path).join(', ')}` : undefined;
}

/** Holdings of a section whose status was `ok`; a failure inside it (a tool's exit, bad JSON) makes the source failed. */
function holdingsOf(section: ProviderSection, output: SectionOutput): { holdings: ProviderHolding[]; problem?: string } {
  const command = (name: string) => output.commands.find((c) => c.name === name);
  const kind = section.name.replace(/-\d+$/, '');
  switch (kind) {
    case 'bacula-config': {
      const problem = unreadFiles(output);
      const holdings = output.files.filter((f) => f.state === 'read').flatMap((f) => clientHoldings(parseDirectorConfig(f.path, f.text)));
      return problem ? { holdings, problem } : { holdings };
    }
    case 'bacula-catalog': {
      const viaConsole = command('bconsole');
      if (viaConsole) {
        const problem = commandFailure(viaConsole, 'bconsole llist jobs');
        if (problem) return { holdings: [], problem };
        const parsed = parseBconsoleJobs(viaConsole.output);
        return parsed.ok ? { holdings: parsed.holdings } : { holdings: [], problem: parsed.message };
      }
      const jobs = command('jobs');
      const problem = commandFailure(jobs, 'sqlite3 on the catalog');
      if (problem) return { holdings: [], problem };
      const parsed = parseCatalogJobs(section.source.replace(/^bacula catalog /, ''), jobs!.output);
      return parsed.ok ? { holdings: parsed.holdings } : { holdings: [], problem: parsed.message };
    }
    case 'restic':
    case 'borg': {
      const ran = command(kind === 'restic' ? 'snapshots' : 'archives');
      const problem = commandFailure(ran, kind);
      if (problem) return { holdings: [], problem };
      const repository = section.source.replace(/^(restic|borg) /, '');
      const parsed = kind === 'restic' ? parseResticSnapshots(repository, ran!.output) : parseBorgArchives(repository, ran!.output);
      return parsed.ok ? { holdings: parsed.holdings } : { holdings: [], problem: parsed.message };
    }
    case 'rsnapshot': {
      const problem = unreadFiles(output) ?? (command('tree') ? commandFailure(command('tree'), 'listing the snapshot root') : undefined);
      const holdings = [
        ...output.files.filter((f) => f.state === 'read').flatMap((f) => rsnapshotBackupLines(f.path, f.text)),
        ...rsnapshotTreeHoldings(command('tree')?.output ?? ''),
      ];
      return problem ? { holdings, problem } : { holdings };
    }
    case 'trees':
    case 'snapshot-roots': {
      const problems = [
        ...output.missing.map((m) => `${m} does not exist`),
        ...output.commands.map((c) => commandFailure(c, `listing ${c.name}`)).filter((p): p is string => p !== undefined),
      ];
      const holdings = output.commands.flatMap((c) => listingHoldings(kind === 'trees' ? 'rsync-tree' : 'snapshot-root', c.output, c.name));
      return problems.length > 0 ? { holdings, problem: problems.join('; ') } : { holdings };
    }
    case 'zfs':
    case 'lvm': {
      const ran = command(kind === 'zfs' ? 'datasets' : 'volumes');
      const problem = commandFailure(ran, kind === 'zfs' ? 'zfs list' : 'lvs');
      if (problem) return { holdings: [], problem };
      return { holdings: kind === 'zfs' ? zfsHoldings(ran!.output) : lvmHoldings(ran!.output) };
    }
    case 'btrfs': {
      const problems = output.commands.map((c) => commandFailure(c, `btrfs subvolume list ${c.name}`)).filter((p): p is string => p !== undefined);
      const holdings = output.commands.flatMap((c) => btrfsHoldings(c.name, c.output));
      return problems.length > 0 ? { holdings, problem: problems.join('; ') } : { holdings };
    }
    case 'exports': {
      const problem = unreadFiles(output);
      const holdings = output.files
        .filter((f) => f.state === 'read')
        .flatMap((f) => (f.path.endsWith('smb.conf') ? smbShareHoldings(f.path, f.text) : nfsExportHoldings(f.path, f.text)));
      return problem ? { holdings, problem } : { holdings };
    }
    default:
      return { holdings: [] };
  }
}

/** The files a billing or staff section dumped, wrapped: only the residue check's in-memory comparison reveals them. */
function filesOf(output: SectionOutput): ProviderFile[] {
  // A history is dumped by name and again by the walk of its home: once is enough.
  const seen = new Set<string>();
  return output.files.filter((f) => !seen.has(f.path) && seen.add(f.path)).map((f) => ({ path: f.path, state: f.state, truncated: f.bytes > PROVIDER_FILE_LIMIT, content: new Secret(f.state === 'read' ? f.text : '') }));
}

/** What one section yielded, from its parsed output. */
export function sectionYield(section: ProviderSection, output: SectionOutput): SectionYield {
  const { state, message } = output.status;
  if (state === 'absent') return { source: { source: section.source, state: 'absent', message: printableLine(message, 300) }, holdings: [], files: [] };
  if (state === 'failed') return { source: failed(section.source, message || 'could not be read'), holdings: [], files: [] };
  if (section.name === 'files') {
    const missing = [...output.missing.map((m) => `${m} does not exist`), ...output.overLimit.map((m) => `more than ${FILES_LIMIT} files under ${m}: not all were searched`)];
    return { source: missing.length > 0 ? failed(section.source, missing.join('; ')) : { source: section.source, state: 'read' }, holdings: [], files: filesOf(output) };
  }
  const { holdings, problem } = holdingsOf(section, output);
  return { source: problem ? failed(section.source, problem) : { source: section.source, state: 'read' }, holdings, files: [] };
}
