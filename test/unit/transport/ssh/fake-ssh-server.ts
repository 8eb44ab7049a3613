// An in-process ssh2 Server on 127.0.0.1 port 0 (the way ssh2's own test/common.js tests its
// client), with scripted commands for well-behaved and hostile peers, and raw TCP peers that
// accept and then stall.
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';
import type { Ssh2KeyPair } from '../../../support/ssh2-key-pair.js';

const { Server } = ssh2;

/** A running fake server and what it observed. */
export interface FakeSshServer {
  port: number;
  /** Commands whose channel the server saw closed, in order. */
  closedChannels: string[];
  /** Connections that ended, counted as the server saw them. */
  endedConnections: () => number;
  /** Resolves the next time a channel running `command` closes. */
  channelClosed(command: string): Promise<void>;
  /** Resolves the next time the server starts running `command`. */
  commandStarted(command: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts an SSH server with `hostKey`, accepting publickey auth by `clientKey` only. */
export async function startFakeSshServer(hostKey: Ssh2KeyPair, clientKey: Ssh2KeyPair): Promise<FakeSshServer> {
  const connections = new Set<Connection>();
  const closedChannels: string[] = [];
  const waiters = new Map<string, Array<() => void>>();
  const startWaiters = new Map<string, Array<() => void>>();
  let ended = 0;

  const server = new Server({ hostKeys: [hostKey.private] }, (conn) => {
    connections.add(conn);
    conn.on('error', () => {});
    conn.on('close', () => {
      ended++;
      connections.delete(conn);
    });
    conn.on('authentication', (ctx) => {
      if (ctx.method === 'publickey' && ctx.key.algo === 'ssh-ed25519' && ctx.key.data.equals(clientKey.blob)) {
        if (ctx.signature && ctx.blob && !clientKey.parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.reject();
        return ctx.accept();
      }
      ctx.reject(['publickey']);
    });
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          for (const wake of startWaiters.get(info.command) ?? []) wake();
          startWaiters.delete(info.command);
          stream.on('error', () => {});
          stream.on('close', () => {
            closedChannels.push(info.command);
            for (const wake of waiters.get(info.command) ?? []) wake();
            waiters.delete(info.command);
          });
          // 'drop' loses the whole connection mid-command, as a rebooting host would.
          if (info.command === 'drop') conn.end();
          else runScripted(info.command, stream);
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');

  return {
    port: address.port,
    closedChannels,
    endedConnections: () => ended,
    channelClosed: (command) =>
      new Promise<void>((resolve) => {
        const list = waiters.get(command) ?? [];
        list.push(resolve);
        waiters.set(command, list);
      }),
    commandStarted: (command) =>
      new Promise<void>((resolve) => {
        const list = startWaiters.get(command) ?? [];
        list.push(resolve);
        startWaiters.set(command, list);
      }),
    stop: async () => {
      for (const conn of connections) conn.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function finish(stream: ServerChannel, code: number): void {
  stream.exit(code);
  stream.end();
}

// The commands the fake host knows; anything else exits 127 like a shell would.
function runScripted(command: string, stream: ServerChannel): void {
  switch (command) {
    case 'echo hello':
      stream.resume();
      stream.write('hello\n');
      return finish(stream, 0);
    case 'fail':
      stream.resume();
      stream.stderr.write('boom\n');
      return finish(stream, 3);
    case 'cat': {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        stream.write(Buffer.concat(chunks));
        finish(stream, 0);
      });
      return;
    }
    case 'killed':
      stream.resume();
      stream.exit('KILL');
      stream.end();
      return;
    case 'noisy-stderr':
      stream.resume();
      stream.stderr.write(Buffer.alloc(200 * 1024, 0x65));
      stream.write('ok');
      return finish(stream, 0);
    case 'flood': {
      // Endless stdout, as fast as the channel window allows, until the client closes.
      stream.resume();
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      let open = true;
      stream.on('close', () => {
        open = false;
      });
      const pump = (): void => {
        while (open && stream.write(chunk));
        if (open) stream.once('drain', pump);
      };
      pump();
      return;
    }
    case 'hang':
      stream.resume();
      return;
    default:
      stream.resume();
      stream.stderr.write('sh: command not found\n');
      return finish(stream, 127);
  }
}

/** A TCP peer that accepts connections and then behaves as `mode` says. */
export interface StallingPeer {
  port: number;
  /** Resolves when the client closes a connection it made (the peer itself never closes one before stop). */
  clientClosed: Promise<void>;
  stop(): Promise<void>;
}

/** 'silent' never sends a byte; 'banner-only' sends an SSH banner and then nothing. */
export async function startStallingPeer(mode: 'silent' | 'banner-only'): Promise<StallingPeer> {
  const sockets = new Set<Socket>();
  let stopping = false;
  let onClientClose: () => void = () => {};
  const clientClosed = new Promise<void>((resolve) => (onClientClose = resolve));
  const server: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    // Whatever the client sends is read and dropped, so its closing reaches 'close'.
    socket.resume();
    socket.on('close', () => {
      sockets.delete(socket);
      if (!stopping) onClientClose();
    });
    if (mode === 'banner-only') socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    clientClosed,
    stop: async () => {
      stopping = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that was just free and has nothing listening. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
