import { createHash } from 'node:crypto';
import type { Options } from 'ajv/dist/2020.js';
import type { SchemaFragment } from '../../ingredients/declaration.js';

/** How ajv checks a recipe, whether it compiles the schema at run time or ahead of time (precompile.ts). */
// strict off: the schema carries our own `x-sod` annotations and nests $defs by kind
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true, inlineRefs: false, code: { optimize: false } } satisfies Options;

/** What tells one recipe schema from another: the generated validator is used only for its own schema. */
export function schemaFingerprint(schema: SchemaFragment): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}
