/**
 * The daily statistics CSV of continuous mode: per station-day, the station list's columns, the
 * day and request window, then per trace its codes, times, rate and sample count and min, max,
 * mean, std, rms, peak-to-peak and finite fraction (src/seismogram/statistics.ts, float64). A
 * station-day without data gets a row saying so.
 *
 * The writer works in two steps: as a waveform process it turns each channel's seismograms into
 * figures at once (so no samples are held), and when the runner says a station-day has ended it
 * writes that day's rows: the first trace of the first channel (channels in code order), or every
 * trace. Rows are held until the runner's commit (flush), then go through the crash-safe
 * CsvAppender keyed by day, station, channel and trace start, so a station-day redone after a
 * kill is not written twice; at the end of the run the file is rewritten sorted (unless this run
 * wrote it from scratch in that order), so a run and a killed-and-resumed run leave the same bytes.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { writeFilesAtomically } from '../../files/atomic-file.js';
import { windowIndices } from '../../seismogram/cut.js';
import { filledGapRanges, merge } from '../../seismogram/merge.js';
import type { Segment } from '../../seismogram/segment.js';
import { sampleStatistics, type SampleStatistics } from '../../seismogram/statistics.js';
import { formatInstant, sampleTime, type Instant } from '../../seismogram/time.js';
import { CsvAppender } from '../../writers/csv-appender.js';
import { recordSpans, type Cell } from '../../writers/csv-format.js';
import type { ChannelRecord, EventChannelPair, RequestWindow } from '../contracts.js';

export const DAILY_STATISTICS_COLUMNS = [
  'Station', 'DataCenter', 'Site', 'Latitude', 'Longitude', 'Elevation',
  'Day', 'WindowStart', 'WindowEnd',
  'Network', 'StationCode', 'Location', 'Channel', 'TraceStart', 'TraceEnd', 'SampleRate', 'Samples', 'Gaps',
  'Min', 'Max', 'Mean', 'Std', 'Rms', 'PeakToPeak', 'FiniteFraction', 'Status',
] as const;
/**
 * What makes a row unique, so a row redone after a kill is not written twice: with traces=first
 * the station-day itself (whichever channel was first when it was written), else the trace.
 */
const KEY_COLUMNS = { first: ['Day', 'Station'], every: ['Day', 'Station', 'Location', 'Channel', 'TraceStart'] } as const;
/** The order of the finished file. */
const SORT_COLUMNS = ['Day', 'Station', 'Location', 'Channel', 'TraceStart'] as const;
const SORT_INDEXES = SORT_COLUMNS.map((c) => DAILY_STATISTICS_COLUMNS.indexOf(c));

