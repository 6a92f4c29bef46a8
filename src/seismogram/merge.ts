/**
 * Merge: the segments of one channel glued into one series on one sample grid.
 *
 * - Each segment is placed relative to the one before it (segments sorted by start): it takes
 *   the slot nearest to its start time, so a start within half a sample period of where the
 *   previous segment ends is contiguous (SEED's and libmseed's rule). How far any sample ends up
 *   from its recorded time is reported as `maxShift`.
 * - Gaps are kept as a list of {start, end} (the last sample before, the first sample after)
 *   and filled, with zeros or a straight line, only when asked.
 * - Samples covered twice are compared: copies that agree (exactly for integers, to a few ulps
 *   for floats) collapse into one; a disagreement rejects the merge with where and how many,
 *   unless the caller asks to keep the first or the last copy.
 * - Segments of another channel or another sample rate (libmseed's tolerance) are not merged.
 * - A window (closed: samples at exactly its start or end are kept) cuts the result in the
 *   same step. Segments are trimmed to it (views, one sample of margin) before they are placed,
 *   so only the window's samples are copied and an overlap outside it cannot reject the merge.
 */
import { formatChannelId, sameChannel, type ChannelId } from './identity.js';
import type { Samples, Segment } from './segment.js';
import { sampleTime, formatInstant, type Duration, type Instant } from './time.js';
import { firstIndexAtOrAfter, lastIndexAtOrBefore, periodsIn, sameSampleRate } from './sample-index.js';
import { PieceGrid, type OverlapPolicy, type Piece } from './merge/placement.js';

export type { OverlapPolicy } from './merge/placement.js';

/** A hole in the data: no samples strictly between `start` and `end`. */
export interface Gap {
  /** time of the last sample before the hole. */
  start: Instant;
  /** time of the first sample after the hole. */
  end: Instant;
  /** how many sample slots are empty (or were filled). */
  missing: number;
}

/** Samples that two segments both held, collapsed into one copy. */
export interface CollapsedOverlap {
  /** first and last doubly covered sample times. */
  start: Instant;
  end: Instant;
  samples: number;
  /** samples whose copies disagreed (0 when they all agreed). */
  disagreeing: number;
  kept: 'earlier' | 'later';
}

export interface TimeWindow {
  start: Instant;
  end: Instant;
}

export interface MergeOptions {
  /** fill gaps: 'none' (the default) keeps separate runs, 'zero' or 'linear' makes one run. */
  fill?: 'none' | 'zero' | 'linear';
  /** where overlapping copies disagree (default 'reject'). */
  onConflict?: Exclude<OverlapPolicy, 'longer'>;
  /** cut the result to this window (closed at both ends). */
  window?: TimeWindow;
  /** refuse to build a series longer than this many samples (default 100 million). */
  maxSamples?: number;
}

export interface MergedSeries {
  id: ChannelId;
  sampleRate: number;
  /** contiguous runs in time order; exactly one when gaps were filled (or there were none). */
  runs: Segment[];
  /** holes between the runs (or, when filled, the stretches that were filled). */
  gaps: Gap[];
  overlaps: CollapsedOverlap[];
  /** largest distance between a sample's recorded time and its time in the merged series. */
  maxShift: Duration;
  /** how the gaps were treated. */
  fill: 'none' | 'zero' | 'linear';
}

export type MergeRejection =
  | { kind: 'noData' }
  | { kind: 'channelMismatch'; segment: number; expected: string; found: string }
  | { kind: 'sampleRateMismatch'; segment: number; at: Instant; expected: number; found: number }
  | {
      kind: 'overlapDisagrees';
      /** the overlap's first and last doubly covered sample times. */
      start: Instant;
      end: Instant;
      overlapSamples: number;
      disagreeing: number;
      /** the first disagreeing sample: its time and the two copies. */
      at: Instant;
      values: [number, number];
      /** indices (in the caller's list) of the two segments. */
      segments: [number, number];
    }
  | { kind: 'outsideWindow'; window: TimeWindow; dataStart: Instant; dataEnd: Instant }
  | { kind: 'tooLong'; start: Instant; end: Instant; samples: number; limit: number };

