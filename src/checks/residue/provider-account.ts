// residue.provider-account: no provider account may still be usable, privileged or running anything.
import type { AccountsFact } from '../../facts/accounts.js';
import type { AuthorizedKeysFact } from '../../facts/authorized-keys.js';
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { lineSource } from './unread-evidence.js';

// A comma with the blanks around it, as `\s*,\s*` finds it scanning (or splitting) from the start of
// a line; a match never starts inside a run of blanks, as the last one ended past its blanks.
export const COMMA_BLANKS = /(?:(?<!\s)\s+)?,\s*/;
const COMMA_BLANKS_G = new RegExp(COMMA_BLANKS.source, 'g');
// `User_Alias NAME = list`, the list in group 3. The name with its `=` and the blanks after it are each
// taken once through a lookahead: `\S+\s*=\s*(.*)$` gave them back one by one, and each time read the
// rest of the line again (the square of a 1 MiB line when a carriage return or U+2028 in it makes `$`
// fail). The first way they match is the only one that can: any other starts the list earlier, before
// the same break.
export const USER_ALIAS = /^User_Alias\s+(?=(\S+\s*=))\1(?=(\s*))\2(.*)$/;

/** Groups whose members may become root through sudo on common distributions. */
const ADMIN_GROUPS = ['sudo', 'wheel', 'admin'];

/**
 * The sudoers lines granting something to `user` directly, by uid (`#1001`), through one of its
 * groups (`%name`, `%#gid`) or to everyone (`ALL`).
 */
function sudoersGrants(accounts: AccountsFact, user: string, uid: number): Evidence[] {
  const groups = [...accounts.groups].filter(([, g]) => g.members.includes(user));
  const names = new Set([user, `#${uid}`, 'ALL', ...groups.flatMap(([name, g]) => [`%${name}`, `%#${g.gid}`])]);
  const out: Evidence[] = [];
  for (const l of accounts.sudoers) {
    if (/^(#|@)include/.test(l.text) || /^Defaults\b/.test(l.text)) continue;
    // The user list is the first field of a user specification; aliases may list more names.
    // The host writes these lines (up to 1 MiB): the blanks before a comma are taken only from the
    // start of their run (`(?<!\s)`), since `\s*,` tried at every blank of a long run without a
    // comma reads the rest of the run each time, the square of the run.
    const first = l.text.replace(COMMA_BLANKS_G, ',').split(/\s+/, 1)[0]!;
    const alias = USER_ALIAS.exec(l.text);
    const listed = (alias ? alias[3]! : first).split(COMMA_BLANKS).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
    if (listed.some((n) => names.has(n))) {
      out.push({ source: lineSource(l.file, l.line), detail: printableLine(`sudoers grants ${alias ? 'an alias including ' : ''}${listed.find((n) => names.has(n))}`) });
    }
  }
  return out;
}

/** Why one present provider account is still a way in; empty when it is present but inert. */
function accessOf(accounts: AccountsFact, keys: AuthorizedKeysFact, user: string, uid: number): Evidence[] {
  const out: Evidence[] = [];
  // A hash or an empty field in /etc/passwd itself overrides /etc/shadow.
  const inPasswd = accounts.passwd.find((p) => p.name === user)?.password;
  const password = inPasswd ?? accounts.passwords?.get(user);
  const source = inPasswd ? '/etc/passwd' : '/etc/shadow';
  if (password === 'set') out.push({ source, detail: printableLine(`${user} has a password set (hash not collected)`) });
  if (password === 'empty') out.push({ source, detail: printableLine(`${user} has an empty password`) });
  for (const f of keys.files) {
    if (f.user !== user || f.keys.length === 0) continue;
    out.push({ source: printableLine(f.path), detail: printableLine(`${f.keys.length} key(s) let ${user} log in`) });
  }
  out.push(...sudoersGrants(accounts, user, uid));
  for (const g of ADMIN_GROUPS) {
    if (accounts.groups.get(g)?.members.includes(user)) out.push({ source: '/etc/group', detail: printableLine(`${user} is in group ${g}`) });
  }
  const processes = accounts.processesByUid.get(uid) ?? 0;
  if (processes > 0) out.push({ source: '/proc', detail: printableLine(`${processes} process(es) running as ${user}`) });
  return out;
}

/** Provider accounts (inventory `provider.accounts`) left with a password, a key, sudo rights or a process. */
export const providerAccount: Check<'ssh.accounts' | 'ssh.authorized-keys'> = {
  id: 'residue.provider-account',
  promise: 'residue',
  title: 'No provider account with a password, a key, sudo rights or a running process',
  needs: ['ssh.accounts', 'ssh.authorized-keys'],
  evaluate({ 'ssh.accounts': accounts, 'ssh.authorized-keys': keys }, { provider }) {
    if (accounts.passwd.length === 0) {
      return { status: 'error', message: '/etc/passwd could not be read', evidence: [] };
    }
    const present = accounts.passwd.filter((p) => provider.accounts.includes(p.name));
    const active: Evidence[] = [];
    const inert: Evidence[] = [];
    for (const p of present) {
      const access = accessOf(accounts, keys, p.name, p.uid);
      if (access.length > 0) active.push(...access);
      else inert.push({ source: '/etc/passwd', detail: printableLine(`provider account ${p.name} is present (locked, no key, no sudo)`) });
    }
    const unknown: Evidence[] = [];
    if (present.some((p) => p.password === undefined) && accounts.passwords === undefined) unknown.push({ source: '/etc/shadow', detail: 'cannot read: password state unknown' });
    for (const path of accounts.unreadable) unknown.push({ source: printableLine(path), detail: 'cannot read' });
    // sudo itself refuses a chain this deep, so what it grants is not known from the files alone.
    for (const path of accounts.tooDeep ?? []) unknown.push({ source: printableLine(path), detail: 'sudoers include chain too deep: sudo refuses it there, so these files were not read' });
    // What follows a cut could hold a provider account or a grant to one.
    for (const path of accounts.truncated) unknown.push({ source: printableLine(path), detail: 'too large: only the first part was read' });
    for (const f of keys.files) if (f.state === 'unreadable' && provider.accounts.includes(f.user)) unknown.push({ source: printableLine(f.path), detail: 'cannot read' });
    if (active.length > 0) {
      const names = new Set(present.filter((p) => accessOf(accounts, keys, p.name, p.uid).length > 0).map((p) => p.name));
      return { status: 'fail', message: `provider account(s) still usable: ${[...names].join(', ')}`, evidence: [...active, ...unknown] };
    }
    if (present.length > 0 && unknown.length > 0) {
      return { status: 'error', message: 'provider account(s) present but their access could not be read in full', evidence: [...inert, ...unknown] };
    }
    if (inert.length > 0) return { status: 'warn', message: `${inert.length} provider account(s) present but unusable`, evidence: inert };
    if (unknown.length > 0) return { status: 'error', message: 'passwd, group or sudoers could not be read in full', evidence: unknown };
    return { status: 'pass', message: `none of ${provider.accounts.length} provider account(s) present`, evidence: [] };
  },
};
