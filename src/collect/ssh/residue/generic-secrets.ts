// Generic secrets (private keys, API tokens, basic-auth URLs) found by secretlint's recommended rules.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { GenericSecretHit } from '../../../facts/leftover-files.js';

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

/**
 * Runs secretlint on one file's text. secretlint reports masked values; we keep only the line and the
 * rule, so nothing of the secret can reach a report even if masking changed upstream.
 */
export async function findGenericSecrets(path: string, content: string): Promise<GenericSecretHit[]> {
  const result = await lintSource({
    // The path is only a label here; a host's name may hold newlines or controls, which secretlint's timing marks choke on.
    source: { filePath: path.replace(/[\u0000-\u001f\u007f]/g, '?'), content, ext: '', contentType: 'text' },
    options: { config: CONFIG, locale: 'en', maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({
    line: m.loc.start.line,
    rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
  }));
}
