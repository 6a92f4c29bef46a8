/**
 * The waveform arm: every accepted event met with every accepted channel, cut as early as
 * possible. Per event, each station is judged once by the event-station subsetters (distance,
 * azimuth, phases...) before its channels are looked at; only the pairs that pass the event-channel
 * subsetters reach the request generator, and only pairs with windows reach a seismogram source.
 * Pairs go to the source in batches (one bulk POST per data centre and batch), several batches at
 * once; what comes back is judged by the available-data subsetters and handed to the processes in
 * recipe order. Every pair ends kept or rejected (by which ingredient, why) or failed, told to
 * `onOutcome` as it ends: nothing is collected over the run.
 */
import type { Slot } from '../ingredients/declaration.js';
import { registry } from '../ingredients/registry.js';
import { distAz } from '../geo/distance.js';
import type { PairOutcome } from '../writers/run-report.js';
import { BuildError, buildOccurrence } from './build.js';
import { occurrenceName, type EngineBuildContext, type Occurrence, type RunContext } from './context.js';
import { channelId, type ChannelRecord, type EventChannelPair, type EventRecord, type MaybePromise, type RequestGenerator, type RequestWindow, type SeismogramSource, type Verdict } from './contracts.js';
import { ArmReport } from './report.js';
import { mergeMapBounded, rebatchBySizeOrTime } from './waveform-flow.js';
import { buildStep, isThenable, runSteps as runStepsUnsafe, setSlotLookup, spansOf, StepFailure, type PairState, type PairStep, type StepOutput } from './waveform-stages.js';
import { activeAt, groupByStation, type StationGroup } from './waveform-station-group.js';
import type { ArmSeismogram, FetchedPair } from './waveform-types.js';

type Source = SeismogramSource<ArmSeismogram>;

setSlotLookup((name) => registry.get(name)?.slots);

export interface BuiltWaveformArm {
  eventStation: PairStep[];
  eventChannel: PairStep[];
  generator: RequestGenerator;
  generatorName: string;
  requestTests: PairStep[];
  source: Source;
  sourceName: string;
  availableTests: PairStep[];
  processes: PairStep[];
}

/** The arm's positions, in SOD's order; each takes the occurrences whose ingredient fills its slot. */
const POSITIONS: Slot[] = ['eventStationSubsetter', 'eventChannelSubsetter', 'requestGenerator', 'requestSubsetter', 'seismogramSource', 'availableDataSubsetter', 'waveformProcess'];

/** What an ingredient standing among the processes may be (a process, or any test the grammar lets in). */
const PROCESS_CANDIDATES: Slot[] = ['availableDataSubsetter', 'requestSubsetter', 'eventChannelSubsetter', 'eventStationSubsetter', 'channelSubsetter', 'stationSubsetter', 'networkSubsetter', 'originSubsetter', 'waveformProcess'];

export function buildWaveformArm(arm: Occurrence[], ctx: EngineBuildContext): BuiltWaveformArm {
  const at: Occurrence[][] = POSITIONS.map(() => []);
  let pos = 0;
  for (const o of arm) {
    const name = occurrenceName(o);
    let found = -1;
    for (let i = pos; i < POSITIONS.length; i++) {
      if (fills(name, POSITIONS[i]!)) {
        found = i;
        break;
      }
    }
    if (found < 0) throw new BuildError(`<${name}> cannot stand at this place in the <waveformArm> (after the ${POSITIONS[pos]} position)`, name);
    // only processes may repeat freely; the subsetter positions take one ingredient each in SOD, more is harmless
    pos = found;
    at[found]!.push(o);
  }
  const [es, ec, gen, rs, src, ad, wp] = at as [Occurrence[], Occurrence[], Occurrence[], Occurrence[], Occurrence[], Occurrence[], Occurrence[]];
  if (gen.length !== 1) throw new BuildError(`a <waveformArm> needs exactly one request generator (phaseRequest, originOffsetRequest...), found ${gen.length}`, 'waveformArm');
  if (src.length > 1) throw new BuildError('a <waveformArm> takes one seismogram source; use tryInOrder or choiceSource to combine several', 'waveformArm');
  const sourceOcc: Occurrence = src[0] ?? { fdsnDataSelect: {} };
  return {
    eventStation: es.map((o) => buildStep(o, ['eventStationSubsetter'], ctx)),
    eventChannel: ec.map((o) => buildStep(o, ['eventChannelSubsetter'], ctx)),
    generator: buildOccurrence<RequestGenerator>(gen[0]!, ['requestGenerator'], ctx),
    generatorName: occurrenceName(gen[0]!),
    // SOD's default request check: a pair with no window goes no further
    requestTests: (rs.length > 0 ? rs : [{ atLeastOneRequest: {} }]).map((o) => buildStep(o, ['requestSubsetter'], ctx)),
    source: buildOccurrence<Source>(sourceOcc, ['seismogramSource'], ctx),
    sourceName: occurrenceName(sourceOcc),
    // SOD's default availability check: some data in the requested windows
    availableTests: (ad.length > 0 ? ad : [{ someCoverage: {} }]).map((o) => buildStep(o, ['availableDataSubsetter'], ctx)),
    processes: wp.map((o) => buildStep(o, PROCESS_CANDIDATES, ctx)),
  };
}