export type MergeOutcome = { ok: true; series: MergedSeries } | { ok: false; reason: MergeRejection };

/** A merge rejection in words, with the times in ISO form. */
export function describeMergeRejection(r: MergeRejection): string {
  switch (r.kind) {
    case 'noData':
      return 'no samples to merge';
    case 'channelMismatch':
      return `segment ${r.segment} is channel ${r.found}, not ${r.expected}`;
    case 'sampleRateMismatch':
      return `segment ${r.segment} at ${formatInstant(r.at)} has ${r.found} samples/s, not ${r.expected}`;
    case 'overlapDisagrees':
      return (
        `segments ${r.segments[0]} and ${r.segments[1]} overlap for ${r.overlapSamples} samples from ${formatInstant(r.start)} ` +
        `to ${formatInstant(r.end)} and ${r.disagreeing} of them disagree, first at ${formatInstant(r.at)} ` +
        `(${r.values[0]} vs ${r.values[1]})`
      );
    case 'tooLong':
      return `the merged series from ${formatInstant(r.start)} to ${formatInstant(r.end)} would hold ${r.samples} samples, more than the limit of ${r.limit}`;
    case 'outsideWindow':
      return `no sample between ${formatInstant(r.window.start)} and ${formatInstant(r.window.end)}: the data run from ${formatInstant(r.dataStart)} to ${formatInstant(r.dataEnd)}`;
  }
}

/** An error carrying a merge rejection, for callers that prefer to throw. */
export class MergeRejectedError extends Error {
  constructor(readonly reason: MergeRejection) {
    super(describeMergeRejection(reason));
    this.name = 'MergeRejectedError';
  }
}

interface Placed {
  /** input segments, sorted, non-empty. */
  order: number[];
  grid: PieceGrid;
  t0: Instant;
  rate: number;
  maxShift: Duration;
  overlaps: CollapsedOverlap[];
}

type PlaceOutcome = { ok: true; placed: Placed } | { ok: false; reason: MergeRejection };

