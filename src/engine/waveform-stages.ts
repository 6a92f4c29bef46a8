/**
 * The waveform arm's tests, whatever group they come from. SOD lets a simpler test stand where a
 * richer one is expected (a magnitudeRange inside an eventChannelAND, a distanceRange among the
 * processes): each ingredient's build() returns the function of its home slot, and the adapters
 * here call it with the part of the pair it understands.
 */
import type { Slot } from '../ingredients/declaration.js';
import { occurrenceName, type EngineBuildContext, type Occurrence, type RunContext } from './context.js';
import {
  PASS,
  type AvailableDataSubsetter,
  type ChannelSubsetter,
  type EventChannelPair,
  type EventChannelSubsetter,
  type EventStationPair,
  type EventStationSubsetter,
  type MaybePromise,
  type NetworkSubsetter,
  type OriginSubsetter,
  type RequestSubsetter,
  type RequestWindow,
  type StationSubsetter,
  type Verdict,
} from './contracts.js';
import type { ArmSeismogram, ProcessExtras, Writable } from './waveform-types.js';

/** Everything known about a pair at some point of the arm. */
export interface PairState {
  pair: EventChannelPair;
  requests?: RequestWindow[];
  /** what the data centre holds (availability service) or what came back */
  available?: RequestWindow[];
  seismograms?: ArmSeismogram[];
}

/** A step of the arm: a verdict and, for processes, the seismograms they hand on. */
/** What a step hands back: its verdict and, for processes, the seismograms (and files written) to pass on. */
export interface StepOutput {
  verdict: Verdict;
  seismograms?: ArmSeismogram[];
  /** files a writer made for the pair (for the run report) */
  files?: string[];
}

/**
 * A step answers synchronously when its ingredient does (most tests and processes): a run of
 * 100,000 pairs through five steps would otherwise spend a good part of its time in promise hops.
 * Callers `await` the result or check it with isThenable.
 */
export type PairStep = ((state: PairState, ctx: RunContext) => MaybePromise<StepOutput>) & {
  close?: () => Promise<void>;
  /** the ingredient name, for messages */
  ingredient: string;
};

/** The station's view of a channel pair. */
export function stationPairOf(p: EventChannelPair): EventStationPair {
  return { event: p.event, station: p.channel, distanceDeg: p.distanceDeg, azimuth: p.azimuth, backAzimuth: p.backAzimuth };
}

/**
 * The slots an ingredient fills, by name. Set by the waveform arm module (which imports the
 * registry): the ingredient runtimes import this module, and a static import of the registry from
 * here would close an import cycle through the declarations.
 */
let slotsOf: ((name: string) => readonly Slot[] | undefined) | undefined;

export function setSlotLookup(lookup: (name: string) => readonly Slot[] | undefined): void {
  slotsOf = lookup;
}

/** Where an ingredient's own function expects to stand, among the candidates (its first matching slot). */
export function homeSlot(name: string, candidates: readonly Slot[]): Slot | undefined {
  if (!slotsOf) throw new Error('the waveform arm (src/engine/waveform-arm.ts) is not loaded: no slot lookup');
  return slotsOf(name)?.find((s) => candidates.includes(s));
}

/** Spans of the seismograms, as windows (what "available" means once data are in hand). */
export function spansOf(seismograms: readonly ArmSeismogram[]): RequestWindow[] {
  return seismograms.map((s) => ({ start: s.start, end: s.sampleRate > 0 ? s.start + BigInt(Math.round((s.samples.length * 1e9) / s.sampleRate)) : s.start }));
}

/**
 * Builds an occurrence and wraps it as a step over pair states, from any of the candidate slots.
 * The process slot comes last: an ingredient that is also a subsetter is called as a subsetter.
 */
export function buildStep(occurrence: Occurrence, candidates: readonly Slot[], ctx: EngineBuildContext): PairStep {
  const name = occurrenceName(occurrence);
  const slot = homeSlot(name, candidates);
  const built = ctx.buildChild<((...a: unknown[]) => MaybePromise<unknown>) & { close?: () => Promise<void> }>(occurrence, candidates);
  const step = adapt(slot, built) as PairStep;
  step.ingredient = name;
  if (built.close) step.close = built.close;
  return step;
}

