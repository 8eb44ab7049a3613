// The ssh.text-files fact: the readable text files where a provider could have left a secret, read in bounded parts.
import type { Secret } from '../model/secret.js';

/** One text file as read on the host. */
export interface TextFile {
  path: string;
  /** The text read, wrapped so that no log, JSON or message can show it; only local matching reveals it. */
  content: Secret;
  /** Only the first part was read: the file is larger than the per-file limit. */
  truncated: boolean;
}

/** A walk limit the host reached: the files after it were not read. */
export interface TextWalkLimit {
  limit: 'files' | 'bytes';
  /** The limit's value: files examined, or bytes of text read. */
  value: number;
}

/** Every text file under the places a provider leaves things (`/etc`, `/root`, homes, `/var/log`, `/opt`, `/srv`). */
export interface TextFilesFact {
  files: TextFile[];
  /** Regular files the walk found but could not read. */
  unreadable: string[];
  /** Limits reached; empty when every file found was examined. */
  limits: TextWalkLimit[];
  /** Regular files examined (text or not), text files read, binary files skipped, bytes of text read. */
  examined: number;
  binary: number;
  bytes: number;
}
