/**
 * Runtime of the processes that cut, join or change the samples of each seismogram: the
 * recipe's settings turned into calls of the seismogram library (src/seismogram/processing.ts).
 */
import { PASS, reject, type RequestWindow } from '../../engine/contracts.js';
import { SettingError } from '../../engine/quantities.js';
import {
  collapseOverlaps, describeMergeRejection, differentiate, div, filledGapRanges, gapFill, integrate, merge, mul, rMean, responseGain, rTrend,
  windowIndices, type MergedSeries,
} from '../../seismogram/processing.js';
import type { MergeOptions, MergeRejection } from '../../seismogram/merge.js';
import { formatInstant, sampleTime } from '../../seismogram/time.js';
import { buildPhaseRequest } from './requestGenerator.runtime.js';
import { eachSeismogram, missingResponse, NO_EXTRAS, regridded, type ArmProcess, type ArmSeismogram } from './seismogramProcess.runtime.js';

// ---- cuts ---------------------------------------------------------------------------------------

/** The samples of `s` inside the window, gaps and filled ranges carried over to the piece. */
export function cutKeeping(s: ArmSeismogram, w: RequestWindow): ArmSeismogram | undefined {
  const r = windowIndices(s, w);
  if (!r) return undefined;
  const start = sampleTime(s.start, r.first, s.sampleRate);
  const end = sampleTime(s.start, r.last, s.sampleRate);
  const piece: ArmSeismogram = { ...s, start, samples: s.samples.slice(r.first, r.last + 1) };
  if (s.gaps) {
    const gaps = s.gaps.filter((g) => g.end > start && g.start < end);
    if (gaps.length > 0) piece.gaps = gaps;
    else delete piece.gaps;
  }
  if (s.filled) {
    const filled = s.filled
      .map((f) => ({ from: Math.max(f.from, r.first) - r.first, to: Math.min(f.to, r.last + 1) - r.first }))
      .filter((f) => f.to > f.from);
    if (filled.length > 0) piece.filled = filled;
    else delete piece.filled;
  }
  return piece;
}

/** Each seismogram cut to each window (a piece per overlap); none left rejects the pair. */
function cutTo(name: string, seismograms: readonly ArmSeismogram[], windows: readonly RequestWindow[], what: string) {
  const out: ArmSeismogram[] = [];
  for (const s of seismograms) {
    for (const w of windows) {
      const piece = cutKeeping(s, w);
      if (piece) out.push(piece);
    }
  }
  if (out.length === 0 && seismograms.length > 0) return { verdict: reject(name, `no sample falls inside ${what}`), seismograms: out };
  return { verdict: PASS, seismograms: out };
}

export function buildRequestCut(): ArmProcess {
  return (_pair, seismograms, _ctx, extras = NO_EXTRAS) => cutTo('requestCut', seismograms, extras.requests, 'the requested windows');
}

/** phaseCut: the window phaseRequest would ask for with the same settings, then a cut to it. */
export function buildPhaseCut(settings: Parameters<typeof buildPhaseRequest>[0]): ArmProcess {
  const windowOf = buildPhaseRequest(settings);
  return async (pair, seismograms, ctx) => {
    const windows = await windowOf(pair, ctx);
    if (windows.length === 0) {
      const why = (windows as { reason?: string }).reason ?? 'no window';
      return { verdict: reject('phaseCut', why), seismograms };
    }
    return cutTo('phaseCut', seismograms, windows, `the phase window ${windows.map((w) => `${formatInstant(w.start, 3)} - ${formatInstant(w.end, 3)}`).join(', ')}`);
  };
}

// ---- joins --------------------------------------------------------------------------------------

/** The runs of a merged series as seismograms, each knowing every gap of the series. */
function fromSeries(series: MergedSeries, template: ArmSeismogram): ArmSeismogram[] {
  const filled = filledGapRanges(series);
  const gaps = series.gaps.map((g) => ({ start: g.start, end: g.end }));
  return series.runs.map((run) => {
    const { gaps: _g, filled: _f, ...rest } = template;
    const s: ArmSeismogram = { ...rest, ...run };
    if (gaps.length > 0) s.gaps = gaps;
    if (filled.length > 0) s.filled = filled;
    return s;
  });
}

export interface MergeSettings {
  keepFirst?: unknown;
  keepLast?: unknown;
  zeroFill?: unknown;
  linearFill?: unknown;
  cutToRequest?: unknown;
}

/**
 * merge: the pieces of the channel glued on one grid; copies that agree collapsed, gaps kept
 * (listed on each run) and filled only when asked; a disagreeing overlap rejects unless the
 * recipe keeps the first or last copy. With cutToRequest each requested window is merged on its
 * own (only its samples are copied), and a pair with no sample in any window is rejected.
 */
