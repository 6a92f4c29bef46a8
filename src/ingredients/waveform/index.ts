import type { IngredientDeclaration, SharedType } from '../declaration.js';
import { availableDataDeclarations } from './availableData.js';
import { continuousDeclarations } from './continuous.js';
import { eventChannelDeclarations } from './eventChannel.js';
import { eventStationDeclarations } from './eventStation.js';
import { cornerSettingType, filterDeclarations } from './filters.js';
import { rules } from './grouper.js';
import { processLogicDeclarations } from './processLogic.js';
import { requestGeneratorDeclarations } from './requestGenerator.js';
import { requestSubsetterDeclarations } from './requestSubsetter.js';
import { seismogramCheckDeclarations } from './seismogramChecks.js';
import { seismogramEditDeclarations } from './seismogramEdits.js';
import { seismogramSourceDeclarations } from './seismogramSource.js';
import { seismogramStatisticDeclarations } from './seismogramStatistics.js';
import { vectorProcessDeclarations } from './vectorProcess.js';
import { vectorSubsetterDeclarations } from './vectorSubsetters.js';
import { writerDeclarations } from './writers.js';

/** Every waveform-arm ingredient, declared once. The registry (src/ingredients/registry.ts) collects these. */
export const declarations: IngredientDeclaration<any>[] = [
  ...eventStationDeclarations,
  ...eventChannelDeclarations,
  ...requestGeneratorDeclarations,
  ...requestSubsetterDeclarations,
  ...seismogramSourceDeclarations,
  ...availableDataDeclarations,
  ...writerDeclarations,
  ...seismogramEditDeclarations,
  ...filterDeclarations,
  ...seismogramCheckDeclarations,
  ...seismogramStatisticDeclarations,
  ...processLogicDeclarations,
  ...vectorSubsetterDeclarations,
  ...vectorProcessDeclarations,
  ...continuousDeclarations,
];

/**
 * Documents of SOD's grammar that are not recipes but belong to the waveform arm: the channel
 * grouping rules (grouper.rng). They fill no recipe slot.
 */
export const standaloneDeclarations: IngredientDeclaration<any>[] = [rules];

/** Value types used only by these ingredients (emitted under $defs/type). */
export const sharedTypes: SharedType[] = [cornerSettingType];
