// Reads the committed lab fixtures for the tests that check them against each other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FleetSchema, type FleetFile, LabSecretsSchema, type LabSecretsFile } from '../../../lab/fleet/fleet-schema.js';

/** The repository root, seen from this file. */
export const REPO = join(import.meta.dirname, '../../..');

/** Parses a YAML file of the repository. */
export function readYaml(rel: string): unknown {
  return parse(readFileSync(join(REPO, rel), 'utf8'));
}

/** fixtures/lab/fleet.yaml, validated. */
export function fleetFile(): FleetFile {
  return FleetSchema.parse(readYaml('fixtures/lab/fleet.yaml'));
}

/** fixtures/lab/secrets.yaml, validated. */
export function secretsFile(): LabSecretsFile {
  return LabSecretsSchema.parse(readYaml('fixtures/lab/secrets.yaml'));
}
