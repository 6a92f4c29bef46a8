/**
 * Processing works in float64: each process copies the samples once into a Float64Array and
 * then runs an in-place kernel on it, so a chain of kernels on one copy allocates nothing more.
 */
import type { Samples, Segment } from '../segment.js';
import { newFloat64Samples } from '../sample-slab.js';
import { formatInstant, sampleTime } from '../time.js';

/** A float64 copy of any sample array. */
export function toFloat64(samples: Samples): Float64Array {
  // set() converts typed arrays natively; Float64Array.from goes through the iterator
  const x = newFloat64Samples(samples.length);
  x.set(samples);
  return x;
}

/** The segment with new samples (and, when given, a new start or rate); what else it carries (calib, gaps...) goes along. */
export function withSamples<S extends Segment>(seg: S, samples: Samples, changes?: Partial<Pick<Segment, 'start' | 'sampleRate'>>): S {
  return changes ? { ...seg, ...changes, samples } : { ...seg, samples };
}

/** Apply an in-place float64 kernel to a copy of the segment's samples. */
export function mapFloat64<S extends Segment>(seg: S, kernel: (x: Float64Array) => void): S {
  const x = toFloat64(seg.samples);
  kernel(x);
  return withSamples(seg, x);
}

/** Samples that are NaN or infinite where a process would spread them over the whole series. */
export class NonFiniteSamplesError extends Error {
  constructor(
    readonly process: string,
    readonly index: number,
    readonly time: bigint,
    readonly count: number,
  ) {
    super(`${process}: ${count} sample(s) are NaN or infinite, the first at index ${index} (${formatInstant(time)}); a ${process} would spread them over the whole seismogram`);
    this.name = 'NonFiniteSamplesError';
  }
}

/** Throw NonFiniteSamplesError when any sample is NaN or infinite (integers never are). */
export function requireFinite(seg: Segment, process: string): void {
  const x = seg.samples;
  if (x instanceof Int32Array) return;
  let first = -1;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v - v !== 0) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first >= 0) throw new NonFiniteSamplesError(process, first, sampleTime(seg.start, first, seg.sampleRate), count);
}
