/**
 * The `filter` and `oregonDSPFilter` processes: a Butterworth (or Chebyshev I/II) filter on a
 * segment, causal or zero-phase, with the corners as the recipe gives them (a frequency in
 * HERTZ or a period in a time unit).
 */
import type { Segment } from '../segment.js';
import { mapFloat64, requireFinite } from '../process/float.js';
import { filterCausalInPlace, filterZeroPhaseInPlace } from './biquad.js';
import { secondsPerTimeUnit } from '../time-units.js';
import { iirSections, FilterDesignError, type Design, type PassBand } from './butterworth.js';

export interface FilterOptions {
  kind: PassBand;
  /** prototype order (default 2). */
  order?: number;
  low?: number;
  high?: number;
  /** run forward and back for zero phase (the default, SOD's NONCAUSAL/TWOPASS). */
  zeroPhase?: boolean;
  /** prototype (default Butterworth). */
  design?: Design;
  /** Chebyshev ripple parameter (OregonDSP's epsilon, default 0.1). */
  epsilon?: number;
}

export function butterworthFilterInPlace(x: Float64Array, sampleRate: number, o: FilterOptions): void {
  const sections = iirSections({ kind: o.kind, order: o.order ?? 2, low: o.low, high: o.high, sampleRate, design: o.design, epsilon: o.epsilon });
  if (o.zeroPhase ?? true) filterZeroPhaseInPlace(x, sections);
  else filterCausalInPlace(x, sections);
}

export function butterworthFilter<S extends Segment>(seg: S, o: FilterOptions): S {
  requireFinite(seg, 'filter');
  return mapFloat64(seg, (x) => butterworthFilterInPlace(x, seg.sampleRate, o));
}


/** A recipe corner ({unit, value}) in Hz: HERTZ as is, a time unit as a period. */
export function cornerHertz(c: { unit: string; value: number }): number {
  if (c.unit === 'HERTZ') return c.value;
  const s = secondsPerTimeUnit(c.unit);
  if (s === undefined) throw new FilterDesignError(`a filter corner in ${c.unit} is neither a frequency nor a period`);
  return 1 / (c.value * s);
}

type Corner = { unit: string; value: number };
type FilterTypeSetting = 'NONCAUSAL' | 'CAUSAL' | 'TWOPASS';

/** Options for the `filter` ingredient's settings (always a band-pass). */
export function filterIngredientOptions(s: { lowFreqCorner: Corner; highFreqCorner: Corner; numPoles?: number; filterType?: FilterTypeSetting }): FilterOptions {
  return { kind: 'bandpass', low: cornerHertz(s.lowFreqCorner), high: cornerHertz(s.highFreqCorner), order: s.numPoles ?? 2, zeroPhase: s.filterType !== 'CAUSAL' };
}

/** The design choice of an oregonDSPFilter or antiAliasFilter setting. */
export function designOf(s: { chebyshevI?: unknown; chebyshevII?: unknown; epsilon?: number }): { design: Design; epsilon?: number } {
  const design: Design = s.chebyshevI !== undefined ? 'chebyshevI' : s.chebyshevII !== undefined ? 'chebyshevII' : 'butterworth';
  return s.epsilon === undefined ? { design } : { design, epsilon: s.epsilon };
}

/** The antiAliasFilter setting of decimate and upsample: a low-pass's order, phase and design. */
export interface AntiAliasFilterSetting {
  numPoles?: number;
  filterType?: FilterTypeSetting;
  chebyshevI?: unknown;
  chebyshevII?: unknown;
  epsilon?: number;
}

/** The low-pass an antiAliasFilter setting asks for, its corner at `cornerHz` (the Nyquist to protect). */
export function antiAliasLowpass(a: AntiAliasFilterSetting, cornerHz: number): FilterOptions {
  return { kind: 'lowpass', high: cornerHz, order: a.numPoles ?? 2, zeroPhase: a.filterType !== 'CAUSAL', ...designOf(a) };
}

/** Options for the `oregonDSPFilter` ingredient's settings. */
export function oregonFilterOptions(s: {
  bandpass?: unknown;
  highpass?: unknown;
  lowpass?: unknown;
  lowFreqCorner?: Corner;
  highFreqCorner?: Corner;
  butterworth?: unknown;
  chebyshevI?: unknown;
  chebyshevII?: unknown;
  numPoles?: number;
  filterType?: FilterTypeSetting;
  epsilon?: number;
}): FilterOptions {
  const kind: PassBand = s.highpass !== undefined ? 'highpass' : s.lowpass !== undefined ? 'lowpass' : 'bandpass';
  return {
    kind,
    low: s.lowFreqCorner ? cornerHertz(s.lowFreqCorner) : undefined,
    high: s.highFreqCorner ? cornerHertz(s.highFreqCorner) : undefined,
    order: s.numPoles ?? 2,
    zeroPhase: s.filterType !== 'CAUSAL',
    ...designOf(s),
  };
}
