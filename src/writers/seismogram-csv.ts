/**
 * The seismogram CSV: one row per written seismogram with its event and station context, the
 * request window, the data's identity and header values, and the statistics of its samples.
 * Keyed by event, data identity and start, so a pair redone after a crash is not listed twice.
 */
import { resolve } from 'node:path';
import { preferredMagnitude } from '../formats/quakeml/model.js';
import { distAz } from '../geo/distance.js';
import { segmentEnd } from '../seismogram/segment.js';
import { sampleStatistics, type SampleStatistics } from '../seismogram/statistics.js';
import type { SeismogramContext } from './context.js';
import { CsvAppender } from './csv-appender.js';
import { instantCell, numberCell, type Cell } from './csv-format.js';
import { FolderGuard } from './path-safety.js';
import { compileLocation, type CompiledTemplate } from './template.js';

export const SEISMOGRAM_COLUMNS = [
  'event_id', 'origin_time', 'event_latitude', 'event_longitude', 'event_depth_km', 'magnitude', 'magnitude_type',
  'network', 'station', 'location', 'channel', 'station_latitude', 'station_longitude', 'station_elevation_m', 'channel_depth_m', 'channel_azimuth', 'channel_dip',
  'distance_deg', 'azimuth', 'back_azimuth',
  'request_start', 'request_end',
  'seismogram_id', 'quality', 'sample_rate', 'npts', 'start', 'end', 'delta', 'calib', 'gaps',
  'min', 'max', 'mean', 'std', 'rms', 'peak_to_peak', 'finite_fraction',
  'files',
] as const;

/** Distance and azimuths, or nothing (blank cells) when a server gave coordinates off the globe. */
function distanceOrNothing(evLat: number, evLon: number, stLat: number, stLon: number) {
  try {
    return distAz(evLat, evLon, stLat, stLon);
  } catch {
    return undefined;
  }
}

/**
 * The cells of one row, in SEISMOGRAM_COLUMNS order; `files` are written as given, ';'-separated.
 * The statistics (src/seismogram/statistics.ts, float64) leave out the samples a gap fill made up.
 */
export function seismogramRow(
  c: SeismogramContext,
  files: readonly string[] = [],
  stats: SampleStatistics = sampleStatistics(c.seismogram.samples, c.seismogram.filled ? { exclude: c.seismogram.filled } : {}),
): Cell[] {
  const ev = c.event;
  const ch = c.channel;
  const s = c.seismogram;
  const mag = ev ? (ev.magnitude ?? preferredMagnitude(ev.event)) : undefined;
  const da = ev ? distanceOrNothing(ev.origin.latitude, ev.origin.longitude, ch.channel.latitude, ch.channel.longitude) : undefined;
  return [
    ev?.id,
    instantCell(ev?.origin.time),
    numberCell(ev?.origin.latitude),
    numberCell(ev?.origin.longitude),
    numberCell(ev?.origin.depth === undefined ? undefined : ev.origin.depth / 1000),
    numberCell(mag?.value),
    mag?.type,
    ch.network.code,
    ch.station.code,
    ch.channel.locationCode,
    ch.channel.code,
    numberCell(ch.channel.latitude),
    numberCell(ch.channel.longitude),
    numberCell(ch.channel.elevation),
    numberCell(ch.channel.depth),
    numberCell(ch.channel.azimuth),
    numberCell(ch.channel.dip),
    numberCell(da?.distanceDeg),
    numberCell(da?.azimuth),
    numberCell(da?.backAzimuth),
    instantCell(c.request?.start),
    instantCell(c.request?.end),
    `${s.id.network}.${s.id.station}.${s.id.location}.${s.id.channel}`,
    s.quality ?? '',
    numberCell(s.sampleRate),
    s.samples.length,
    instantCell(s.start),
    instantCell(segmentEnd(s)),
    numberCell(1 / s.sampleRate),
    numberCell(s.calib ?? 1),
    s.gaps?.length ?? 0,
    numberCell(stats.min),
    numberCell(stats.max),
    numberCell(stats.mean),
    numberCell(stats.std),
    numberCell(stats.rms),
    numberCell(stats.peakToPeak),
    numberCell(stats.finiteFraction),
    files.join(';'),
  ];
}

