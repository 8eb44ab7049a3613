// The field names a schema accepts at a path, so an unknown field can be answered with a suggestion.
import type { z } from 'zod';
import { misplacedFields } from './schema.js';

interface LooseDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): LooseDef => (schema as unknown as { def: LooseDef }).def;

/** Strips wrappers (optional, default, transform pipes) down to the schema that parses the input. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(current);
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Field names of the mapping `schema` expects at `path` (misplaced-field markers excluded); empty if none. */
export function knownFieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = defOf(current);
    const next =
      def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
    if (!next) return [];
    current = unwrap(next);
  }
  const shape = defOf(current).shape;
  if (!shape) return [];
  return Object.entries(shape)
    .filter(([, field]) => !misplacedFields.has(field))
    .map(([name]) => name);
}
