// Reads one captured ipmitool case from fixtures/ipmitool/<case>/.
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../../../fixtures/ipmitool/', import.meta.url);

/** stdout, stderr and exit code of one captured case. */
export interface IpmitoolFixture {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The captured run named `name`. */
export function ipmitoolFixture(name: string): IpmitoolFixture {
  const read = (file: string) => readFileSync(new URL(`${name}/${file}`, ROOT), 'utf8');
  return { stdout: read('stdout'), stderr: read('stderr'), exitCode: Number(read('exitcode').trim()) };
}
