/**
 * Continuous mode end to end against the FDSN stand-in serving three days of real samples with
 * gaps: the statistics CSV equals a plain float64 computation over the served samples (gaps left
 * out), days without data are listed, the default channel pattern leaves LHZ out, each day goes to
 * the data centre in one bulk POST (or several under a byte cap, with the same result), the SDS
 * day files read back by libmseed's mseed2sac hold the served samples, and a rerun fetches nothing.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/engine/csv.js';
import { CsvRecordScanner } from '../../../src/writers/csv-format.js';
import type { Segment } from '../../../src/seismogram/segment.js';
import { parseInstant } from '../../../src/seismogram/time.js';
import { readRunStatus } from '../../../src/store/index.js';
import { viaMseed2sac } from '../../archive/libmseed.js';
import { dayStart, DAYS, figures, servedPieces, stationListCsv } from './continuous-archive.js';
import { continuousRecipe, runContinuousIn } from './continuous-support.js';
import { useContinuousStandin } from './continuous-session.js';

const DS = '/fdsnws/dataselect/1/query';
const fixture = useContinuousStandin();

type Row = Record<string, string>;
function readRows(path: string): Row[] {
  const t = parseCsv(readFileSync(path, 'utf8'), path);
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r.cells[i] ?? ''])));
}

/** The run report, whose reasons may span lines (quoted): read as RFC 4180 records. */
function readReport(dir: string): Row[] {
  const records: string[][] = [];
  new CsvRecordScanner((fields) => records.push(fields)).push(readFileSync(join(dir, 'run-report.csv')));
  const [columns, ...rows] = records;
  return rows.map((r) => Object.fromEntries(columns!.map((c, i) => [c, r[i] ?? ''])));
}

function expectClose(row: Row, want: Record<string, number>) {
  for (const [k, v] of Object.entries(want)) {
    const got = Number(row[k]);
    const scale = Math.max(Math.abs(v), 1e-300);
    expect(Math.abs(got - v) / scale, `${row.Station} ${row.Day} ${row.Channel} ${k}: ${got} vs ${v}`).toBeLessThanOrEqual(1e-9);
  }
}

