/**
 * Statistics against an independent, straightforward two-pass float64 computation; cuts at
 * exact sample boundaries; seismogramSampling; phaseSignalToNoise against the same formula
 * computed here by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleStatistics, seriesStatistics, StatisticsAccumulator } from '../../src/seismogram/statistics.js';
import { merge } from '../../src/seismogram/merge.js';
import { cutSegment, requestCut } from '../../src/seismogram/cut.js';
import { phaseSignalToNoise } from '../../src/seismogram/signal-to-noise.js';
import { minMaxValue, seismogramSampling, statisticValue } from '../../src/seismogram/value-checks.js';
import type { Segment } from '../../src/seismogram/segment.js';
import { NS_PER_SECOND, parseInstant, sampleTime } from '../../src/seismogram/time.js';

const id = { network: 'XX', station: 'T', location: '', channel: 'BHZ' };
const T0 = parseInstant('2020-01-01T00:00:00Z');

/** A deterministic pseudo-random sequence in [0, 1) (a 32-bit LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function naive(values: number[]) {
  const all = values.length;
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return {
    count: all,
    finite: n,
    finiteFraction: n / all,
    min: Math.min(...v),
    max: Math.max(...v),
    mean,
    std: Math.sqrt(ss / (n - 1)),
    rms: Math.sqrt(v.reduce((a, b) => a + b * b, 0) / n),
    peakToPeak: Math.max(...v) - Math.min(...v),
  };
}

function expectRel(actual: Record<string, number>, expected: Record<string, number>, rel = 1e-9): void {
  for (const [k, e] of Object.entries(expected)) {
    const a = actual[k]!;
    expect(Math.abs(a - e), `${k}: ${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(e), 1e-300));
  }
}

describe('sample statistics', () => {
  it('match a plain two-pass computation on offset data with NaN and infinities', () => {
    const r = lcg(7);
    const x = Float64Array.from({ length: 50_000 }, () => 1e6 + 1000 * (r() - 0.5));
    x[10] = NaN;
    x[20] = Infinity;
    x[30] = -Infinity;
    expectRel(sampleStatistics(x) as unknown as Record<string, number>, naive(Array.from(x)));
  });
  it('match on integer counts and float32 samples', () => {
    const r = lcg(11);
    const i = Int32Array.from({ length: 10_001 }, () => Math.round(2 ** 24 * (r() - 0.3)));
    expectRel(sampleStatistics(i) as unknown as Record<string, number>, naive(Array.from(i)));
    const f = Float32Array.from({ length: 999 }, () => r() * 1e-3);
    expectRel(sampleStatistics(f) as unknown as Record<string, number>, naive(Array.from(f)));
  });
  it('leave out excluded ranges and masked samples', () => {
    const r = lcg(3);
    const x = Float64Array.from({ length: 1000 }, () => r() * 10);
    x.fill(0, 100, 200); // a zero-filled gap
    const mask = new Uint8Array(1000);
    mask.fill(1, 500, 520);
    const kept = Array.from(x).filter((_, k) => !(k >= 100 && k < 200) && !(k >= 500 && k < 520));
    const s = sampleStatistics(x, { exclude: [{ from: 100, to: 200 }], mask });
    expectRel(s as unknown as Record<string, number>, naive(kept));
    expect(s.count).toBe(880);
    expect(() => sampleStatistics(x, { mask: new Uint8Array(3) })).toThrow(/mask has 3 entries for 1000 samples/);
  });
  it('of a zero-filled merged series ignore the filled samples', () => {
    const a: Segment = { id, start: T0, sampleRate: 10, samples: Int32Array.of(5, 6, 7) };
    const b: Segment = { id, start: sampleTime(T0, 10, 10), sampleRate: 10, samples: Int32Array.of(8, 9) };
    const filled = merge([a, b], { fill: 'zero' });
    const plain = merge([a, b]);
    if (!filled.ok || !plain.ok) throw new Error('merge failed');
    expect(filled.series.runs[0]!.samples.length).toBe(12);
    expectRel(seriesStatistics(filled.series) as unknown as Record<string, number>, naive([5, 6, 7, 8, 9]));
    expectRel(seriesStatistics(plain.series) as unknown as Record<string, number>, naive([5, 6, 7, 8, 9]));
  });
  it('match the two-pass computation for any length, offset, mask and stretches (blocks of samples folded together)', () => {
    // lengths around and across the accumulator's block size (2048), in one call or in stretches
    const lengths = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2040, max: 2060 }), fc.integer({ min: 4090, max: 9000 }));
    fc.assert(
      fc.property(
        lengths,
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom(0, 1e6, -3e7, 1e-6),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 3 }),
        (length, seed, offset, masked, cuts) => {
          const r = lcg(seed);
          const x = Float64Array.from({ length }, () => (r() < 0.002 ? NaN : offset + 500 * (r() - 0.5)));
          const mask = masked ? Uint8Array.from({ length }, () => (r() < 0.1 ? 1 : 0)) : undefined;
          const kept = Array.from(x).filter((_, k) => !mask || mask[k] === 0);
          if (!kept.some(Number.isFinite) || kept.filter(Number.isFinite).length < 2) return;
          expectRel(sampleStatistics(x, mask ? { mask } : {}) as unknown as Record<string, number>, naive(kept));
          // the same samples given in stretches
          const acc = new StatisticsAccumulator();
          const edges = [0, ...cuts.map((c) => c % (length + 1)).sort((a, b) => a - b), length];
          for (let k = 1; k < edges.length; k++) acc.add(x, edges[k - 1]!, edges[k]!, mask);
          expectRel(acc.result() as unknown as Record<string, number>, naive(kept));
        },
      ),
      { numRuns: 200 },
    );
  });
  it('say NaN, not a number made up, when nothing is finite', () => {
    const s = sampleStatistics(Float64Array.of(NaN, NaN));
    expect(s.finiteFraction).toBe(0);
    expect(s.mean).toBeNaN();
    expect(sampleStatistics(new Float64Array(0)).finiteFraction).toBeNaN();
  });
  it('give the cookie values of mean, stddev, rms and minMax', () => {
    const seg: Segment = { id, start: T0, sampleRate: 1, samples: Int32Array.of(1, 2, 3, 4) };
    expect(statisticValue('mean', seg)).toBe(2.5);
    expect(statisticValue('stddev', seg)).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(statisticValue('rms', seg)).toBeCloseTo(Math.sqrt(30 / 4), 14);
    expect(minMaxValue(seg)).toEqual({ min: 1, max: 4 });
  });
});

describe('cut', () => {
  const seg: Segment = { id, start: T0, sampleRate: 40, samples: Int32Array.from({ length: 400 }, (_, i) => i) };
  it('keeps samples at exactly the window edges, and not one nanosecond outside', () => {
    const c = cutSegment(seg, { start: sampleTime(T0, 40, 40), end: sampleTime(T0, 80, 40) })!;
    expect(c.start).toBe(T0 + NS_PER_SECOND);
    expect(c.samples[0]).toBe(40);
    expect(c.samples.length).toBe(41);
    const d = cutSegment(seg, { start: sampleTime(T0, 40, 40) + 1n, end: sampleTime(T0, 80, 40) - 1n })!;
    expect([d.samples[0], d.samples[d.samples.length - 1]]).toEqual([41, 79]);
    expect(d.start).toBe(sampleTime(T0, 41, 40));
  });
  it('gives nothing outside the data, and clips at the data edges', () => {
    expect(cutSegment(seg, { start: T0 - 100n * NS_PER_SECOND, end: T0 - NS_PER_SECOND })).toBeUndefined();
    const c = cutSegment(seg, { start: T0 - NS_PER_SECOND, end: T0 + 100n * NS_PER_SECOND })!;
    expect(c.samples.length).toBe(400);
  });
  it('requestCut makes a piece per overlapping window', () => {
    const out = requestCut([seg], [
      { start: T0, end: sampleTime(T0, 9, 40) },
      { start: sampleTime(T0, 100, 40), end: sampleTime(T0, 109, 40) },
      { start: T0 + 3600n * NS_PER_SECOND, end: T0 + 3700n * NS_PER_SECOND },
    ]);
    expect(out.map((s) => [s.samples[0], s.samples.length])).toEqual([[0, 10], [100, 10]]);
  });
});

describe('seismogramSampling', () => {
  it('counts samples per interval', () => {
    const seg = (rate: number): Segment => ({ id, start: T0, sampleRate: rate, samples: new Int32Array(1) });
    expect(seismogramSampling(seg(20), { min: 20, max: 100, interval: { unit: 'SECOND', value: 1 } })).toEqual({ pass: true });
    expect(seismogramSampling(seg(0.1), { min: 6, interval: { unit: 'MINUTE', value: 1 } })).toEqual({ pass: true });
    const r = seismogramSampling(seg(200), { max: 100, interval: { unit: 'SECOND', value: 1 } });
    expect(r.pass ? '' : r.reason).toMatch(/200 samples per 1 SECOND is outside -..100/);
    expect(seismogramSampling(seg(1), { min: 1, interval: { unit: 'METER', value: 1 } }).pass).toBe(false);
  });
});

describe('phaseSignalToNoise', () => {
  const rate = 20;
  const r = lcg(5);
  const n = 6000;
  const phaseIndex = 4000;
  const x = Float64Array.from({ length: n }, (_, i) => 100 + (r() - 0.5) + (i >= phaseIndex && i < phaseIndex + 100 ? 10 * Math.sin(i / 3) : 0));
  const seg: Segment = { id, start: T0, sampleRate: rate, samples: x };
  const phase = sampleTime(T0, phaseIndex, rate);
  const s = (v: number): bigint => BigInt(v) * NS_PER_SECOND;
  const windows = { shortOffsetBegin: s(-1), shortOffsetEnd: s(5), longOffsetBegin: s(-100), longOffsetEnd: s(-5) };

  it('is the short window spread about the long mean over the long std', () => {
    const short = Array.from(x.slice(phaseIndex - 20, phaseIndex + 100 + 1));
    const long = Array.from(x.slice(phaseIndex - 2000, phaseIndex - 100 + 1));
    const lm = long.reduce((a, b) => a + b, 0) / long.length;
    const lstd = Math.sqrt(long.reduce((a, b) => a + (b - lm) ** 2, 0) / (long.length - 1));
    const num = Math.sqrt(short.reduce((a, b) => a + (b - lm) ** 2, 0) / (short.length - 1));
    const out = phaseSignalToNoise([seg], phase, windows, 3);
    expect(out.pass).toBe(true);
    expect(out.ratio).toBeCloseTo(num / lstd, 10);
    const fail = phaseSignalToNoise([seg], phase, windows, 1e6);
    expect(fail.pass).toBe(false);
    expect(fail.reason).toMatch(/is not above 1000000/);
  });
  it('fails with a reason when the windows fall outside the data', () => {
    const out = phaseSignalToNoise([seg], T0 - 3600n * NS_PER_SECOND, windows, 1);
    expect(out).toMatchObject({ pass: false, ratio: undefined });
    expect(out.reason).toMatch(/more than one sample/);
  });
});
