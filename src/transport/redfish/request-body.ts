// Request bodies may hold Secret values (a login password, the BIOS passwords of
// ChangePassword). This is the one place they are revealed, straight into the JSON text, and
// the plaintexts are kept so every message the answer produces can be cleaned of them.
import { Secret } from '../../model/secret.js';

/** The JSON text to send and the secrets it contains. */
export interface SerializedBody {
  text: string;
  secrets: string[];
}

/** Serializes `body`, revealing each Secret in it; throws TypeError on values JSON cannot carry. */
export function serializeRequestBody(body: unknown): SerializedBody {
  const secrets: string[] = [];
  const plain = (value: unknown, depth: number): unknown => {
    if (depth > 32) throw new TypeError('request body nests too deeply');
    if (value instanceof Secret) {
      const revealed = value.reveal();
      secrets.push(revealed);
      return revealed;
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new TypeError('request body holds a non-finite number');
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plain(v, depth + 1);
      return out;
    }
    throw new TypeError(`request body holds a ${typeof value} JSON cannot carry`);
  };
  const text = JSON.stringify(plain(body, 0));
  return { text, secrets };
}
