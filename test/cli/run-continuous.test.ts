/**
 * `sod run` on a recipe without an event arm: continuous mode through the command line, against
 * the stand-in, with --start/--end, and a second run that finds every station-day settled.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSod } from '../support/cli.js';
import { readRunStatus } from '../../src/store/index.js';
import { buildContinuousArchive, stationListCsv, type ContinuousArchive } from '../engine/continuous/continuous-archive.js';
import { continuousRecipe } from '../engine/continuous/continuous-support.js';
import { startStandin, type Standin } from '../support/fdsn-standin/index.js';

let archive: ContinuousArchive;
let standin: Standin;

beforeAll(async () => {
  archive = buildContinuousArchive();
  standin = await startStandin({ archive: archive.dir });
});
afterAll(() => standin.close());

async function sod(cwd: string, ...args: string[]): Promise<{ code: number; err: string }> {
  const r = await runSod(cwd, ...args);
  return { code: r.code, err: r.err.join('\n') };
}

/** Cells of a CSV line (quoted cells may hold commas). */
function cells(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
}

function days(csv: string): string[] {
  const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const header = cells(lines[0]!);
  const col = header.findIndex((h) => /^day$/i.test(h));
  expect(col).toBeGreaterThanOrEqual(0);
  return [...new Set(lines.slice(1).map((l) => cells(l)[col]!))].sort();
}

describe('sod run in continuous mode', () => {
  it('fetches the days between --start and --end only, and nothing again on a second run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sod-cli-continuous-'));
    writeFileSync(join(dir, 'recipe.json'), JSON.stringify(continuousRecipe({ stations: stationListCsv(archive, standin.origin) })));
    const first = await sod(dir, 'run', 'recipe.json', '--out', 'run', '--start', '2024-01-05', '--end', '2024-01-07');
    expect(first.code, first.err).toBe(0);
    const csv = join(dir, 'run', 'daily-statistics.csv');
    expect(existsSync(csv)).toBe(true);
    expect(days(csv)).toEqual(['2024-01-05', '2024-01-06']);
    const status = readRunStatus(join(dir, 'run'));
    expect(status.counts.pairs.total).toBeGreaterThan(0);
    expect(status.counts.pairs.pending + status.counts.pairs.retrying).toBe(0);

    const before = readFileSync(csv, 'utf8');
    const requests = standin.stats.requests.filter((r) => r.path.includes('dataselect')).length;
    const second = await sod(dir, 'run', 'recipe.json', '--out', 'run', '--start', '2024-01-05', '--end', '2024-01-07');
    expect(second.code, second.err).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(before);
    expect(standin.stats.requests.filter((r) => r.path.includes('dataselect')).length).toBe(requests);

    expect((await sod(dir, 'run', 'recipe.json', '--out', 'run', '--start', '2024-01-07', '--end', '2024-01-05')).code).toBe(2);
    expect((await sod(dir, 'run', 'recipe.json', '--out', 'run', '--start', 'yesterday')).code).toBe(2);
  });
});
