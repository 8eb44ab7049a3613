// The one shell-style name matcher: waivers, `--check`, the backup and leftover catalogues.
// `*` matches any run of characters, `?` one character; every other character is literal.

/** Where the wildcards stop, for the callers whose names are paths or whose syntax has no `?`. */
export interface GlobOptions {
  /** `*` and `?` stay within one path part: they never match `/` (catalogue paths). */
  pathParts?: boolean;
  /** `?` is an ordinary character (`--check` patterns and catalogue binaries know only `*`). */
  literalQuestionMark?: boolean;
}

/** A glob as a regular expression over the whole name. */
export function globRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  const any = options.pathParts ? '[^/]*' : '.*';
  const one = options.pathParts ? '[^/]' : '.';
  const body = [...pattern]
    .map((c) => (c === '*' ? any : c === '?' && !options.literalQuestionMark ? one : c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Whether `name` matches `pattern` in full. */
export function globMatches(pattern: string, name: string, options: GlobOptions = {}): boolean {
  return globRegExp(pattern, options).test(name);
}
