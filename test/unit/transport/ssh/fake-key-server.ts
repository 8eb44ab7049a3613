// An in-process ssh2 Server that answers publickey queries the way sshd does (PK_OK for keys it
// would accept, a refusal otherwise, a disconnect at MaxAuthTries) and records every request, so
// the probe's tests can assert what went over the wire: never a signature.
import { createServer, type Server as NetServer } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import type { Ssh2KeyPair } from '../../../support/ssh2-key-pair.js';

/** One publickey request as the server saw it. */
export interface SeenRequest {
  connection: number;
  user: string;
  key: Buffer;
  signed: boolean;
}

/** A running key server and what it observed. */
export interface FakeKeyServer {
  port: number;
  requests: SeenRequest[];
  connections: () => number;
  stop(): Promise<void>;
}

/**
 * Starts a server that accepts, per user, the key blobs in `accepts` (PK_OK, never a login: a
 * signed request is refused) and disconnects a connection at its `maxAuthTries`-th refusal.
 */
export async function startFakeKeyServer(hostKey: Ssh2KeyPair, accepts: Record<string, Buffer[]>, maxAuthTries = 6): Promise<FakeKeyServer> {
  const requests: SeenRequest[] = [];
  const open = new Set<Connection>();
  let count = 0;
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (conn) => {
    const connection = ++count;
    let refusals = 0;
    open.add(conn);
    conn.on('error', () => {});
    conn.on('close', () => open.delete(conn));
    conn.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      requests.push({ connection, user: ctx.username, key: Buffer.from(ctx.key.data), signed: ctx.signature !== undefined });
      const known = (accepts[ctx.username] ?? []).some((blob) => blob.equals(ctx.key.data));
      if (known && ctx.signature === undefined) return ctx.accept();
      if (++refusals >= maxAuthTries) {
        conn.end();
        return;
      }
      ctx.reject(['publickey']);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    requests,
    connections: () => count,
    stop: async () => {
      for (const conn of open) conn.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP peer that accepts and closes at once, as OpenSSH ≥ 9.8 does to a penalised source address. */
export async function startClosingPeer(): Promise<{ port: number; stop(): Promise<void> }> {
  const server: NetServer = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