type Adapted = (s: PairState, run: RunContext) => MaybePromise<StepOutput>;

export function isThenable<T>(x: MaybePromise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown } | null | undefined)?.then === 'function';
}

const asOutput = (x: unknown): StepOutput => ({ verdict: x as Verdict });
const verdictOf = (x: MaybePromise<unknown>): MaybePromise<StepOutput> => (isThenable(x) ? x.then(asOutput) : asOutput(x));

function adapt(slot: Slot | undefined, built: (...a: never[]) => MaybePromise<unknown>): Adapted {
  switch (slot) {
    case 'originSubsetter':
      return (s, r) => verdictOf((built as OriginSubsetter)(s.pair.event, r));
    case 'networkSubsetter':
      return (s, r) => verdictOf((built as NetworkSubsetter)(s.pair.channel, r));
    case 'stationSubsetter':
      return (s, r) => verdictOf((built as StationSubsetter)(s.pair.channel, r));
    case 'channelSubsetter':
      return (s, r) => verdictOf((built as ChannelSubsetter)(s.pair.channel, r));
    case 'eventStationSubsetter':
      return (s, r) => verdictOf((built as EventStationSubsetter)(stationPairOf(s.pair), r));
    case 'eventChannelSubsetter':
      return (s, r) => verdictOf((built as EventChannelSubsetter)(s.pair, r));
    case 'requestSubsetter':
      return (s, r) => verdictOf((built as RequestSubsetter)(s.pair, s.requests ?? [], r));
    case 'availableDataSubsetter':
      return (s, r) => verdictOf((built as AvailableDataSubsetter)(s.pair, s.requests ?? [], s.available ?? spansOf(s.seismograms ?? []), r));
    case 'waveformProcess': {
      const process = built as (...a: [EventChannelPair, ArmSeismogram[], RunContext, ProcessExtras]) => MaybePromise<StepOutput>;
      return (s, r) => {
        // a 4th argument the contract leaves out: the pair's windows (writers put them in headers and CSV rows)
        const extras: ProcessExtras = { requests: s.requests ?? [], available: s.available ?? [] };
        // the output as the process made it: callers read its verdict, seismograms and files only
        return process(s.pair, s.seismograms ?? [], r, extras);
      };
    }
    default:
      throw new Error(`no adapter for slot ${String(slot)}`);
  }
}

/** A test that threw: the pair fails (not the run), naming the ingredient. */
export class StepFailure extends Error {
  constructor(
    readonly ingredient: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StepFailure';
  }
}

/**
 * A step list as one test: the first refusal wins; a step that throws (or rejects) becomes a
 * StepFailure. Synchronous while the steps are.
 */
export function runSteps(steps: readonly PairStep[], state: Writable<PairState>, run: RunContext, from = 0): MaybePromise<Verdict> {
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    let out: MaybePromise<StepOutput>;
    try {
      out = step(state, run);
    } catch (e) {
      throw new StepFailure(step.ingredient, e);
    }
    if (isThenable(out)) return settleThenRun(steps, i, out, state, run);
    if (!out.verdict.pass) return out.verdict;
    if (out.seismograms) state.seismograms = out.seismograms;
  }
  return PASS;
}

async function settleThenRun(steps: readonly PairStep[], i: number, pending: Promise<StepOutput>, state: Writable<PairState>, run: RunContext): Promise<Verdict> {
  let out: StepOutput;
  try {
    out = await pending;
  } catch (e) {
    throw new StepFailure(steps[i]!.ingredient, e);
  }
  if (!out.verdict.pass) return out.verdict;
  if (out.seismograms) state.seismograms = out.seismograms;
  return runSteps(steps, state, run, i + 1);
}

/** Children of a logical combinator, each as a step over pair states. */
export function buildSteps(children: readonly Occurrence[], candidates: readonly Slot[], ctx: EngineBuildContext): PairStep[] {
  return children.map((o) => buildStep(o, candidates, ctx));
}
