import { describe, expect, it } from 'vitest';
import { provisioningCredentials } from '../../../../src/checks/residue/provisioning-credentials.js';
import type { LeftoverFile } from '../../../../src/facts/leftover-files.js';
import { EVIDENCE_LIMITS, OMITTED_SOURCE } from '../../../../src/model/evidence-limit.js';
import { testContext } from '../../support/hosts.js';
import { leftover } from './fact-builders.js';

const judge = (files: LeftoverFile[]) =>
  provisioningCredentials.evaluate({ 'ssh.residue-files': { files } }, testContext());

describe('residue.provisioning-credentials', () => {
  it('passes on files without credentials', () => {
    expect(judge([leftover('/root/.bash_history', 'history', 'ls\n')]).status).toBe('pass');
  });

  it('fails with file, line and kind, and merges catalogue and secretlint hits on one line', () => {
    const file = leftover('/root/provision.sh', 'provisioning-script', 'secret', {
      credentials: [{ line: 4, pattern: 'sshpass-password', label: 'password on an sshpass command line (-p)' }],
      generic: [{ line: 4, rule: 'basicauth' }, { line: 1, rule: 'privatekey' }],
    });
    const out = judge([file]);
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      { source: '/root/provision.sh:1', detail: 'provisioning-script: privatekey secret (secretlint) (value masked)' },
      { source: '/root/provision.sh:4', detail: 'provisioning-script: password on an sshpass command line (-p); basicauth secret (secretlint) (value masked)' },
    ]);
  });

  it('keeps a history of 100,000 credential lines to the evidence limit, counting every line', () => {
    const credentials = Array.from({ length: 100_000 }, (_, i) => ({ line: i + 1, pattern: 'sshpass-password', label: 'password on an sshpass command line (-p)' }));
    const out = judge([leftover('/root/.bash_history', 'history', 'x', { credentials }), leftover('/root/.netrc', 'netrc', '', { state: 'unreadable' })]);
    expect(out.status).toBe('fail');
    expect(out.message).toBe('100000 credential(s) left in 1 file(s)');
    expect(out.evidence).toHaveLength(EVIDENCE_LIMITS.entriesPerFinding + 1);
    expect(out.evidence[0]!.source).toBe('/root/.bash_history:1');
    expect(out.evidence.at(-1)).toMatchObject({ source: OMITTED_SOURCE, detail: expect.stringMatching(/^and 99951 more /) });
  });

  it('is an error when a file cannot be read, a warning when one was cut at the limit', () => {
    expect(judge([leftover('/root/.netrc', 'netrc', '', { state: 'unreadable' })]).status).toBe('error');
    expect(judge([leftover('/var/log/cloud-init.log', 'provisioning-log', 'x', { truncated: true })]).status).toBe('warn');
  });
});

describe('residue.provisioning-credentials: messages and evidence', () => {
  const sshpass = { line: 7, pattern: 'sshpass-password', label: 'password on an sshpass command line (-p)' };

  it('counts only the files a credential was found in', () => {
    const out = judge([
      leftover('/root/.bash_history', 'history', 'x', { credentials: [sshpass] }),
      leftover('/root/anaconda-ks.cfg', 'kickstart', 'lang en_US.UTF-8\n'),
      leftover('/var/log/cloud-init.log', 'provisioning-log', 'Cloud-init v. 23.4 finished\n'),
    ]);
    expect(out).toEqual({
      status: 'fail',
      message: '1 credential(s) left in 1 file(s)',
      evidence: [{ source: '/root/.bash_history:7', detail: 'history: password on an sshpass command line (-p) (value masked)' }],
    });
  });

  it('says what the closing entry of a cut evidence list stands for', () => {
    const credentials = Array.from({ length: 60 }, (_, i) => ({ ...sshpass, line: i + 1 }));
    const out = judge([leftover('/root/.bash_history', 'history', 'x', { credentials })]);
    expect(out.evidence.at(-1)).toEqual({ source: OMITTED_SOURCE, detail: `and ${60 - EVIDENCE_LIMITS.entriesPerFinding} more credential line(s) not listed` });
  });

  it('is an error naming the unreadable files, then the cut ones', () => {
    expect(judge([leftover('/var/log/cloud-init.log', 'provisioning-log', 'x', { truncated: true }), leftover('/root/.netrc', 'netrc', '', { state: 'unreadable' })])).toEqual({
      status: 'error',
      message: '1 leftover file(s) could not be read',
      evidence: [
        { source: '/root/.netrc', detail: 'cannot read' },
        { source: '/var/log/cloud-init.log', detail: 'too large: only the first part was read' },
      ],
    });
  });

  it('warns naming the files read only in part', () => {
    expect(judge([leftover('/var/log/cloud-init.log', 'provisioning-log', 'x', { truncated: true })])).toEqual({
      status: 'warn',
      message: 'no credential found, but 1 file(s) were only read in part',
      evidence: [{ source: '/var/log/cloud-init.log', detail: 'too large: only the first part was read' }],
    });
  });

  it('passes saying how many files it looked in', () => {
    expect(judge([leftover('/root/.bash_history', 'history', 'ls\n'), leftover('/root/anaconda-ks.cfg', 'kickstart', 'lang en_US.UTF-8\n')])).toEqual({
      status: 'pass',
      message: 'no credential in 2 provisioning or history file(s)',
      evidence: [],
    });
  });
});