export function buildMerge(settings: MergeSettings = {}): ArmProcess {
  const options: MergeOptions = {
    fill: settings.zeroFill !== undefined ? 'zero' : settings.linearFill !== undefined ? 'linear' : 'none',
    onConflict: settings.keepFirst !== undefined ? 'first' : settings.keepLast !== undefined ? 'last' : 'reject',
  };
  const cut = settings.cutToRequest !== undefined;
  const refuse = (seismograms: ArmSeismogram[], reason: MergeRejection) => {
    const hint = reason.kind === 'overlapDisagrees' ? ': add <keepFirst/> or <keepLast/> to <merge> to keep one copy' : '';
    return { verdict: reject('merge', describeMergeRejection(reason) + hint), seismograms };
  };
  return (_pair, seismograms, _ctx, extras = NO_EXTRAS) => {
    if (seismograms.length === 0) return { verdict: PASS, seismograms };
    if (!cut) {
      // one piece without a fill or cut to make: nothing to glue
      if (seismograms.length === 1 && options.fill === 'none') return { verdict: PASS, seismograms };
      const outcome = merge(seismograms, options);
      if (!outcome.ok) return refuse(seismograms, outcome.reason);
      return { verdict: PASS, seismograms: fromSeries(outcome.series, seismograms[0]!) };
    }
    if (extras.requests.length === 0) return { verdict: reject('merge', 'cutToRequest: the pair has no requested window to cut to'), seismograms };
    const out: ArmSeismogram[] = [];
    let outside: MergeRejection | undefined;
    for (const window of extras.requests) {
      const outcome = merge(seismograms, { ...options, window });
      if (outcome.ok) out.push(...fromSeries(outcome.series, seismograms[0]!));
      else if (outcome.reason.kind === 'outsideWindow') outside ??= outcome.reason;
      else return refuse(seismograms, outcome.reason);
    }
    if (out.length === 0) return refuse(seismograms, outside ?? { kind: 'noData' });
    return { verdict: PASS, seismograms: out };
  };
}

export function buildGapFill(settings: { zeroFill?: unknown; linearFill?: unknown }): ArmProcess {
  const how = settings.linearFill !== undefined ? 'linear' : 'zero';
  return (_pair, seismograms) => {
    if (seismograms.length === 0) return { verdict: PASS, seismograms };
    const outcome = gapFill(seismograms, how);
    if (!outcome.ok) return { verdict: reject('gapFill', describeMergeRejection(outcome.reason)), seismograms };
    return { verdict: PASS, seismograms: fromSeries(outcome.series, seismograms[0]!) };
  };
}

export function buildCollapseOverlaps(): ArmProcess {
  return (_pair, seismograms) => {
    if (seismograms.length <= 1) return { verdict: PASS, seismograms };
    const outcome = collapseOverlaps(seismograms, 'longer');
    if (!outcome.ok) return { verdict: reject('collapseOverlaps', describeMergeRejection(outcome.reason)), seismograms };
    return { verdict: PASS, seismograms: outcome.segments as ArmSeismogram[] };
  };
}

// ---- sample changes -----------------------------------------------------------------------------

export const buildRMean = (): ArmProcess => eachSeismogram('rMean', (s) => rMean(s));
export const buildRTrend = (): ArmProcess => eachSeismogram('rTrend', (s) => rTrend(s));
/** integrate and differentiate give one sample fewer, half a period later: filled ranges no longer apply. */
export const buildIntegrate = (): ArmProcess => eachSeismogram('integrate', (s) => regridded(s, integrate(s)));
export const buildDifferentiate = (): ArmProcess => eachSeismogram('differentiate', (s) => regridded(s, differentiate(s)));

export function buildMul(settings: number): ArmProcess {
  if (!Number.isFinite(settings)) throw new SettingError(`mul needs a finite factor, got ${settings}`);
  return eachSeismogram('mul', (s) => mul(s, settings));
}

export function buildDiv(settings: number): ArmProcess {
  if (!Number.isFinite(settings) || settings === 0) throw new SettingError(`div needs a finite, non-zero divisor, got ${settings}`);
  return eachSeismogram('div', (s) => div(s, settings));
}

/** responseGain: counts divided by the channel's overall sensitivity; the result is in physical units, so calib no longer applies. */
export function buildResponseGain(): ArmProcess {
  const each = eachSeismogram('responseGain', (s, pair) => {
    const { calib: _c, ...corrected } = { ...s, ...responseGain(s, pair.channel.channel.response?.instrumentSensitivity).segment } as typeof s;
    return corrected;
  });
  return (pair, seismograms, ctx, extras) => {
    const missing = missingResponse('responseGain', pair);
    return missing ? { verdict: missing, seismograms } : each(pair, seismograms, ctx, extras);
  };
}
