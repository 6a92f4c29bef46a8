/**
 * The incoming folder as the seismogram source of a continuous run: the miniSEED files dropped
 * in the folder are filed into the SDS archive and moved to done/, a corrupt one goes to failed/
 * with its reason and is reported, nothing is asked of the data centre's dataselect service, and
 * the day statistics read from the archive equal a float64 computation over the dropped samples.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/engine/csv.js';
import { parseInstant } from '../../../src/seismogram/time.js';
import { figures, servedPieces, stationListCsv } from './continuous-archive.js';
import { runContinuousIn } from './continuous-support.js';
import { useContinuousStandin } from './continuous-session.js';

const fixture = useContinuousStandin();

describe('incomingFolder as the source of a continuous run', () => {
  it('files the dropped files, reads the days from the archive, and reports the corrupt one', { timeout: 60_000 }, async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'sod-continuous-incoming-'));
    const incoming = join(runDir, 'incoming');
    mkdirSync(incoming);
    const dropped = readdirSync(join(fixture.archive.dir, 'waveforms'));
    for (const f of dropped) copyFileSync(join(fixture.archive.dir, 'waveforms', f), join(incoming, f));
    writeFileSync(join(incoming, 'junk.mseed'), 'this is not miniSEED '.repeat(40));
    const recipe = {
      networkArm: [{ CSVStationList: { stations: stationListCsv(fixture.archive, fixture.standin.origin) } }],
      waveformArm: [{ dayRequest: {} }, { incomingFolder: { folder: incoming, archive: 'sds' } }, { dailyStatisticsWriter: { filename: 'every.csv', traces: 'every' } }],
    };
    fixture.standin.resetStats();
    const { summary } = await runContinuousIn(runDir, recipe);
    expect(summary.refused).toBeUndefined();
    expect(fixture.standin.stats.requests.filter((r) => r.path.includes('dataselect'))).toEqual([]);
    expect(readdirSync(join(incoming, 'done')).filter((f) => f.endsWith('.mseed')).sort()).toEqual([...dropped].sort());
    expect(existsSync(join(incoming, 'failed', 'junk.mseed'))).toBe(true);
    expect(summary.failures.map((f) => f.where)).toEqual(['incomingFolder']);
    expect(summary.failures[0]!.location).toContain('junk.mseed');

    const t = parseCsv(readFileSync(join(runDir, 'every.csv'), 'utf8'), 'every.csv');
    const rows = t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r.cells[i] ?? ''])));
    expect(rows.filter((r) => r.Status === 'no data').map((r) => `${r.Day} ${r.Station}.${r.Channel}`)).toEqual(['2024-01-06 XX.STA2.BHZ']);
    const data = rows.filter((r) => r.Status === 'data');
    expect(data).toHaveLength(8);
    for (const r of data) {
      const values = servedPieces(fixture.archive, `${r.Station}.00.${r.Channel}`, parseInstant(r.WindowStart), parseInstant(r.WindowEnd)).flatMap((p) => p.values);
      expect(Number(r.Samples)).toBe(values.length);
      for (const [k, v] of Object.entries(figures(values))) expect(Math.abs(Number(r[k]) - v) / Math.max(Math.abs(v), 1e-300), `${r.Day} ${r.Channel} ${k}`).toBeLessThanOrEqual(1e-9);
    }
  });
});
