// The ssh.residue-files fact: provisioning leftovers and histories, with the credentials found in them.
import type { Secret } from '../model/secret.js';

/** One generic secret: where it starts and which rule found it. The matched text is never kept. */
export interface GenericSecretHit {
  line: number;
  /** secretlint's rule, without its package prefix: `privatekey`, `github`, `basicauth`, … */
  rule: string;
}

/** A catalogue pattern that matched a line; the matched text is not kept. */
export interface CredentialHit {
  line: number;
  pattern: string;
  label: string;
}

/** One leftover file as found on the host. */
export interface LeftoverFile {
  path: string;
  /** Catalogue kind: kickstart, preseed, cloud-init, history, netrc, … */
  kind: string;
  state: 'read' | 'unreadable';
  truncated: boolean;
  /** The text read, wrapped so that no log, JSON or message can show it; only local matching reveals it. */
  content: Secret;
  credentials: CredentialHit[];
  generic: GenericSecretHit[];
}

/** Every provisioning leftover found on the host. */
export interface LeftoverFilesFact {
  files: LeftoverFile[];
}