function fills(name: string, slot: Slot): boolean {
  // an unknown name is reported by buildOccurrence with its own message; let it reach the process position
  const slots = registrySlots(name);
  if (!slots) return slot === 'waveformProcess';
  return slots.includes(slot);
}

function registrySlots(name: string): readonly Slot[] | undefined {
  return registry.get(name)?.slots;
}

export async function closeWaveformArm(arm: BuiltWaveformArm): Promise<void> {
  for (const s of [...arm.eventStation, ...arm.eventChannel, ...arm.requestTests, ...arm.availableTests, ...arm.processes]) await s.close?.();
  await arm.generator.close?.();
  await arm.source.close?.();
}

/** What the waveform arm did: pairs kept and rejected (the ArmReport), failed, and how much work it took. */
export class WaveformReport extends ArmReport {
  failed = 0;
  /** pairs whose data were not (all) there yet: they wait for a retry */
  retrying = 0;
  /** (event, station) judgements made by the event-station subsetters */
  stationJudgements = 0;
  /** calls of the request generator: pairs that got past every test before it */
  generatorCalls = 0;
  /** batches handed to the seismogram source */
  batches = 0;
  seismograms = 0;

  constructor() {
    super('waveform');
  }
}

/** Where in the arm a pair ended: a standing order retries pairs that ended at `available` or `source`. */
export type PairStage = 'pairing' | 'request' | 'source' | 'available' | 'process';

export interface PairEnd {
  pair: EventChannelPair;
  requests?: RequestWindow[];
  outcome: PairOutcome;
  stage: PairStage;
  /** a kept pair's seismograms as the last process left them (not held after the callback) */
  seismograms?: ArmSeismogram[];
  /** bytes of miniSEED the source received for the pair (FetchedPair.bytes) */
  bytes?: number;
}

export interface WaveformOptions {
  /** pairs per batch handed to the source (and so per bulk POST); default 100 */
  batchSize?: number;
  /** a partial batch goes out when no new pair came for this long; default 200 ms */
  batchWaitMs?: number;
  /** batches fetched at the same time; default 4 (the HTTP client also caps requests per host) */
  concurrency?: number;
  onOutcome?: (end: PairEnd) => void;
  /**
   * May change how a pair ends before it is counted and told (a standing order turns "no data
   * yet" into "retrying").
   */
  decide?: (end: PairEnd) => PairEnd;
  /** pairs of an event that an earlier run settled: they are not judged again (true = skip) */
  settled?: (event: EventRecord) => ((channel: ChannelRecord) => boolean) | undefined;
  /** a pair passed every test before the source and is about to be fetched */
  onAdmitted?: (pair: EventChannelPair) => void;
  /** every pair of this event has been judged, and either admitted or ended */
  onEventPaired?: (event: EventRecord) => void;
}

export interface ReadyPair {
  pair: EventChannelPair;
  requests: RequestWindow[];
}

type Fetched = (FetchedPair & { requests: RequestWindow[] }) | { pair: EventChannelPair; requests: RequestWindow[]; failure: string };

/** Counts a pair's end in the report, logs a refusal, and tells the caller. */
export function pairEnder(run: RunContext, report: WaveformReport, options: WaveformOptions): (e: PairEnd) => void {
  return (first) => {
    const e = options.decide ? options.decide(first) : first;
    const o = e.outcome;
    if (o.status === 'kept') report.accepted++;
    else if (o.status === 'failed') report.failed++;
    else if (o.status === 'retrying') report.retrying++;
    else report.reject({ pass: false, by: o.by, reason: o.reason });
    if (o.status !== 'kept') run.log.debug(`${e.pair.event.id} ${channelId(e.pair.channel)} ${o.status} by ${o.by}: ${o.reason}`);
    options.onOutcome?.(e);
  };
}

