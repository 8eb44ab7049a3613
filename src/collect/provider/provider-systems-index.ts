// The provider systems, read once per run on first use and answered to every host from memory.
import type { ProviderSystemRead, ProviderSystemsFact } from '../../facts/provider-systems.js';
import type { ProviderSystem } from '../../inventory/types.js';
import { readProviderSystem, type ProviderReadOptions } from './read-provider-system.js';

/**
 * Reads every provider system once, whatever the number of hosts scanned: the first host that asks
 * starts the reads (all systems at once, each under its own deadline), every later one waits for
 * the same answer. A host's deadline never cuts a system's read short for the hosts after it.
 */
export class ProviderSystemsIndex {
  #read: Promise<ProviderSystemsFact> | undefined;
  #reads = 0;
  constructor(
    readonly systems: readonly ProviderSystem[],
    readonly options: ProviderReadOptions,
  ) {}

  /** How many times a system was read in this run: one per system, once any host asked. */
  get systemReads(): number {
    return this.#reads;
  }

  /** The run's reading of every system. */
  fact(): Promise<ProviderSystemsFact> {
    this.#read ??= Promise.all(
      this.systems.map((system): Promise<ProviderSystemRead> => {
        this.#reads++;
        return readProviderSystem(system, this.options);
      }),
    ).then((systems) => ({ systems }));
    return this.#read;
  }

  /** The reading, when some host asked for it in this run; undefined when no selected check needed the systems. */
  async settled(): Promise<ProviderSystemsFact | undefined> {
    return this.#read;
  }
}
