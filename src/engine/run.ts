/**
 * Runs a validated recipe end to end (the waveform arm in src/engine/waveform-arm.ts): builds every ingredient through
 * the registry, runs the network arm first (its channels' time span feeds <networkTimeRange/>),
 * then the event arm, commits the output files, and sums up what was accepted, what each
 * ingredient turned away, and what failed. A failing source is reported and the run goes on.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { HttpClient } from '../fdsn/http.js';
import { runHttp } from './http.js';
import { formatInstant, type Instant } from '../seismogram/time.js';
import { BuildError, makeBuildContext, namesIn } from './build.js';
import type { Occurrence, RunContext, RunFailure } from './context.js';
import type { ChannelRecord, EventRecord } from './contracts.js';
import { buildEventArm, closeEventArm, runEventArm } from './event-arm.js';
import type { Logger } from './logger.js';
import { buildNetworkArm, closeNetworkArm, runNetworkArm } from './network-arm.js';
import { OutputFiles } from './output.js';
import { SettingError, FUTURE } from './quantities.js';
import { ArmReport } from './report.js';
import { buildWaveformArm, closeWaveformArm, WaveformReport, type BuiltWaveformArm, type PairEnd, type WaveformOptions } from './waveform-arm.js';
import { RunStore } from '../store/index.js';
import { flushOpenAppenders } from '../writers/csv-appender.js';
import { runStandingOrder, type Sleep } from './standing-order.js';
import type { Progress, ProgressCounts } from './progress.js';

/** Ingredients that read instrument responses: the network arm then asks for level=response. */
const RESPONSE_READERS = [
  'responseWriter', 'sacPoleZeroWriter', 'hasResponse', 'hasSensitivity', 'hasNegativeSensitivity', 'repairSensitivity',
  'responseFilterType', 'stageTransferType', 'stageInputUnit', 'stageOutputUnit',
  // waveform processes that take the response from the channel's StationXML
  'transferResponse', 'responseGain',
];

export interface RunOptions {
  recipe: Record<string, unknown>;
  recipeDir: string;
  runDir: string;
  log: Logger;
  /** the run's start; default the wall clock */
  now?: Instant;
  clock?: () => Instant;
  http?: HttpClient;
  signal?: AbortSignal;
  /** told about each accepted event / channel (the waveform arm will subscribe here) */
  onEvent?: (e: EventRecord) => void;
  onChannel?: (c: ChannelRecord) => void;
  /** told how each event-channel pair of the waveform arm ended */
  onPair?: (end: PairEnd) => void;
  /** batching and concurrency of the waveform arm's fetches */
  waveform?: Omit<WaveformOptions, 'onOutcome' | 'decide' | 'settled' | 'onAdmitted' | 'onEventPaired'>;
  /** start afresh: the run folder's state file is moved aside (output files are kept) */
  restart?: boolean;
  /** the recipe changed since the run was started: continue with it, keeping what is settled */
  acceptRecipeChange?: boolean;
  /** one pass: do not wait for retries or new events; what waits stays in the run state */
  once?: boolean;
  /** how the standing order waits (injectable with the clock, so tests run days in seconds) */
  sleep?: Sleep;
  /** continuous mode (no event arm): only data in [start, end) (--start, --end) */
  start?: Instant;
  end?: Instant;
  /** the live progress display (src/engine/progress.ts), fed from the run state twice a second */
  progress?: Progress;
}

/** The store's counts as the progress display wants them. */
function progressCounts(store: RunStore): ProgressCounts {
  const c = store.counts();
  return { events: c.events.total, channels: c.channels, ...c.pairs, bytes: c.bytesFetched > 0 ? c.bytesFetched : c.bytesWritten };
}

/** Feeds `progress` from the store while `work` runs, and once more at the end. */
async function withProgress<T>(store: RunStore, progress: Progress | undefined, work: () => Promise<T>): Promise<T> {
  if (!progress) return work();
  const timer = setInterval(() => {
    try {
      progress.update(progressCounts(store));
    } catch {
      // a count that cannot be read now is read at the next tick
    }
  }, 500);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    try {
      progress.finish(progressCounts(store));
    } catch {
      // the store's own error is the one to report
    }
  }
}

