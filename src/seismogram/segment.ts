/**
 * A segment: an evenly sampled, gap-free run of samples from one channel.
 */
import type { ChannelId } from './identity.js';
import { newSamplesLike } from './sample-slab.js';
import { sampleTime, type Instant } from './time.js';

export type Samples = Int32Array | Float32Array | Float64Array;

export interface Segment {
  id: ChannelId;
  /** time of the first sample. */
  start: Instant;
  /** samples per second (Hz). */
  sampleRate: number;
  samples: Samples;
  /** SEED data quality indicator (D, R, Q, M) when known. */
  quality?: string;
}

/** Time of the last sample (the start when there is at most one sample). */
export function segmentEnd(seg: Segment): Instant {
  const n = seg.samples.length;
  // without a sample rate the samples have no times of their own
  return n <= 1 || !(seg.sampleRate > 0) ? seg.start : sampleTime(seg.start, n - 1, seg.sampleRate);
}

/** Time one sample period after the last sample: where a contiguous next segment would start. */
export function segmentNextStart(seg: Segment): Instant {
  return sampleTime(seg.start, seg.samples.length, seg.sampleRate);
}

/** Time of sample i of the segment. */
export function segmentSampleTime(seg: Segment, i: number): Instant {
  return sampleTime(seg.start, i, seg.sampleRate);
}

/** Concatenate sample arrays of one kind into a new array of that kind. */
export function concatSamples(parts: readonly Samples[]): Samples {
  if (parts.length === 0) return new Int32Array(0);
  const first = parts[0]!;
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = newSamplesLike(first, total);
  let at = 0;
  for (const p of parts) {
    if (p.constructor !== first.constructor) throw new TypeError('cannot join samples of different kinds (integer and float)');
    out.set(p as never, at);
    at += p.length;
  }
  return out;
}

/** 'int32' | 'float32' | 'float64' for a sample array. */
export function sampleKind(s: Samples): 'int32' | 'float32' | 'float64' {
  if (s instanceof Int32Array) return 'int32';
  if (s instanceof Float32Array) return 'float32';
  return 'float64';
}
