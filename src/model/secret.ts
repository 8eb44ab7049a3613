// A wrapper that keeps secret values out of logs, JSON and string interpolation.
import { inspect } from 'node:util';

const REDACTED = '[secret]';

/** A secret value. Only `reveal()` yields the plaintext; every other view is redacted. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The plaintext, for the one place that must hand it to a transport (an env var, a stdin). */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}
