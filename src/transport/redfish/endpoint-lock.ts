// At most one Redfish session per BMC at a time, whatever the runner does: BMCs allow only a
// handful of sessions, and a second scanner session would compete with the customer's own.
// A waiting caller gives up when its signal aborts.
import { watchAbort } from '../watch-abort.js';

interface Slot {
  waiters: Array<() => void>;
}

const slots = new Map<string, Slot>();

/** Releases a held endpoint; calling it more than once does nothing. */
export type ReleaseEndpoint = () => void;

/** Waits until `key` is free and takes it; undefined when `signal` aborted first. */
export function acquireEndpoint(key: string, signal?: AbortSignal): Promise<ReleaseEndpoint | undefined> {
  if (signal?.aborted) return Promise.resolve(undefined);
  const slot = slots.get(key);
  if (!slot) {
    slots.set(key, { waiters: [] });
    return Promise.resolve(releaser(key));
  }
  return new Promise((resolve) => {
    let unwatch = (): void => {};
    const grant = (): void => {
      unwatch();
      resolve(releaser(key));
    };
    slot.waiters.push(grant);
    if (signal) {
      unwatch = watchAbort(signal, () => {
        const index = slot.waiters.indexOf(grant);
        if (index >= 0) slot.waiters.splice(index, 1);
        resolve(undefined);
      });
    }
  });
}

function releaser(key: string): ReleaseEndpoint {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const slot = slots.get(key);
    const next = slot?.waiters.shift();
    if (next) next();
    else slots.delete(key);
  };
}

/** Whether anyone holds `key` now (for tests). */
export function endpointBusy(key: string): boolean {
  return slots.has(key);
}
