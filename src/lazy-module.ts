// A CommonJS dependency loaded the first time it is used, not at start: a run that never needs it
// (undici without a Redfish BMC, xmlbuilder2 without JUnit output) does not pay its 70–80 ms of CPU.
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/** A getter for package `name`, which it requires once, on its first call. */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}
