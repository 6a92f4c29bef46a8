/**
 * `node dist/cli/bundle.js [distDir]` (the second half of `npm run build`): joins the ~300 modules
 * tsc emits for the command line, with the libraries they import, into one file, dist/sod.js, which
 * bin/sod.js loads. Node resolves, reads and links each ES module on its own, and on Node 20 (no
 * compile cache) that was about a third of a second of every `sod` command; one file saves most of
 * it. esbuild does the joining (its bundler keeps ES module semantics and reads tsc's source maps,
 * so dist/sod.js.map points into src/).
 *
 * Left out of the bundle, loaded from node_modules as before: better-sqlite3 (a native addon) and
 * ajv (only needed when a recipe schema is compiled at run time); both are reached through
 * createRequire, which the bundler leaves alone.
 */
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundle's file name inside the dist folder. */
export const BUNDLE_FILE = 'sod.js';

export function bundleCli(distDir: string): string {
  const entry = join(distDir, 'cli', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run tsc first (npm run build does both)`);
  const outfile = join(distDir, BUNDLE_FILE);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.18',
    external: ['better-sqlite3', 'better-sqlite3-13', 'ajv', 'ajv/*'],
    // CommonJS libraries inside an ES module bundle still call require() for Node's own modules
    banner: { js: "import { createRequire as sodBundleCreateRequire } from 'node:module';\nconst require = sodBundleCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const distDir = process.argv[2] ?? dirname(dirname(fileURLToPath(import.meta.url)));
  bundleCli(distDir);
}
