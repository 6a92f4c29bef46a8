/**
 * Runtime of continuous mode's ingredients: dayRequest (windows aligned to UTC midnight, clipped
 * to the channel's dates and the run's --start/--end), dailyStatisticsWriter (hands itself to the
 * continuous runner, which tells it when each station-day has ended) and dayVolumeWriter (files
 * seismograms into the day volumes of an archive layout, merging with what is there).
 */
import { isAbsolute, resolve } from 'node:path';
import type { BuildContext } from '../declaration.js';
import { DayVolumeArchive } from '../../archive/day-volume.js';
import { NS_PER_DAY, type DayWindowOptions } from '../../archive/day-windows.js';
import { ArchiveSettingsError } from '../../archive/errors.js';
import { engineContext } from '../../engine/context.js';
import { PASS, channelId, type EventChannelPair, type RequestGenerator, type RequestWindow } from '../../engine/contracts.js';
import { continuousBuild, continuousRun } from '../../engine/continuous/context.js';
import { DailyStatisticsWriter, type DailyStatisticsSettings } from '../../engine/continuous/daily-statistics.js';
import { IncomingSource } from '../../engine/continuous/incoming-source.js';
import { intervalNs, SettingError, type TimeIntervalSetting } from '../../engine/quantities.js';
import { emptyBecause } from '../../engine/waveform-requests.js';
import type { ArmSeismogram, ProcessExtras } from '../../engine/waveform-types.js';
import { requestCut } from '../../seismogram/cut.js';
import { formatInstant, type Instant } from '../../seismogram/time.js';

export interface DayRequestSettings {
  windowLength?: TimeIntervalSetting;
  overlap?: TimeIntervalSetting;
  maxRequestBytes?: number;
  concurrencyPerDataCenter?: number;
}

/** dayRequest as built: a request generator that also tells the runner how to cut days and fetch them. */
export type DayRequestGenerator = RequestGenerator & {
  dayRequest: { windows: Required<DayWindowOptions>; maxRequestBytes: number; concurrencyPerDataCenter: number };
};

/** what a request's data may come to: decoded, about as much again in memory per request in flight */
export const DEFAULT_MAX_REQUEST_BYTES = 20_000_000;

export function isDayRequest(g: RequestGenerator): g is DayRequestGenerator {
  return (g as Partial<DayRequestGenerator>).dayRequest !== undefined;
}

export function buildDayRequest(settings: DayRequestSettings = {}): DayRequestGenerator {
  const length = settings.windowLength ? intervalNs(settings.windowLength) : NS_PER_DAY;
  const overlap = settings.overlap ? intervalNs(settings.overlap) : 0n;
  if (length <= 0n) throw new SettingError('dayRequest: windowLength must be positive');
  if (length % NS_PER_DAY !== 0n && NS_PER_DAY % length !== 0n) {
    throw new SettingError('dayRequest: windowLength must be a whole number of days or a whole fraction of a day (1 h, 6 h, 1 day...), or the windows would drift off midnight');
  }
  if (overlap < 0n) throw new SettingError('dayRequest: overlap must not be negative');
  const generator = ((pair: EventChannelPair, ctx) => {
    // the day "event" of continuous mode starts at its window's nominal start
    const nominal: Instant = pair.event.origin.time;
    const c = pair.channel.channel;
    const range = continuousRun(ctx)?.continuousRange ?? {};
    const candidates: Instant[] = [nominal];
    if (c.start !== undefined) candidates.push(c.start);
    if (range.start !== undefined) candidates.push(range.start);
    const ends: Instant[] = [nominal + length + overlap, ctx.now];
    if (c.end !== undefined) ends.push(c.end);
    if (range.end !== undefined) ends.push(range.end);
    const start = candidates.reduce((a, b) => (b > a ? b : a));
    const end = ends.reduce((a, b) => (b < a ? b : a));
    // a window whose own span (without the overlap) misses the channel is not this channel's day
    if (end <= start || start >= nominal + length) {
      return emptyBecause(`${channelId(pair.channel)} has no time in the window starting ${formatInstant(nominal, 0)} (its dates, or --start/--end)`);
    }
    return [{ start, end }];
  }) as DayRequestGenerator;
  generator.dayRequest = {
    windows: { length, overlap },
    maxRequestBytes: settings.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
    concurrencyPerDataCenter: settings.concurrencyPerDataCenter ?? 4,
  };
  return generator;
}

type Process = (pair: EventChannelPair, seismograms: ArmSeismogram[], ctx: unknown, extras?: ProcessExtras) => Promise<{ verdict: typeof PASS; seismograms: ArmSeismogram[]; files?: string[] }>;

export function buildDailyStatisticsWriter(settings: DailyStatisticsSettings = {}, context: BuildContext): Process & { close?: () => Promise<void> } {
  const ctx = continuousBuild(context);
  if (!ctx) {
    throw new SettingError('dailyStatisticsWriter writes one row per station-day and runs in continuous mode only: a recipe with a <networkArm> and a <waveformArm> but no <eventArm>');
  }
  const writer = new DailyStatisticsWriter(settings, ctx.runDir);
  ctx.continuous.statisticsWriters.push(writer);
  return async (pair, seismograms, _ctx, extras) => {
    writer.observe(pair, seismograms, extras?.requests ?? []);
    return { verdict: PASS, seismograms };
  };
}

export function buildDayVolumeWriter(settings: { directory?: string; layout?: string } = {}, context: BuildContext): Process {
  const ctx = engineContext(context);
  const dir = settings.directory ?? 'archive';
  let archive: DayVolumeArchive;
  try {
    archive = new DayVolumeArchive(isAbsolute(dir) ? dir : resolve(ctx.runDir, dir), { layout: settings.layout ?? 'sds' });
  } catch (e) {
    if (e instanceof ArchiveSettingsError) throw new SettingError(`dayVolumeWriter: ${e.message}`);
    throw e;
  }
  return async (pair, seismograms, _ctx, extras) => {
    const requests: readonly RequestWindow[] = extras?.requests ?? [];
    // only what was asked for: the records around the window belong to the neighbouring days' requests
    const pieces = requests.length > 0 ? requestCut(seismograms, requests.map((w) => ({ start: w.start, end: w.end - 1n }))) : seismograms;
    if (pieces.length === 0) return { verdict: PASS, seismograms };
    const report = await archive.fileSegments(pieces, `${pair.event.id} ${channelId(pair.channel)}`);
    return { verdict: PASS, seismograms, files: report.dayFiles.map((f) => f.path) };
  };
}

export function buildIncomingFolder(settings: { folder: string; archive?: string; marker?: string }, context: BuildContext): IncomingSource {
  const ctx = engineContext(context);
  const archive = settings.archive ?? 'archive';
  return new IncomingSource({
    folder: isAbsolute(settings.folder) ? settings.folder : resolve(ctx.recipeDir, settings.folder),
    archive: isAbsolute(archive) ? archive : resolve(ctx.runDir, archive),
    ...(settings.marker !== undefined ? { marker: settings.marker } : {}),
  });
}
