import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

// Loaded before bin/sod.js: at exit, lists the CommonJS modules the command loaded (ajv is CommonJS).
const listModules = `data:text/javascript,${encodeURIComponent(
  'import { createRequire } from "node:module"; const r = createRequire(process.cwd() + "/"); process.on("exit", () => process.stderr.write("MODULES " + JSON.stringify(Object.keys(r.cache)) + "\\n"));',
)}`;

function sod(...args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const r = spawnSync(process.execPath, ['--import', listModules, join(root, 'bin', 'sod.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
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
});
