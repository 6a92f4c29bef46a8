/**
 * The offline demo's CSV stage: recipes/demo.xml and its JSON twin are the same recipe, and a run
 * of either writes one row to seismograms.csv, for the kept IU.COLA seismogram, agreeing with
 * the SAC file written of it (npts, start, end, statistics of its samples), the requested window
 * (2 min before to 10 min after the first S-type arrival, from the travel-time engine) and naming
 * the SAC and miniSEED files; the rejected IU.ANMO pair has no row.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { readSac } from '../../src/formats/sac/binary.js';
import { sacToSegment } from '../../src/formats/sac/segment.js';
import { registry } from '../../src/ingredients/registry.js';
import { loadRecipeSource } from '../../src/recipe/load.js';
import { segmentEnd } from '../../src/seismogram/segment.js';
import { parseInstant } from '../../src/seismogram/time.js';
import { TravelTimeModel } from '../../src/taup/index.js';
import { SEISMOGRAM_COLUMNS } from '../../src/writers/seismogram-csv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the offline demo writes a CSV row for the kept seismogram', () => {
  it('demo.xml and demo.json are the same recipe, with a csvWriter', () => {
    const load = (f: string) => loadRecipeSource({ file: f, text: readFileSync(join(ROOT, 'recipes', f), 'utf8'), format: f.endsWith('.json') ? 'json' : 'xml' }, registry);
    const xml = load('demo.xml');
    const json = load('demo.json');
    expect(xml.problems).toEqual([]);
    expect(json.problems).toEqual([]);
    expect(json.recipe).toEqual(xml.recipe);
    const arm = (xml.recipe as { waveformArm: object[] }).waveformArm.map((o) => Object.keys(o)[0]);
    expect(arm.slice(-3)).toEqual(['sacWriter', 'mseedWriter', 'csvWriter']);
  });

  for (const recipe of ['recipes/demo.xml', 'recipes/demo.json']) {
    it(`sod run ${recipe}: seismograms.csv agrees with the SAC file`, async () => {
      const err: string[] = [];
      const runDir = mkdtempSync(join(tmpdir(), 'sod-demo-csv-'));
      const io: CommandIO = { out: () => {}, err: (l) => err.push(l), cwd: ROOT, color: new Chalk({ level: 0 }), isTTY: false };
      expect(await main(['run', recipe, '--out', runDir], io), err.join('\n')).toBe(0);
      const lines = readFileSync(join(runDir, 'seismograms.csv'), 'utf8').trimEnd().split(/\r?\n/);
      expect(lines[0]!.split(',')).toEqual([...SEISMOGRAM_COLUMNS]);
      expect(lines).toHaveLength(2);
      const cells = lines[1]!.split(',');
      const row = Object.fromEntries(SEISMOGRAM_COLUMNS.map((c, i) => [c, cells[i]!]));

      const sacPath = 'seismograms/Event_2010_02_27_06_34_11/IU.COLA.00.LHZ.sac';
      expect(row.files).toBe(`${sacPath};seismograms/Event_2010_02_27_06_34_11/IU.COLA.00.LHZ.mseed`);
      const sac = readSac(new Uint8Array(readFileSync(join(runDir, sacPath))));
      const seg = sacToSegment(sac, sacPath);
      expect(row).toMatchObject({ event_id: 'maule2010', seismogram_id: 'IU.COLA.00.LHZ', npts: String(seg.samples.length), gaps: '0' });
      // SAC keeps times to the millisecond (and b as float32); the row has them to the nanosecond
      const within = (cell: string, t: bigint) => expect(Math.abs(Number(parseInstant(cell) - t))).toBeLessThan(1e6);
      within(row.start!, seg.start);
      within(row.end!, segmentEnd(seg));
      // the SAC file holds the samples as float32: the row's float64 statistics agree to float32 precision
      const data = Array.from(sac.data);
      const near = (cell: string, x: number, scale: number) => expect(Math.abs(Number(cell) - x)).toBeLessThanOrEqual(1e-6 * scale);
      const peak = Math.max(...data.map(Math.abs));
      near(row.min!, Math.min(...data), peak);
      near(row.max!, Math.max(...data), peak);
      near(row.mean!, data.reduce((a, b) => a + b, 0) / data.length, peak);
      near(row.rms!, Math.sqrt(data.reduce((a, b) => a + b * b, 0) / data.length), peak);
      // the window phaseRequest asked for: 2 min before to 10 min after the first tts arrival (PREM)
      const tts = Math.min(...TravelTimeModel.load('prem').forDepth(22.9).arrivals('tts', Number(row.distance_deg)).map((a) => a.time));
      const origin = parseInstant('2010-02-27T06:34:11.530Z');
      const ms = (s: number) => BigInt(Math.round(s * 1e3)) * 1_000_000n;
      expect(Number(parseInstant(row.request_start!) - (origin + ms(tts - 120)))).toBeLessThan(2e6);
      expect(Number(parseInstant(row.request_end!) - (origin + ms(tts + 600)))).toBeLessThan(2e6);
      expect(Number(row.distance_deg)).toBeCloseTo(sac.header.float('gcarc')!, 3);
    });
  }
});
