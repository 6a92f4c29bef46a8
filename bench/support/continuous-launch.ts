/**
 * The child the continuous benchmark times: until `sod run` dispatches recipes without an event
 * arm to continuous mode, a small launcher beside the compiled sod (bench/data/sod-build) opens the
 * run store and calls runContinuous as `sod run` will, from the compiled modules.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LAUNCHER = `import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { runContinuous } from './dist/engine/continuous/index.js';
import { Logger } from './dist/engine/logger.js';
import { parseInstant } from './dist/seismogram/time.js';
import { RunStore } from './dist/store/index.js';

const [recipePath, runDir, start, end] = process.argv.slice(2);
const text = readFileSync(recipePath, 'utf8');
const recipe = JSON.parse(text);
const store = RunStore.open(runDir, { recipeHash: createHash('sha256').update(text).digest('hex') });
const log = new Logger({ out: () => {}, err: (l) => process.stderr.write(l + '\\n'), color: new Chalk({ level: 0 }), quiet: true });
try {
  const s = await runContinuous({ recipe, recipeDir: runDir, runDir, log, store, start: parseInstant(start), end: parseInstant(end) });
  if (s.refused || s.failures.length > 0) {
    process.stderr.write(\`refused: \${s.refused ?? ''}; failures: \${JSON.stringify(s.failures.slice(0, 3))}\\n\`);
    process.exitCode = 1;
  }
} finally {
  store.close();
}
`;

/** Writes the launcher beside sod's launch.mjs (from buildSod) and returns its path. */
export function continuousLauncher(sodEntry: string): string {
  const path = join(dirname(sodEntry), 'continuous-launch.mjs');
  writeFileSync(path, LAUNCHER);
  return path;
}
