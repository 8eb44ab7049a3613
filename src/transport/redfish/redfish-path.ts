// Which paths a session will request. Paths come from our code and from the BMC (`@odata.id`
// links, a session's Location); a BMC must not steer us to another host or out of /redfish.

const MAX_PATH_LENGTH = 1024;

/**
 * The request path (with query) for `ref`, a path or an absolute URL on `origin`; undefined
 * when it leaves the origin, leaves /redfish, or is not a plain printable path.
 */
export function redfishPath(ref: string, origin: string): string | undefined {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_PATH_LENGTH) return undefined;
  let candidate = ref;
  if (!ref.startsWith('/')) {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      return undefined;
    }
    if (url.origin !== new URL(origin).origin || url.username !== '' || url.password !== '') return undefined;
    candidate = `${url.pathname}${url.search}`;
  }
  if (candidate.startsWith('//') || /[^\x21-\x7e]|\\|#/.test(candidate)) return undefined;
  const [pathname = ''] = candidate.split('?', 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  if (!/^\/redfish(\/|$)/.test(pathname)) return undefined;
  return candidate;
}

/** The `@odata.id` at `keys` inside a resource (`Links` → `Sessions`), when it is a string. */
export function odataLink(json: unknown, keys: readonly string[]): string | undefined {
  let node: unknown = json;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const id = (node as Record<string, unknown>)['@odata.id'];
  return typeof id === 'string' ? id : undefined;
}
