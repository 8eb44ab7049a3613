// The one shell-style name matcher: waivers, `--check`, the backup and leftover catalogues.
// `*` matches any run of characters, `?` one character; every other character is literal.

/** Where the wildcards stop, for the callers whose names are paths or whose syntax has no `?`. */
export interface GlobOptions {
  /** `*` and `?` stay within one path part: they never match `/` (catalogue paths). */
  pathParts?: boolean;
  /** `?` is an ordinary character (`--check` patterns and catalogue binaries know only `*`). */
  literalQuestionMark?: boolean;
}

/**
 * A glob as a regular expression over the whole name, for callers that hand a RegExp on (the
 * catalogues, whose patterns are our own data files). Patterns a user types go through globMatches,
 * which builds nothing from them.
 */
export function globRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  const any = options.pathParts ? '[^/]*' : '.*';
  const one = options.pathParts ? '[^/]' : '.';
  const body = [...pattern]
    .map((c) => (c === '*' ? any : c === '?' && !options.literalQuestionMark ? one : c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * Whether `name` matches `pattern` in full, matched as text: no pattern can be invalid or too big to
 * compile. The classic greedy match with one backtrack point (the last `*`), at most
 * length(pattern) × length(name) steps. With `pathParts`, a `*` that would have to swallow a `/` to
 * go on cannot match, as in the shell.
 */
export function globMatches(pattern: string, name: string, options: GlobOptions = {}): boolean {
  const p = Array.from(pattern);
  const n = Array.from(name);
  const wildOne = (c: string | undefined): boolean => c === '?' && !options.literalQuestionMark;
  const fits = (c: string | undefined): boolean => !options.pathParts || c !== '/';
  let pi = 0;
  let ni = 0;
  let star = -1; // index in p just after the last `*` seen
  let resume = 0; // where in n that `*` would take up again
  while (ni < n.length) {
    const c = p[pi];
    if (c === '*') {
      star = ++pi;
      resume = ni;
    } else if (c !== undefined && ((wildOne(c) && fits(n[ni])) || (!wildOne(c) && c === n[ni]))) {
      pi++;
      ni++;
    } else if (star >= 0 && fits(n[resume])) {
      pi = star;
      ni = ++resume;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