describe('continuous mode against the stand-in', () => {
  let runDir: string;
  let firstRun: Awaited<ReturnType<typeof runContinuousIn>>;
  let posts: { body: string; bytes: number; status: number; gzipped: boolean }[];

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'sod-continuous-'));
    fixture.standin.resetStats();
    firstRun = await runContinuousIn(runDir, continuousRecipe({ stations: stationListCsv(fixture.archive, fixture.standin.origin) }));
    posts = fixture.standin.stats.requests.filter((r) => r.path === DS && r.method === 'POST');
  }, 60_000);

  it('runs every station-day and reports no failure', () => {
    expect(firstRun.summary.refused).toBeUndefined();
    expect(firstRun.summary.failures).toEqual([]);
    // STA1: BHZ and BHN on 3 days; STA2: BHZ on 3 days (one of them without data)
    expect(firstRun.summary.pairs!.accepted + firstRun.summary.pairs!.rejectedTotal).toBe(9);
    expect(firstRun.summary.pairs!.rejectedTotal).toBe(1);
  });

  it('records the miniSEED bytes it received: the run state counts what the data centre sent', () => {
    const sent = posts.filter((p) => p.status === 200);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((p) => !p.gzipped)).toBe(true);
    const total = sent.reduce((n, p) => n + p.bytes, 0);
    expect(total).toBeGreaterThan(0);
    expect(readRunStatus(runDir).counts.bytesFetched).toBe(total);
  });

  it('asks the data centre for each day in one bulk POST, default channels BH?,HH? only', () => {
    expect(posts).toHaveLength(DAYS.length);
    for (const [i, p] of posts.entries()) {
      const lines = p.body.trim().split('\n').filter((l) => !l.includes('='));
      const day = DAYS[i]!;
      expect(lines.every((l) => l.includes(`${day}T00:00:00`))).toBe(true);
      expect(lines.map((l) => l.split(/\s+/).slice(0, 4).join('.')).sort()).toEqual(['XX.STA1.00.BHN', 'XX.STA1.00.BHZ', 'XX.STA2.00.BHZ']);
    }
  });

  it('writes the first trace of each station-day with figures equal to a float64 computation, and days without data', () => {
    const rows = readRows(join(runDir, 'daily-statistics.csv'));
    expect(rows.map((r) => `${r.Day} ${r.Station}`)).toEqual(DAYS.flatMap((d) => [`${d} XX.STA1`, `${d} XX.STA2`]));
    for (const r of rows) {
      const station = fixture.archive.stations.find((s) => `XX.${s.code}` === r.Station)!;
      expect([r.Site, Number(r.Latitude), Number(r.Longitude), Number(r.Elevation), r.DataCenter]).toEqual([station.site, station.lat, station.lon, station.elev, fixture.standin.origin]);
      expect(r.WindowStart).toBe(`${r.Day}T00:00:00.000000Z`);
      if (r.Station === 'XX.STA2' && r.Day === '2024-01-06') {
        expect(r.Status).toBe('no data');
        expect(r.Mean).toBe('');
        continue;
      }
      expect(r.Status).toBe('data');
      // BHN comes before BHZ in code order at STA1
      expect(r.Channel).toBe(r.Station === 'XX.STA1' ? 'BHN' : 'BHZ');
      const pieces = servedPieces(fixture.archive, `${r.Station}.00.${r.Channel}`, parseInstant(r.WindowStart), parseInstant(r.WindowEnd));
      const values = pieces.flatMap((p) => p.values);
      expect(Number(r.Samples)).toBe(values.length);
      expect(Number(r.Gaps)).toBe(pieces.length - 1);
      expect(parseInstant(r.TraceStart)).toBe(pieces[0]!.start);
      expectClose(r, figures(values));
    }
  });

  it('with traces=every writes every channel (merged or piece by piece), each equal to the float64 computation', () => {
    const merged = readRows(join(runDir, 'every-merged.csv'));
    const pieces = readRows(join(runDir, 'every-pieces.csv'));
    expect(merged.some((r) => r.Channel === 'LHZ')).toBe(false);
    expect(merged.filter((r) => r.Status === 'no data').map((r) => `${r.Day} ${r.Station}.${r.Channel}`)).toEqual(['2024-01-06 XX.STA2.BHZ']);
    for (const r of merged.filter((x) => x.Status === 'data')) {
      const ps = servedPieces(fixture.archive, `${r.Station}.00.${r.Channel}`, parseInstant(r.WindowStart), parseInstant(r.WindowEnd));
      expectClose(r, figures(ps.flatMap((p) => p.values)));
    }
    // STA1.BHZ on the 6th has a gap inside the day: two rows when not merged
    const split = pieces.filter((r) => r.Day === '2024-01-06' && r.Station === 'XX.STA1' && r.Channel === 'BHZ');
    expect(split).toHaveLength(2);
    for (const r of pieces.filter((x) => x.Status === 'data')) {
      const ps = servedPieces(fixture.archive, `${r.Station}.00.${r.Channel}`, parseInstant(r.WindowStart), parseInstant(r.WindowEnd));
      const p = ps.find((x) => x.start === parseInstant(r.TraceStart))!;
      expect(p, `${r.Day} ${r.Channel} ${r.TraceStart}`).toBeDefined();
      expect(Number(r.Gaps)).toBe(0);
      expectClose(r, figures(p.values));
    }
  });

  it('files SDS day volumes that libmseed (mseed2sac) reads back as the served samples', () => {
    let checked = 0;
    for (const [id, _] of fixture.archive.served) {
      const [net, sta, loc, cha] = id.split('.') as [string, string, string, string];
      for (const day of DAYS) {
        const doy = String(Math.round((Number(dayStart(day) - dayStart('2024-01-01')) / 86400e9) + 1)).padStart(3, '0');
        const path = join(runDir, 'sds', '2024', net, sta, `${cha}.D`, `${id}.D.2024.${doy}`);
        const want = servedPieces(fixture.archive, id, dayStart(day), dayStart(day) + 86_400_000_000_000n);
        if (cha === 'LHZ' || want.length === 0) {
          expect(existsSync(path), path).toBe(false);
          continue;
        }
        const got: Segment[] = viaMseed2sac(path);
        expect(got.map((s) => s.start)).toEqual(want.map((p) => p.start));
        expect(got.map((s) => Array.from(s.samples))).toEqual(want.map((p) => p.values));
        checked++;
      }
    }
    expect(checked).toBe(8);
  });

  it('writes the run report from the run state: every channel-day, kept with its day volume or rejected with the reason', () => {
    const report = readReport(runDir);
    expect(report).toHaveLength(9);
    const byPair = new Map(report.map((r) => [`${r.event_id} ${r.channel}`, r]));
    for (const day of DAYS) {
      for (const id of ['XX.STA1.00.BHN', 'XX.STA1.00.BHZ', 'XX.STA2.00.BHZ']) {
        const r = byPair.get(`day:${day} ${id}`);
        expect(r, `day:${day} ${id}`).toBeDefined();
        expect(parseInstant(r!.origin_time)).toBe(dayStart(day));
        if (id === 'XX.STA2.00.BHZ' && day === '2024-01-06') {
          expect([r!.status, r!.files]).toEqual(['rejected', '']);
          expect(r!.by).not.toBe('');
          expect(r!.reason).not.toBe('');
          continue;
        }
        expect([r!.status, r!.by, r!.reason]).toEqual(['kept', '', '']);
        // the pair's SDS day file, relative to the run folder
        const doy = String(Math.round(Number(dayStart(day) - dayStart('2024-01-01')) / 86400e9) + 1).padStart(3, '0');
        expect(r!.files.split(';')).toContain(join('sds', '2024', 'XX', id.split('.')[1]!, `${id.split('.')[3]}.D`, `${id}.D.2024.${doy}`));
      }
    }
  });

  it('a rerun fetches nothing and leaves the CSV as it was', async () => {
    const report = readFileSync(join(runDir, 'run-report.csv'), 'utf8');
    const before = readFileSync(join(runDir, 'daily-statistics.csv'), 'utf8');
    fixture.standin.resetStats();
    const again = await runContinuousIn(runDir, continuousRecipe({ stations: stationListCsv(fixture.archive, fixture.standin.origin) }));
    expect(again.summary.failures).toEqual([]);
    expect(fixture.standin.stats.requests.filter((r) => r.path === DS)).toHaveLength(0);
    expect(readFileSync(join(runDir, 'daily-statistics.csv'), 'utf8')).toBe(before);
    // the report still lists every channel-day, from the state
    expect(readFileSync(join(runDir, 'run-report.csv'), 'utf8')).toBe(report);
  });

  it('keeps at most concurrencyPerDataCenter requests in flight at the data centre', async () => {
    // six-hour windows (12 requests), each answered after 150 ms, so requests overlap when allowed
    fixture.standin.addFault({ path: DS, delayMs: 150 });
    try {
      for (const cap of [1, 3]) {
        fixture.standin.resetStats();
        const r = await runContinuousIn(mkdtempSync(join(tmpdir(), 'sod-continuous-cap-')), continuousRecipe({ stations: stationListCsv(fixture.archive, fixture.standin.origin), dayRequest: { windowLength: { unit: 'HOUR', value: 6 } } }), {
          concurrencyPerDataCenter: cap,
        });
        expect(r.summary.failures).toEqual([]);
        expect(fixture.standin.stats.requests.filter((q) => q.path === DS)).toHaveLength(12);
        expect(fixture.standin.stats.maxInFlight, `cap ${cap}`).toBe(cap);
      }
    } finally {
      fixture.standin.clearFaults();
    }
  });

  it('days the data centre failed are reported, left out of the CSV, and fetched again by the next run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sod-continuous-failed-'));
    const recipe = continuousRecipe({ stations: stationListCsv(fixture.archive, fixture.standin.origin) });
    fixture.standin.addFault({ path: DS, status: 500, message: 'down for maintenance' });
    const failed = await runContinuousIn(dir, recipe);
    fixture.standin.clearFaults();
    // one failure per request (a day), not one per channel-day
    expect(failed.summary.failures).toHaveLength(DAYS.length);
    expect(failed.summary.failures[0]!.message).toMatch(/500|maintenance/);
    expect(failed.summary.pairs!.failed).toBe(9);
    expect(readRows(join(dir, 'daily-statistics.csv'))).toEqual([]);
    // the run report says which source failed and why, for every channel-day
    const failedReport = readReport(dir);
    expect(failedReport).toHaveLength(9);
    for (const r of failedReport) {
      expect([r.status, r.by]).toEqual(['failed', 'fdsnDataSelect']);
      expect(r.reason).toMatch(/500|maintenance/);
    }
    fixture.standin.resetStats();
    const again = await runContinuousIn(dir, recipe);
    expect(again.summary.failures).toEqual([]);
    expect(again.summary.pairs!.failed).toBe(0);
    expect(fixture.standin.stats.requests.filter((r) => r.path === DS)).toHaveLength(DAYS.length);
    for (const f of ['daily-statistics.csv', 'every-merged.csv', 'every-pieces.csv']) {
      expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(runDir, f), 'utf8'));
    }
    // the report now says what the uninterrupted run says: the failures are settled
    const settled = (d: string) => readReport(d).map((r) => `${r.event_id} ${r.channel} ${r.status} ${r.files}`).sort();
    expect(settled(dir)).toEqual(settled(runDir));
    // and a third run has nothing left to do: the pairs failed before are done now
    fixture.standin.resetStats();
    await runContinuousIn(dir, recipe);
    expect(fixture.standin.stats.requests.filter((r) => r.path === DS)).toHaveLength(0);
  });

  it('under a byte cap, splits the days into more requests and writes the same statistics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sod-continuous-cap-'));
    fixture.standin.resetStats();
    // a channel-day of 1 Hz is reckoned at 345 600 bytes: 100 000 cuts each into pieces
    const capped = await runContinuousIn(dir, continuousRecipe({ stations: stationListCsv(fixture.archive, fixture.standin.origin) }), { maxRequestBytes: 100_000 });
    expect(capped.summary.failures).toEqual([]);
    const requests = fixture.standin.stats.requests.filter((r) => r.path === DS);
    expect(requests.length).toBeGreaterThan(3 * DAYS.length * 3);
    for (const f of ['daily-statistics.csv', 'every-merged.csv', 'every-pieces.csv']) {
      expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(runDir, f), 'utf8'));
    }
  });
});
