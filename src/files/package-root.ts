import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let version: string | undefined;

/**
 * The folder of sod's package.json (beside it: data/, schemas/, node_modules/). Found by walking up
 * from this module, so it holds wherever the code runs from: src/ under tsx or vitest, dist/ as tsc
 * emits it, or the one-file bundle dist/sod.js that bin/sod.js loads.
 */
export function packageRoot(): string {
  if (root === undefined) {
    const start = dirname(fileURLToPath(import.meta.url));
    let dir = start;
    while (!existsSync(join(dir, 'package.json'))) {
      const up = dirname(dir);
      if (up === dir) throw new Error(`sod's package.json is in no folder above ${start}: the installation is incomplete`);
      dir = up;
    }
    root = dir;
  }
  return root;
}

/** sod's version, from its package.json. */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
