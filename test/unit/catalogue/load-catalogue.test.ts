import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCatalogue } from '../../../src/catalogue/load-catalogue.js';
import { packageRoot } from '../../../src/package-root.js';

const dir = new URL('catalogue/', packageRoot());
const file = (name: string) => new URL(`${name}.yaml`, dir);
mkdirSync(dir, { recursive: true });
afterAll(() => ['zz-test-good', 'zz-test-bad'].forEach((n) => rmSync(file(n), { force: true })));

describe('loadCatalogue', () => {
  const Schema = z.object({ entries: z.array(z.object({ name: z.string() })) });

  it('reads and validates a catalogue file', () => {
    writeFileSync(file('zz-test-good'), 'entries:\n  - name: restic\n');
    expect(loadCatalogue('zz-test-good', Schema)).toEqual({ entries: [{ name: 'restic' }] });
  });

  it('names the file and the path of a problem', () => {
    writeFileSync(file('zz-test-bad'), 'entries:\n  - name: 3\n');
    expect(() => loadCatalogue('zz-test-bad', Schema)).toThrow(/^catalogue\/zz-test-bad\.yaml: entries\.0\.name: /);
  });
});
