/**
 * `npm run generate`: writes the files derived from the ingredient registry, schemas/recipe.schema.json,
 * docs/ingredients.md and the precompiled recipe validator. A test fails when one is stale, so run this
 * after changing a declaration.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '../ingredients/registry.js';
import { renderIngredientsDoc, renderSchema } from '../recipe/docs.js';
import { GENERATED_VALIDATOR_PATH, renderRecipeValidator } from '../recipe/validate/precompile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const GENERATED: { path: string; render: () => string }[] = [
  { path: 'schemas/recipe.schema.json', render: () => renderSchema(registry) },
  { path: 'docs/ingredients.md', render: () => renderIngredientsDoc(registry) },
  { path: GENERATED_VALIDATOR_PATH, render: () => renderRecipeValidator(registry) },
];

function write(path: string, text: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, full);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const g of GENERATED) {
    write(g.path, g.render());
    console.log(`wrote ${g.path}`);
  }
}
