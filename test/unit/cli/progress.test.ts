import { describe, expect, it } from 'vitest';
import { progressOn } from '../../../src/cli/progress.js';
import type { HostResult } from '../../../src/model/host-result.js';

/** A stream that says it is a terminal and keeps what is written to it. */
function terminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { isTTY: true, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

const done = { verdict: 'compliant' } as HostResult;

describe('progressOn', () => {
  it('redraws one status line on a terminal', () => {
    const t = terminal();
    const p = progressOn(t.stream, 2, true, { TERM: 'xterm-256color' });
    p.hostDone(done);
    p.finish();
    expect(t.text()).toContain('\r\x1b[K[1/2] 1 compliant');
  });

  it('draws nothing that needs cursor control on TERM=dumb, and still prints notes as plain lines', () => {
    const t = terminal();
    const p = progressOn(t.stream, 2, true, { TERM: 'dumb' });
    p.hostDone(done);
    p.note('stopping: no new hosts start');
    p.finish();
    expect(t.text()).toBe('stopping: no new hosts start\n');
  });

  it('is silent when disabled', () => {
    const t = terminal();
    const p = progressOn(t.stream, 2, false, { TERM: 'xterm' });
    p.hostDone(done);
    p.note('x');
    p.finish();
    expect(t.text()).toBe('');
  });
});