/** Opens (or reopens) a seismogram CSV keyed by event, data identity and start. */
export function openSeismogramCsv(path: string): CsvAppender {
  return new CsvAppender(path, SEISMOGRAM_COLUMNS, { keyColumns: ['event_id', 'seismogram_id', 'start'] });
}

/** The csvWriter ingredient's settings: a folder below the run folder and a location template. */
export interface SeismogramCsvSettings {
  /** folder below the run folder (or absolute); default the run folder itself */
  workingDir?: string;
  /** template for the file below workingDir; default "seismograms.csv" */
  location?: string;
}

export const CSV_DEFAULT_LOCATION = 'seismograms.csv';
/** CSV files kept open at once; a template that spreads rows over many files reopens the least used. */
const MAX_OPEN = 16;

/**
 * Rows of a run's seismograms appended to CSV files at templated paths (one file by default, or
 * one per event, station... as the location says). Every path is made safe and kept inside the
 * folder like the seismogram writers' paths. All seismograms of a pair go to the same file unless
 * the template names ${index}. Rows are flushed (and fsynced) after each pair, before the pair can
 * count as done, and a row already in the file (same event, seismogram and start) is not written
 * again, so a pair redone after a crash or on resume is listed once.
 */
export class SeismogramCsvWriter {
  readonly folder: string;
  readonly location: CompiledTemplate;
  private readonly guard: FolderGuard;
  /** open files, least recently used first */
  private readonly open = new Map<string, CsvAppender>();

  /** Throws TemplateError for a location that uses unknown variables. */
  constructor(settings: SeismogramCsvSettings, runDir: string) {
    this.folder = resolve(runDir, settings.workingDir ?? '.');
    this.location = compileLocation(settings.location ?? CSV_DEFAULT_LOCATION, '.csv');
    this.guard = new FolderGuard(this.folder);
  }

  /** The file a seismogram's row goes to (absolute, inside the folder). */
  pathFor(c: SeismogramContext): string {
    return this.guard.resolve(this.location.relativePath(this.location.usesIndex ? c : { ...c, index: 0 }));
  }

  /**
   * Appends a row per seismogram (with the files other writers made of it, relative to the run
   * folder). The rows are buffered: the run-state store flushes every open appender (write and
   * fsync) before it records pairs done (flushOpenAppenders), which costs one fsync per batch of
   * pairs instead of one per pair; closing flushes too. Returns the paths of the files written to and how many rows
   * were new. Throws UnsafeOutputPathError, MissingEventError (a template naming the event where
   * there is none) or CsvOutputError (a file with other columns already at the path).
   */
  write(contexts: readonly SeismogramContext[], filesOf: (c: SeismogramContext) => readonly string[] = () => []): { paths: string[]; added: number } {
    // every path first: a bad one refuses the pair before any of its rows is written
    const paths = contexts.map((c) => this.pathFor(c));
    let added = 0;
    contexts.forEach((c, i) => {
      const csv = this.appender(paths[i]!);
      if (csv.append(seismogramRow(c, filesOf(c)))) added++;
    });
    return { paths: [...new Set(paths)], added };
  }

  private appender(path: string): CsvAppender {
    let csv = this.open.get(path);
    if (csv) {
      this.open.delete(path);
    } else {
      csv = openSeismogramCsv(path);
      while (this.open.size >= MAX_OPEN) {
        const [oldest, file] = this.open.entries().next().value as [string, CsvAppender];
        this.open.delete(oldest);
        file.close();
      }
    }
    this.open.set(path, csv);
    return csv;
  }

  close(): void {
    const files = [...this.open.values()];
    this.open.clear();
    let first: unknown;
    for (const f of files) {
      try {
        f.close();
      } catch (e) {
        first ??= e;
      }
    }
    if (first !== undefined) throw first;
  }
}
