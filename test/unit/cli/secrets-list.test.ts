// `secrets list` prints names that came from a store file: escapes and newlines in them must not
// reach the terminal (they could recolour it, move the cursor or forge further lines).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetcheck, inventoryText, workspace, type Workspace } from './support/built-cli.js';

let ws: Workspace;
let inventory: string;

beforeAll(() => {
  ws = workspace('fc-secrets-list-');
  ws.write(
    'store.yaml',
    [
      'hosts:',
      '  "a3-01\\e[2J\\nforged-01  bmc: ROOT (administrator)":',
      '    bmc: { accounts: [{ user: "AD\\e]0;pwned\\aMIN", password: pw1 }] }',
      '    os: [{ user: "root\\nforged-02  bmc: x", password: pw2 }]',
      '    disks: [{ device: "/dev/sda\\u202e2", passphrase: pw3 }]',
      '',
    ].join('\n'),
    0o600,
  );
  inventory = ws.write('fleet.yaml', inventoryText(ws, '  A3:\n    hosts:\n      a3-01: { ssh: { address: 127.200.11.1 } }', { secrets: `{ file: ${ws.dir}/store.yaml }` }));
});
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

describe('fleetcheck secrets list', () => {
  it('prints one line per key, with control, escape and bidi characters replaced', async () => {
    const run = await fleetcheck(['secrets', 'list', '--inventory', inventory]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^a3-01\?\[2J\?forged-01/);
    expect(lines[0]).toContain('AD?]0;pwned?MIN (administrator)');
    expect(lines[0]).toContain('os: root?forged-02');
    expect(lines[0]).not.toContain('pw1');
  });
});
