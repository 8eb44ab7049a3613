// Reads an import file of initial credentials: the store's own YAML layout, or a CSV with the
// header `host,user,password,privilege[,bios_password]` (one row per BMC account).
import { DocumentSchema, parseSecretsDocument, type DocumentResult, type SecretsDocument } from './secrets-document.js';
import { setSecret } from './edit-document.js';

const PRIVILEGES = new Set(['user', 'operator', 'administrator']);

/** Splits one CSV line (RFC 4180 quotes, no embedded newlines). */
function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += line[i++];
      }
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    fields.push(field);
    if (i >= line.length) return fields;
    if (line[i] !== ',') return undefined;
    i++;
  }
}

/** Parses CSV text; messages name the line number, never a value. */
export function parseCsvImport(text: string, what: string): DocumentResult<SecretsDocument> {
  const lines = text.split(/\r?\n/);
  const header = csvFields((lines[0] ?? '').trim())?.map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header?.indexOf(name) ?? -1;
  if (!header || col('host') < 0 || col('user') < 0 || col('password') < 0) {
    return { ok: false, message: `${what}:1 expected a header with host,user,password[,privilege][,bios_password]` };
  }
  let doc: SecretsDocument = { hosts: {} };
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const f = csvFields(line);
    if (!f || f.length !== header.length) return { ok: false, message: `${what}:${n + 1} expected ${header.length} fields` };
    const host = f[col('host')]!.trim();
    const user = f[col('user')]!.trim();
    const privilege = col('privilege') >= 0 ? f[col('privilege')]!.trim().toLowerCase() || 'administrator' : 'administrator';
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(host)) return { ok: false, message: `${what}:${n + 1} host must be a host name like a3-01` };
    if (user === '' || user.length > 16) return { ok: false, message: `${what}:${n + 1} user must be 1-16 characters` };
    if (!PRIVILEGES.has(privilege)) return { ok: false, message: `${what}:${n + 1} privilege must be user, operator or administrator` };
    doc = setSecret(doc, host, { kind: 'bmc', user, privilege: privilege as 'user' | 'operator' | 'administrator' }, f[col('password')]!);
    const bios = col('bios_password') >= 0 ? f[col('bios_password')]! : '';
    if (bios !== '') doc = setSecret(doc, host, { kind: 'bios' }, bios);
  }
  return { ok: true, value: doc };
}

/** Parses an import file by its name: `.csv` as CSV, anything else as the store's YAML. */
export function parseImport(text: string, name: string): DocumentResult<SecretsDocument> {
  if (name.toLowerCase().endsWith('.csv')) return parseCsvImport(text, name);
  const parsed = parseSecretsDocument(text, name);
  if (!parsed.ok) return parsed;
  return DocumentSchema.safeParse(parsed.value).success ? parsed : { ok: false, message: `${name} is not a secrets document` };
}
