// What a stream may be sent beyond plain lines: colours, and a status line redrawn with \r and \e[K.

/** The part of a stream that decides: is it a terminal at all. */
export interface MaybeTerminal {
  isTTY?: boolean;
}

/** A terminal that understands cursor control: TERM=dumb (Emacs shells, some CI consoles) does not. */
export function canRedraw(stream: MaybeTerminal, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** Colours only where a person reads them, on a terminal that can show them, unless NO_COLOR is set. */
export function canColor(stream: MaybeTerminal, env: NodeJS.ProcessEnv = process.env): boolean {
  return canRedraw(stream, env) && !('NO_COLOR' in env);
}
