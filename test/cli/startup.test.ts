import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

// Loaded before bin/sod.js: at exit, lists the CommonJS modules the command loaded (ajv is CommonJS).
const listModules = `data:text/javascript,${encodeURIComponent(
  'import { createRequire } from "node:module"; const r = createRequire(process.cwd() + "/"); process.on("exit", () => process.stderr.write("MODULES " + JSON.stringify(Object.keys(r.cache)) + "\\n"));',
)}`;

function sod(...args: string[]): { status: number | null; stdout: string; modules: string[] } {
  return sodIn(root, ...args);
}

function sodIn(cwd: string, ...args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const r = spawnSync(process.execPath, ['--import', listModules, join(root, 'bin', 'sod.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const line = /^MODULES (.*)$/m.exec(r.stderr);
  expect(line, r.stderr).not.toBeNull();
  return { status: r.status, stdout: r.stdout, modules: JSON.parse(line![1]!) as string[] };
}

const ajvCompiler = (modules: string[]) => modules.filter((m) => /[\\/]ajv[\\/]dist[\\/](core|compile[\\/]index)\.js$/.test(m));

describe('what `sod` loads at startup (bin/sod.js on the built dist/)', () => {
  it('a valid recipe is validated by the precompiled validator: ajv\'s compiler is not even loaded', () => {
    const r = sod('validate', 'recipes/demo.xml');
    expect(r.stdout).toContain('recipes/demo.xml: valid');
    expect(r.status).toBe(0);
    expect(ajvCompiler(r.modules)).toEqual([]);
  });

  it('--version loads neither ajv nor the recipe machinery', () => {
    const r = sod('--version');
    expect(r.status).toBe(0);
    expect(r.modules.filter((m) => /[\\/]node_modules[\\/](ajv|undici)[\\/]/.test(m))).toEqual([]);
  });

  it('runs the one-file bundle dist/sod.js, which finds the package\'s own files from any working folder', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const elsewhere = sodIn(tmpdir(), '--version');
    expect(elsewhere.stdout.trim()).toBe(`sod ${pkg.version}`);
    // the travel-time models are read from data/models/, found from the bundle's place in dist/
    const taup = sodIn(tmpdir(), 'taup', 'time', '--mod', 'ak135', '--deg', '30', '-p', 'P', '--json');
    expect(taup.status).toBe(0);
    const arrivals = (JSON.parse(taup.stdout) as { arrivals: { phase: string; time: number }[] }).arrivals;
    expect(arrivals.map((a) => a.phase)).toEqual(['P']);
    // ak135's P at 30 degrees from a surface source: 6 min 10.27 s in the published tables
    // (../shared/data/traveltimes/ak135_P_shallow.txt), to the tables' rounding
    expect(arrivals[0]!.time).toBeCloseTo(370.27, 1);
    // the bundle holds sod's modules and its pure-JS libraries; none is loaded from dist/ or node_modules one by one
    expect(taup.modules.filter((m) => /[\\/](dist|node_modules[\\/](undici|fast-xml-parser|rxjs))[\\/]/.test(m))).toEqual([]);
  });
});
