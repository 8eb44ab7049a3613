// The evidence residue checks give for a file they could not see in full.
import { describe, expect, it } from 'vitest';
import { accountsOf, lineSource, unreadEvidence } from '../../../../src/checks/residue/unread-evidence.js';

describe('unreadEvidence', () => {
  it('names the account whose key file could not be read', () => {
    expect(unreadEvidence({ path: '/home/deploy/.ssh/authorized_keys', state: 'unreadable', truncated: false, user: 'deploy' })).toEqual({
      source: '/home/deploy/.ssh/authorized_keys',
      detail: 'cannot read (account deploy)',
    });
  });

  it('names no account for a fixed AuthorizedKeysFile path every account reads, nor for a file of no account', () => {
    expect(unreadEvidence({ path: '/etc/ssh/authorized_keys', state: 'unreadable', truncated: false, user: '*' })).toEqual({ source: '/etc/ssh/authorized_keys', detail: 'cannot read' });
    expect(unreadEvidence({ path: '/root/.netrc', state: 'unreadable', truncated: false })).toEqual({ source: '/root/.netrc', detail: 'cannot read' });
  });

  it('says a cut file was read only in part, and nothing for a file read in full', () => {
    expect(unreadEvidence({ path: '/root/.bash_history', state: 'read', truncated: true })).toEqual({ source: '/root/.bash_history', detail: 'too large: only the first part was read' });
    expect(unreadEvidence({ path: '/root/.bash_history', state: 'read', truncated: false })).toBeUndefined();
  });

  it('makes a host-reported path and account safe to print', () => {
    expect(unreadEvidence({ path: '/home/\x1b[2Jx/.ssh/authorized_keys', state: 'unreadable', truncated: false, user: 'x\u202e' })).toEqual({
      source: '/home/?[2Jx/.ssh/authorized_keys',
      detail: 'cannot read (account x?)',
    });
    expect(lineSource('/root/\x07notes', 3)).toBe('/root/?notes:3');
  });

  it('says "any account" for a fixed path, the account otherwise', () => {
    expect(accountsOf('*')).toBe('any account');
    expect(accountsOf('deploy')).toBe('deploy');
  });
});
