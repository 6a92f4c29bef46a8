/**
 * SAC's taper. Each end is multiplied by w(j) = f0 - f1 cos(omega j), j = 0 .. N-1 from the
 * outside in: HANNING f0 = f1 = 0.5, omega = pi/N; HAMMING f0 = 0.54, f1 = 0.46, omega = pi/N;
 * COSINE w(j) = sin(pi j / (2N)). N follows SAC's rule: width x (npts + 1) computed in float32
 * and truncated, at least 2. Weights are computed in float64.
 */
import type { Segment } from '../segment.js';
import { mapFloat64 } from './float.js';

export type TaperType = 'HANNING' | 'HAMMING' | 'COSINE';

export interface TaperOptions {
  /** fraction of the length tapered at each end (default 0.05). */
  width?: number;
  type?: TaperType;
}

/** How many samples SAC tapers at each end for this width and length. */
export function taperLength(width: number, npts: number): number {
  const t = Math.trunc(Math.fround(Math.fround(width) * Math.fround(npts + 1)));
  return t < 2 ? 2 : t;
}

/** The taper weight for sample j (from the end) of an N-sample taper. */
export function taperWeight(type: TaperType, j: number, n: number): number {
  if (type === 'COSINE') return Math.sin((Math.PI / (2 * n)) * j);
  const [f0, f1] = type === 'HAMMING' ? [0.54, 0.46] : [0.5, 0.5];
  return f0 - f1 * Math.cos((Math.PI / n) * j);
}

export function taperInPlace(x: Float64Array, options: TaperOptions = {}): void {
  const width = options.width ?? 0.05;
  const type = options.type ?? 'HANNING';
  if (!(width >= 0 && width <= 0.5)) throw new RangeError(`taper width must be between 0 and 0.5, got ${width}`);
  const n = x.length;
  if (n === 0 || width === 0) return;
  const len = taperLength(width, n);
  for (let j = 0; j < len && j <= n - 1 - j; j++) {
    const w = taperWeight(type, j, len);
    x[j]! *= w;
    // The middle sample of an odd length is weighted once, not twice.
    if (n - 1 - j !== j) x[n - 1 - j]! *= w;
  }
}

/** SOD's taper (SAC-compatible): both ends brought smoothly to zero. */
export function taper<S extends Segment>(seg: S, options: TaperOptions = {}): S {
  return mapFloat64(seg, (x) => taperInPlace(x, options));
}
