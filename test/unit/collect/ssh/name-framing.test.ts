// Names cross the collecting output escaped (`\ooo`); decoding gives back exactly the bytes sent.
import { describe, expect, it } from 'vitest';
import { decodeName, nameFields } from '../../../../src/collect/ssh/name-framing.js';

describe('decodeName', () => {
  it('turns each three-digit octal escape back into its character', () => {
    expect(decodeName('/srv/my\\040files\\011x\\012y')).toBe('/srv/my files\tx\ny');
    expect(decodeName('C:\\134temp')).toBe('C:\\temp');
  });

  it('leaves text that is not a full octal escape as it is', () => {
    expect(decodeName('a\\04b')).toBe('a\\04b');
    expect(decodeName('a\\089')).toBe('a\\089');
    expect(decodeName('plain')).toBe('plain');
  });
});

describe('nameFields', () => {
  it('splits on single spaces, keeps empty fields, and decodes each', () => {
    expect(nameFields('a\\040b  c')).toEqual(['a b', '', 'c']);
  });

  it('has no field for empty text', () => {
    expect(nameFields('')).toEqual([]);
  });
});
