// A fleet scan shares one AbortSignal across every host's connection; Node warns once an
// EventTarget has more than 10 listeners. So each signal gets one listener of ours that fans
// out to however many connections are watching it at the moment.

const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `onAbort` when `signal` aborts (at once if it already has); returns the unsubscribe. */
export function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  if (signal.aborted) {
    onAbort();
    return () => {};
  }
  let current = watchers.get(signal);
  if (!current) {
    const created = new Set<() => void>();
    current = created;
    watchers.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        watchers.delete(signal);
        for (const callback of [...created]) callback();
      },
      { once: true },
    );
  }
  const set = current;
  set.add(onAbort);
  return () => {
    set.delete(onAbort);
  };
}
