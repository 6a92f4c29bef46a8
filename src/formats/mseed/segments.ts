/**
 * Joining records into contiguous segments, and finding gaps and overlaps between them.
 * Two records join when the second starts within half a sample period of where the first ends
 * (SEED's and libmseed's default tolerance), with the same channel, rate and kind of samples.
 */
import { formatChannelId, type ChannelId } from '../../seismogram/identity.js';
import { concatSamples, segmentEnd, type Samples, type Segment } from '../../seismogram/segment.js';
import { sampleTime, samplePeriod, type Duration, type Instant } from '../../seismogram/time.js';
import type { MseedRecord } from './record.js';

interface Building {
  id: ChannelId;
  key: string;
  start: Instant;
  sampleRate: number;
  parts: Samples[];
  count: number;
  quality: string;
  kind: Function;
  /** where the next contiguous record would start. */
  next: Instant;
}

/** Whether two records' sample rates count as one (libmseed's default: within 0.01%). */
export function sameRate(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.0001 * Math.max(a, b);
}

function nextStart(r: MseedRecord): Instant {
  return r.sampleRate > 0 ? sampleTime(r.start, r.samples.length, r.sampleRate) : r.start;
}

/** Join records (in any order) into segments sorted by channel and start time. Text records are left out. */
export function recordsToSegments(records: Iterable<MseedRecord>): Segment[] {
  const open = new Map<string, Building[]>();
  const kept: MseedRecord[] = [];
  for (const r of records) if (r.text === undefined && r.samples.length > 0) kept.push(r);
  // the common case, one channel's records already in order (the decoder shares one id object
  // among a channel's records): no keys to make per record and nothing to sort
  let inOrder = true;
  for (let i = 1; i < kept.length && inOrder; i++) {
    const a = kept[i - 1]!;
    const b = kept[i]!;
    inOrder = b.id === a.id && (a.start < b.start || (a.start === b.start && a.recordNumber <= b.recordNumber));
  }
  let sorted: { r: MseedRecord; key: string }[];
  if (inOrder) {
    const key = kept.length > 0 ? formatChannelId(kept[0]!.id) : '';
    sorted = kept.map((r) => ({ r, key }));
  } else {
    // the channel key of each record, made once (the sort compares each record many times)
    sorted = kept.map((r) => ({ r, key: formatChannelId(r.id) }));
    sorted.sort((x, y) => {
      if (x.key !== y.key) return x.key < y.key ? -1 : 1;
      const a = x.r;
      const b = y.r;
      return a.start < b.start ? -1 : a.start > b.start ? 1 : a.recordNumber - b.recordNumber;
    });
  }
  let halfRate = Number.NaN;
  let half = 0n;
  const done: Building[] = [];
  for (const { r, key } of sorted) {
    let list = open.get(key);
    if (!list) open.set(key, (list = []));
    if (r.sampleRate !== halfRate) {
      halfRate = r.sampleRate;
      half = r.sampleRate > 0 ? samplePeriod(r.sampleRate) / 2n : 0n;
    }
    let target: Building | undefined;
    // records without a sample rate (state-of-health, logs) cannot be placed in time: never joined
    for (const b of r.sampleRate > 0 ? list : []) {
      const diff = r.start - b.next;
      if ((diff < 0n ? -diff : diff) <= half && sameRate(b.sampleRate, r.sampleRate) && b.kind === r.samples.constructor) {
        target = b;
        break;
      }
    }
    if (target) {
      target.parts.push(r.samples);
      target.count += r.samples.length;
      target.next = nextStart(r);
      if (r.quality !== target.quality) target.quality = 'M';
    } else {
      const b: Building = {
        id: r.id,
        key,
        start: r.start,
        sampleRate: r.sampleRate,
        parts: [r.samples],
        count: r.samples.length,
        quality: r.quality,
        kind: r.samples.constructor,
        next: nextStart(r),
      };
      list.push(b);
      done.push(b);
    }
  }
  // a segment of one record keeps that record's samples (no copy): processes work on float64 copies
  return done.map((b) => ({ id: b.id, start: b.start, sampleRate: b.sampleRate, samples: b.parts.length === 1 ? b.parts[0]! : concatSamples(b.parts), quality: b.quality }));
}

export interface GapOrOverlap {
  id: ChannelId;
  /** time of the last sample before the break. */
  after: Instant;
  /** time of the first sample after the break. */
  before: Instant;
  /** positive: a gap of this much missing time (beyond one sample period); negative: an overlap. */
  length: Duration;
  kind: 'gap' | 'overlap';
}

/** Gaps and overlaps between successive segments of the same channel (segments as recordsToSegments gives them). */
export function gapsAndOverlaps(segments: readonly Segment[]): GapOrOverlap[] {
  const out: GapOrOverlap[] = [];
  for (let i = 1; i < segments.length; i++) {
    const a = segments[i - 1]!;
    const b = segments[i]!;
    if (formatChannelId(a.id) !== formatChannelId(b.id) || !(a.sampleRate > 0)) continue;
    const last = segmentEnd(a);
    const expected = sampleTime(a.start, a.samples.length, a.sampleRate);
    const length = b.start - expected;
    out.push({ id: a.id, after: last, before: b.start, length, kind: length >= 0n ? 'gap' : 'overlap' });
  }
  return out;
}