function place(segments: readonly Segment[], policy: OverlapPolicy): PlaceOutcome {
  const order = segments.map((_, i) => i).filter((i) => segments[i]!.samples.length > 0);
  if (order.length === 0) return { ok: false, reason: { kind: 'noData' } };
  const ref = segments[order[0]!]!;
  for (const i of order) {
    const s = segments[i]!;
    if (!sameChannel(s.id, ref.id)) {
      return { ok: false, reason: { kind: 'channelMismatch', segment: i, expected: formatChannelId(ref.id), found: formatChannelId(s.id) } };
    }
    if (!sameSampleRate(s.sampleRate, ref.sampleRate)) {
      return { ok: false, reason: { kind: 'sampleRateMismatch', segment: i, at: s.start, expected: ref.sampleRate, found: s.sampleRate } };
    }
  }
  // By start; at equal starts the longer first, so a shorter duplicate is checked against it.
  // Starts are compared as float offsets from the earliest, exact while the span is under 2^53 ns
  // (104 days), which spares thousands of bigint comparisons; longer spans compare bigints.
  let earliest = ref.start;
  let latest = ref.start;
  for (const i of order) {
    const t = segments[i]!.start;
    if (t < earliest) earliest = t;
    if (t > latest) latest = t;
  }
  if (latest - earliest < 2n ** 53n) {
    const key = new Float64Array(segments.length);
    for (const i of order) key[i] = Number(segments[i]!.start - earliest);
    order.sort((a, b) => key[a]! - key[b]! || segments[b]!.samples.length - segments[a]!.samples.length || a - b);
  } else {
    order.sort((a, b) => {
      const sa = segments[a]!;
      const sb = segments[b]!;
      if (sa.start !== sb.start) return sa.start < sb.start ? -1 : 1;
      return sb.samples.length - sa.samples.length || a - b;
    });
  }
  const rate = segments[order[0]!]!.sampleRate;
  const t0 = segments[order[0]!]!.start;
  const grid = new PieceGrid(segments.map((s) => s.samples));
  const overlaps: CollapsedOverlap[] = [];
  let maxShift = 0n;
  let anchorSlot = 0;
  let anchorStart = t0;
  for (const i of order) {
    const s = segments[i]!;
    const slot = anchorSlot + periodsIn(s.start - anchorStart, rate);
    anchorSlot = slot;
    anchorStart = s.start;
    const shift = s.start - sampleTime(t0, slot, rate);
    if ((shift < 0n ? -shift : shift) > maxShift) maxShift = shift < 0n ? -shift : shift;
    const found = grid.place(i, slot, policy);
    if (!found) continue;
    const start = sampleTime(t0, found.from, rate);
    const end = sampleTime(t0, found.to - 1, rate);
    if (found.disagreeing > 0 && policy === 'reject') {
      const fd = found.firstDisagreement!;
      return {
        ok: false,
        reason: {
          kind: 'overlapDisagrees',
          start,
          end,
          overlapSamples: found.to - found.from,
          disagreeing: found.disagreeing,
          at: sampleTime(t0, fd.slot, rate),
          values: fd.values,
          segments: [fd.earlierOrigin, i],
        },
      };
    }
    overlaps.push({ start, end, samples: found.to - found.from, disagreeing: found.disagreeing, kept: found.kept });
  }
  return { ok: true, placed: { order, grid, t0, rate, maxShift, overlaps } };
}

/** The sample kind of the output: the inputs' common kind, or float64 when they are mixed. */
function outputKind(segments: readonly Segment[], order: readonly number[]): new (n: number) => Samples {
  const first = segments[order[0]!]!.samples.constructor as new (n: number) => Samples;
  for (const i of order) if (segments[i]!.samples.constructor !== first) return Float64Array;
  return first;
}

/** Cut the piece list to slots [lo, hi]. */
function clipPieces(pieces: readonly Piece[], lo: number, hi: number): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const from = Math.max(p.slot, lo);
    const to = Math.min(p.slot + p.len, hi + 1);
    if (to <= from) continue;
    out.push({ slot: from, len: to - from, origin: p.origin, offset: p.offset + (from - p.slot) });
  }
  return out;
}

/**
 * Each segment cut to the window plus one sample either side (subarray views; the same positions,
 * so rejections still name the caller's segments). The margin leaves the exact edge to the grid,
 * where a segment placed a fraction of a sample off its recorded time is judged by its slot.
 */
function trimToWindow(segments: readonly Segment[], w: TimeWindow): Segment[] {
  return segments.map((s) => {
    const n = s.samples.length;
    if (n === 0 || !(s.sampleRate > 0)) return s;
    const first = Math.max(0, firstIndexAtOrAfter(s.start, s.sampleRate, w.start) - 1);
    const last = Math.min(n - 1, lastIndexAtOrBefore(s.start, s.sampleRate, w.end) + 1);
    if (first === 0 && last === n - 1) return s;
    if (last < first) return { ...s, samples: s.samples.subarray(0, 0) };
    return { ...s, start: sampleTime(s.start, first, s.sampleRate), samples: s.samples.subarray(first, last + 1) };
  });
}

/** First and last sample times over the segments that hold samples. */
function dataSpan(segments: readonly Segment[]): { start: Instant; end: Instant } | undefined {
  let span: { start: Instant; end: Instant } | undefined;
  for (const s of segments) {
    if (s.samples.length === 0) continue;
    const end = s.sampleRate > 0 ? sampleTime(s.start, s.samples.length - 1, s.sampleRate) : s.start;
    if (!span) span = { start: s.start, end };
    else {
      if (s.start < span.start) span.start = s.start;
      if (end > span.end) span.end = end;
    }
  }
  return span;
}

