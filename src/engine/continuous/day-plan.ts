/**
 * What continuous mode asks for: the day windows of the run (UTC midnight, dayRequest's length),
 * each stood for by a "day event" so every (day, channel) is an ordinary pair of the run store
 * (public id 'day:2024-01-05', origin time = the window's nominal start, at 0°N 0°E); per day the
 * channels alive in it, grouped into station-days; and the station-days of one day and data
 * centre packed into requests under a byte cap (a channel-day too big alone is cut in time).
 */
import { dayWindows, NS_PER_DAY, type DayWindowOptions, type GlobalRange } from '../../archive/day-windows.js';
import type { Origin } from '../../formats/quakeml/model.js';
import { formatInstant, NS_PER_SECOND, type Duration, type Instant } from '../../seismogram/time.js';
import type { ChannelRecord, EventRecord, RequestWindow } from '../contracts.js';

/** Bytes a sample is reckoned to cost in a request: Steim-compressed data rarely need more. */
export const BYTES_PER_SAMPLE = 4;

export function dayIdOf(nominalStart: Instant, length: Duration): string {
  const text = formatInstant(nominalStart, 0);
  return `day:${length % NS_PER_DAY === 0n ? text.slice(0, 10) : text.replace(/Z$/, '')}`;
}

export function dayEvent(nominalStart: Instant, length: Duration): EventRecord {
  const id = dayIdOf(nominalStart, length);
  const origin: Origin = { publicId: `origin/${id}`, time: nominalStart, latitude: 0, longitude: 0 } as Origin;
  return { event: { publicId: id, descriptions: [], origins: [origin], magnitudes: [] } as unknown as EventRecord['event'], origin, id, source: 'dayRequest' };
}

/** A channel's span in this run: its dates, open ends at `now`, cut to --start/--end; undefined when empty. */
export function channelSpan(c: ChannelRecord, range: GlobalRange, now: Instant): RequestWindow | undefined {
  let start = c.channel.start ?? range.start;
  if (start === undefined) return undefined;
  let end = c.channel.end !== undefined && c.channel.end < now ? c.channel.end : now;
  if (range.start !== undefined && range.start > start) start = range.start;
  if (range.end !== undefined && range.end < end) end = range.end;
  return end > start ? { start, end } : undefined;
}

export interface DayOfChannels {
  nominalStart: Instant;
  event: EventRecord;
  /** channels with time in the window's own span, in the network arm's order */
  channels: ChannelRecord[];
}

/** The run's windows in time order, each with the channels alive in it (only windows with some). */
export function* daysOf(channels: readonly ChannelRecord[], range: GlobalRange, now: Instant, options: Required<DayWindowOptions>): Generator<DayOfChannels> {
  const spans = channels.map((c) => ({ c, span: channelSpan(c, range, now) })).filter((x): x is { c: ChannelRecord; span: RequestWindow } => x.span !== undefined);
  if (spans.length === 0) return;
  let start = spans[0]!.span.start;
  let end = spans[0]!.span.end;
  for (const { span } of spans) {
    if (span.start < start) start = span.start;
    if (span.end > end) end = span.end;
  }
  for (const w of dayWindows(start, end, options)) {
    const nominalEnd = w.nominalStart + options.length;
    const alive = spans.filter(({ span }) => span.start < nominalEnd && span.end > w.nominalStart).map(({ c }) => c);
    if (alive.length > 0) yield { nominalStart: w.nominalStart, event: dayEvent(w.nominalStart, options.length), channels: alive };
  }
}

/** Channels in the order a station-day lists them: by location, then channel code. */
export function byCodes(a: ChannelRecord, b: ChannelRecord): number {
  const x = `${a.channel.locationCode.trim()}.${a.channel.code}`;
  const y = `${b.channel.locationCode.trim()}.${b.channel.code}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Estimated bytes of a channel's data over a window. */
export function estimateBytes(c: ChannelRecord, w: RequestWindow): number {
  const rate = c.channel.sampleRate ?? 0;
  const seconds = Number(w.end - w.start) / Number(NS_PER_SECOND);
  // a channel without a rate in its metadata is reckoned at one sample a second
  return Math.ceil((rate > 0 ? rate : 1) * seconds * BYTES_PER_SAMPLE);
}

/** One channel-day (or a time piece of one) in a request. */
export interface RequestItem<P> {
  pair: P;
  requests: RequestWindow[];
  bytes: number;
}

/**
 * Packs the items of one day and data centre into requests of at most `maxBytes` (estimated), in
 * order; an item bigger than the cap alone is cut into time pieces that each fit.
 */
export function packRequests<P>(items: readonly RequestItem<P>[], maxBytes: number): RequestItem<P>[][] {
  const out: RequestItem<P>[][] = [];
  let current: RequestItem<P>[] = [];
  let bytes = 0;
  const close = () => {
    if (current.length > 0) out.push(current);
    current = [];
    bytes = 0;
  };
  for (const it of items) {
    if (it.bytes > maxBytes) {
      close();
      const w = it.requests[0]!;
      const pieces = Math.ceil(it.bytes / maxBytes);
      const step = (w.end - w.start + BigInt(pieces) - 1n) / BigInt(pieces);
      for (let t = w.start; t < w.end; t += step) {
        const e = t + step < w.end ? t + step : w.end;
        out.push([{ pair: it.pair, requests: [{ start: t, end: e }], bytes: Math.ceil((it.bytes * Number(e - t)) / Number(w.end - w.start)) }]);
      }
      continue;
    }
    if (bytes + it.bytes > maxBytes) close();
    current.push(it);
    bytes += it.bytes;
  }
  close();
  return out;
}
