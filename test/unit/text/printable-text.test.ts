import { describe, expect, it } from 'vitest';
import { printableText } from '../../../src/text/sanitize.js';

describe('printableText', () => {
  it.each([
    ['plain text', 'plain text'],
    ['bell\u0007 esc\u001b[31m nl\n tab\t', 'bell? esc?[31m nl? tab?'],
    ['ümlaut', '?mlaut'],
  ])('%j → %j', (input, output) => {
    expect(printableText(input)).toBe(output);
  });

  it('cuts long text', () => {
    expect(printableText('x'.repeat(500), 10)).toBe('xxxxxxxxxx...');
  });
});
