// Whatever a Redfish exchange fails with, the message never holds a secret of the request: not
// the password in the body, the Authorization header or the token, nor a form of them (JSON-escaped,
// URL-encoded, base64), even when the error undici or the socket raised quotes the request whole.
import { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { exchange, type ExchangeContext, type ExchangeRequest } from '../../../../src/transport/redfish/redfish-exchange.js';
import { classifyRedfishError } from '../../../../src/transport/redfish/classify-redfish-error.js';
import { serializeRequestBody } from '../../../../src/transport/redfish/request-body.js';
import { Secret } from '../../../../src/model/secret.js';

/** Non-ASCII and JSON-special characters: printableText would turn ü into ? and JSON escapes the quote. */
const PASSWORD = 'pw-ü"Canary\\7Qx';
const USER = 'ADMIN';
const BASIC_TOKEN = Buffer.from(`${USER}:${PASSWORD}`, 'utf8').toString('base64');
const AUTHORIZATION = `Basic ${BASIC_TOKEN}`;
const SESSION_TOKEN = 'tok-5f1e9a0b7c3d';

/** Every form of the secrets a message could carry them in. */
const FORMS = [PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), encodeURIComponent(PASSWORD), BASIC_TOKEN, SESSION_TOKEN, 'Canary'];

/** A dispatcher that fails every request with an error quoting all of it: URL, headers and body. */
class EchoingFailure extends Dispatcher {
  constructor(private readonly code: string | undefined) {
    super();
  }
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const quoted = `${options.method} ${options.origin}${options.path}?user=${encodeURIComponent(PASSWORD)} headers=${JSON.stringify(options.headers)} body=${String(options.body)}`;
    const error = Object.assign(new Error(`request failed: ${quoted}`), this.code ? { code: this.code } : {});
    queueMicrotask(() => handler.onError?.(error));
    return true;
  }
}

const ctx = (code?: string): ExchangeContext => ({ dispatcher: new EchoingFailure(code), origin: 'https://127.0.0.9:443', timeoutMs: 5_000, maxResponseBytes: 1 << 20, signal: undefined });

function requests(): ExchangeRequest[] {
  const login = serializeRequestBody({ UserName: USER, Password: new Secret(PASSWORD) });
  return [
    { method: 'POST', path: '/redfish/v1/SessionService/Sessions', headers: { 'content-type': 'application/json' }, body: login.text, secrets: login.secrets },
    { method: 'GET', path: '/redfish/v1/Systems', headers: { authorization: AUTHORIZATION }, secrets: [PASSWORD, AUTHORIZATION, BASIC_TOKEN] },
    { method: 'GET', path: '/redfish/v1/Systems/1', headers: { 'x-auth-token': SESSION_TOKEN }, secrets: [PASSWORD, SESSION_TOKEN] },
  ];
}

describe('Redfish transport errors', () => {
  it.each([['no code', undefined], ['a TLS code', 'ERR_SSL_WRONG_VERSION_NUMBER'], ['an unknown code', 'UND_ERR_WEIRD']])(
    'keep every secret of the request out of the message (%s)',
    async (_name, code) => {
      for (const req of requests()) {
        const result = await exchange(ctx(code), req);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.reason).toBe('protocol');
        // The error's own words are still there: only the secrets are cut.
        expect(result.message).toMatch(/request failed: /);
        for (const form of FORMS) expect(result.message).not.toContain(form);
        expect(result.message).toContain('[secret]');
      }
    },
  );

  it('classifies an error quoting a secret without the secret, before printable text could hide it from the redaction', () => {
    const error = new Error(`bad header authorization: ${AUTHORIZATION} for ${PASSWORD}`);
    const failure = classifyRedfishError(error, 'GET /redfish/v1/Systems', { deadline: false, interrupted: false, timeoutMs: 1000 }, [PASSWORD, AUTHORIZATION]);
    for (const form of FORMS) expect(failure.message).not.toContain(form);
    expect(failure.message).toBe('GET /redfish/v1/Systems: bad header authorization: [secret] for [secret]');
  });
});
