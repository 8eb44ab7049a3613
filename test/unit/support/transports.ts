// Transports for unit tests that reach hosts over one path only: every other transport throws if
// it is called, so a test that claims a path is never taken fails when it is.
import type { Transports } from '../../../src/collect/transports.js';

/** A transport a test says is never reached: calling it throws, naming it. */
export function unreachable(name: keyof Transports): never {
  throw new Error(`the ${name} transport was reached, but this test says it never is`);
}

/** Every transport throwing when reached, overridden by the ones a test really uses. */
export function onlyTransports(used: Partial<Transports>): Transports {
  return {
    openSsh: async () => unreachable('openSsh'),
    runIpmitool: async () => unreachable('runIpmitool'),
    withRedfish: async () => unreachable('withRedfish'),
    openRmcp: async () => unreachable('openRmcp'),
    probeKeys: async () => unreachable('probeKeys'),
    ...used,
  };
}
