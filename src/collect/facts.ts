// The catalogue of facts a host can yield, and the bag a host's collectors fill.
import type { AuthorizedKeysFact } from './ssh/authorized-keys-section.js';
import type { InitialLoginsFact } from './bmc/initial-logins.js';
import type { FactResult } from './fact-result.js';
import type { HostSecrets } from '../secrets/secret-store.js';

/** Every fact a check may ask for, by key. Collectors are chosen from the keys the selected checks need. */
export interface FactTypes {
  'ssh.authorized-keys': AuthorizedKeysFact;
  'bmc.initial-logins': InitialLoginsFact;
  /** What the provider's store holds for the host; values stay wrapped in Secret. */
  'store.host-secrets': HostSecrets;
}

/** A fact's name. Keys are grouped by where they are collected (`ssh.*`, `bmc.*`, `store.*`). */
export type FactKey = keyof FactTypes;

/** The facts collected for one host; a key is present once its collector has run. */
export type Facts = { [K in FactKey]?: FactResult<FactTypes[K]> };
