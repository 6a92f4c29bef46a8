import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import type { SchemaFragment } from '../../ingredients/declaration.js';
import { pickBranchForValue, shapeOf } from '../canonical/shape.js';
import type { Registry } from '../registry.js';
import { recipeValidator, SCHEMA_FINGERPRINT } from './recipe-validator.generated.js';
import { AJV_OPTIONS, schemaFingerprint } from './schema-options.js';

type Validator = { (data: unknown): boolean; errors?: ErrorObject[] | null };

interface Compiled {
  root: Validator;
  defs: unknown;
  /** made when first needed: for a schema other than the generated validator's, for the fragments that explain errors. */
  ajv?: Ajv2020;
  fragments: Map<string, Validator>;
}

const cache = new WeakMap<Registry, Compiled>();

// ajv itself takes most of a tenth of a second to load, so it is loaded only to compile
let ajvClass: typeof Ajv2020 | undefined;
function newAjv(): Ajv2020 {
  ajvClass ??= (createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
  return new ajvClass(AJV_OPTIONS);
}

function compiled(registry: Registry): Compiled {
  let c = cache.get(registry);
  if (!c) {
    const schema = registry.schema();
    // the validator `npm run generate` wrote, when it was made from this very schema (a test keeps it so
    // for the ingredient registry); test vocabularies and schemas not yet regenerated are compiled here
    if (schemaFingerprint(schema) === SCHEMA_FINGERPRINT) {
      c = { root: recipeValidator(schema), defs: schema.$defs, fragments: new Map() };
    } else {
      const ajv = newAjv();
      c = { ajv, root: ajv.compile(schema), defs: schema.$defs, fragments: new Map() };
    }
    cache.set(registry, c);
  }
  return c;
}

/** A schema fragment of the recipe schema (a slot, a choice branch) compiled with the recipe's $defs. */
function fragmentValidator(registry: Registry, fragment: SchemaFragment): Validator {
  const c = compiled(registry);
  const key = JSON.stringify(fragment);
  let v = c.fragments.get(key);
  if (!v) {
    c.ajv ??= newAjv();
    v = c.ajv.compile({ ...fragment, $defs: c.defs });
    c.fragments.set(key, v);
  }
  return v;
}

/**
 * ajv over the recipe schema, with choices resolved the way the converter resolves them: a failed
 * `anyOf` yields errors from every branch (unreadable), so its value is checked again against the
 * one branch its shape picks, and only those errors are kept.
 */
export function schemaErrors(registry: Registry, value: unknown, fragment?: SchemaFragment): ErrorObject[] {
  const v = fragment ? fragmentValidator(registry, fragment) : compiled(registry).root;
  v(value);
  return resolveChoices(registry, [...(v.errors ?? [])], 0);
}

function within(path: string, base: string): boolean {
  return path === base || path.startsWith(base + '/');
}

function resolveChoices(registry: Registry, errors: ErrorObject[], depth: number): ErrorObject[] {
  const choices = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (choices.length === 0 || depth > 20) return errors;
  // outermost first: a choice inside another choice is handled when its branch is re-checked
  const outer = choices.filter((e) => !choices.some((o) => o !== e && o.instancePath !== e.instancePath && within(e.instancePath, o.instancePath)));
  const seen = new Set<string>();
  let kept = errors;
  const added: ErrorObject[] = [];
  for (const e of outer) {
    if (seen.has(e.instancePath)) continue;
    seen.add(e.instancePath);
    kept = kept.filter((x) => !within(x.instancePath, e.instancePath));
    const branches = e.schema as SchemaFragment[];
    const fitting = branches.filter((b) => kindMatches(registry, e.data, b));
    if (fitting.length === 0) {
      added.push({ ...e, keyword: 'x-choice', params: { kinds: branches.map((b) => kindOf(registry, b)) } });
      continue;
    }
    const branch = pickBranchForValue(e.data, fitting, registry);
    const v = fragmentValidator(registry, branch);
    v(e.data);
    for (const sub of resolveChoices(registry, [...(v.errors ?? [])], depth + 1)) {
      added.push({ ...sub, instancePath: e.instancePath + sub.instancePath });
    }
  }
  return [...kept, ...added];
}

function kindOf(registry: Registry, schema: SchemaFragment): string {
  const shape = shapeOf(schema, registry);
  if (shape.kind === 'scalar') return shape.type;
  if (shape.kind === 'object') return 'object';
  if (shape.kind === 'ingredients' || shape.kind === 'repeated') return 'array';
  return 'value';
}

function kindMatches(registry: Registry, data: unknown, schema: SchemaFragment): boolean {
  const shape = shapeOf(schema, registry);
  if (shape.kind === 'choice') return shape.branches.some((b) => kindMatches(registry, data, b));
  const k = kindOf(registry, schema);
  if (k === 'value') return true;
  if (k === 'object') return data !== null && typeof data === 'object' && !Array.isArray(data);
  if (k === 'array') return Array.isArray(data);
  if (k === 'number' || k === 'integer') return typeof data === 'number';
  return typeof data === k;
}
