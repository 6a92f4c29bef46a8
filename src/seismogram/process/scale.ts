/** SOD's mul and div: every sample times (or divided by) a constant, in float64. */
import type { Segment } from '../segment.js';
import { mapFloat64 } from './float.js';

export function mul<S extends Segment>(seg: S, factor: number): S {
  if (!Number.isFinite(factor)) throw new RangeError(`mul needs a finite factor, got ${factor}`);
  return mapFloat64(seg, (x) => {
    for (let i = 0; i < x.length; i++) x[i]! *= factor;
  });
}

export function div<S extends Segment>(seg: S, divisor: number): S {
  if (!Number.isFinite(divisor) || divisor === 0) throw new RangeError(`div needs a finite, non-zero divisor, got ${divisor}`);
  return mapFloat64(seg, (x) => {
    for (let i = 0; i < x.length; i++) x[i]! /= divisor;
  });
}
