// One part of the single collecting command: a shell snippet and the parser for what it prints.
import type { FactResult } from '../../facts/fact-result.js';
import type { FactKey, Facts, FactTypes } from '../../facts/facts.js';

/**
 * A section of the collecting script. Its snippet runs under POSIX sh with `$M` set to the
 * run's marker, only reads, and prints text; its parser is pure and gets exactly that text.
 * The snippet's exit status is its last command's: it must be 0 when the snippet did all it meant
 * to, since any other status makes the fact fail (the collector never hands such text to `parse`).
 */
export interface SshSection<K extends FactKey> {
  name: string;
  fact: K;
  script: string;
  /** May be async when a library it relies on only offers a promise (secretlint); it still does no I/O. */
  parse(text: string, marker: string): FactResult<FactTypes[K]> | Promise<FactResult<FactTypes[K]>>;
}

/**
 * A section that runs after the others, in a second command over the same login, because its
 * script is built from what they found (the host names to resolve come from the parsed targets).
 * Whatever it puts in its script from those facts must be data the shell never interprets (a
 * quoted here-document of validated names), never code.
 */
export interface SshFollowUp<K extends FactKey> {
  name: string;
  fact: K;
  /** The facts it is built from; their sections run in the first command whenever it is asked for. */
  after: readonly FactKey[];
  /** The fact when there is nothing to ask the host (no name to resolve): then no second command runs. */
  idle?(facts: Facts): FactTypes[K] | undefined;
  /** The snippet, from the first command's facts (a failed fact reads as absent) and the host's deadline in seconds. */
  script(facts: Facts, deadlineSeconds: number): string;
  parse(text: string, marker: string): FactResult<FactTypes[K]>;
}