/** Orders two rows (as their cells' text) by SORT_COLUMNS at `indexes`. */
function compareRows(a: readonly (string | undefined)[], b: readonly (string | undefined)[], indexes: readonly number[]): number {
  for (const i of indexes) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export interface DailyStatisticsSettings {
  filename?: string;
  traces?: 'first' | 'every';
  mergeGaps?: boolean;
}

/** The station's columns: from its station-list row when there is one, else from the metadata. */
export interface StationColumns {
  station: string;
  dataCenter: string;
  site?: string;
  latitude?: number;
  longitude?: number;
  elevation?: number;
}

/** One trace's figures, computed as soon as the channel's data are in. */
export interface TraceFigures {
  location: string;
  channel: string;
  start: Instant;
  /** time of the last sample */
  end: Instant;
  sampleRate: number;
  /** real samples (gaps a merge filled are not counted) */
  samples: number;
  gaps: number;
  stats: SampleStatistics;
  note?: string;
}

/** A station-day as the runner describes it when it ends. */
export interface StationDay {
  /** the day's id ('day:2024-01-05') */
  dayId: string;
  columns: StationColumns;
  network: string;
  stationCode: string;
  /** the station's channels this day with their request windows, in code order */
  channels: { channel: ChannelRecord; window?: RequestWindow }[];
}

export function stationDayKey(dayId: string, network: string, station: string): string {
  return `${dayId}|${network}.${station}`;
}

const locationOf = (c: ChannelRecord) => c.channel.locationCode.trim();

/** The traces of one channel's seismograms inside the window, merged or as they came, in time order. */
export function traceFigures(seismograms: readonly Segment[], window: RequestWindow | undefined, mergeGaps: boolean): TraceFigures[] {
  // the request window is half-open [start, end); cutSegment's is closed
  // views, not copies: the figures only read the samples
  const inside = (s: Segment): Segment | undefined => {
    const r = windowIndices(s, { start: window!.start, end: window!.end - 1n });
    return r && { ...s, start: sampleTime(s.start, r.first, s.sampleRate), samples: s.samples.subarray(r.first, r.last + 1) };
  };
  const cut = window ? seismograms.map(inside).filter((s): s is Segment => s !== undefined) : [...seismograms];
  const pieces = cut.filter((s) => s.samples.length > 0).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (pieces.length === 0) return [];
  const figures = (s: Segment, exclude: { from: number; to: number }[] = [], gaps = 0, note?: string): TraceFigures => {
    const filled = exclude.reduce((n, r) => n + (r.to - r.from), 0);
    return {
      location: s.id.location,
      channel: s.id.channel,
      start: s.start,
      end: s.samples.length > 1 ? sampleTime(s.start, s.samples.length - 1, s.sampleRate) : s.start,
      sampleRate: s.sampleRate,
      samples: s.samples.length - filled,
      gaps,
      stats: sampleStatistics(s.samples, { exclude }),
      ...(note !== undefined ? { note } : {}),
    };
  };
  if (!mergeGaps || pieces.length === 1) return pieces.map((p) => figures(p));
  const outcome = merge(pieces, { fill: 'zero' });
  if (!outcome.ok) {
    // copies that disagree cannot be one trace: each piece on its own row, saying why
    return pieces.map((p) => figures(p, [], 0, `not merged: ${outcome.reason.kind}`));
  }
  const series = outcome.series;
  return [figures(series.runs[0]!, filledGapRanges(series), series.gaps.length)];
}

const num = (x: number | undefined): Cell => (x === undefined || Number.isNaN(x) ? '' : x);

export class DailyStatisticsWriter {
  readonly path: string;
  readonly traces: 'first' | 'every';
  readonly mergeGaps: boolean;
  private appender: CsvAppender | undefined;
  /** figures of the channels of station-days still running, by stationDayKey, then channel code */
  private readonly pending = new Map<string, Map<string, TraceFigures[]>>();
  /**
   * Rows of ended station-days, handed to the appender only by flush(): the run-state store makes
   * every open appender durable before it writes (flushOpenAppenders), so rows appended as they
   * come would cost an fsync at each of its flushes; held here, they cost one per commit.
   */
  private held: Cell[][] = [];
  /**
   * Whether the file holds only this run's rows, appended in SORT_COLUMNS order (the usual case
   * of a run from scratch): then finish() has nothing to sort and leaves the file as it is.
   */
  private inOrder = true;
  private lastRow: string[] | undefined;
  rowsWritten = 0;

  constructor(settings: DailyStatisticsSettings, runDir: string) {
    const name = settings.filename ?? 'daily-statistics.csv';
    this.path = isAbsolute(name) ? name : resolve(runDir, name);
    this.traces = settings.traces ?? 'first';
    this.mergeGaps = settings.mergeGaps ?? true;
  }

  /** Opens (or reopens after a kill) the CSV; a file with other columns is refused with its path. */
  open(): void {
    if (this.appender) return;
    this.appender = new CsvAppender(this.path, DAILY_STATISTICS_COLUMNS, { keyColumns: KEY_COLUMNS[this.traces] });
    // rows of an earlier run (killed, or with other days): sorted with this run's at the end
    if (this.appender.reopened.rows > 0) this.inOrder = false;
  }

  /** The process step: the pair's figures, kept until its station-day ends. */
  observe(pair: EventChannelPair, seismograms: readonly Segment[], requests: readonly RequestWindow[]): void {
    const c = pair.channel;
    const key = stationDayKey(pair.event.id, c.network.code, c.station.code);
    let day = this.pending.get(key);
    if (!day) this.pending.set(key, (day = new Map()));
    day.set(`${locationOf(c)}.${c.channel.code}`, traceFigures(seismograms, requests[0], this.mergeGaps));
  }

  /** Forget a station-day that will be redone (one of its pairs failed). */
  discard(dayId: string, network: string, station: string): void {
    this.pending.delete(stationDayKey(dayId, network, station));
  }

  /** Makes the rows of a station-day whose pairs have all ended (held; flush() writes them and makes them durable). */
  stationDayEnded(sd: StationDay): void {
    this.open();
    const key = stationDayKey(sd.dayId, sd.network, sd.stationCode);
    const figures = this.pending.get(key) ?? new Map<string, TraceFigures[]>();
    this.pending.delete(key);
    const base = (window: RequestWindow | undefined): Cell[] => [
      sd.columns.station, sd.columns.dataCenter, sd.columns.site, num(sd.columns.latitude), num(sd.columns.longitude), num(sd.columns.elevation),
      sd.dayId.replace(/^day:/, ''), window ? formatInstant(window.start) : '', window ? formatInstant(window.end) : '',
      sd.network, sd.stationCode,
    ];
    const row = (window: RequestWindow | undefined, t: TraceFigures): Cell[] => [
      ...base(window), t.location, t.channel, formatInstant(t.start), formatInstant(t.end), t.sampleRate, t.samples, t.gaps,
      num(t.stats.min), num(t.stats.max), num(t.stats.mean), num(t.stats.std), num(t.stats.rms), num(t.stats.peakToPeak), num(t.stats.finiteFraction),
      t.note ?? 'data',
    ];
    const noData = (window: RequestWindow | undefined, loc: string, cha: string): Cell[] => [...base(window), loc, cha, '', '', '', 0, '', '', '', '', '', '', '', '', 'no data'];
    const append = (cells: Cell[]) => {
      this.held.push(cells);
    };
    if (this.traces === 'first') {
      for (const { channel, window } of sd.channels) {
        const t = figures.get(`${locationOf(channel)}.${channel.channel.code}`)?.[0];
        if (t) {
          append(row(window, t));
          return;
        }
      }
      append(noData(sd.channels[0]?.window, '', ''));
      return;
    }
    for (const { channel, window } of sd.channels) {
      const list = figures.get(`${locationOf(channel)}.${channel.channel.code}`) ?? [];
      if (list.length === 0) append(noData(window, locationOf(channel), channel.channel.code));
      for (const t of list) append(row(window, t));
    }
  }

  /** The held rows to the appender (a row whose key the file already has is not written again). */
  private release(): void {
    const rows = this.held;
    this.held = [];
    if (rows.length > 0) this.open();
    for (const cells of rows) {
      if (!this.appender!.append(cells)) continue;
      this.rowsWritten++;
      if (this.inOrder) {
        const text = cells.map((c) => (c === undefined ? '' : String(c)));
        if (this.lastRow && compareRows(this.lastRow, text, SORT_INDEXES) > 0) this.inOrder = false;
        this.lastRow = text;
      }
    }
  }

  /** Closes the file as it is (rows flushed, not sorted): after an error, for the next run to reopen. */
  close(): void {
    if (this.appender) this.release();
    this.appender?.close();
    this.appender = undefined;
  }

  /** Makes the rows written so far durable (fsync): call before marking their pairs done. */
  flush(): void {
    this.release();
    this.appender?.flush();
  }

  /**
   * Closes the file and rewrites it sorted by day, station, location, channel and trace start,
   * through a temporary name, so a resumed run ends with the same bytes as an uninterrupted one.
   * A file this run wrote from scratch in that order already is those bytes, and is left as it is.
   * The records are moved as they are: only their sort fields are read.
   */
  async finish(): Promise<void> {
    this.release();
    if (!this.appender) return;
    this.appender.close();
    this.appender = undefined;
    if (this.inOrder) return;
    const bytes = readFileSync(this.path);
    const records = recordSpans(bytes, SORT_INDEXES);
    const header = records.shift();
    if (!header) return;
    records.sort((a, b) => compareRows(a.fields, b.fields, SORT_INDEXES));
    const crlf = Buffer.from('\r\n');
    const parts: Uint8Array[] = [];
    for (const r of [header, ...records]) parts.push(bytes.subarray(r.start, r.end), crlf);
    await writeFilesAtomically([{ path: this.path, data: Buffer.concat(parts) }]);
  }
}
