/**
 * rMean works in one pass (mean of the samples as they are, then copy and subtract together).
 * It must give bit for bit what the two-pass way gives: a float64 copy, then removeMeanInPlace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanOf, removeMeanInPlace, rMean } from '../../src/seismogram/process/detrend.js';
import type { Samples, Segment } from '../../src/seismogram/segment.js';

const seg = (samples: Samples): Segment => ({ id: { network: 'XX', station: 'S', location: '', channel: 'BHZ' }, start: 0n, sampleRate: 20, samples });

function twoPass(samples: Samples): Float64Array {
  const x = new Float64Array(samples);
  removeMeanInPlace(x);
  return x;
}

describe('rMean in one pass', () => {
  it('equals a float64 copy minus its mean, bit for bit, for integer and float samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 3000 }),
        fc.constantFrom('int32', 'float32', 'float64'),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (values, kind, offset) => {
          const samples: Samples =
            kind === 'int32' ? Int32Array.from(values) : kind === 'float32' ? Float32Array.from(values, (v) => v / 7 + offset) : Float64Array.from(values, (v) => v / 7 + offset);
          const before = Array.from(samples);
          const out = rMean(seg(samples)).samples;
          expect(out).toBeInstanceOf(Float64Array);
          expect(Array.from(out)).toEqual(Array.from(twoPass(samples)));
          // the input is left as it was
          expect(Array.from(samples)).toEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the mean of integer samples is the exact sum divided once, also past 2^22 samples near the int32 limit', () => {
    const exactSum = (x: Int32Array): bigint => x.reduce((s, v) => s + BigInt(v), 0n);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 3000 }), (values) => {
        const x = Int32Array.from(values);
        expect(meanOf(x)).toBe(Number(exactSum(x)) / x.length);
      }),
      { numRuns: 200 },
    );
    // 2^22 + 1000 samples near the int32 limit: the sum passes 2^53, where block sums are joined with compensation
    const n = (1 << 22) + 1000;
    const x = new Int32Array(n);
    for (let i = 0; i < n; i++) x[i] = 2 ** 31 - 1 - (i % 11);
    const sum = exactSum(x);
    expect(Math.abs(Number(sum))).toBeGreaterThan(2 ** 53);
    const exactMean = Number(sum) / n; // within 2^-52 of the true mean
    expect(Math.abs(meanOf(x) - exactMean) / exactMean).toBeLessThan(2 ** -51);
  });

  it('what else the seismogram carries (calib, gaps, filled ranges) goes along unchanged', () => {
    const gaps = [{ start: 10n, end: 20n }];
    const filled = [{ from: 3, to: 5 }];
    const out = rMean({ ...seg(Int32Array.from([1, 2, 3, 4, 5, 6])), calib: 0.5, gaps, filled, quality: 'M' });
    expect(out).toMatchObject({ calib: 0.5, gaps, filled, quality: 'M', start: 0n, sampleRate: 20 });
    expect(Array.from(out.samples)).toEqual([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]);
  });

  it('an empty seismogram stays empty', () => {
    expect(rMean(seg(new Int32Array(0))).samples).toEqual(new Float64Array(0));
  });
});
