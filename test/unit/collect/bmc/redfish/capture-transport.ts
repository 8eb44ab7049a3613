// An in-memory Redfish transport over a real BMC capture (fixtures/redfish-mockups): GETs are
// answered from the captured tree (paths matched without case or trailing slash, as the HPE
// capture's links need), logins and POSTs by what each test scripts. It records every request so
// tests can assert what was (not) written.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RedfishReply, RedfishSession } from '../../../../../src/transport/redfish/redfish-session.js';
import type { withRedfish } from '../../../../../src/transport/redfish/redfish-session.js';

const REPO_ROOT = join(import.meta.dirname, '../../../../..');

/** A vendor folder of fixtures/redfish-mockups. */
export type CaptureVendor = 'dell' | 'hpe' | 'lenovo' | 'supermicro';

/** Lookup key of a path: lower case, no trailing slash, no query. */
export const keyOf = (path: string): string => {
  const p = path.split('?', 1)[0]!.replace(/\/+$/, '');
  return (p === '' ? '/' : p).toLowerCase();
};

const cache = new Map<CaptureVendor, Map<string, unknown>>();

/** The captured tree of `vendor`, keyed by keyOf(path). Bodies are shared: copy before changing. */
export function loadCapture(vendor: CaptureVendor): Map<string, unknown> {
  const hit = cache.get(vendor);
  if (hit) return hit;
  const tree = new Map<string, unknown>();
  const walk = (dir: string, url: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, `${url}/${name}`);
      else if (name === 'index.json') tree.set(keyOf(url), JSON.parse(readFileSync(p, 'utf8')));
    }
  };
  walk(join(REPO_ROOT, 'fixtures/redfish-mockups', vendor, 'redfish/v1'), '/redfish/v1');
  cache.set(vendor, tree);
  return tree;
}

/** A copy of one captured resource. */
export function captured(vendor: CaptureVendor, path: string): Record<string, unknown> {
  const body = loadCapture(vendor).get(keyOf(path));
  if (body === undefined) throw new Error(`${vendor} capture has no ${path}`);
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

/** What a test scripts on top of the capture. */
export interface CaptureBehaviour {
  /** Passwords that log in, by user name; anyone else is refused ('auth'). */
  passwords: Record<string, string>;
  /** Replaces (or adds, or with `null` removes) the answer to a GET. */
  get?: (key: string, body: unknown) => unknown;
  /** Answers a POST; unscripted POSTs get 405. */
  post?: (key: string, body: unknown) => { status: number; json?: unknown };
}

const reply = (status: number, json: unknown): RedfishReply => ({ ok: true, status, json, messages: messagesOf(json), location: undefined, durationMs: 1 });

function messagesOf(json: unknown): { id: string; text: string; args: string[] }[] {
  const j = json as { error?: { '@Message.ExtendedInfo'?: unknown[] }; '@Message.ExtendedInfo'?: unknown[] } | undefined;
  const list = j?.error?.['@Message.ExtendedInfo'] ?? j?.['@Message.ExtendedInfo'] ?? [];
  return list.map((m) => {
    const x = m as { MessageId?: string; Message?: string; MessageArgs?: string[] };
    return { id: x.MessageId ?? '', text: x.Message ?? '', args: x.MessageArgs ?? [] };
  });
}

/** Every request the in-memory BMC saw. */
export interface CaptureLog {
  logins: { user: string; ok: boolean }[];
  gets: string[];
  posts: { path: string; body: unknown }[];
}

/** A session opener (withRedfish's shape) over `vendor`'s capture. */
export function captureOpener(vendor: CaptureVendor, behaviour: CaptureBehaviour): { open: typeof withRedfish; log: CaptureLog } {
  const tree = loadCapture(vendor);
  const log: CaptureLog = { logins: [], gets: [], posts: [] };
  const tls = { trust: 'pinned' as const, presented: 'AA' };
  const open = (async (_endpoint: unknown, login: { user: string; password: { reveal(): string } }, use: (s: RedfishSession) => Promise<unknown>) => {
    const ok = behaviour.passwords[login.user] !== undefined && behaviour.passwords[login.user] === login.password.reveal();
    log.logins.push({ user: login.user, ok });
    if (!ok) return { ok: false, reason: 'auth', message: `${vendor} (redfish ${login.user}): login refused (HTTP 401)`, status: 401, tls, durationMs: 1 };
    const session: RedfishSession = {
      auth: 'session',
      tls,
      serviceRoot: tree.get('/redfish/v1'),
      async get(path) {
        const key = keyOf(path);
        log.gets.push(key);
        const base = tree.get(key);
        const body = behaviour.get ? behaviour.get(key, base === undefined ? undefined : JSON.parse(JSON.stringify(base))) : base;
        return body === undefined || body === null ? reply(404, { error: { '@Message.ExtendedInfo': [{ MessageId: 'Base.1.8.ResourceMissingAtURI', MessageArgs: [path] }] } }) : reply(200, body);
      },
      async post(path, body) {
        log.posts.push({ path, body });
        const answer = behaviour.post?.(keyOf(path), body);
        return answer ? reply(answer.status, answer.json) : reply(405, undefined);
      },
      async close() {
        return { ok: true };
      },
    };
    const value = await use(session);
    return { ok: true, value, tls, auth: 'session', logout: { ok: true } };
  }) as unknown as typeof withRedfish;
  return { open, log };
}
