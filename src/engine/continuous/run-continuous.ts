/**
 * Continuous mode: a recipe with a <networkArm> and a <waveformArm> (request generator
 * <dayRequest>) but no <eventArm>. Every day of every channel the network arm accepts is a pair of
 * the run store (day:YYYY-MM-DD x channel, see day-plan.ts), stored when its station-day has ended,
 * so a rerun skips the station-days already settled and redoes the rest.
 *
 * Per day, in time order: the station-days not yet settled go, per data centre, into bulk
 * requests of at most maxRequestBytes (estimated), fetched through the recipe's seismogram source
 * (fdsnDataSelect by default), at most concurrencyPerDataCenter at once per centre. Each pair's
 * data pass the available-data tests and the processes in recipe order (writers, the daily
 * statistics); when all pairs of a station-day have ended, the statistics writers write its rows.
 * Rows are made durable (fsync) before the pairs are marked done, so a kill loses no row and a
 * rerun writes none twice. A station-day with a failed pair is left to be redone whole. The run
 * report (run-report.csv) is written from the store at the end, as in event mode.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GlobalRange } from '../../archive/day-windows.js';
import { Semaphore } from '../../fdsn/host-limiter.js';
import type { StationListRow } from '../../ingredients/network/csvStationList.runtime.js';
import { isDayRequest } from '../../ingredients/waveform/continuous.runtime.js';
import { merge } from '../../seismogram/merge.js';
import type { Instant } from '../../seismogram/time.js';
import { channelKey as storeChannelKey, type ChannelRef, type PairRef, type RunStore } from '../../store/index.js';
import { CsvOutputError } from '../../writers/errors.js';
import type { PairOutcome } from '../../writers/run-report.js';
import { BuildError, makeBuildContext } from '../build.js';
import type { Occurrence, RunFailure } from '../context.js';
import { channelId, type ChannelRecord, type EventChannelPair, type RequestWindow } from '../contracts.js';
import { runHttp } from '../http.js';
import { buildNetworkArm, closeNetworkArm, runNetworkArm } from '../network-arm.js';
import { OutputFiles } from '../output.js';
import { filesWithSizes, writeRunReport } from '../pair-ledger.js';
import { SettingError } from '../quantities.js';
import { ArmReport } from '../report.js';
import { makeRunContext, wallClock, type RunOptions, type RunSummary } from '../run.js';
import { buildWaveformArm, closeWaveformArm, WaveformReport, type BuiltWaveformArm, type PairStage } from '../waveform-arm.js';
import { mergeMapBounded } from '../waveform-flow.js';
import { runSteps, spansOf, StepFailure } from '../waveform-stages.js';
import type { ArmSeismogram, FetchedPair } from '../waveform-types.js';
import type { ContinuousBuildContext, ContinuousRunContext } from './context.js';
import type { DailyStatisticsWriter } from './daily-statistics.js';
import { byCodes, daysOf, estimateBytes, packRequests, type RequestItem } from './day-plan.js';
import { readStationRows, stationColumns, withContinuousDefaults } from './station-list.js';

export interface ContinuousOptions extends RunOptions {
  /** the run's state, opened by the caller with the recipe hash (not closed here) */
  store: RunStore;
  /** --start / --end: only data in [start, end) */
  start?: Instant;
  end?: Instant;
  /** override dayRequest's maxRequestBytes / concurrencyPerDataCenter (tests, benchmarks) */
  maxRequestBytes?: number;
  concurrencyPerDataCenter?: number;
}


/** A station's channels on one day: its statistics rows are written when every pair has ended. */
interface StationDay {
  dayId: string;
  day: Instant;
  channels: ChannelRecord[];
  windows: Map<ChannelRecord, RequestWindow>;
  remaining: number;
  ends: { task: PairTask; outcome: PairOutcome }[];
}

interface PairTask {
  pair: EventChannelPair;
  ref: PairRef;
  unit: StationDay;
  requests: RequestWindow[];
  /** time pieces it was cut into (1 unless the day was too big for one request) */
  pieces: number;
  arrived: number;
  seismograms: ArmSeismogram[];
  /** bytes of miniSEED received for it, over its pieces */
  bytes: number;
  failure?: string;
}

interface Batch {
  dataCenter: string;
  items: RequestItem<PairTask>[];
}

const channelRefs = new WeakMap<ChannelRecord, { ref: ChannelRef; key: string }>();

