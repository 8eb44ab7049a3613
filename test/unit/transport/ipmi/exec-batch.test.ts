import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildExecScript,
  execBatchStarted,
  execLineProblem,
  splitExecOutput,
} from '../../../../src/transport/ipmi/exec-batch.js';
import { ipmitoolFixture } from './ipmitool-fixture.js';

// The nonce the fixtures were captured with (fixtures/ipmitool/capture.sh).
const NONCE = '0123456789abcdef';

describe('buildExecScript', () => {
  it('frames each command with numbered echo markers', () => {
    expect(buildExecScript([['mc', 'info'], ['user', 'list', '1']], NONCE)).toBe(
      `echo fcmark-${NONCE}-0\nmc info\necho fcmark-${NONCE}-1\nuser list 1\necho fcmark-${NONCE}-2\n`,
    );
  });

  it('writes the same file the fixtures were captured with', () => {
    const captured = readFileSync(new URL('../../../../fixtures/ipmitool/exec-three/execfile', import.meta.url), 'utf8');
    expect(buildExecScript([['mc', 'info'], ['user', 'list', '1'], ['channel', 'getciphers', 'ipmi', '1']], NONCE)).toBe(captured);
  });

  it('refuses words that ipmitool exec would split, cut or unquote', () => {
    for (const word of ['a b', 'x#y', "it's", '"q"', 'tab\there', 'new\nline', '']) {
      expect(execLineProblem(['user', 'set', 'name', '3', word])).toBeDefined();
      expect(() => buildExecScript([['mc', 'info'], ['user', 'set', 'name', '3', word]], NONCE)).toThrow(TypeError);
    }
    expect(execLineProblem(['raw', '0x06', '0x01'])).toBeUndefined();
  });

  it('refuses a nonce that is not hex', () => {
    expect(() => buildExecScript([['mc', 'info']], 'not-a-nonce')).toThrow(TypeError);
  });
});

describe('splitExecOutput', () => {
  it('cuts real exec output into exactly the single-command outputs', () => {
    const outputs = splitExecOutput(ipmitoolFixture('exec-three').stdout, NONCE, 3);
    expect(outputs).toEqual([
      ipmitoolFixture('mc-info').stdout,
      ipmitoolFixture('user-list').stdout,
      ipmitoolFixture('channel-getciphers').stdout,
    ]);
  });

  it('gives an empty output to a command that failed inside the batch', () => {
    const outputs = splitExecOutput(ipmitoolFixture('exec-command-failure').stdout, NONCE, 3);
    expect(outputs?.map((o) => o.length > 0)).toEqual([true, false, true]);
    expect(outputs?.[0]).toMatch(/^System GUID/);
    expect(outputs?.[2]).toMatch(/^session handle/);
  });

  it('sees that a batch whose session failed never started', () => {
    const { stdout } = ipmitoolFixture('exec-wrong-password');
    expect(execBatchStarted(stdout, NONCE)).toBe(false);
    expect(splitExecOutput(stdout, NONCE, 3)).toBeUndefined();
    expect(execBatchStarted(ipmitoolFixture('exec-three').stdout, NONCE)).toBe(true);
  });

  it('copes with output that lacks a final newline', () => {
    const stdout = `fcmark-${NONCE}-0 \nno newline herefcmark-${NONCE}-1 \nsecond\nfcmark-${NONCE}-2 \n`;
    expect(splitExecOutput(stdout, NONCE, 2)).toEqual(['no newline here', 'second\n']);
  });

  it('refuses output whose markers are missing, out of order or from another nonce', () => {
    const m = (i: number, nonce = NONCE) => `fcmark-${nonce}-${i} \n`;
    expect(splitExecOutput(`${m(0)}a\n${m(2)}b\n${m(1)}`, NONCE, 2)).toBeUndefined();
    expect(splitExecOutput(`${m(0)}a\n${m(1)}b\n`, NONCE, 2)).toBeUndefined();
    expect(splitExecOutput(`${m(0, 'ffffffffffffffff')}a\n${m(1, 'ffffffffffffffff')}`, NONCE, 1)).toBeUndefined();
  });

  it('is not fooled by a command printing a marker-like line of another index', () => {
    const m = (i: number) => `fcmark-${NONCE}-${i} \n`;
    // A marker text only ever matches at its own index, searched after the previous one.
    expect(splitExecOutput(`${m(0)}x fcmark-${NONCE}-0 \n${m(1)}`, NONCE, 1)).toEqual([`x fcmark-${NONCE}-0 \n`]);
  });
});
