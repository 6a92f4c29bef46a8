/**
 * The `sod` the benchmark runs: the working tree compiled by tsc and bundled into dist/sod.js (as
 * `npm run build` does for bin/sod.js) in bench/data/sod-build-<pid>/, so the child starts like an
 * installed sod rather than through tsx's on-the-fly compiler. package.json and data/ are linked
 * beside dist/ because the code finds them from its own place (src/files/package-root.ts).
 * Each bench process has its own build folder: two benches run at once (the waveform and the
 * continuous one) must not replace each other's sod under a running child. Folders of bench
 * processes that have ended are removed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILE, bundleCli } from '../../src/cli/bundle.js';

const PREFIX = 'sod-build-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function buildSod(repo: string, dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  for (const name of readdirSync(dataDir)) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
  const home = join(dataDir, `${PREFIX}${process.pid}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.json'), '--outDir', join(home, 'dist')], { encoding: 'utf8' });
  // type errors in someone's work in progress still emit; a missing entry point does not
  if (!existsSync(join(home, 'dist', 'cli', 'main.js'))) throw new Error(`tsc did not build sod (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  bundleCli(join(home, 'dist'));
  symlinkSync(join(repo, 'package.json'), join(home, 'package.json'));
  symlinkSync(join(repo, 'data'), join(home, 'data'));
  writeFileSync(join(home, 'launch.mjs'), `import { main } from './dist/${BUNDLE_FILE}';\nprocess.exitCode = await main(process.argv.slice(2));\n`);
  return join(home, 'launch.mjs');
}
