// Reading a response body with a byte cap enforced while the bytes arrive: a BMC that streams
// forever costs one 'output-limit' and one closed connection, never the scanner's memory.

/** A body stream as undici hands it out: async-iterable chunks and a way to drop the rest. */
export interface BodyStream extends AsyncIterable<Buffer | Uint8Array | string> {
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

const noop = (): void => {};

/** Drops the rest of a body; the abort error that destroying raises has nobody else to hear it. */
function drop(body: BodyStream): void {
  body.on('error', noop);
  body.destroy();
}

/** The whole body, or how far it got before passing the cap. */
export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; received: number; declared: number | undefined };

/**
 * Reads `body` up to `maxBytes`. A Content-Length above the cap fails before reading; past
 * the cap the stream is destroyed at once. Stream errors (deadline, reset) reject unchanged.
 */
export async function readCappedBody(body: BodyStream, maxBytes: number, contentLength: string | string[] | undefined): Promise<CappedBody> {
  const declaredText = Array.isArray(contentLength) ? contentLength[0] : contentLength;
  const declared = declaredText !== undefined && /^\d{1,15}$/.test(declaredText) ? Number(declaredText) : undefined;
  if (declared !== undefined && declared > maxBytes) {
    drop(body);
    return { ok: false, received: 0, declared };
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    received += buffer.length;
    if (received > maxBytes) {
      drop(body);
      return { ok: false, received, declared };
    }
    chunks.push(buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
