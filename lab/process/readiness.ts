// Probes that tell whether a lab service is listening: TCP connect for sshd, the UDP socket table for ipmi_sim.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether something accepts a TCP connection on address:port within `timeoutMs`. */
export function tcpAccepts(address: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** /proc/net/udp's spelling of an IPv4 address and port: little-endian hex address, big-endian hex port. */
export function procNetAddress(address: string, port: number): string {
  const hex = address
    .split('.')
    .map((o) => Number(o).toString(16).padStart(2, '0'))
    .reverse()
    .join('');
  return `${hex}:${port.toString(16).padStart(4, '0')}`.toUpperCase();
}

/** Whether a UDP socket of this network namespace is bound to address:port (ipmi_sim answers nothing before it is). */
export function udpBound(address: string, port: number, table = readFileSync('/proc/net/udp', 'utf8')): boolean {
  const wanted = procNetAddress(address, port);
  return table.split('\n').some((line) => line.trim().split(/\s+/)[1] === wanted);
}

/** Polls `probe` until it holds, `gaveUp` returns a reason, or `deadline` (epoch ms) passes. */
export async function waitFor(
  probe: () => Promise<boolean> | boolean,
  options: { deadline: number; gaveUp?: () => string | undefined; intervalMs?: number },
): Promise<{ ready: true } | { ready: false; reason: string }> {
  for (;;) {
    if (await probe()) return { ready: true };
    const reason = options.gaveUp?.();
    if (reason) return { ready: false, reason };
    if (Date.now() >= options.deadline) return { ready: false, reason: 'timed out' };
    await sleep(options.intervalMs ?? 50);
  }
}
