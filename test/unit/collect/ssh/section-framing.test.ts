import { describe, expect, it } from 'vitest';
import { parseFramed } from '../../../../src/collect/ssh/section-framing.js';

const M = '@@fc-test';
const records = (text: string) => [...parseFramed(text, M, new Set(['F']))].map((r) => ({ tag: r.tag, args: r.args, text: r.text, body: r.body, bytes: r.bytes }));

describe('parseFramed', () => {
  it('gives each body as lines and as one text, whether the file ended in a newline or not', () => {
    // The snippet prints the file, then a newline of its own, then the end marker.
    const text = [`${M} F /a`, 'one', 'two', '', `${M} E`, `${M} F /b`, 'no newline at end', `${M} E`, `${M} U /c`, `${M} F /d`, `${M} E`, ''].join('\n');
    expect(records(text)).toEqual([
      { tag: 'F', args: '/a', text: 'one\ntwo', body: ['one', 'two'], bytes: 8 },
      { tag: 'F', args: '/b', text: 'no newline at end', body: ['no newline at end'], bytes: 17 },
      { tag: 'U', args: '/c', text: undefined, body: undefined, bytes: 0 },
      { tag: 'F', args: '/d', text: '', body: [], bytes: 0 },
    ]);
  });

  it('ends a body cut off by the end of the output there', () => {
    expect(records(`${M} F /a\nfirst\nsecond\n`)).toEqual([{ tag: 'F', args: '/a', text: 'first\nsecond', body: ['first', 'second'], bytes: 13 }]);
  });

  // A run cut off at its deadline can stop in the middle of a line: what arrived is the body, to its last byte.
  it('keeps a body cut off in the middle of a line whole', () => {
    expect(records(`${M} D x\n${M} F /etc/crontab\n17 * * * * root cd / && run-parts --rep`)).toEqual([
      { tag: 'D', args: 'x', text: undefined, body: undefined, bytes: 0 },
      { tag: 'F', args: '/etc/crontab', text: '17 * * * * root cd / && run-parts --rep', body: ['17 * * * * root cd / && run-parts --rep'], bytes: 39 },
    ]);
  });

  it('does not take a line that only starts like the end marker for it', () => {
    expect(records(`${M} F /a\n${M} Ex\nreal\n\n${M} E\n`)[0]!.body).toEqual([`${M} Ex`, 'real']);
  });

  it('counts bytes, not characters', () => {
    expect(records(`${M} F /a\né\n\n${M} E\n`)[0]!.bytes).toBe(3);
  });
});
