/**
 * What an ingredient's build() returns, per slot: the functions the engine calls. Every arm is a
 * stream of items passed through a chain of tests in recipe order; a test answers with a Verdict
 * (pass, or reject naming the ingredient and why). Processes are tests with a side effect that
 * pass. Sources are async iterables, so backpressure is natural and RxJS `from()` can lift them
 * into the waveform arm's graph.
 *
 * Built functions may carry:
 *  - `close()`: called once at the end of the run (flush and rename an output file);
 *  - `eventQuery` / `stationQuery`: the part of an FDSN query that says the same as the test, so
 *    sources can push it down (the test still runs locally on what comes back).
 */
import type { StationQuery } from '../fdsn/station.js';
import type { EventQuery } from '../fdsn/event.js';
import type { ServiceTarget } from '../fdsn/endpoint.js';
import type { Magnitude, Origin, QuakeEvent } from '../formats/quakeml/model.js';
import type { Channel, Network, Station } from '../formats/stationxml/model.js';
import type { Instant } from '../seismogram/time.js';
import type { RunContext } from './context.js';

// ---------------------------------------------------------------------------------------------
// Verdicts

export interface Pass {
  pass: true;
}
export interface Reject {
  pass: false;
  /** the ingredient that said no (the innermost one: "magnitudeRange" inside an originAND) */
  by: string;
  /** why, in words: "magnitude 4.2 mb is below 5" */
  reason: string;
}
export type Verdict = Pass | Reject;

export const PASS: Pass = Object.freeze({ pass: true });

export function reject(by: string, reason: string): Reject {
  return { pass: false, by, reason };
}

/** A verdict from a yes/no test with the reason for no computed only when needed. */
export function verdict(ok: boolean, by: string, why: () => string): Verdict {
  return ok ? PASS : reject(by, why());
}

export type MaybePromise<T> = T | Promise<T>;

/** Something built that must be finished at the end of a run (an output file to flush and rename). */
export interface Closable {
  close?: () => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Items that flow through the arms

/** One event as the event arm sees it: the whole QuakeML event and the origin under test. */
export interface EventRecord {
  event: QuakeEvent;
  /** the origin being judged: the preferred one, or each in turn under originArrayAND/OR */
  origin: Origin;
  /** the preferred magnitude, if any */
  magnitude?: Magnitude;
  /** a short id for logs and file names (the data centre's event id when known) */
  id: string;
  /** the source that produced it (its name setting, or its ingredient name) */
  source: string;
}

/** The network arm's items nest: a station record is a network record with a station, etc. */
export interface NetworkRecord {
  network: Network;
  source: string;
  /** where the channel's data and metadata live: the data centre of the source that found it */
  dataCenter?: ServiceTarget;
}
export interface StationRecord extends NetworkRecord {
  station: Station;
}
export interface ChannelRecord extends StationRecord {
  channel: Channel;
}

/** NET.STA.LOC.CHA with a blank location written as two dashes, e.g. IU.ANMO.--.BHZ. */
export function channelId(r: ChannelRecord): string {
  return `${r.network.code}.${r.station.code}.${r.channel.locationCode.trim() === '' ? '--' : r.channel.locationCode}.${r.channel.code}`;
}

// ---------------------------------------------------------------------------------------------
// Event and network arms

/**
 * An event source; `pushdown` is what the arm's top-level tests can say as an FDSN event query
 * (a source that queries a service adds it where its own settings say nothing).
 */
export type EventSource = ((ctx: RunContext, pushdown?: EventQuery) => AsyncIterable<EventRecord>) &
  Closable & {
    /**
     * A source whose time range reaches into the future (or whose eventLag has not passed) says
     * until when new events may still appear: the run keeps asking it, as a standing order.
     */
    liveUntil?: (ctx: RunContext) => Instant | undefined;
  };
export type OriginSubsetter = ((ev: EventRecord, ctx: RunContext) => MaybePromise<Verdict>) & Closable & { eventQuery?: EventQuery };

/** One networks document (or part of one) from a source, with the data centre behind it. */
export interface NetworkBatch {
  networks: Network[];
  dataCenter?: ServiceTarget;
}
export type NetworkSource = ((ctx: RunContext, pushdown?: StationQuery) => AsyncIterable<NetworkBatch>) & Closable;
export type NetworkSubsetter = ((item: NetworkRecord, ctx: RunContext) => MaybePromise<Verdict>) & Closable & { stationQuery?: StationQuery };
export type StationSubsetter = ((item: StationRecord, ctx: RunContext) => MaybePromise<Verdict>) & Closable & { stationQuery?: StationQuery };
export type ChannelSubsetter = ((item: ChannelRecord, ctx: RunContext) => MaybePromise<Verdict>) & Closable & { stationQuery?: StationQuery };

// ---------------------------------------------------------------------------------------------
// Waveform arm (issue 6): the shapes its ingredients will build, fixed here so the arms agree.

/** An event and a channel, met in the waveform arm; distance and azimuths computed once. */
export interface EventChannelPair {
  event: EventRecord;
  channel: ChannelRecord;
  distanceDeg: number;
  azimuth: number;
  backAzimuth: number;
}
/** A station's view of an event, before channels are considered (cut early). */
export interface EventStationPair {
  event: EventRecord;
  station: StationRecord;
  distanceDeg: number;
  azimuth: number;
  backAzimuth: number;
}
/** A time window to ask a seismogram source for. */
export interface RequestWindow {
  start: Instant;
  end: Instant;
}
export type EventStationSubsetter = ((pair: EventStationPair, ctx: RunContext) => MaybePromise<Verdict>) & Closable;
export type EventChannelSubsetter = ((pair: EventChannelPair, ctx: RunContext) => MaybePromise<Verdict>) & Closable;
export type RequestGenerator = ((pair: EventChannelPair, ctx: RunContext) => MaybePromise<RequestWindow[]>) & Closable;
export type RequestSubsetter = ((pair: EventChannelPair, requests: RequestWindow[], ctx: RunContext) => MaybePromise<Verdict>) & Closable;
/**
 * A seismogram source is asked in batches (so an FDSN source can group requests into bulk POSTs
 * per data centre) and answers per pair; `Seismogram` is the waveform arm's type (issue 6).
 */
export interface SeismogramSource<Seismogram = unknown> extends Closable {
  fetch(batch: readonly { pair: EventChannelPair; requests: RequestWindow[] }[], ctx: RunContext): AsyncIterable<{ pair: EventChannelPair; seismograms: Seismogram[] }>;
  /**
   * Optional: the same answers as `fetch`, several pairs at a time (a source answering thousands of
   * small pairs spends less on the steps between them). Each group stays small enough to hold.
   */
  fetchGroups?(batch: readonly { pair: EventChannelPair; requests: RequestWindow[] }[], ctx: RunContext): AsyncIterable<{ pair: EventChannelPair; seismograms: Seismogram[] }[]>;
}
export type AvailableDataSubsetter = ((pair: EventChannelPair, requests: RequestWindow[], available: RequestWindow[], ctx: RunContext) => MaybePromise<Verdict>) & Closable;
/** A waveform process may change the seismograms it is given (rMean, filter...) and passes them on. */
export type WaveformProcess<Seismogram = unknown> = ((
  pair: EventChannelPair,
  seismograms: Seismogram[],
  ctx: RunContext,
) => MaybePromise<{ verdict: Verdict; seismograms: Seismogram[] }>) &
  Closable;
