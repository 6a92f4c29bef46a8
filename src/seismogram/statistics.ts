/**
 * Sample statistics in float64: min, max, mean, standard deviation (n-1), rms, peak-to-peak and the
 * fraction of finite samples. Mean and variance are taken from deviations about a block mean (see
 * StatisticsAccumulator), so a large offset (counts around 1e6) costs no precision. Samples can be
 * left out by index ranges (the filled gaps of a merged series) or by a mask; non-finite samples
 * (NaN, ±Infinity) count against the finite fraction and are left out of every other figure.
 */
import type { Samples } from './segment.js';
import { filledGapRanges, type MergedSeries } from './merge.js';

export interface SampleStatistics {
  /** samples considered (not excluded by ranges or mask). */
  count: number;
  /** finite samples among them. */
  finite: number;
  /** finite / count (NaN when nothing was considered). */
  finiteFraction: number;
  min: number;
  max: number;
  mean: number;
  /** standard deviation with the n-1 divisor (NaN for fewer than two finite samples). */
  std: number;
  /** root mean square, sqrt(sum x^2 / n). */
  rms: number;
  peakToPeak: number;
}

export interface IndexRange {
  from: number;
  /** exclusive. */
  to: number;
}

export interface StatisticsOptions {
  /** index ranges [from, to) to leave out. */
  exclude?: readonly IndexRange[];
  /** one byte per sample: non-zero means masked (left out), as in numpy's masked arrays. */
  mask?: Uint8Array;
}

/**
 * Samples are taken a block at a time: the block's sum, extremes and count in one pass, then the
 * squared deviations from the block's own mean in a second pass over the same (cached) samples, and
 * the block is folded into the running figures with Chan et al.'s pairwise update. Per sample that
 * is additions and multiplications only; a running (Welford) update divides at every sample, and
 * each division waits for the last.
 */
const BLOCK = 2048;

/** Sum of squared deviations from `mean` of the finite, unmasked samples in [from, to). */
function squaredDeviations(samples: Samples | ArrayLike<number>, from: number, to: number, mean: number, mask?: Uint8Array): number {
  let m2 = 0;
  for (let i = from; i < to; i++) {
    if (mask !== undefined && mask[i] !== 0) continue;
    const x = samples[i]!;
    if (x - x !== 0) continue; // NaN or infinite
    const d = x - mean;
    m2 += d * d;
  }
  return m2;
}

/** Accumulates statistics over several stretches of samples. */
export class StatisticsAccumulator {
  private considered = 0;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;

  /** Add samples[from, to), skipping masked ones (mask indexed like samples). */
  add(samples: Samples | ArrayLike<number>, from = 0, to = samples.length, mask?: Uint8Array): this {
    for (let start = from; start < to; start += BLOCK) {
      const end = Math.min(to, start + BLOCK);
      if (mask) this.addMaskedBlock(samples, start, end, mask);
      else this.addBlock(samples, start, end);
    }
    return this;
  }

  private addBlock(samples: Samples | ArrayLike<number>, from: number, to: number): void {
    let k = 0;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    for (let i = from; i < to; i++) {
      const x = samples[i]!;
      if (x - x !== 0) continue; // NaN or infinite
      k++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.considered += to - from;
    if (k === 0) return;
    const blockMean = sum / k;
    let m2 = 0;
    if (k === to - from) {
      // every sample finite: the plain loop
      for (let i = from; i < to; i++) {
        const d = samples[i]! - blockMean;
        m2 += d * d;
      }
    } else {
      m2 = squaredDeviations(samples, from, to, blockMean);
    }
    this.min = min;
    this.max = max;
    this.fold(k, blockMean, m2);
  }

  private addMaskedBlock(samples: Samples | ArrayLike<number>, from: number, to: number, mask: Uint8Array): void {
    let considered = 0;
    let k = 0;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    for (let i = from; i < to; i++) {
      if (mask[i] !== 0) continue;
      considered++;
      const x = samples[i]!;
      if (x - x !== 0) continue;
      k++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.considered += considered;
    if (k === 0) return;
    const blockMean = sum / k;
    this.min = min;
    this.max = max;
    this.fold(k, blockMean, squaredDeviations(samples, from, to, blockMean, mask));
  }

  /** Folds a block of k finite samples (its mean and sum of squared deviations) into the totals. */
  private fold(k: number, blockMean: number, blockM2: number): void {
    const n = this.n + k;
    const delta = blockMean - this.mean;
    this.mean += (delta * k) / n;
    this.m2 += blockM2 + (delta * delta * this.n * k) / n;
    this.n = n;
  }

  result(): SampleStatistics {
    const n = this.n;
    const none = n === 0;
    return {
      count: this.considered,
      finite: n,
      finiteFraction: this.considered === 0 ? NaN : n / this.considered,
      min: none ? NaN : this.min,
      max: none ? NaN : this.max,
      mean: none ? NaN : this.mean,
      std: n < 2 ? NaN : Math.sqrt(this.m2 / (n - 1)),
      rms: none ? NaN : Math.sqrt(this.mean * this.mean + this.m2 / n),
      peakToPeak: none ? NaN : this.max - this.min,
    };
  }
}

/** Statistics of one sample array, leaving out the excluded ranges and masked samples. */
export function sampleStatistics(samples: Samples | ArrayLike<number>, options: StatisticsOptions = {}): SampleStatistics {
  if (options.mask && options.mask.length !== samples.length) {
    throw new RangeError(`the mask has ${options.mask.length} entries for ${samples.length} samples`);
  }
  const acc = new StatisticsAccumulator();
  const ranges = [...(options.exclude ?? [])].sort((a, b) => a.from - b.from);
  let at = 0;
  for (const r of ranges) {
    const from = Math.max(0, Math.min(r.from, samples.length));
    if (from > at) acc.add(samples, at, from, options.mask);
    at = Math.max(at, Math.min(r.to, samples.length));
  }
  if (at < samples.length) acc.add(samples, at, samples.length, options.mask);
  return acc.result();
}

/** Statistics of a merged series: every run, with filled gaps left out. */
export function seriesStatistics(series: MergedSeries): SampleStatistics {
  if (series.runs.length === 1) return sampleStatistics(series.runs[0]!.samples, { exclude: filledGapRanges(series) });
  const acc = new StatisticsAccumulator();
  for (const run of series.runs) acc.add(run.samples);
  return acc.result();
}
