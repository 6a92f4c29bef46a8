/**
 * The seismogram the waveform arm carries from source to writer: a segment (one channel, evenly
 * sampled, no gap inside) with what processing adds. It is the writers' own type, so a pair's
 * seismograms go to sacWriter/mseedWriter as they are.
 */
import type { WriterSeismogram } from '../writers/context.js';
import type { EventChannelPair, RequestWindow } from './contracts.js';

export type ArmSeismogram = WriterSeismogram;

export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What a seismogram source hands back for one pair. */
export interface FetchedPair {
  pair: EventChannelPair;
  seismograms: ArmSeismogram[];
  /** what the data centre's availability service says it holds, when the source asked it */
  available?: RequestWindow[];
  /** bytes of the miniSEED records that came for the pair (a record two pairs share counts for both) */
  bytes?: number;
}

/**
 * What the arm passes a waveform process besides (pair, seismograms, ctx): the requested windows
 * and what was available. A process may also return `files` (the paths it wrote) next to its
 * verdict and seismograms; they go into the pair's row of the run report.
 */
export interface ProcessExtras {
  requests: readonly RequestWindow[];
  available: readonly RequestWindow[];
}