/** A filled series longer than this is refused rather than allocated (800 MB of float64). */
const DEFAULT_MAX_SAMPLES = 100_000_000;

/** Glue the segments of one channel; see the module comment for the rules. */
export function merge(input: readonly Segment[], options: MergeOptions = {}): MergeOutcome {
  const fill = options.fill ?? 'none';
  const w = options.window;
  const segments = w ? trimToWindow(input, w) : input;
  if (w && segments.every((s) => s.samples.length === 0)) {
    const span = dataSpan(input);
    if (span) return { ok: false, reason: { kind: 'outsideWindow', window: w, dataStart: span.start, dataEnd: span.end } };
  }
  const placedOutcome = place(segments, options.onConflict ?? 'reject');
  if (!placedOutcome.ok) return placedOutcome;
  const { order, grid, t0, rate, maxShift, overlaps } = placedOutcome.placed;
  let pieces: Piece[] = grid.pieces;
  if (w) {
    const lo = firstIndexAtOrAfter(t0, rate, w.start);
    const hi = lastIndexAtOrBefore(t0, rate, w.end);
    const clipped = clipPieces(pieces, lo, hi);
    if (clipped.length === 0) {
      const span = dataSpan(input)!;
      return { ok: false, reason: { kind: 'outsideWindow', window: w, dataStart: span.start, dataEnd: span.end } };
    }
    pieces = clipped;
  }
  const Kind = outputKind(segments, order);
  // Group pieces into runs of consecutive slots.
  const runGroups: Piece[][] = [];
  for (const p of pieces) {
    const cur = runGroups[runGroups.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur && prev && prev.slot + prev.len === p.slot) cur.push(p);
    else runGroups.push([p]);
  }
  const gaps: Gap[] = [];
  for (let g = 1; g < runGroups.length; g++) {
    const before = runGroups[g - 1]![runGroups[g - 1]!.length - 1]!;
    const after = runGroups[g]![0]!;
    const lastSlot = before.slot + before.len - 1;
    gaps.push({ start: sampleTime(t0, lastSlot, rate), end: sampleTime(t0, after.slot, rate), missing: after.slot - lastSlot - 1 });
  }
  const id = segments[order[0]!]!.id;
  const quality = commonQuality(segments, order);
  const write = (out: Samples, base: number, group: readonly Piece[]): void => {
    for (const p of group) {
      const src = segments[p.origin]!.samples;
      const view = src.subarray(p.offset, p.offset + p.len);
      if (out.constructor === src.constructor) out.set(view as never, p.slot - base);
      else for (let k = 0; k < p.len; k++) out[p.slot - base + k] = view[k]!;
    }
  };
  let runs: Segment[];
  if (fill === 'none' || runGroups.length === 1) {
    runs = runGroups.map((group) => {
      const base = group[0]!.slot;
      const last = group[group.length - 1]!;
      const out = new Kind(last.slot + last.len - base);
      write(out, base, group);
      return withQuality({ id, start: sampleTime(t0, base, rate), sampleRate: rate, samples: out }, quality);
    });
  } else {
    const base = runGroups[0]![0]!.slot;
    const lastGroup = runGroups[runGroups.length - 1]!;
    const lastPiece = lastGroup[lastGroup.length - 1]!;
    const total = lastPiece.slot + lastPiece.len - base;
    const limit = options.maxSamples ?? DEFAULT_MAX_SAMPLES;
    if (total > limit) {
      return { ok: false, reason: { kind: 'tooLong', start: sampleTime(t0, base, rate), end: sampleTime(t0, base + total - 1, rate), samples: total, limit } };
    }
    const out = new Kind(total);
    for (const group of runGroups) write(out, base, group);
    if (fill === 'linear') {
      for (let g = 1; g < runGroups.length; g++) {
        const before = runGroups[g - 1]![runGroups[g - 1]!.length - 1]!;
        const p = before.slot + before.len - 1 - base;
        const q = runGroups[g]![0]!.slot - base;
        const a = out[p]!;
        const b = out[q]!;
        const round = out instanceof Int32Array;
        for (let k = p + 1; k < q; k++) {
          const v = a + ((b - a) * (k - p)) / (q - p);
          out[k] = round ? Math.round(v) : v;
        }
      }
    }
    runs = [withQuality({ id, start: sampleTime(t0, base, rate), sampleRate: rate, samples: out }, quality)];
  }
  return { ok: true, series: { id, sampleRate: rate, runs, gaps, overlaps, maxShift, fill: runGroups.length === 1 ? 'none' : fill } };
}

