/**
 * Runs continuous mode the way `sod run` will: a run store opened on the run folder with the
 * recipe's hash, runContinuous called with it, the store closed after. Used in-process by the
 * tests and by run-child.ts (the process the kill test kills).
 */
import { createHash } from 'node:crypto';
import { Chalk } from 'chalk';
import { runContinuous, type ContinuousOptions } from '../../../src/engine/continuous/index.js';
import { Logger } from '../../../src/engine/logger.js';
import type { RunSummary } from '../../../src/engine/run.js';
import { HttpClient } from '../../../src/fdsn/http.js';
import { parseInstant } from '../../../src/seismogram/time.js';
import { RunStore } from '../../../src/store/index.js';

export const NOW = parseInstant('2024-02-01T00:00:00Z');
export const START = parseInstant('2024-01-05T00:00:00Z');
export const END = parseInstant('2024-01-08T00:00:00Z');

export interface ContinuousRecipeOptions {
  stations: string;
  extraProcesses?: Record<string, unknown>[];
  dayRequest?: Record<string, unknown>;
}

/** A continuous recipe (canonical JSON form): the station list, dayRequest, SDS day volumes and three statistics files. */
export function continuousRecipe(o: ContinuousRecipeOptions): Record<string, unknown> {
  return {
    networkArm: [{ CSVStationList: { stations: o.stations } }],
    waveformArm: [
      { dayRequest: o.dayRequest ?? {} },
      { dayVolumeWriter: { directory: 'sds' } },
      { dailyStatisticsWriter: {} },
      { dailyStatisticsWriter: { filename: 'every-merged.csv', traces: 'every', mergeGaps: true } },
      { dailyStatisticsWriter: { filename: 'every-pieces.csv', traces: 'every', mergeGaps: false } },
      ...(o.extraProcesses ?? []),
    ],
  };
}

export async function runContinuousIn(
  runDir: string,
  recipe: Record<string, unknown>,
  extra: Partial<ContinuousOptions> = {},
): Promise<{ summary: RunSummary; log: string[] }> {
  const log: string[] = [];
  const hash = createHash('sha256').update(JSON.stringify(recipe)).digest('hex');
  const store = RunStore.open(runDir, { recipeHash: hash, clock: () => NOW });
  const http = new HttpClient({ retries: 1, clock: { now: () => 0, random: () => 0, sleep: async () => {} } });
  try {
    const summary = await runContinuous({
      recipe,
      recipeDir: runDir,
      runDir,
      log: new Logger({ out: (l) => log.push(l), err: (l) => log.push(l), color: new Chalk({ level: 0 }), verbose: true }),
      now: NOW,
      clock: () => NOW,
      http,
      store,
      start: START,
      end: END,
      ...extra,
    });
    return { summary, log };
  } finally {
    store.close();
    await http.close();
  }
}
