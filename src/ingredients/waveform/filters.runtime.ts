/**
 * Runtime of filtering, tapering, resampling and instrument correction. The recipe's corners
 * (a frequency in HERTZ or a period in a time unit), pole counts and CAUSAL/NONCAUSAL/TWOPASS
 * choices become the library's FilterOptions through the library's own translators
 * (filterIngredientOptions, oregonFilterOptions), so the recipe and a direct call cannot drift.
 * What can be checked without a sample rate is checked when the recipe is built.
 */
import { SettingError } from '../../engine/quantities.js';
import {
  butterworthFilter, decimate, filterIngredientOptions, oregonFilterOptions, taper, transferChannelResponse, upsample,
  type DecimateOptions, type FilterOptions, type TaperType, type UpsampleOptions,
} from '../../seismogram/processing.js';
import { eachSeismogram, missingResponse, regridded, type ArmProcess } from './seismogramProcess.runtime.js';

/** Settings errors a filter design would only find on the first seismogram, found at build time. */
function checkFilter(name: string, translate: () => FilterOptions): FilterOptions {
  let o: FilterOptions;
  try {
    o = translate();
  } catch (e) {
    throw new SettingError(`${name}: ${(e as Error).message}`);
  }
  const order = o.order ?? 2;
  if (!Number.isInteger(order) || order < 1 || order > 10) throw new SettingError(`${name}: numPoles must be a whole number from 1 to 10, got ${order}`);
  for (const [label, f] of [['lowFreqCorner', o.low], ['highFreqCorner', o.high]] as const) {
    if (f !== undefined && !(f > 0 && Number.isFinite(f))) throw new SettingError(`${name}: ${label} must be a positive frequency, got ${f} Hz`);
  }
  if (o.kind === 'bandpass' && o.low !== undefined && o.high !== undefined && !(o.low < o.high)) {
    throw new SettingError(`${name}: the low corner (${o.low} Hz) must be below the high corner (${o.high} Hz)`);
  }
  return o;
}

export function buildFilter(settings: Parameters<typeof filterIngredientOptions>[0]): ArmProcess {
  const o = checkFilter('filter', () => filterIngredientOptions(settings));
  return eachSeismogram('filter', (s) => butterworthFilter(s, o));
}

export function buildOregonDSPFilter(settings: Parameters<typeof oregonFilterOptions>[0]): ArmProcess {
  const o = checkFilter('oregonDSPFilter', () => oregonFilterOptions(settings));
  return eachSeismogram('oregonDSPFilter', (s) => butterworthFilter(s, o));
}

export function buildTaper(settings: { width?: number; type?: TaperType }): ArmProcess {
  const width = settings.width ?? 0.05;
  if (!(width >= 0 && width <= 0.5)) throw new SettingError(`taper: width must be between 0 and 0.5 (a share of the trace at each end), got ${width}`);
  const options = { width, type: settings.type ?? 'HANNING' };
  return eachSeismogram('taper', (s) => taper(s, options));
}

function checkFactor(name: string, s: { byFactor?: number }, rate: number | undefined, rateName: string): void {
  if (s.byFactor !== undefined && !(Number.isInteger(s.byFactor) && s.byFactor >= 1)) throw new SettingError(`${name}: byFactor must be a whole number >= 1, got ${s.byFactor}`);
  if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) throw new SettingError(`${name}: ${rateName} must be a positive rate, got ${rate}`);
}

/** decimate: the sample grid changes, so filled-gap index ranges are dropped. */
export function buildDecimate(settings: DecimateOptions): ArmProcess {
  checkFactor('decimate', settings, settings.maxSamplesPerSec, 'maxSamplesPerSec');
  return eachSeismogram('decimate', (s) => regridded(s, decimate(s, settings)));
}

export function buildUpsample(settings: UpsampleOptions): ArmProcess {
  checkFactor('upsample', settings, settings.minSamplesPerSec, 'minSamplesPerSec');
  return eachSeismogram('upsample', (s) => regridded(s, upsample(s, settings)));
}

/**
 * transferResponse: the channel's StationXML response (sensor poles and zeros and the overall
 * gain, as SAC poles-zeros) divided out between the four frequencies; displacement out. The
 * channel must have been fetched with its response (the network arm's level=response).
 */
export function buildTransferResponse(settings: { lowCut?: number; lowPass?: number; highPass?: number; highCut?: number }): ArmProcess {
  const { lowCut = 0.005, lowPass = 0.01, highPass = 1e5, highCut = 1e6 } = settings;
  if (!(lowCut >= 0 && lowCut < lowPass && lowPass <= highPass && highPass < highCut)) {
    throw new SettingError(`transferResponse: the frequencies must rise: lowCut ${lowCut} < lowPass ${lowPass} <= highPass ${highPass} < highCut ${highCut}`);
  }
  const options = { lowCut, lowPass, highPass, highCut };
  const each = eachSeismogram('transferResponse', (s, pair) => {
    const { calib: _c, ...corrected } = { ...s, ...transferChannelResponse(s, pair.channel, options).segment } as typeof s;
    return corrected;
  });
  return (pair, seismograms, ctx, extras) => {
    const missing = missingResponse('transferResponse', pair);
    return missing ? { verdict: missing, seismograms } : each(pair, seismograms, ctx, extras);
  };
}
