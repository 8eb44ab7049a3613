// A BMC played from a script on 127.0.0.1: each datagram it receives is recorded and answered by
// the test's handler (zero, one or several datagrams). Hostile replies are built with it; the
// real protocol is tested against ipmi_sim's captured answers replayed through it.
import { createSocket, type Socket } from 'node:dgram';

/** The peer's view: what it received, in order. */
export interface ScriptedBmc {
  port: number;
  received: Buffer[];
  close(): Promise<void>;
}

/** Starts a peer; `answer` gets each datagram and its index and returns what to send back. */
export async function scriptedBmc(answer: (datagram: Buffer, index: number) => Buffer | Buffer[] | undefined): Promise<ScriptedBmc> {
  const socket: Socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (datagram, from) => {
    received.push(datagram);
    const reply = answer(datagram, received.length - 1);
    for (const r of reply === undefined ? [] : Array.isArray(reply) ? reply : [reply]) socket.send(r, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    received,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** A copy of `datagram` with the RMCP+ message tag (payload byte 0) set to `tag`: a capture's reply fitted to our request. */
export function withTag(datagram: Buffer, tag: number): Buffer {
  const copy = Buffer.from(datagram);
  if (copy[4] === 0x06 && copy.length > 16) copy[16] = tag;
  return copy;
}
