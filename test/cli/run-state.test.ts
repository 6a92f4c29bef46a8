/**
 * `sod run` and its run state, on the offline demo: a second run fetches nothing again, a changed
 * recipe is noticed and explained (--continue / --restart), and a corrupt or locked state file is
 * a clear error that leaves the outputs alone.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSod } from '../support/cli.js';
import { RunStore, STATE_FILE } from '../../src/store/index.js';

const RECIPES = join(import.meta.dirname, '..', '..', 'recipes');

async function sod(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runSod(cwd, ...args);
  return { code: r.code, out: r.out.join('\n'), err: r.err.join('\n') };
}

/** A copy of the demo (recipe and data) in a fresh folder. */
function demo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sod-run-state-'));
  cpSync(join(RECIPES, 'demo.xml'), join(dir, 'demo.xml'));
  cpSync(join(RECIPES, 'demo-data'), join(dir, 'demo-data'), { recursive: true });
  return dir;
}

function outputs(runDir: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of readdirSync(runDir, { recursive: true, encoding: 'utf8' })) {
    const p = join(runDir, f);
    if (statSync(p).isFile() && !f.startsWith('sod-state')) m.set(f, statSync(p).mtimeMs);
  }
  return m;
}

describe('sod run with a run state', () => {
  it('does nothing again on a second run, and says so', async () => {
    const dir = demo();
    const first = await sod(dir, 'run', 'demo.xml', '--out', 'run');
    expect(first.code, first.err).toBe(0);
    expect(existsSync(join(dir, 'run', STATE_FILE))).toBe(true);
    const files = outputs(join(dir, 'run'));
    const sac = [...files.keys()].find((f) => f.endsWith('.sac'))!;
    expect(sac).toBeDefined();
    const second = await sod(dir, 'run', 'demo.xml', '--out', 'run');
    expect(second.code, second.err).toBe(0);
    expect(second.err).toMatch(/2 pairs settled by an earlier run of this folder, not fetched again/);
    expect(second.err).toMatch(/waveform arm: 0 event-channel pairs accepted, 0 rejected/);
    // the SAC file was not written again
    expect(statSync(join(dir, 'run', sac)).mtimeMs).toBe(files.get(sac));
    // the run report still lists both pairs, from the state
    const report = readFileSync(join(dir, 'run', 'run-report.csv'), 'utf8').trim().split(/\r?\n/);
    expect(report.slice(1).map((l) => l.split(',')[3]).sort()).toEqual(['kept', 'rejected']);
  });

  it('notices a changed recipe, explains the choice, and follows --continue or --restart', async () => {
    const dir = demo();
    expect((await sod(dir, 'run', 'demo.xml', '--out', 'run')).code).toBe(0);
    const xml = readFileSync(join(dir, 'demo.xml'), 'utf8');
    writeFileSync(join(dir, 'demo.xml'), xml.replace('<value>600</value>', '<value>500</value>'));
    const changed = await sod(dir, 'run', 'demo.xml', '--out', 'run');
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/the recipe has changed since this run was started/);
    expect(changed.err).toMatch(/--continue/);
    expect(changed.err).toMatch(/--restart/);
    expect(changed.err).not.toMatch(/\n\s+at /); // no stack trace

    const cont = await sod(dir, 'run', 'demo.xml', '--out', 'run', '--continue');
    expect(cont.code, cont.err).toBe(0);
    expect(cont.err).toMatch(/2 pairs settled by an earlier run/);

    const restart = await sod(dir, 'run', 'demo.xml', '--out', 'run', '--restart');
    expect(restart.code, restart.err).toBe(0);
    expect(restart.err).toMatch(/waveform arm: 1 event-channel pairs accepted, 1 rejected/);
    // the old state was moved aside, not deleted
    expect(readdirSync(join(dir, 'run')).filter((f) => f.startsWith('sod-state') && f !== STATE_FILE && !f.endsWith('.lock')).length).toBeGreaterThan(0);
    expect((await sod(dir, 'run', 'demo.xml', '--restart', '--continue', '--out', 'run')).code).toBe(2);
  });

  it('refuses a corrupt state file with a clear message and leaves the outputs alone', async () => {
    const dir = demo();
    expect((await sod(dir, 'run', 'demo.xml', '--out', 'run')).code).toBe(0);
    const before = outputs(join(dir, 'run'));
    const state = join(dir, 'run', STATE_FILE);
    const bytes = readFileSync(state);
    bytes.fill(0x5a, 0, 100); // the SQLite header is gone
    writeFileSync(state, bytes);
    const r = await sod(dir, 'run', 'demo.xml', '--out', 'run');
    expect(r.code).toBe(1);
    expect(r.err).toContain(state);
    expect(r.err).toMatch(/not a run state|corrupt|malformed|not a database/i);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(outputs(join(dir, 'run'))).toEqual(before);
  });

  it('refuses a run folder another sod is working in', async () => {
    const dir = demo();
    const held = RunStore.open(join(dir, 'run'), { recipeHash: 'someone else' });
    try {
      const r = await sod(dir, 'run', 'demo.xml', '--out', 'run');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/another|in use|locked|running/i);
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      held.close();
    }
  });
});