/**
 * The tests of a stage; one that throws fails the pairs it was judging (the verdict is then
 * undefined). Synchronous while the tests are.
 */
function judged(steps: readonly PairStep[], state: PairState, pairs: () => readonly EventChannelPair[], run: RunContext, end: (e: PairEnd) => void, stage: PairStage): MaybePromise<Verdict | undefined> {
  const failed = (e: unknown): undefined => {
    if (!(e instanceof StepFailure)) throw e;
    for (const pair of pairs()) end({ pair, stage, outcome: { status: 'failed', by: e.ingredient, reason: e.message } });
    return undefined;
  };
  let v: MaybePromise<Verdict>;
  try {
    v = runStepsUnsafe(steps, state, run);
  } catch (e) {
    return failed(e);
  }
  return isThenable(v) ? v.then((x) => x, failed) : v;
}

/** The request generator and the request tests for one pair: its windows, or undefined when it ended there. */
export function requestsFor(arm: BuiltWaveformArm, pair: EventChannelPair, run: RunContext, report: WaveformReport, end: (e: PairEnd) => void): MaybePromise<RequestWindow[] | undefined> {
  report.generatorCalls++;
  const failed = (e: unknown): undefined => {
    end({ pair, stage: 'request', outcome: { status: 'failed', by: arm.generatorName, reason: (e as Error).message } });
    return undefined;
  };
  const tested = (requests: RequestWindow[], rv: Verdict | undefined): RequestWindow[] | undefined => {
    if (!rv) return undefined;
    if (!rv.pass) {
      end({ pair, requests, stage: 'request', outcome: { status: 'rejected', by: rv.by, reason: rv.reason } });
      return undefined;
    }
    return requests;
  };
  const test = (requests: RequestWindow[]): MaybePromise<RequestWindow[] | undefined> => {
    const rv = judged(arm.requestTests, { pair, requests }, () => [pair], run, end, 'request');
    return isThenable(rv) ? rv.then((v) => tested(requests, v)) : tested(requests, rv);
  };
  let generated: MaybePromise<RequestWindow[]>;
  try {
    generated = arm.generator(pair, run);
  } catch (e) {
    return failed(e);
  }
  return isThenable(generated) ? generated.then(test, failed) : test(generated);
}

/** The pair of an event and a channel, with distance and azimuths (throws on coordinates distAz refuses). */
export function pairOf(event: EventRecord, channel: ChannelRecord): EventChannelPair {
  const st = channel.station;
  const geo = distAz(event.origin.latitude, event.origin.longitude, st.latitude, st.longitude);
  return { event, channel, distanceDeg: geo.distanceDeg, azimuth: geo.azimuth, backAzimuth: geo.backAzimuth };
}

/** pairsToFetch hands on an event's pairs in chunks of at most this many. */
const PAIRS_PER_CHUNK = 1000;

/**
 * Pairs every event with every channel active at its origin time, station by station, and hands
 * on the pairs that pass every test before the source, with their windows: in chunks (an event's
 * pairs, up to PAIRS_PER_CHUNK), so the hand-over costs a few promises per event, not per pair.
 */
