/**
 * The continuous-mode recipe and what runContinuous refuses: the example's XML and JSON twins are
 * the same recipe; an event arm, a missing arm or a request generator other than dayRequest
 * are refused before anything is fetched, saying why; dailyStatisticsWriter outside continuous
 * mode is a build error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeBuildContext } from '../../../src/engine/build.js';
import { buildWaveformArm } from '../../../src/engine/waveform-arm.js';
import { SettingError } from '../../../src/engine/quantities.js';
import { registry } from '../../../src/ingredients/registry.js';
import { loadRecipeSource } from '../../../src/recipe/load.js';
import { continuousRecipe, runContinuousIn } from './continuous-support.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('continuous-mode recipes', () => {
  it('recipes/continuous-example.xml and .json are the same recipe', () => {
    const load = (f: string) => loadRecipeSource({ file: f, text: readFileSync(join(ROOT, 'recipes', f), 'utf8'), format: f.endsWith('.json') ? 'json' : 'xml' }, registry);
    const xml = load('continuous-example.xml');
    const json = load('continuous-example.json');
    expect(xml.recipe).toBeDefined();
    expect(json.recipe).toEqual(xml.recipe);
    const arm = xml.recipe!.waveformArm as Record<string, unknown>[];
    expect(arm.map((o) => Object.keys(o)[0])).toEqual(['dayRequest', 'fdsnDataSelect', 'dayVolumeWriter', 'dailyStatisticsWriter']);
    // and it builds as continuous mode builds it, the statistics writer handed to the runner
    const statisticsWriters: unknown[] = [];
    const ctx = Object.assign(makeBuildContext({ recipeDir: ROOT, runDir: mkdtempSync(join(tmpdir(), 'sod-continuous-build-')), properties: {}, now: 0n }), { continuous: { statisticsWriters } });
    const built = buildWaveformArm(arm, ctx);
    expect(built.generatorName).toBe('dayRequest');
    expect(built.processes.map((p) => p.ingredient)).toEqual(['dayVolumeWriter', 'dailyStatisticsWriter']);
    expect(statisticsWriters).toHaveLength(1);
  });

  it('refuses an event arm, a missing waveform arm and a generator other than dayRequest, fetching nothing', async () => {
    const stations = 'Station, DataCenter, Start\nXX.NONE, http://127.0.0.1:9, 2024-01-01';
    const base = continuousRecipe({ stations });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, eventArm: [{ fdsnEvent: {} }] }, /without an <eventArm>/],
      [{ networkArm: base.networkArm }, /needs a <networkArm> and a <waveformArm> \(missing: <waveformArm>\)/],
      [
        { ...base, waveformArm: [{ originOffsetRequest: { beginOffset: { unit: 'SECOND', value: 0 }, endOffset: { unit: 'SECOND', value: 10 } } }] },
        /needs <dayRequest> as request generator, not <originOffsetRequest>/,
      ],
    ];
    for (const [recipe, why] of cases) {
      const { summary } = await runContinuousIn(mkdtempSync(join(tmpdir(), 'sod-continuous-refused-')), recipe);
      expect(summary.refused).toMatch(why);
      expect(summary.pairs).toBeUndefined();
    }
  });

  it('refuses to append to a statistics CSV with other columns, leaving it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sod-continuous-refused-'));
    const csv = join(dir, 'daily-statistics.csv');
    writeFileSync(csv, 'Station,Mean\r\nXX.A,1\r\n');
    const { summary } = await runContinuousIn(dir, continuousRecipe({ stations: 'Station, DataCenter, Start\nXX.NONE, http://127.0.0.1:9, 2024-01-01' }));
    expect(summary.refused).toContain(csv);
    expect(summary.refused).toMatch(/other columns/);
    expect(readFileSync(csv, 'utf8')).toBe('Station,Mean\r\nXX.A,1\r\n');
  });

  it('refuses --end before --start', async () => {
    const { summary } = await runContinuousIn(mkdtempSync(join(tmpdir(), 'sod-continuous-refused-')), continuousRecipe({ stations: 'Station, DataCenter, Start' }), {
      start: 10n,
      end: 5n,
    });
    expect(summary.refused).toMatch(/--end .* after its --start/);
  });

  it('dailyStatisticsWriter and a drifting dayRequest are build errors in an ordinary waveform arm', () => {
    const ctx = makeBuildContext({ recipeDir: '.', runDir: mkdtempSync(join(tmpdir(), 'sod-continuous-build-')), properties: {}, now: 0n });
    expect(() => buildWaveformArm([{ dayRequest: {} }, { dailyStatisticsWriter: {} }], ctx)).toThrow(/continuous mode only/);
    expect(() => buildWaveformArm([{ dayRequest: { windowLength: { unit: 'HOUR', value: 7 } } }], ctx)).toThrow(SettingError);
  });
});
