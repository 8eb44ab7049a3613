// The provider collector: what the provider's own systems hold, read once per run and the same for every host.
import type { FactKey, Facts } from '../../facts/facts.js';
import type { Collector } from '../collector.js';

/** Serves `provider.systems`: the run's index answers; an inventory with no systems holds nothing to read. */
export const providerCollector: Collector = {
  name: 'provider',
  serves: new Set<FactKey>(['provider.systems']),
  async collect(_host, keys, context): Promise<Facts> {
    if (!keys.includes('provider.systems')) return {};
    const index = context.providerSystems;
    if (!index) return { 'provider.systems': { ok: true, value: { systems: [] } } };
    return { 'provider.systems': { ok: true, value: await index.fact() } };
  },
};