export interface RunSummary {
  events?: ArmReport;
  channels?: ArmReport;
  /** the waveform arm's event-channel pairs */
  pairs?: WaveformReport;
  failures: RunFailure[];
  /** output files written (committed) */
  outputs: string[];
  /** the recipe could not be run at all (build error, waveform arm) */
  refused?: string;
  /** the run-state file (runs with a waveform arm) */
  state?: string;
  /** pairs still waiting for data at the end (a --once run, or Ctrl-C) */
  waiting?: number;
  /** pairs an earlier run had settled, skipped by this one */
  settledBefore?: number;
}

/**
 * The run context of both modes (events, and continuous): the clock, the log, HTTP, the output
 * files, where failures go, and the station level the arms' ingredients need.
 */
export function makeRunContext(
  o: RunOptions,
  arms: readonly (Occurrence[] | undefined)[],
  parts: { now: Instant; clock: () => Instant; http: HttpClient; files: OutputFiles; failures: RunFailure[] },
): RunContext {
  return {
    recipeDir: o.recipeDir,
    runDir: o.runDir,
    now: parts.now,
    clock: parts.clock,
    log: o.log,
    http: parts.http,
    stationLevel: arms.some((arm) => arm && RESPONSE_READERS.some((n) => namesIn(arm).has(n))) ? 'response' : 'channel',
    files: parts.files,
    fail: (f) => {
      parts.failures.push(f);
      o.log.error(`${f.where}${f.location ? ` (${f.location})` : ''}: ${f.message}`);
    },
    ...(o.signal ? { signal: o.signal } : {}),
  };
}

/** SOD's waveformWorkerThreads: how many batches of pairs are fetched and processed at once. */
function workerThreads(properties: Record<string, unknown>): { concurrency?: number } {
  const n = properties.waveformWorkerThreads;
  return typeof n === 'number' && n >= 1 ? { concurrency: Math.floor(n) } : {};
}

/** The run state of the run folder, opened for the recipe (its hash tells a changed recipe). */
function openRunStore(o: RunOptions, clock: () => Instant): RunStore {
  const text = JSON.stringify(o.recipe);
  return RunStore.open(o.runDir, {
    recipeHash: createHash('sha256').update(text).digest('hex'),
    recipeText: text,
    clock,
    // rows a writer appended for a pair are on disk before the pair is recorded done
    beforeApply: flushOpenAppenders,
    ...(o.restart ? { restart: true } : {}),
    ...(o.acceptRecipeChange ? { acceptRecipeChange: true } : {}),
  });
}

export function wallClock(): Instant {
  return BigInt(Date.now()) * 1_000_000n;
}


