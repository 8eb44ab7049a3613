// residue.authorized-keys-command: sshd must not ask a provider helper which keys or principals to accept.
import { z } from 'zod';
import { loadCatalogue } from '../../catalogue/load-catalogue.js';
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { lineSource } from './unread-evidence.js';

const HelpersSchema = z.strictObject({
  helpers: z.array(z.strictObject({ program: z.string().regex(/^[A-Za-z0-9_.-]+$/), provider: z.string().min(1) })).min(1),
});

const COMMANDS = new Set(['authorizedkeyscommand', 'authorizedprincipalscommand']);

/**
 * A helper is the provider's when its program is in catalogue/provider-key-helpers.yaml, or when it
 * or the user it runs as names a provider account, backup host or domain. Any other helper is a
 * warning: the keys it returns are invisible to fleetcheck.
 */
export const authorizedKeysCommand: Check<'ssh.authorized-keys'> = {
  id: 'residue.authorized-keys-command',
  promise: 'residue',
  title: 'No AuthorizedKeysCommand or AuthorizedPrincipalsCommand pointing at a provider helper',
  needs: ['ssh.authorized-keys'],
  evaluate({ 'ssh.authorized-keys': fact }, { provider }) {
    const helpers = new Map(loadCatalogue('provider-key-helpers', HelpersSchema).helpers.map((h) => [h.program, h.provider]));
    const providerWords = [...provider.accounts, ...provider.backup.hosts, ...provider.backup.domains].map((w) => w.toLowerCase());
    const commandUsers = fact.options.filter((o) => o.keyword.endsWith('commanduser')).map((o) => o.value.toLowerCase());
    const failed: Evidence[] = [];
    const warned: Evidence[] = [];
    for (const o of fact.options) {
      if (!COMMANDS.has(o.keyword) || o.value.toLowerCase() === 'none') continue;
      const program = o.value.split(/\s+/, 1)[0]!.replace(/^.*\//, '');
      const words = o.value.toLowerCase().split(/[\s/:@=,]+/);
      const helper = helpers.get(program);
      // Account names must match a whole word; host and domain names may sit inside a URL.
      const named =
        providerWords.find((w) => words.includes(w) || (w.includes('.') && o.value.toLowerCase().includes(w))) ??
        providerWords.find((w) => commandUsers.includes(w));
      const where = o.conditional ? ' (inside a Match block)' : '';
      const keyword = o.keyword === 'authorizedkeyscommand' ? 'AuthorizedKeysCommand' : 'AuthorizedPrincipalsCommand';
      if (helper || named) {
        const why = helper ? `the ${helper} helper` : `a helper tied to provider name ${named}`;
        failed.push({ source: lineSource(o.file, o.line), detail: printableLine(`${keyword} runs ${program}, ${why}${where}`) });
      } else {
        warned.push({ source: lineSource(o.file, o.line), detail: printableLine(`${keyword} runs ${program}${where}: the keys it returns cannot be checked`) });
      }
    }
    // A config that could not be read may name any helper: it outranks a warning about the ones seen.
    const unreadable: Evidence[] = fact.config.filter((c) => c.state === 'unreadable').map((c) => ({ source: printableLine(c.path), detail: 'cannot read' }));
    if (failed.length > 0) return { status: 'fail', message: `${failed.length} provider key helper(s) configured in sshd`, evidence: [...failed, ...warned, ...unreadable] };
    if (unreadable.length > 0) return { status: 'error', message: `${unreadable.length} sshd config file(s) could not be read`, evidence: [...unreadable, ...warned] };
    if (warned.length > 0) return { status: 'warn', message: `${warned.length} key helper(s) configured in sshd that fleetcheck cannot see into`, evidence: warned };
    return { status: 'pass', message: `no key or principals helper in ${fact.config.length} sshd config file(s)`, evidence: [] };
  },
};