export async function* pairsToFetch(
  arm: BuiltWaveformArm,
  events: AsyncIterable<EventRecord>,
  groups: readonly StationGroup[],
  run: RunContext,
  report: WaveformReport,
  options: WaveformOptions,
  end: (e: PairEnd) => void,
): AsyncGenerator<ReadyPair[]> {
  const rejected = (pair: EventChannelPair, v: Verdict, stage: PairStage) => {
    if (!v.pass) end({ pair, stage, outcome: { status: 'rejected', by: v.by, reason: v.reason } });
  };
  let chunk: ReadyPair[] = [];
  for await (const event of events) {
    const t = event.origin.time;
    const skip = options.settled?.(event);
    for (const g of groups) {
      // Ctrl-C: no new pairs; what is in flight finishes or is abandoned by the HTTP layer
      if (run.signal?.aborted) {
        if (chunk.length > 0) yield chunk;
        return;
      }
      const st = g.station.station;
      if (!activeAt(st, t)) continue;
      const live = g.channels.filter((c) => activeAt(c.channel, t) && !skip?.(c));
      if (live.length === 0) continue;
      let base: Omit<EventChannelPair, 'channel'>;
      try {
        const { channel: _c, ...rest } = pairOf(event, g.station);
        base = rest;
      } catch (e) {
        run.fail({ where: 'waveformArm', location: `${event.id} ${g.station.network.code}.${st.code}`, message: (e as Error).message });
        continue;
      }
      report.stationJudgements++;
      const pairWith = (c: ChannelRecord): EventChannelPair => ({ event, channel: c, distanceDeg: base.distanceDeg, azimuth: base.azimuth, backAzimuth: base.backAzimuth });
      const svp = judged(arm.eventStation, { pair: pairWith(g.station) }, () => live.map(pairWith), run, end, 'pairing');
      const sv = isThenable(svp) ? await svp : svp;
      if (!sv) continue;
      if (!sv.pass) {
        for (const c of live) rejected(pairWith(c), sv, 'pairing');
        continue;
      }
      for (const c of live) {
        const pair = pairWith(c);
        const cvp = judged(arm.eventChannel, { pair }, () => [pair], run, end, 'pairing');
        const cv = isThenable(cvp) ? await cvp : cvp;
        if (!cv) continue;
        if (!cv.pass) {
          rejected(pair, cv, 'pairing');
          continue;
        }
        const rp = requestsFor(arm, pair, run, report, end);
        const requests = isThenable(rp) ? await rp : rp;
        if (!requests) continue;
        options.onAdmitted?.(pair);
        chunk.push({ pair, requests });
        if (chunk.length >= PAIRS_PER_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) {
      yield chunk;
      chunk = [];
    }
    if (!run.signal?.aborted) options.onEventPaired?.(event);
  }
}

/** Every accepted event met with every accepted channel: pairing, then fetching and processing. */
export async function runWaveformArm(
  arm: BuiltWaveformArm,
  events: AsyncIterable<EventRecord>,
  channels: Iterable<ChannelRecord>,
  run: RunContext,
  report: WaveformReport,
  options: WaveformOptions = {},
): Promise<void> {
  const end = pairEnder(run, report, options);
  await fetchAndFinish(arm, pairsToFetch(arm, events, groupByStation(channels), run, report, options, end), run, report, options, end);
}

/** Pairs with their windows (from pairing, or due for a retry), in chunks, through the source, the availability tests and the processes. */
export async function processReadyPairs(arm: BuiltWaveformArm, ready: AsyncIterable<readonly ReadyPair[]>, run: RunContext, report: WaveformReport, options: WaveformOptions = {}): Promise<void> {
  await fetchAndFinish(arm, ready, run, report, options, pairEnder(run, report, options));
}

async function fetchAndFinish(arm: BuiltWaveformArm, ready: AsyncIterable<readonly ReadyPair[]>, run: RunContext, report: WaveformReport, options: WaveformOptions, end: (e: PairEnd) => void): Promise<void> {
  /** A batch's answers, a group of pairs at a time (sources without fetchGroups: one pair per group). */
  const groupsFrom = (batch: ReadyPair[]): AsyncIterable<FetchedPair[]> => {
    const source = arm.source;
    if (source.fetchGroups) return source.fetchGroups(batch, run) as AsyncIterable<FetchedPair[]>;
    return (async function* () {
      for await (const f of source.fetch(batch, run) as AsyncIterable<FetchedPair>) yield [f];
    })();
  };

  async function* fetchBatch(batch: ReadyPair[]): AsyncGenerator<Fetched[]> {
    report.batches++;
    const requests = new Map(batch.map((b) => [b.pair, b.requests] as const));
    try {
      for await (const group of groupsFrom(batch)) {
        const out: Fetched[] = [];
        for (const f of group) {
          const r = requests.get(f.pair);
          if (r === undefined) continue;
          requests.delete(f.pair);
          // a literal of one shape, not a spread of whatever shape the source made
          out.push({ pair: f.pair, seismograms: f.seismograms, available: f.available, bytes: f.bytes, requests: r });
        }
        if (out.length > 0) yield out;
      }
    } catch (e) {
      const message = (e as Error).message;
      run.fail({ where: arm.sourceName, message: `${message} (${requests.size} pair(s) of a batch of ${batch.length} missed)` });
      yield [...requests].map(([pair, r]) => ({ pair, requests: r, failure: message }));
      return;
    }
    // a source that forgot a pair: say so rather than lose it
    if (requests.size > 0) yield [...requests].map(([pair, r]) => ({ pair, requests: r, seismograms: [] }));
  }

  // groups are bigger than single pairs: a short hand-over queue keeps memory as it was
  const fetched = mergeMapBounded(rebatchBySizeOrTime(ready, options.batchSize ?? 100, options.batchWaitMs ?? 200), options.concurrency ?? 4, fetchBatch, 2);
  for await (const group of fetched) {
    for (const f of group) {
      if ('failure' in f) {
        end({ pair: f.pair, requests: f.requests, stage: 'source', outcome: { status: 'failed', by: arm.sourceName, reason: f.failure } });
        continue;
      }
      const finishing = finishPair(arm, f, run, end);
      if (isThenable(finishing)) await finishing;
      report.seismograms += f.seismograms.length;
    }
  }
}

/**
 * Available-data subsetters, then the processes in recipe order; a process that throws fails the
 * pair. Synchronous while the steps are (no promise per pair and step); async from the first step
 * that answers with a promise. Plain functions, not closures made per pair: this runs for every pair.
 */
function finishPair(arm: BuiltWaveformArm, f: FetchedPair & { requests: RequestWindow[] }, run: RunContext, end: (e: PairEnd) => void): MaybePromise<void> {
  const state: PairState = { pair: f.pair, requests: f.requests, available: f.available ?? spansOf(f.seismograms), seismograms: f.seismograms };
  let av: MaybePromise<Verdict>;
  try {
    av = runStepsUnsafe(arm.availableTests, state, run);
  } catch (e) {
    return availableFailed(f, e, end);
  }
  if (isThenable(av)) {
    return av.then(
      (v) => afterAvailable(arm, f, state, v, run, end),
      (e: unknown) => availableFailed(f, e, end),
    );
  }
  return afterAvailable(arm, f, state, av, run, end);
}

type Finishing = FetchedPair & { requests: RequestWindow[] };

function availableFailed(f: Finishing, e: unknown, end: (e: PairEnd) => void): void {
  if (!(e instanceof StepFailure)) throw e;
  end({ pair: f.pair, requests: f.requests, bytes: f.bytes, stage: 'available', outcome: { status: 'failed', by: e.ingredient, reason: e.message } });
}

function afterAvailable(arm: BuiltWaveformArm, f: Finishing, state: PairState, av: Verdict, run: RunContext, end: (e: PairEnd) => void): MaybePromise<void> {
  if (!av.pass) {
    end({ pair: f.pair, requests: f.requests, bytes: f.bytes, stage: 'available', outcome: { status: 'rejected', by: av.by, reason: av.reason } });
    return;
  }
  return runProcesses(arm, f, state, [], 0, run, end);
}

/** The processes from `from` on; the pair ends kept after the last one, or where one refuses or throws. */
function runProcesses(arm: BuiltWaveformArm, f: Finishing, state: PairState, files: string[], from: number, run: RunContext, end: (e: PairEnd) => void): MaybePromise<void> {
  for (let i = from; i < arm.processes.length; i++) {
    const step = arm.processes[i]!;
    let out: MaybePromise<StepOutput>;
    try {
      out = step(state, run);
    } catch (e) {
      return processFailed(f, step, e, end);
    }
    if (isThenable(out)) {
      return out.then(
        (o) => (took(f, state, files, o, end) ? runProcesses(arm, f, state, files, i + 1, run, end) : undefined),
        (e: unknown) => processFailed(f, step, e, end),
      );
    }
    if (!took(f, state, files, out, end)) return;
  }
  end({ pair: f.pair, requests: f.requests, bytes: f.bytes, stage: 'process', outcome: { status: 'kept', files }, seismograms: state.seismograms });
}

function processFailed(f: Finishing, step: PairStep, e: unknown, end: (e: PairEnd) => void): void {
  end({ pair: f.pair, requests: f.requests, bytes: f.bytes, stage: 'process', outcome: { status: 'failed', by: step.ingredient, reason: (e as Error).message } });
}

/** A process's output taken into the pair's state; false when it refused the pair (which then ends). */
function took(f: Finishing, state: PairState, files: string[], out: StepOutput, end: (e: PairEnd) => void): boolean {
  if (!out.verdict.pass) {
    end({ pair: f.pair, requests: f.requests, bytes: f.bytes, stage: 'process', outcome: { status: 'rejected', by: out.verdict.by, reason: out.verdict.reason } });
    return false;
  }
  if (out.seismograms) state.seismograms = out.seismograms;
  if (out.files) for (const file of out.files) files.push(file);
  return true;
}
