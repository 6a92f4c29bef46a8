/**
 * rMean works in one pass (mean of the samples as they are, then copy and subtract together).
 * It must give bit for bit what the two-pass way gives: a float64 copy, then removeMeanInPlace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeMeanInPlace, rMean } from '../../src/seismogram/process/detrend.js';
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

  it('an empty seismogram stays empty', () => {
    expect(rMean(seg(new Int32Array(0))).samples).toEqual(new Float64Array(0));
  });
});
