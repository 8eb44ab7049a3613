// Reads one secret value for `fleetcheck secrets set`: from piped stdin, or from a terminal
// prompt that echoes nothing and asks twice.
import { Secret } from '../model/secret.js';

/** Reads all of a piped stdin; the value is its first line. */
async function readPiped(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** One line typed without echo, in raw mode; Ctrl-C aborts. */
function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    stderr.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    const done = (result: string | undefined): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      resolve(result);
    };
    const onData = (data: Buffer): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003' || ch === '\u0004') return done(undefined);
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The secret to store, or a message saying why there is none. */
export async function readSecretValue(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, label: string): Promise<{ ok: true; value: Secret } | { ok: false; message: string }> {
  if (!stdin.isTTY) {
    const value = await readPiped(stdin);
    return value === '' ? { ok: false, message: 'standard input held no value (the first line is stored)' } : { ok: true, value: new Secret(value) };
  }
  const first = await readHidden(stdin, stderr, `${label}: `);
  if (first === undefined || first === '') return { ok: false, message: 'no value entered' };
  const again = await readHidden(stdin, stderr, `${label} (again): `);
  if (again !== first) return { ok: false, message: 'the two entries differ; nothing was stored' };
  return { ok: true, value: new Secret(first) };
}
