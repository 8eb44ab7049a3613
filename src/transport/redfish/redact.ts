// Secrets a BMC might echo back (a password in an error message, a token in a body) are cut
// out of every text the transport returns, whatever the BMC does.

/** `text` with every occurrence of each secret replaced by `[secret]`, longest secret first. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('[secret]');
  }
  return out;
}
