// The TCP socket under every SSH connection. ssh2 never enables TCP_NODELAY on the sockets
// it creates (Client#setNoDelay exists but is opt-in), and LAB.md measured Nagle plus delayed
// ACK at about 2 x 40 ms per command; so we create the socket ourselves and hand it to ssh2.
import { connect, type Socket } from 'node:net';

/** Starts a TCP connection with Nagle's algorithm off; the caller owns its deadline and teardown. */
export function openTcpSocket(address: string, port: number): Socket {
  const socket = connect({ host: address, port, noDelay: true });
  socket.setNoDelay(true);
  return socket;
}
