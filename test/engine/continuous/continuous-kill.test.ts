/**
 * A continuous run killed (SIGKILL, in a child process) while it writes, then run again, ends
 * with the same statistics CSVs, byte for byte, as a run that was never interrupted, and the
 * rerun does not fetch again the station-days the killed run had settled.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunStatus } from '../../../src/store/index.js';
import { stationListCsv } from './continuous-archive.js';
import { continuousRecipe, runContinuousIn } from './continuous-support.js';
import { useContinuousStandin } from './continuous-session.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const CHILD = join(import.meta.dirname, 'run-child.ts');
const DS = '/fdsnws/dataselect/1/query';
const FILES = ['daily-statistics.csv', 'every-merged.csv', 'every-pieces.csv'];
const fixture = useContinuousStandin();

function dataRows(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\r\n').filter((l) => l.length > 0).length - 1;
}

/** Station-days the run state records as done (0 while the child is still creating it). */
function donePairs(runDir: string): number {
  try {
    return readRunStatus(runDir).counts.pairs.done;
  } catch {
    return 0;
  }
}

/**
 * Runs the child and SIGKILLs it once the first statistics file holds `rows` rows and the run
 * state has recorded some station-days done (rows reach the file before their marks reach the
 * state, so rows alone do not say that anything is settled yet).
 */
function runAndKill(runDir: string, recipePath: string, rows: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, runDir, recipePath, '1'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const poll = setInterval(() => {
      if (dataRows(join(runDir, FILES[0]!)) >= rows && donePairs(runDir) > 0) child.kill('SIGKILL');
    }, 10);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === null && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve(signal);
    });
  });
}

describe('continuous mode killed and run again', () => {
  it('ends with the same CSVs as an uninterrupted run, without fetching settled station-days again', { timeout: 120_000 }, async () => {
    // six-hour windows, one request at a time, each answered after 250 ms: the kill lands mid-run
    const recipe = continuousRecipe({ stations: stationListCsv(fixture.archive, fixture.standin.origin), dayRequest: { windowLength: { unit: 'HOUR', value: 6 } } });
    fixture.standin.addFault({ path: DS, delayMs: 250 });
    const clean = mkdtempSync(join(tmpdir(), 'sod-continuous-clean-'));
    fixture.standin.resetStats();
    await runContinuousIn(clean, recipe, { concurrencyPerDataCenter: 1 });
    const allRequests = fixture.standin.stats.requests.filter((r) => r.path === DS).length;
    expect(allRequests).toBe(12);

    const killed = mkdtempSync(join(tmpdir(), 'sod-continuous-killed-'));
    const recipePath = join(killed, 'recipe.json');
    writeFileSync(recipePath, JSON.stringify(recipe));
    fixture.standin.resetStats();
    const signal = await runAndKill(killed, recipePath, 3);
    expect(signal).toBe('SIGKILL');
    const before = dataRows(join(killed, FILES[0]!));
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(dataRows(join(clean, FILES[0]!)));

    fixture.standin.resetStats();
    const again = await runContinuousIn(killed, recipe, { concurrencyPerDataCenter: 1 });
    fixture.standin.clearFaults();
    expect(again.summary.failures).toEqual([]);
    const redone = fixture.standin.stats.requests.filter((r) => r.path === DS).length;
    expect(redone).toBeGreaterThan(0);
    expect(redone).toBeLessThan(allRequests);
    for (const f of FILES) expect(readFileSync(join(killed, f), 'utf8'), f).toBe(readFileSync(join(clean, f), 'utf8'));
  });
});
