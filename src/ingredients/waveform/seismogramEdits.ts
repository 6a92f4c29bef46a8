import { declare, empty, list, num, obj, ref } from '../declaration.js';
import { atMostOneOf, exactlyOneOf } from '../types/exclusive.js';
import { PROCESS_SLOTS, SEISMOGRAM_PLUS } from './slots.js';
import { buildPhaseCut, buildRequestCut, buildMerge, buildGapFill, buildCollapseOverlaps, buildRMean, buildRTrend, buildIntegrate, buildDifferentiate, buildDiv, buildMul, buildResponseGain } from './seismogramEdits.runtime.js';
import { buildInvertFlippedChannels } from './processLogic.runtime.js';

/** Processes that cut, join or change the samples of each seismogram. */

export const phaseCut = declare({
  name: 'phaseCut',
  build: buildPhaseCut,
  slots: PROCESS_SLOTS,
  settings: ref('phaseWindow'),
  summary:
    'Trims the seismograms to a window set by offsets from predicted phase arrivals (or from the origin time with the phase name "origin").',
  example: `<phaseCut>
  <model>iasp91</model>
  <beginPhase>P</beginPhase>
  <beginOffset>
    <unit>SECOND</unit>
    <value>-30</value>
  </beginOffset>
  <endPhase>P</endPhase>
  <endOffset>
    <unit>SECOND</unit>
    <value>120</value>
  </endOffset>
</phaseCut>`,
});

export const requestCut = declare({
  name: 'requestCut',
  build: buildRequestCut,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary: 'Trims away any samples the data centre sent outside the requested windows.',
  example: '<requestCut/>',
});

/**
 * merge's settings are sod's addition (SOD 3's <merge/> has none; an empty <merge/> behaves as it
 * did): what to do with disagreeing overlaps, whether to fill gaps, and a cut to the request.
 */
export const mergeSettings = atMostOneOf(
  atMostOneOf(
    obj({
      keepFirst: empty('where two copies of the same samples disagree, keep the copy that starts first (sod\'s addition)'),
      keepLast: empty('where two copies of the same samples disagree, keep the copy that starts last (sod\'s addition)'),
      zeroFill: empty('fill every gap with zeros, making one seismogram; the gaps stay listed (sod\'s addition)'),
      linearFill: empty('fill every gap with a straight line between the samples either side (sod\'s addition)'),
      cutToRequest: empty('keep only the samples inside the requested windows, in the same step (sod\'s addition)'),
    }),
    ['keepFirst', 'keepLast'],
  ),
  ['zeroFill', 'linearFill'],
);

export const merge = declare({
  name: 'merge',
  build: buildMerge,
  slots: PROCESS_SLOTS,
  settings: mergeSettings,
  summary:
    'Glues the pieces of a channel into one series on one sample grid: copies of the same samples that agree are collapsed, and gaps are kept (listed in the seismogram\'s metadata). ' +
    'An overlap whose copies disagree rejects the seismogram with where and by how much, unless keepFirst or keepLast says which copy to keep. ' +
    'sod adds optional settings: zeroFill or linearFill to fill the gaps, and cutToRequest to keep only the requested windows.',
  example: `<merge>
  <keepLast/>
  <cutToRequest/>
</merge>`,
});

export const gapFill = declare({
  name: 'gapFill',
  build: buildGapFill,
  slots: PROCESS_SLOTS,
  settings: exactlyOneOf(
    obj({ zeroFill: empty('fill gaps with zeros'), linearFill: empty('fill gaps with a straight line between the samples on either side') }),
    ['linearFill', 'zeroFill'],
  ),
  summary: 'Makes one continuous seismogram out of the pieces of a channel, removing overlaps and filling holes with zeros or a straight line.',
  example: `<gapFill>
  <linearFill/>
</gapFill>`,
});

export const collapseOverlaps = declare({
  name: 'collapseOverlaps',
  build: buildCollapseOverlaps,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary:
    'Removes duplicated data: a piece lying wholly inside another is dropped, and where two pieces partly overlap the shorter one is trimmed.',
  example: '<collapseOverlaps/>',
});

export const rMean = declare({
  name: 'rMean',
  build: buildRMean,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary: 'Subtracts the average value from every sample, centring each seismogram on zero.',
  example: '<rMean/>',
});

export const rTrend = declare({
  name: 'rTrend',
  build: buildRTrend,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary: 'Fits a straight line to each seismogram by least squares and subtracts it.',
  example: '<rTrend/>',
});

export const integrate = declare({
  name: 'integrate',
  build: buildIntegrate,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary: 'Integrates each seismogram over time with a zero starting constant, e.g. velocity into displacement.',
  example: '<integrate/>',
});

export const differentiate = declare({
  name: 'differentiate',
  build: buildDifferentiate,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary: 'Takes the time derivative of each seismogram, e.g. displacement into velocity.',
  example: '<differentiate/>',
});

export const div = declare({
  name: 'div',
  build: buildDiv,
  slots: PROCESS_SLOTS,
  settings: num('the divisor'),
  summary: 'Divides every sample by a constant.',
  example: '<div>1000</div>',
});

export const mul = declare({
  name: 'mul',
  build: buildMul,
  slots: PROCESS_SLOTS,
  settings: num('the factor'),
  summary: 'Multiplies every sample by a constant.',
  example: '<mul>-1</mul>',
});

export const responseGain = declare({
  name: 'responseGain',
  build: buildResponseGain,
  slots: PROCESS_SLOTS,
  settings: empty(),
  summary:
    'Turns counts into ground-motion units by dividing by the channel\'s overall sensitivity, a single number with no frequency dependence; samples become floating point.',
  example: '<responseGain/>',
});

export const invertFlippedChannels = declare({
  name: 'invertFlippedChannels',
  build: buildInvertFlippedChannels,
  slots: PROCESS_SLOTS,
  settings: list(SEISMOGRAM_PLUS, { minItems: 1 }),
  summary:
    'Flips the sign of a seismogram whose channel metadata point opposite to what its code says (a BHZ mounted pointing down, say), then runs the enclosed processes on the corrected data.',
  example: `<invertFlippedChannels>
  <sacWriter/>
</invertFlippedChannels>`,
});

export const seismogramEditDeclarations = [
  phaseCut, requestCut, merge, gapFill, collapseOverlaps, rMean, rTrend, integrate, differentiate, div, mul,
  responseGain, invertFlippedChannels,
];
