// Every way a value is commonly turned into text, or copied, shows a Secret as [secret]; only
// reveal() yields the plaintext.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, formatWithOptions, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../src/model/secret.js';

const CANARY = 'Canary-pw-7Qx!';
const secret = () => new Secret(CANARY);

/** A console writing into a string, as console.log would write to a terminal or a log file. */
function capturingConsole(): { console: Console; text: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { console: new Console({ stdout: sink, stderr: sink, colorMode: false }), text: () => text };
}

describe('Secret', () => {
  it('reveals its value only through reveal()', () => {
    expect(secret().reveal()).toBe(CANARY);
  });

  it('is [secret] as a string: toString, String(), a template literal, concatenation', () => {
    const s = secret();
    expect(s.toString()).toBe('[secret]');
    expect(String(s)).toBe('[secret]');
    expect(`${s}`).toBe('[secret]');
    expect('pw=' + s).toBe('pw=[secret]');
    expect([s, s].join(',')).toBe('[secret],[secret]');
  });

  it('is [secret] in JSON, alone and nested', () => {
    expect(JSON.stringify(secret())).toBe('"[secret]"');
    expect(JSON.stringify({ user: 'ADMIN', password: secret(), list: [secret()] })).toBe('{"user":"ADMIN","password":"[secret]","list":["[secret]"]}');
  });

  it('is [secret] under util.inspect with any options, and in format strings', () => {
    const s = secret();
    const nested = { bmc: { accounts: [{ user: 'ADMIN', password: s }] }, map: new Map([['pw', s]]), set: new Set([s]) };
    const views = [
      inspect(s),
      inspect(s, { showHidden: true }),
      inspect(s, { showHidden: true, depth: Infinity, getters: true, showProxy: true }),
      inspect(nested, { showHidden: true, depth: Infinity }),
      inspect(nested, { depth: 0 }),
      inspect(new Error('login failed', { cause: s }), { showHidden: true }),
      format('%s %o %O %j', s, s, s, s),
      formatWithOptions({ showHidden: true, depth: 10 }, '%o', nested),
    ];
    for (const view of views) expect(view).not.toContain(CANARY);
    expect(inspect(s)).toBe('[secret]');
    expect(inspect(s, { showHidden: true, depth: Infinity })).toBe('[secret]');
    expect(inspect(nested, { depth: Infinity })).toContain("password: [secret]");
  });

  it('is [secret] through console.log, console.dir and console.error', () => {
    const { console, text } = capturingConsole();
    const s = secret();
    console.log(s);
    console.log('password %s', s);
    console.log({ password: s });
    console.dir(s, { showHidden: true, depth: null });
    console.error('failed with', s);
    expect(text()).not.toContain(CANARY);
    expect(text().split('\n').slice(0, 3)).toEqual(['[secret]', 'password [secret]', '{ password: [secret] }']);
  });

  it('keeps its value out of a copy: structuredClone, spread and Object.entries hold nothing', () => {
    const s = secret();
    const clone = structuredClone(s) as unknown;
    expect(clone).not.toBeInstanceOf(Secret);
    expect(JSON.stringify(clone)).not.toContain(CANARY);
    expect(inspect(clone, { showHidden: true, depth: Infinity })).not.toContain(CANARY);
    expect(Object.entries({ ...s })).toEqual([]);
    expect(Object.getOwnPropertyNames(s)).toEqual([]);
    expect(Reflect.ownKeys(s)).toEqual([]);
  });
});