export async function runRecipe(o: RunOptions): Promise<RunSummary> {
  const failures: RunFailure[] = [];
  const summary: RunSummary = { failures, outputs: [] };
  const recipe = o.recipe;
  if (recipe.waveformVectorArm !== undefined) {
    summary.refused = 'the recipe has a <waveformVectorArm>, and this version of sod does not run the three-component arm yet; a <waveformArm> handles the channels one by one';
    return summary;
  }
  const eventArm = recipe.eventArm as Occurrence[] | undefined;
  const networkArm = recipe.networkArm as Occurrence[] | undefined;
  const waveformArm = recipe.waveformArm as Occurrence[] | undefined;
  if (waveformArm && networkArm && !eventArm) {
    // continuous mode: every day of every channel stands in for the events (src/engine/continuous/)
    const { runContinuous } = await import('./continuous/index.js');
    mkdirSync(o.runDir, { recursive: true });
    const store = openRunStore(o, o.clock ?? wallClock);
    try {
      const s = await withProgress(store, o.progress, () => runContinuous({ ...o, store }));
      return { ...s, state: store.dbPath };
    } finally {
      store.close();
    }
  }
  if (waveformArm && (!eventArm || !networkArm)) {
    summary.refused = `a <waveformArm> pairs events with channels: the recipe needs an <eventArm> and a <networkArm> too (missing: ${[!eventArm ? '<eventArm>' : '', !networkArm ? '<networkArm>' : ''].filter(Boolean).join(' and ')})`;
    return summary;
  }
  if (!eventArm && !networkArm) {
    summary.refused = 'the recipe has neither an <eventArm> nor a <networkArm>: nothing to run';
    return summary;
  }
  const clock = o.clock ?? wallClock;
  const now = o.now ?? clock();
  const properties = (recipe.properties as Record<string, unknown> | undefined) ?? {};
  const bctx = makeBuildContext({ recipeDir: o.recipeDir, runDir: o.runDir, properties, now });
  let builtEvents, builtNetwork;
  let builtWaveform: BuiltWaveformArm | undefined;
  try {
    builtNetwork = networkArm ? buildNetworkArm(networkArm, bctx) : undefined;
    builtEvents = eventArm ? buildEventArm(eventArm, bctx) : undefined;
    builtWaveform = waveformArm ? buildWaveformArm(waveformArm, bctx) : undefined;
  } catch (e) {
    if (e instanceof BuildError || e instanceof SettingError) {
      summary.refused = e.message;
      return summary;
    }
    throw e;
  }
  mkdirSync(o.runDir, { recursive: true });
  // the waveform arm's run state: opened first, so a locked, corrupt or changed run stops before any query
  let store: RunStore | undefined = builtWaveform ? openRunStore(o, clock) : undefined;
  // sod's user agent, retries with backoff and Retry-After, timeouts (see src/fdsn/http.ts)
  const owned = o.http ? undefined : runHttp({ retries: 3 }, properties);
  const http = o.http ?? owned!.http;
  const files = new OutputFiles();
  const run = makeRunContext(o, [networkArm, waveformArm], { now, clock, http, files, failures });
  // the waveform arm needs the channels in hand (bounded by the network) and streams the events
  const channels: ChannelRecord[] | undefined = builtWaveform ? [] : undefined;
  try {
    if (builtNetwork) {
      const report = new ArmReport('network');
      summary.channels = report;
      let start: Instant | undefined;
      let end: Instant | undefined;
      for await (const c of runNetworkArm(builtNetwork, run, report)) {
        const s = c.channel.start;
        const e = c.channel.end ?? FUTURE;
        if (s !== undefined && (start === undefined || s < start)) start = s;
        if (end === undefined || e > end) end = e;
        channels?.push(c);
        o.onChannel?.(c);
      }
      if (start !== undefined && end !== undefined) {
        run.networkSpan = { start, end };
        o.log.debug(`network arm: channels span ${formatInstant(start, 0)} - ${formatInstant(end, 0)}`);
      }
    }
    if (builtEvents && builtWaveform && channels) {
      const events = new ArmReport('event');
      summary.events = events;
      const pairs = new WaveformReport();
      summary.pairs = pairs;
      summary.state = store!.dbPath;
      try {
        const before = store!.counts().pairs;
        const failedBefore = store!.reopenAll('failed');
        if (failedBefore > 0) o.log.info(`${failedBefore} pair${failedBefore === 1 ? '' : 's'} that failed in an earlier run will be tried again`);
        const result = await withProgress(store!, o.progress, () => runStandingOrder({
          store: store!,
          events: builtEvents,
          waveform: builtWaveform,
          channels,
          run,
          properties,
          eventReport: events,
          pairReport: pairs,
          ...(o.once ? { once: true } : {}),
          ...(o.sleep ? { sleep: o.sleep } : {}),
          waveformOptions: { ...workerThreads(properties), ...o.waveform },
          ...(o.onPair ? { onPair: o.onPair } : {}),
        }));
        summary.waiting = result.waiting;
        summary.settledBefore = before.done + before.rejected;
        o.log.info(`run report (every event-channel pair and what became of it): ${result.report}`);
      } finally {
        store!.close();
        store = undefined;
      }
      await closeWaveformArm(builtWaveform);
    } else if (builtEvents) {
      const report = new ArmReport('event');
      summary.events = report;
      for await (const ev of runEventArm(builtEvents, run, report)) o.onEvent?.(ev);
    }
    if (builtEvents) await closeEventArm(builtEvents);
    if (builtNetwork) await closeNetworkArm(builtNetwork);
    summary.outputs = files.commitAll();
  } catch (e) {
    files.abandonAll();
    throw e;
  } finally {
    store?.close();
    await owned?.close();
  }
  return summary;
}
