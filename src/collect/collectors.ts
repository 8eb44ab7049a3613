// Which collector serves which facts: a new transport is one new collector here, not a branch in the runner.
import { bmcCollector } from './bmc/collect-bmc-facts.js';
import type { Collector } from './collector.js';
import { keyAcceptanceCollector } from './probe/collect-key-acceptance.js';
import { sshCollector } from './ssh/collect-ssh-facts.js';
import { storeCollector } from './store/collect-store-facts.js';
import { providerCollector } from './provider/collect-provider-facts.js';

/** Every collector, in the order their facts are merged (they serve disjoint keys). */
export const COLLECTORS: readonly Collector[] = [sshCollector, bmcCollector, storeCollector, keyAcceptanceCollector, providerCollector];
