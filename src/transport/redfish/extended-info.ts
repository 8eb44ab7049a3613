// Redfish error answers carry `@Message.ExtendedInfo` (DSP0266): registry message ids, texts
// and arguments. They are peer text, so each is cut short, stripped to printable ASCII, and
// cleaned of any secret this session sent.
import { printableText } from '../../text/sanitize.js';
import { redactSecrets } from './redact.js';

/** One message of an answer, safe to show in a report. */
export interface RedfishMessage {
  /** Registry message id, e.g. `Base.1.12.ActionParameterValueError`; '' when the BMC gave none. */
  id: string;
  text: string;
  /** MessageArgs, e.g. ['OldPassword', 'Bios.ChangePassword']. */
  args: string[];
}

const MAX_MESSAGES = 8;
const MAX_ARGS = 8;

function clean(value: unknown, secrets: readonly string[], maxLength: number): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return '';
  // Redact before and after: printableText could alter a secret's characters, and its cut
  // could leave a secret's prefix that only the raw text shows as a whole.
  return redactSecrets(printableText(redactSecrets(String(value), secrets), maxLength), secrets);
}

function toMessage(raw: unknown, secrets: readonly string[]): RedfishMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  const id = clean(m['MessageId'], secrets, 80);
  const text = clean(m['Message'], secrets, 200);
  const args = Array.isArray(m['MessageArgs']) ? m['MessageArgs'].slice(0, MAX_ARGS).map((a) => clean(a, secrets, 64)) : [];
  return id === '' && text === '' ? undefined : { id, text, args };
}

/**
 * The messages of a Redfish answer body: `error.@Message.ExtendedInfo`, a top-level
 * `@Message.ExtendedInfo`, or failing both the `error` object's own code and message.
 */
export function parseRedfishMessages(json: unknown, secrets: readonly string[]): RedfishMessage[] {
  if (typeof json !== 'object' || json === null) return [];
  const body = json as Record<string, unknown>;
  const error = typeof body['error'] === 'object' && body['error'] !== null ? (body['error'] as Record<string, unknown>) : undefined;
  const lists = [error?.['@Message.ExtendedInfo'], body['@Message.ExtendedInfo']];
  const out: RedfishMessage[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      if (out.length >= MAX_MESSAGES) return out;
      const message = toMessage(raw, secrets);
      if (message) out.push(message);
    }
  }
  if (out.length === 0 && error) {
    const message = toMessage({ MessageId: error['code'], Message: error['message'] }, secrets);
    if (message) out.push(message);
  }
  return out;
}

/** One line for a report: the first two messages as `id: text`, and how many more there were. */
export function summarizeMessages(messages: readonly RedfishMessage[]): string {
  const shown = messages.slice(0, 2).map((m) => (m.id && m.text ? `${m.id}: ${m.text}` : m.id || m.text));
  const more = messages.length > 2 ? ` (+${messages.length - 2} more)` : '';
  return `${shown.join('; ')}${more}`;
}
