import { describe, expect, it } from 'vitest';
import { acquireEndpoint, endpointBusy } from '../../../../src/transport/redfish/endpoint-lock.js';

describe('one session per BMC', () => {
  it('hands the endpoint to waiters one at a time, in order', async () => {
    const order: string[] = [];
    const first = await acquireEndpoint('bmc-a');
    const second = acquireEndpoint('bmc-a').then((release) => {
      order.push('second');
      return release;
    });
    const third = acquireEndpoint('bmc-a').then((release) => {
      order.push('third');
      return release;
    });
    const other = await acquireEndpoint('bmc-b');
    expect(other).toBeDefined();
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    first!();
    first!(); // a second release changes nothing
    (await second)!();
    (await third)!();
    expect(order).toEqual(['second', 'third']);
    expect(endpointBusy('bmc-a')).toBe(false);
    other!();
    expect(endpointBusy('bmc-b')).toBe(false);
  });

  it('lets a waiter give up when its signal aborts', async () => {
    const held = await acquireEndpoint('bmc-c');
    const controller = new AbortController();
    const waiting = acquireEndpoint('bmc-c', controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
    held!();
    expect(endpointBusy('bmc-c')).toBe(false);
    expect(await acquireEndpoint('bmc-d', controller.signal)).toBeUndefined();
  });
});
