// backup.agents: no backup software of the provider's on the host; other backup software is shown for review.
import { type BackupCatalogue, type BackupProduct, backupCatalogue, baseName, commName } from '../../catalogue/backup-catalogue.js';
import type { BackupSoftwareFact } from '../../facts/backup-software.js';
import type { Evidence } from '../../model/finding.js';
import { globRegExp } from '../../text/glob.js';
import type { Check } from '../check.js';
import { backupOutcome, evidence, noFindings } from './backup-outcome.js';
import { providerAgent, providerBackup, providerReferences, type ProviderBackup } from './provider-reference.js';

/** Catalogue paths: `*` stays within one path part and `?` is literal. */
const pathGlob = (glob: string): RegExp => globRegExp(glob, { pathParts: true, literalQuestionMark: true });

/**
 * A configuration line without its comment: a line starting with `#`, `;` or `//` is all comment,
 * and `#` after a blank starts one outside quotes (Bacula, Bareos, borgmatic's YAML, shell-style
 * files). A director or server named only in a comment is not configured: it must not fail the host.
 */
export function uncommented(line: string): string {
  if (/^\s*(?:#|;|\/\/)/.test(line)) return '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && /\s/.test(line[i - 1] ?? '')) return line.slice(0, i);
  }
  return line;
}
/** Where a program lives, /bin and /usr/bin (sbin too) taken as one directory, as on merged-/usr systems. */
const usrMerged = (path: string): string => path.replace(/^\/usr(?=\/s?bin\/[^/]+$)/, '');

/** Every trace of one product, and whether (and why) it is the provider's. */
function productTraces(product: BackupProduct, fact: BackupSoftwareFact, backup: ProviderBackup): { traces: Evidence[]; reasons: Evidence[]; blind: Evidence[] } {
  const traces: Evidence[] = [];
  const reasons: Evidence[] = [];
  const blind: Evidence[] = [];
  for (const p of fact.packages.filter((p) => product.packages.includes(p.name))) {
    traces.push(evidence(`package ${p.name}`, `${product.name} ${p.version} installed (${p.manager}, status ${p.status.trim()})`));
  }
  const seenBinary = new Set<string>();
  for (const path of fact.binaries) {
    const matches = product.binaries.some((b) => (b.startsWith('/') ? pathGlob(b).test(path) : baseName(path) === b));
    // /bin and /usr/bin are one directory on merged-/usr systems: one line per program there.
    const place = usrMerged(path);
    if (!matches || seenBinary.has(place)) continue;
    seenBinary.add(place);
    traces.push(evidence(path, `${product.name} program on disk`));
  }
  // A running program already named on disk is not named again.
  for (const e of fact.executables.filter((e) => product.binaries.some((b) => baseName(b) === baseName(e.path)) && !seenBinary.has(usrMerged(e.path)))) {
    traces.push(evidence(`process ${e.pid} (${e.path})`, `${product.name} program running from ${e.path}`));
  }
  const seenUnit = new Set<string>();
  for (const u of fact.units.filter((u) => product.units.includes(u.name))) {
    if (seenUnit.has(u.name)) continue;
    seenUnit.add(u.name);
    traces.push(evidence(`unit ${u.name}`, `${product.name} unit ${u.enabled ? 'enabled' : 'installed, not enabled'} (${u.path})`));
  }
  const comms = new Set(product.processes.map(commName));
  for (const p of fact.processes.filter((p) => comms.has(p.name))) {
    traces.push(evidence(`process ${p.pid} (${p.name})`, `${product.name} running: ${p.args || p.name}`));
  }
  const patterns = product.configs.map(pathGlob);
  for (const file of fact.configs.filter((f) => patterns.some((re) => re.test(f.path)))) {
    if (file.state === 'unreadable') {
      blind.push(evidence(file.path, `${product.name} configuration cannot be read`));
      continue;
    }
    if (file.truncated) blind.push(evidence(file.path, `${product.name} configuration too large: only the first part was read`));
    let named = false;
    file.lines.forEach((line, i) => {
      const code = uncommented(line);
      const refs = providerReferences(code, backup);
      if (refs.length === 0) return;
      named = true;
      reasons.push(evidence(`${file.path}:${i + 1}`, `${product.name} configured for the provider (${refs.join(', ')}): ${code.trim()}`));
    });
    if (!named) traces.push(evidence(file.path, `${product.name} configuration present`));
  }
  if (traces.length > 0 || reasons.length > 0) {
    const agent = providerAgent([product.id, ...product.packages, ...product.units, ...product.processes, ...product.binaries.map(baseName)], backup);
    if (agent) reasons.unshift(evidence(`inventory provider.backup.agents`, `${product.name} is a declared provider backup agent (${agent})`));
  }
  return { traces, reasons, blind };
}

/** The check, over a given catalogue (tests pass their own). */
export function backupAgentsCheck(catalogue: () => BackupCatalogue): Check<'ssh.backup-software' | 'ssh.backup-schedules'> {
  return {
    id: 'backup.agents',
    promise: 'backup',
    title: 'No provider backup software (packages, programs, units, processes, configuration)',
    needs: ['ssh.backup-software', 'ssh.backup-schedules'],
    evaluate({ 'ssh.backup-software': software, 'ssh.backup-schedules': schedules }, { provider }) {
      // Programs outside the catalogued directories count too: the ones jobs and their scripts run by path.
      const fact = { ...software, binaries: [...software.binaries, ...schedules.programs] };
      const backup = providerBackup(provider);
      const found = noFindings();
      found.blind.push(...fact.problems.map((p) => evidence('collecting command', p)));
      const products = catalogue().software;
      for (const product of products) {
        const { traces, reasons, blind } = productTraces(product, fact, backup);
        found.blind.push(...blind);
        if (reasons.length > 0) found.provider.push(...reasons, ...traces);
        else found.other.push(...traces);
      }
      return backupOutcome('backup software', found, `${products.length} catalogued products: packages, programs, units, processes, configuration`);
    },
  };
}

/** backup.agents over the shipped catalogue. */
export const backupAgents = backupAgentsCheck(backupCatalogue);
