/**
 * The daily statistics writer on its own: rows are held until flush() (so the run-state store's
 * flushes between commits cost no fsync of the CSV), and the finished file is sorted by day,
 * station, location, channel and trace start whatever order the station-days ended in, and
 * whether it was written in one run or resumed from a file an earlier run left.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailyStatisticsWriter } from '../../../src/engine/continuous/daily-statistics.js';
import type { ChannelRecord, EventChannelPair, RequestWindow } from '../../../src/engine/contracts.js';
import { parseInstant } from '../../../src/seismogram/time.js';
import { CsvRecordScanner, recordSpans } from '../../../src/writers/csv-format.js';

const DAY_NS = 86_400_000_000_000n;

function channel(station: string, code: string): ChannelRecord {
  return { network: { code: 'XX' }, station: { code: station }, channel: { code, locationCode: '00' } } as unknown as ChannelRecord;
}

interface Ended {
  day: string;
  station: string;
  channels: string[];
}

/** Runs the writer over station-days ended in the given order; `flushEvery` station-days per commit. */
function write(dir: string, ended: readonly Ended[], flushEvery = 2): DailyStatisticsWriter {
  const w = new DailyStatisticsWriter({ filename: 'stats.csv', traces: 'every' }, dir);
  w.open();
  ended.forEach((sd, n) => {
    const start = parseInstant(`${sd.day}T00:00:00Z`);
    const window: RequestWindow = { start, end: start + DAY_NS };
    const chans = sd.channels.map((c) => channel(sd.station, c));
    for (const c of chans) {
      const pair = { event: { id: `day:${sd.day}` }, channel: c } as unknown as EventChannelPair;
      const samples = Int32Array.from({ length: 10 }, (_, i) => i * (sd.station.length + c.channel.code.charCodeAt(2)));
      w.observe(pair, [{ id: { network: 'XX', station: sd.station, location: '00', channel: c.channel.code }, start, sampleRate: 1, samples }], [window]);
    }
    w.stationDayEnded({
      dayId: `day:${sd.day}`,
      // a site with what CSV must quote: the rows are moved whole when the file is sorted
      columns: { station: `XX.${sd.station}`, dataCenter: 'dc', site: `${sd.station} hill, "north"\r\nslope` },
      network: 'XX',
      stationCode: sd.station,
      channels: chans.map((c) => ({ channel: c, window })),
    });
    if ((n + 1) % flushEvery === 0) w.flush();
  });
  return w;
}

const DAYS: Ended[] = [
  { day: '2024-01-05', station: 'A', channels: ['BHN', 'BHZ'] },
  { day: '2024-01-05', station: 'B', channels: ['BHZ'] },
  { day: '2024-01-06', station: 'A', channels: ['BHN', 'BHZ'] },
  { day: '2024-01-06', station: 'B', channels: ['BHZ'] },
];

function records(path: string): string[][] {
  const out: string[][] = [];
  new CsvRecordScanner((f) => out.push(f)).push(readFileSync(path));
  return out;
}

describe('the daily statistics writer', () => {
  it('holds the rows of ended station-days until flush()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sod-daily-held-'));
    const w = write(dir, DAYS.slice(0, 1), 10);
    expect(records(join(dir, 'stats.csv'))).toHaveLength(1); // the header only
    w.flush();
    expect(records(join(dir, 'stats.csv'))).toHaveLength(3);
    w.close();
  });

  it('leaves a file written in order as it is, and sorts one written out of order to the same bytes', async () => {
    const inOrder = mkdtempSync(join(tmpdir(), 'sod-daily-in-order-'));
    await write(inOrder, DAYS).finish();
    const mixed = mkdtempSync(join(tmpdir(), 'sod-daily-mixed-'));
    await write(mixed, [DAYS[3]!, DAYS[0]!, DAYS[2]!, DAYS[1]!]).finish();
    const want = records(join(inOrder, 'stats.csv'));
    const key = (c: string[]) => `${c[6]} ${c[0]} ${c[11]}.${c[12]}`;
    expect(want.slice(1).map(key)).toEqual([
      '2024-01-05 XX.A 00.BHN',
      '2024-01-05 XX.A 00.BHZ',
      '2024-01-05 XX.B 00.BHZ',
      '2024-01-06 XX.A 00.BHN',
      '2024-01-06 XX.A 00.BHZ',
      '2024-01-06 XX.B 00.BHZ',
    ]);
    expect(want.slice(1).map((c) => c[2])).toEqual(['A', 'A', 'B', 'A', 'A', 'B'].map((x) => `${x} hill, "north"\r\nslope`));
    expect(readFileSync(join(mixed, 'stats.csv'), 'utf8')).toBe(readFileSync(join(inOrder, 'stats.csv'), 'utf8'));
  });

  it('sorts the rows an earlier run left in with this run\'s, and writes none twice', async () => {
    const whole = mkdtempSync(join(tmpdir(), 'sod-daily-whole-'));
    await write(whole, DAYS).finish();
    const resumed = mkdtempSync(join(tmpdir(), 'sod-daily-resumed-'));
    // an earlier run ended the later days, then stopped without finishing
    write(resumed, DAYS.slice(2)).close();
    // this run does all of them again, in order: the later days' rows are already there
    await write(resumed, DAYS).finish();
    expect(readFileSync(join(resumed, 'stats.csv'), 'utf8')).toBe(readFileSync(join(whole, 'stats.csv'), 'utf8'));
  });

  it('finds the records of a CSV file and reads only the fields asked for, quotes undone', () => {
    const text = 'a,b,c\r\n"x, ""y""",2,"line\r\nbreak"\r\n"",5,\n7,"",9\r\nunterminated';
    const spans = recordSpans(Buffer.from(text), [0, 2]);
    expect(spans.map((r) => r.fields)).toEqual([
      ['a', undefined, 'c'],
      ['x, "y"', undefined, 'line\r\nbreak'],
      ['', undefined, ''],
      ['7', undefined, '9'],
    ]);
    expect(spans.map((r) => text.slice(r.start, r.end))).toEqual(['a,b,c', '"x, ""y""",2,"line\r\nbreak"', '"",5,', '7,"",9']);
  });
});