/**
 * The store's name of a channel epoch (location code trimmed) and its key: one frozen object per
 * channel record, so the store finds its id by identity, and a pair's add and its transition met
 * in one batch of the store's queue are one insert.
 */
function channelRefOf(c: ChannelRecord): { ref: ChannelRef; key: string } {
  let known = channelRefs.get(c);
  if (!known) {
    const ch = c.channel;
    const ref: ChannelRef = Object.freeze({ id: Object.freeze({ network: c.network.code, station: c.station.code, location: ch.locationCode.trim(), channel: ch.code }), start: ch.start ?? 0n });
    channelRefs.set(c, (known = { ref, key: storeChannelKey(ref) }));
  }
  return known;
}

function pairRef(dayId: string, c: ChannelRecord): PairRef {
  return { event: dayId, channel: channelRefOf(c).ref };
}

export async function runContinuous(o: ContinuousOptions): Promise<RunSummary> {
  const failures: RunFailure[] = [];
  const summary: RunSummary = { failures, outputs: [] };
  const recipe = o.recipe;
  const networkArmIn = recipe.networkArm as Occurrence[] | undefined;
  const waveformArm = recipe.waveformArm as Occurrence[] | undefined;
  if (recipe.eventArm !== undefined) {
    summary.refused = 'continuous mode is for a recipe without an <eventArm>: its days stand in for events';
    return summary;
  }
  if (!networkArmIn || !waveformArm) {
    summary.refused = `continuous mode needs a <networkArm> and a <waveformArm> (missing: ${[!networkArmIn ? '<networkArm>' : '', !waveformArm ? '<waveformArm>' : ''].filter(Boolean).join(' and ')})`;
    return summary;
  }
  const range: GlobalRange = { ...(o.start !== undefined ? { start: o.start } : {}), ...(o.end !== undefined ? { end: o.end } : {}) };
  if (range.start !== undefined && range.end !== undefined && range.end <= range.start) {
    summary.refused = 'the --end of the run must come after its --start';
    return summary;
  }
  const networkArm = withContinuousDefaults(networkArmIn);
  const clock = o.clock ?? wallClock;
  const now = o.now ?? clock();
  const properties = (recipe.properties as Record<string, unknown> | undefined) ?? {};
  const statisticsWriters: DailyStatisticsWriter[] = [];
  const bctx = Object.assign(makeBuildContext({ recipeDir: o.recipeDir, runDir: o.runDir, properties, now }), {
    continuous: { statisticsWriters },
  }) as ContinuousBuildContext;
  let builtNetwork;
  let builtWaveform: BuiltWaveformArm;
  try {
    builtNetwork = buildNetworkArm(networkArm, bctx);
    builtWaveform = buildWaveformArm(waveformArm, bctx);
  } catch (e) {
    if (e instanceof BuildError || e instanceof SettingError) {
      summary.refused = e.message;
      return summary;
    }
    throw e;
  }
  const generator = builtWaveform.generator;
  if (!isDayRequest(generator)) {
    summary.refused = `continuous mode (no <eventArm>) cuts time into days: its <waveformArm> needs <dayRequest> as request generator, not <${builtWaveform.generatorName}>`;
    return summary;
  }
  const maxBytes = o.maxRequestBytes ?? generator.dayRequest.maxRequestBytes;
  const perCentre = o.concurrencyPerDataCenter ?? generator.dayRequest.concurrencyPerDataCenter;
  const windowOptions = generator.dayRequest.windows;

  mkdirSync(o.runDir, { recursive: true });
  const owned = o.http ? undefined : runHttp({ retries: 3 }, properties);
  const http = o.http ?? owned!.http;
  const files = new OutputFiles();
  const run: ContinuousRunContext = { ...makeRunContext(o, [networkArm, waveformArm], { now, clock, http, files, failures }), continuousRange: range };
  const store = o.store;
  const report = new WaveformReport();
  summary.pairs = report;
  // the run report is written from the store at the end, as in event mode (writeRunReport)
  const runReportPath = join(o.runDir, 'run-report.csv');
  try {
    for (const w of statisticsWriters) w.open();
  } catch (e) {
    // a CSV of the run that has other columns (an older sod, another recipe): said before anything is fetched
    for (const w of statisticsWriters) w.close();
    await owned?.close();
    if (e instanceof CsvOutputError) {
      summary.refused = e.message;
      return summary;
    }
    throw e;
  }

  // marks wait until the rows they stand for are on disk
  let pendingMarks: (() => void)[] = [];
  let lastCommit = Date.now();
  const commit = () => {
    for (const w of statisticsWriters) w.flush();
    const marks = pendingMarks;
    pendingMarks = [];
    for (const m of marks) m();
    // one transaction for the lot, so what the rows say is settled is settled on disk too
    if (marks.length > 0) store.flush();
    lastCommit = Date.now();
  };
  const maybeCommit = () => {
    if (pendingMarks.length >= 2000 || Date.now() - lastCommit >= 1000) commit();
  };

  const endPair = (task: PairTask, stage: PairStage, outcome: PairOutcome) => {
    if (outcome.status === 'kept') report.accepted++;
    else if (outcome.status === 'failed') report.failed++;
    else if (outcome.status === 'rejected') report.reject({ pass: false, by: outcome.by, reason: outcome.reason });
    o.onPair?.({ pair: task.pair, requests: task.requests, stage, outcome });
    const unit = task.unit;
    unit.ends.push({ task, outcome });
    if (--unit.remaining === 0) stationDayEnded(unit);
  };

  /*
   * A station-day's pairs reach the store when it has ended, with their marks (one insert of each
   * pair's final row, as in event mode), and a day is marked paired once its planning is over and
   * its last station-day has ended. A kill before that leaves nothing of them in the store: the
   * next run does them again.
   */
  /** station-days planned and not yet ended, per day */
  const dayOpen = new Map<string, number>();
  /** days whose planning is over, waiting for their last station-days to end */
  const dayPlanned = new Set<string>();
  const stationDayStored = (dayId: string) => {
    const left = dayOpen.get(dayId)! - 1;
    if (left > 0) return void dayOpen.set(dayId, left);
    dayOpen.delete(dayId);
    if (dayPlanned.delete(dayId)) store.markEventPaired(dayId);
  };

  const stationDayEnded = (unit: StationDay) => {
    const first = unit.channels[0]!;
    const failed = unit.ends.filter((e) => e.outcome.status === 'failed');
    const refs = unit.ends.map((e) => e.task.ref);
    if (failed.length > 0) {
      // redone whole on the next run: the first-trace row must see all the station's channels
      for (const w of statisticsWriters) w.discard(unit.dayId, first.network.code, first.station.code);
      pendingMarks.push(() => {
        // the others stay pending
        store.addPairs(refs);
        for (const e of failed) if (e.outcome.status === 'failed') store.markFailed(e.task.ref, `${e.outcome.by}: ${e.outcome.reason}`, { bytesFetched: e.task.bytes });
        stationDayStored(unit.dayId);
      });
      maybeCommit();
      return;
    }
    const columns = stationColumns(stationRows, first, unit.day);
    for (const w of statisticsWriters) {
      w.stationDayEnded({
        dayId: unit.dayId,
        columns,
        network: first.network.code,
        stationCode: first.station.code,
        channels: unit.channels.map((channel) => ({ channel, ...(unit.windows.has(channel) ? { window: unit.windows.get(channel)! } : {}) })),
      });
    }
    pendingMarks.push(() => {
      store.addPairs(refs);
      for (const { task, outcome } of unit.ends) {
        const fetched = { bytesFetched: task.bytes };
        if (outcome.status === 'kept') {
          // the files a writer made (day volumes) are the pair's outputs in the store, and so in the run report
          if (outcome.files.length > 0) store.markDoneWithFiles(task.ref, filesWithSizes(outcome.files), fetched);
          else store.markDone(task.ref, fetched);
        }
        else if (outcome.status === 'rejected') store.markRejected(task.ref, outcome.by, outcome.reason, fetched);
      }
      stationDayStored(unit.dayId);
    });
    maybeCommit();
  };

  /** Available-data tests, then the processes in recipe order. */
  const finishTask = async (task: PairTask) => {
    if (task.failure !== undefined) {
      endPair(task, 'source', { status: 'failed', by: builtWaveform.sourceName, reason: task.failure });
      return;
    }
    let seismograms = task.seismograms;
    task.seismograms = [];
    if (task.pieces > 1 && seismograms.length > 1) {
      // records at the cuts came back in both pieces: merged, the copies collapse
      const m = merge(seismograms);
      if (m.ok) seismograms = m.series.runs;
    }
    report.seismograms += seismograms.length;
    const state = { pair: task.pair, requests: task.requests, available: spansOf(seismograms), seismograms };
    try {
      const av = await runSteps(builtWaveform.availableTests, state, run);
      if (!av.pass) return endPair(task, 'available', { status: 'rejected', by: av.by, reason: av.reason });
    } catch (e) {
      if (!(e instanceof StepFailure)) throw e;
      return endPair(task, 'available', { status: 'failed', by: e.ingredient, reason: e.message });
    }
    const written: string[] = [];
    for (const step of builtWaveform.processes) {
      let out;
      try {
        out = await step(state, run);
      } catch (e) {
        return endPair(task, 'process', { status: 'failed', by: step.ingredient, reason: (e as Error).message });
      }
      if (!out.verdict.pass) return endPair(task, 'process', { status: 'rejected', by: out.verdict.by, reason: out.verdict.reason });
      if (out.seismograms) state.seismograms = out.seismograms;
      if (out.files) written.push(...out.files);
    }
    endPair(task, 'process', { status: 'kept', files: written });
  };

  const semaphores = new Map<string, Semaphore>();
  const semaphoreOf = (dc: string) => {
    let s = semaphores.get(dc);
    if (!s) semaphores.set(dc, (s = new Semaphore(perCentre)));
    return s;
  };

  let stationRows = new Map<string, StationListRow[]>();
  const channels: ChannelRecord[] = [];

  /** The requests of the run, day by day; the pairs rejected before any request end here. */
  async function* batches(): AsyncGenerator<Batch> {
    for (const day of daysOf(channels, range, now, windowOptions)) {
      if (run.signal?.aborted) return;
      const dayId = day.event.id;
      store.upsertEvents([{ publicId: dayId, originTime: day.nominalStart, latitude: 0, longitude: 0 }]);
      o.onEvent?.(day.event);
      const states = store.eventPairStates(dayId);
      const refs = new Map(day.channels.map((c) => [c, pairRef(dayId, c)]));
      // pairs that failed in an earlier run are tried again: failed is final until reopened
      const failedBefore = day.channels.filter((c) => states?.get(channelRefOf(c).key) === 'failed').map((c) => refs.get(c)!);
      if (failedBefore.length > 0) store.reopen(failedBefore);
      // station-days still to do, grouped by data centre
      const stations = new Map<string, ChannelRecord[]>();
      for (const c of day.channels) {
        const st = states?.get(channelRefOf(c).key);
        if (st === 'done' || st === 'rejected') continue;
        const key = `${c.network.code}.${c.station.code}@${c.station.start ?? ''}`;
        const list = stations.get(key);
        if (list) list.push(c);
        else stations.set(key, [c]);
      }
      const byCentre = new Map<string, RequestItem<PairTask>[]>();
      for (const list of stations.values()) {
        list.sort(byCodes);
        const unit: StationDay = { dayId, day: day.nominalStart, channels: list, windows: new Map(), remaining: list.length, ends: [] };
        dayOpen.set(dayId, (dayOpen.get(dayId) ?? 0) + 1);
        for (const c of list) {
          const pair: EventChannelPair = { event: day.event, channel: c, distanceDeg: 0, azimuth: 0, backAzimuth: 0 };
          const task: PairTask = { pair, ref: refs.get(c)!, unit, requests: [], pieces: 1, arrived: 0, seismograms: [], bytes: 0 };
          report.generatorCalls++;
          let requests: RequestWindow[];
          try {
            requests = await generator(pair, run);
          } catch (e) {
            endPair(task, 'request', { status: 'failed', by: 'dayRequest', reason: (e as Error).message });
            continue;
          }
          task.requests = requests;
          if (requests[0]) unit.windows.set(c, requests[0]);
          let rv;
          try {
            rv = await runSteps(builtWaveform.requestTests, { pair, requests }, run);
          } catch (e) {
            if (!(e instanceof StepFailure)) throw e;
            endPair(task, 'request', { status: 'failed', by: e.ingredient, reason: e.message });
            continue;
          }
          if (!rv.pass) {
            endPair(task, 'request', { status: 'rejected', by: rv.by, reason: rv.reason });
            continue;
          }
          const dc = JSON.stringify(c.dataCenter ?? null);
          const items = byCentre.get(dc) ?? [];
          items.push({ pair: task, requests, bytes: requests.reduce((n, w) => n + estimateBytes(c, w), 0) });
          byCentre.set(dc, items);
        }
      }
      // the day's station-days are all planned: it is paired when the last has ended (now, if none is left)
      if (dayOpen.has(dayId)) dayPlanned.add(dayId);
      else store.markEventPaired(dayId);
      for (const [dc, items] of byCentre) {
        const packed = packRequests(items, maxBytes);
        // a channel-day cut into pieces: count them so its data are joined before the processes
        const pieces = new Map<PairTask, number>();
        for (const b of packed) for (const it of b) pieces.set(it.pair, (pieces.get(it.pair) ?? 0) + 1);
        for (const [task, n] of pieces) task.pieces = n;
        for (const b of packed) yield { dataCenter: dc, items: b };
      }
    }
  }

  /** One request; its pairs whose data are all in come out together, so the worker can go on to the next request at once. */
  async function* fetchBatch(batch: Batch): AsyncGenerator<PairTask[]> {
    report.batches++;
    // no signal here: on Ctrl-C no new request is planned, and the HTTP layer ends those under way
    const release = await semaphoreOf(batch.dataCenter).acquire();
    const got = new Map<EventChannelPair, FetchedPair>();
    let failure: string | undefined;
    try {
      const asked = batch.items.map((it) => ({ pair: it.pair.pair, requests: it.requests }));
      for await (const f of builtWaveform.source.fetch(asked, run) as AsyncIterable<FetchedPair>) got.set(f.pair, f);
    } catch (e) {
      failure = (e as Error).message;
      // one failure per request, not per channel-day
      const first = batch.items[0]!.pair.pair;
      run.fail({
        where: builtWaveform.sourceName,
        location: `${first.event.id}${batch.items.length > 1 ? ` (${batch.items.length} channel-days)` : ` ${channelId(first.channel)}`}`,
        message: `${failure}; the next run asks again`,
      });
    } finally {
      release();
    }
    const complete: PairTask[] = [];
    for (const it of batch.items) {
      const task = it.pair;
      if (failure !== undefined) task.failure = failure;
      else {
        const f = got.get(task.pair);
        if (f) {
          task.seismograms.push(...f.seismograms);
          task.bytes += f.bytes ?? 0;
        }
      }
      if (++task.arrived === task.pieces) complete.push(task);
    }
    if (complete.length > 0) yield complete;
  }

  try {
    const networkReport = new ArmReport('network');
    summary.channels = networkReport;
    for await (const c of runNetworkArm(builtNetwork, run, networkReport)) {
      channels.push(c);
      o.onChannel?.(c);
    }
    store.upsertChannels(
      channels.map((c) => ({
        ...channelRefOf(c).ref,
        end: c.channel.end ?? null,
        latitude: c.channel.latitude,
        longitude: c.channel.longitude,
        elevationM: c.channel.elevation,
        depthM: c.channel.depth,
        azimuth: c.channel.azimuth ?? null,
        dip: c.channel.dip ?? null,
        sampleRate: c.channel.sampleRate ?? null,
      })),
    );
    stationRows = await readStationRows(networkArm, run);
    const centres = new Set(channels.map((c) => JSON.stringify(c.dataCenter ?? null))).size;
    const inFlight = Math.min(64, Math.max(1, centres * perCentre));
    // at most two fetched requests wait for the processes: memory stays bounded by the byte cap
    for await (const tasks of mergeMapBounded(batches(), inFlight, fetchBatch, 2)) for (const task of tasks) await finishTask(task);
    commit();
    for (const w of statisticsWriters) {
      await w.finish();
      summary.outputs.push(w.path);
    }
    await closeWaveformArm(builtWaveform);
    await closeNetworkArm(builtNetwork);
    summary.outputs.push(...files.commitAll());
    store.flush();
    writeRunReport(store, runReportPath, o.runDir);
    o.log.info(`continuous run: ${report.accepted} channel-day(s) kept, ${report.rejectedTotal} rejected, ${report.failed} failed, in ${report.batches} request(s); run report: ${runReportPath}`);
  } catch (e) {
    files.abandonAll();
    throw e;
  } finally {
    // after an error: the rows written so far stay, unsorted, for the next run to reopen
    for (const w of statisticsWriters) w.close();
    await owned?.close();
  }
  return summary;
}
