// Shell-style name patterns for waivers: `*` any run of characters, `?` one character.

/** Whether `name` matches `pattern` in full; every other character is literal. */
export function globMatches(pattern: string, name: string): boolean {
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`).test(name);
}
