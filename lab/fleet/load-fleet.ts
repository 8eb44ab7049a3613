// Reads fleet.yaml and the secrets file from disk and hands them to the pure planner.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { z } from 'zod';
import { LabError } from '../lab-error.js';
import type { LabPaths } from '../lab-paths.js';
import { FleetSchema, type LabSecretsFile, LabSecretsSchema } from './fleet-schema.js';
import { type LabFleet, planFleet } from './plan-fleet.js';

/** Formats zod issues as `file: path: message` lines. */
export function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
}

async function readYaml(path: string): Promise<unknown> {
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new LabError(`cannot read ${path}: ${(cause as Error).message}`, undefined, { cause });
  }
}

/** The lab fleet described by the checkout's fixtures; throws a LabError listing every problem. */
export async function loadFleet(paths: LabPaths): Promise<LabFleet> {
  const fleetFile = FleetSchema.safeParse(await readYaml(paths.fleetFile));
  const secrets = LabSecretsSchema.safeParse(await readYaml(paths.secretsFile));
  const errors = [
    ...(fleetFile.success ? [] : describeIssues(paths.fleetFile, fleetFile.error)),
    ...(secrets.success ? [] : describeIssues(paths.secretsFile, secrets.error)),
  ];
  if (fleetFile.success && secrets.success) {
    const plan = planFleet(fleetFile.data, secrets.data, paths.addressPlan);
    if ('errors' in plan) errors.push(...plan.errors);
    else return plan.fleet;
  }
  throw new LabError(`the lab fleet description is invalid:\n  ${errors.join('\n  ')}`);
}

/** The secrets file as the lab reads it (repository passwords for the provider copies); throws a LabError when invalid. */
export async function loadLabSecrets(paths: LabPaths): Promise<LabSecretsFile> {
  const secrets = LabSecretsSchema.safeParse(await readYaml(paths.secretsFile));
  if (!secrets.success) throw new LabError(`the lab secrets file is invalid:\n  ${describeIssues(paths.secretsFile, secrets.error).join('\n  ')}`);
  return secrets.data;
}