function commonQuality(segments: readonly Segment[], order: readonly number[]): string | undefined {
  const q = segments[order[0]!]!.quality;
  for (const i of order) if (segments[i]!.quality !== q) return 'M';
  return q;
}

function withQuality(seg: Segment, quality: string | undefined): Segment {
  return quality === undefined ? seg : { ...seg, quality };
}

/**
 * SOD's gapFill: one continuous seismogram from the pieces of a channel, overlaps collapsed
 * (disagreeing overlaps reject unless a copy is chosen) and holes filled with zeros or a line.
 */
export function gapFill(segments: readonly Segment[], how: 'zero' | 'linear', onConflict: MergeOptions['onConflict'] = 'reject'): MergeOutcome {
  return merge(segments, { fill: how, onConflict });
}

export type CollapseOutcome = { ok: true; segments: Segment[]; overlaps: CollapsedOverlap[] } | { ok: false; reason: MergeRejection };

/**
 * Removes doubly held samples without gluing anything: each input segment comes back (in time
 * order) trimmed or split where another copy was kept, at its own recorded times. With policy
 * 'longer' (SOD's collapseOverlaps) a disagreeing partial overlap keeps the longer segment whole;
 * copies that agree always collapse into the earlier one.
 */
export function collapseOverlaps(segments: readonly Segment[], policy: OverlapPolicy = 'longer'): CollapseOutcome {
  const placedOutcome = place(segments, policy);
  if (!placedOutcome.ok) return placedOutcome;
  const out: Segment[] = [];
  let prev: Piece | undefined;
  let start = 0;
  const flush = (last: Piece | undefined): void => {
    if (!last) return;
    const src = segments[last.origin]!;
    out.push({ ...src, start: sampleTime(src.start, start, src.sampleRate), samples: src.samples.slice(start, last.offset + last.len) });
  };
  for (const p of placedOutcome.placed.grid.pieces) {
    // Pieces of one segment that still follow each other stay one segment.
    if (prev && prev.origin === p.origin && prev.offset + prev.len === p.offset && prev.slot + prev.len === p.slot) {
      prev = p;
      continue;
    }
    flush(prev);
    prev = p;
    start = p.offset;
  }
  flush(prev);
  return { ok: true, segments: out, overlaps: placedOutcome.placed.overlaps };
}

/** The merged series as one segment: its only run (throws when unfilled gaps remain). */
export function singleSegment(series: MergedSeries): Segment {
  if (series.runs.length !== 1) {
    throw new Error(`${formatChannelId(series.id)} has ${series.gaps.length} unfilled gap(s); merge with fill 'zero' or 'linear' for one segment`);
  }
  return series.runs[0]!;
}

/** Index ranges [from, to) of filled gap samples in the series' single run, for statistics to skip. */
export function filledGapRanges(series: MergedSeries): { from: number; to: number }[] {
  if (series.fill === 'none' || series.runs.length !== 1) return [];
  const run = series.runs[0]!;
  return series.gaps.map((g) => {
    const from = periodsIn(g.start - run.start, series.sampleRate) + 1;
    return { from, to: from + g.missing };
  });
}
