// Secrets a BMC might echo back (a password in an error message, a token in a body) are cut
// out of every text the transport returns, whatever the BMC does.

/** The forms a secret takes in the text of a request: as it is, JSON-escaped (a body), URL-encoded (a path or query). */
function formsOf(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

/** `text` with every occurrence of each secret, in each of its forms, replaced by `[secret]`, longest first. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap(formsOf))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('[secret]');
  return out;
}

/**
 * Peer or library text made printable without a secret in it: redacted before (printable text
 * could change a secret's characters, or cut it so that only its start remains) and after.
 */
export function redactedPrintable(text: string, secrets: readonly string[], printable: (text: string) => string): string {
  return redactSecrets(printable(redactSecrets(text, secrets)), secrets);
}
