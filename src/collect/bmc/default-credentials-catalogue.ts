// The vendor default BMC credentials, kept as data in catalogue/bmc-default-credentials.yaml.
import { z } from 'zod';
import { loadCatalogue } from '../../catalogue/load-catalogue.js';

const CatalogueSchema = z.strictObject({
  credentials: z.array(z.strictObject({ user: z.string().min(1).max(16), password: z.string().max(20), vendors: z.array(z.string().min(1)).min(1) })).min(1),
});

/** One well-known factory login. Public knowledge, so not wrapped as a Secret in the catalogue. */
export type DefaultCredential = z.infer<typeof CatalogueSchema>['credentials'][number];

/** The catalogue, read once per process. */
export function defaultBmcCredentials(): DefaultCredential[] {
  return loadCatalogue('bmc-default-credentials', CatalogueSchema).credentials;
}
