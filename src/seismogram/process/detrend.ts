/**
 * rMean and rTrend (SAC's rmean and rtrend): subtract the mean, or the least-squares straight
 * line, from the samples. Sums are taken in float64 about the middle of the series so that a
 * day of samples loses no precision to a large offset.
 */
import type { Segment } from '../segment.js';
import { newFloat64Samples } from '../sample-slab.js';
import { mapFloat64, requireFinite, withSamples } from './float.js';

/**
 * Integer samples summed this many at a time are exact in float64 (2^22 x 2^31 = 2^53): no
 * compensation is needed within a block, whose sum is the exact one Kahan's would reach.
 */
const EXACT_INT32_BLOCK = 1 << 22;

/** Mean of x (compensated summation; exact block sums for integers), NaN for an empty array. */
export function meanOf(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  if (x instanceof Int32Array) return int32Sum(x) / n;
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const y = x[i]! - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum / n;
}

/** Sum of integer samples: exact block sums, joined with compensation (exact below 2^53). */
function int32Sum(x: Int32Array): number {
  let sum = 0;
  let c = 0;
  for (let from = 0; from < x.length; from += EXACT_INT32_BLOCK) {
    const to = Math.min(x.length, from + EXACT_INT32_BLOCK);
    let block = 0;
    for (let i = from; i < to; i++) block += x[i]!;
    const y = block - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

export function removeMeanInPlace(x: Float64Array): number {
  const m = meanOf(x);
  if (Number.isNaN(m)) return m;
  for (let i = 0; i < x.length; i++) x[i]! -= m;
  return m;
}

/** Least-squares line through (i, x[i]): value at index 0 and slope per sample. */
export function lineFit(x: ArrayLike<number>): { intercept: number; slope: number } {
  const n = x.length;
  if (n === 0) return { intercept: NaN, slope: NaN };
  if (n === 1) return { intercept: x[0]!, slope: 0 };
  const mid = (n - 1) / 2;
  const m = meanOf(x);
  // Sum of (i - mid)^2 over i = 0..n-1 is n(n^2-1)/12.
  const sxx = (n * (n * n - 1)) / 12;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (i - mid) * (x[i]! - m);
  const slope = sxy / sxx;
  return { intercept: m - slope * mid, slope };
}

export function removeTrendInPlace(x: Float64Array): { intercept: number; slope: number } {
  const fit = lineFit(x);
  if (x.length === 0) return fit;
  for (let i = 0; i < x.length; i++) x[i]! -= fit.intercept + fit.slope * i;
  return fit;
}

/** SOD's rMean: the segment minus its mean (float64 samples). */
export function rMean<S extends Segment>(seg: S): S {
  requireFinite(seg, 'rMean');
  // the mean of the samples as they are, then the float64 copy and the subtraction in one pass:
  // the same numbers as removeMeanInPlace on a copy, one pass over the samples fewer
  const from = seg.samples;
  const m = meanOf(from);
  const x = newFloat64Samples(from.length);
  if (Number.isNaN(m)) x.set(from);
  else for (let i = 0; i < from.length; i++) x[i] = from[i]! - m;
  return withSamples(seg, x);
}

/** SOD's rTrend: the segment minus its least-squares line (float64 samples). */
export function rTrend<S extends Segment>(seg: S): S {
  requireFinite(seg, 'rTrend');
  return mapFloat64(seg, removeTrendInPlace);
}
