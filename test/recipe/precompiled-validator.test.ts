import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/ingredients/registry.js';
import { parseRecipe } from '../../src/recipe/load.js';
import { GENERATED_VALIDATOR_PATH, renderRecipeValidator } from '../../src/recipe/validate/precompile.js';
import { recipeValidator, SCHEMA_FINGERPRINT } from '../../src/recipe/validate/recipe-validator.generated.js';
import { AJV_OPTIONS, schemaFingerprint } from '../../src/recipe/validate/schema-options.js';

const root = join(import.meta.dirname, '..', '..');

describe('the precompiled recipe validator', () => {
  it(`${GENERATED_VALIDATOR_PATH} is up to date (run \`npm run generate\` after changing a declaration)`, () => {
    const text = readFileSync(join(root, GENERATED_VALIDATOR_PATH), 'utf8');
    expect(SCHEMA_FINGERPRINT, `${GENERATED_VALIDATOR_PATH} is stale: run \`npm run generate\``).toBe(schemaFingerprint(registry.schema()));
    expect(text === renderRecipeValidator(registry), `${GENERATED_VALIDATOR_PATH} is stale: run \`npm run generate\``).toBe(true);
  });

  it('finds what ajv compiling the schema at run time finds, with errors pointing into the same schema objects', () => {
    const schema = registry.schema();
    const precompiled = recipeValidator(schema);
    const runtime = new Ajv2020(AJV_OPTIONS).compile(schema);
    const recipes = readdirSync(join(root, 'recipes'))
      .filter((f) => /\.(xml|json)$/.test(f))
      .map((f) => parseRecipe({ file: f, text: readFileSync(join(root, 'recipes', f), 'utf8'), format: f.endsWith('.json') ? 'json' : 'xml' }, registry).recipe)
      .filter((r) => r !== undefined);
    expect(recipes.length).toBeGreaterThan(5);
    let invalid = 0;
    for (const [where, value] of recipes.flatMap((r) => [...variants(r)])) {
      const ok = precompiled(value);
      expect(ok, where).toBe(runtime(value));
      expect(precompiled.errors ?? null, where).toEqual(runtime.errors ?? null);
      for (const [i, e] of (precompiled.errors ?? []).entries()) {
        expect(e.schema === runtime.errors![i]!.schema && e.parentSchema === runtime.errors![i]!.parentSchema, where).toBe(true);
      }
      if (!ok) invalid++;
    }
    expect(invalid).toBeGreaterThan(1000);
  });
});

/** The recipe, and the recipe with one thing broken: each value replaced by a wrong one, each key removed, a key added. */
function* variants(recipe: unknown): Generator<[string, unknown]> {
  yield ['as is', recipe];
  const places: { path: (string | number)[]; value: unknown }[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    places.push({ path, value: v });
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(recipe, []);
  for (const { path, value } of places) {
    if (path.length === 0) continue;
    const wrong = typeof value === 'string' ? [42, ''] : typeof value === 'number' ? ['x', -1e12] : Array.isArray(value) ? [{}, []] : typeof value === 'object' ? [[], { bogus: 1 }] : ['x'];
    for (const w of wrong) yield [`${path.join('/')} = ${JSON.stringify(w)}`, edit(recipe, path, () => w)];
    yield [`${path.join('/')} removed`, edit(recipe, path, undefined)];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) yield [`${path.join('/')} + bogus`, edit(recipe, path, () => ({ ...value, bogus: true }))];
  }
}

function edit(recipe: unknown, path: (string | number)[], replace: (() => unknown) | undefined): unknown {
  const copy = structuredClone(recipe) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replace) at[last] = replace();
  else if (Array.isArray(at)) at.splice(last as number, 1);
  else delete at[last];
  return copy;
}
