// Which section of the collecting command yields which SSH fact.
import type { FactKey } from '../facts.js';
import { authorizedKeysSection } from './authorized-keys-section.js';
import type { SshSection } from './ssh-section.js';

/** Every SSH section, by the fact it yields; a new `ssh.*` fact adds its section here. */
export const SSH_SECTIONS: ReadonlyMap<FactKey, SshSection<FactKey>> = new Map<FactKey, SshSection<FactKey>>([
  ['ssh.authorized-keys', authorizedKeysSection as SshSection<FactKey>],
]);
