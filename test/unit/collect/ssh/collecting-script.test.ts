import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCollectingScript, newMarker, splitSections } from '../../../../src/collect/ssh/collecting-script.js';
import type { SshSection } from '../../../../src/collect/ssh/ssh-section.js';

const section = (name: string, script: string) =>
  ({ name, fact: 'ssh.authorized-keys', script, parse: () => ({ ok: true, value: { files: [] } }) }) as SshSection<'ssh.authorized-keys'>;

// The script is run by the real sh, as the host would run it.
function run(script: string): string {
  return execFileSync('sh', ['-c', 'S=$(cat); exec </dev/null; eval "$S"'], { input: script, encoding: 'utf8' });
}

describe('collecting script', () => {
  it('frames each section with its exit status and ends with done', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', 'echo hello; echo world'), section('two', 'printf "no newline"; false')], marker));
    const split = splitSections(out, marker);
    expect(split.complete).toBe(true);
    expect(split.sections.get('one')).toEqual({ text: 'hello\nworld\n', status: 0 });
    expect(split.sections.get('two')).toEqual({ text: 'no newline', status: 1 });
  });

  it('keeps a snippet from reading the rest of the script from stdin', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('eat', 'cat; echo after'), section('next', 'echo still here')], marker));
    const split = splitSections(out, marker);
    expect(split.sections.get('eat')?.text).toBe('after\n');
    expect(split.sections.get('next')?.text).toBe('still here\n');
  });

  it('ignores forged markers that do not carry this run’s nonce', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', `echo '@@fc-000 end one 0'; echo '@@fc-000 done'; echo real`)], marker));
    const split = splitSections(out, marker);
    expect(split.sections.get('one')?.text).toBe('@@fc-000 end one 0\n@@fc-000 done\nreal\n');
  });

  it('reports a cut-off run as incomplete and drops the open section', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', 'echo a'), section('two', 'echo b')], marker));
    const cut = out.slice(0, out.indexOf(`${marker} end two`));
    const split = splitSections(cut, marker);
    expect(split.complete).toBe(false);
    expect(split.sections.has('one')).toBe(true);
    expect(split.sections.has('two')).toBe(false);
  });
});
