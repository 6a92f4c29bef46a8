/**
 * The event arm and the waveform arm as a standing order, kept in the run-state store:
 *
 *   1. the event arm is asked for events; new ones are stored and paired with every channel (the
 *      pairs an earlier run settled are skipped, so a resumed run fetches nothing twice);
 *   2. pairs left pending by a crash and pairs whose retry is due are taken from the store;
 *   3. a pair whose data are not there yet (the available-data tests said no, or the source
 *      failed) waits for a retry, with delays doubling from RETRY_BASE up to maxRetryDelay, until
 *      seismogramLatency has passed since its origin; then it is rejected (or failed) for good;
 *   4. while the event time range still reaches into the future (or its eventLag has not passed)
 *      the event arm is asked again every eventRefreshInterval; otherwise the run ends when no
 *      pair waits any more. With `once`, it ends after one pass whatever waits.
 *
 * Time comes from run.clock and waiting from `sleep`, both injectable, so tests run days of a
 * standing order in seconds.
 */
import { join, resolve } from 'node:path';
import type { RunStore } from '../store/index.js';
import { channelKey } from '../store/records.js';
import { formatInstant, NS_PER_SECOND, type Instant } from '../seismogram/time.js';
import type { RunContext } from './context.js';
import type { ChannelRecord, EventChannelPair, EventRecord } from './contracts.js';
import { runEventArm, type BuiltEventArm } from './event-arm.js';
import { channelKeyOf, eventFromStore, filesWithSizes, pairRef, settledTest, storeChannel, storeEvent, sweepTempFiles, writeRunReport } from './pair-ledger.js';
import { intervalNs, type TimeIntervalSetting } from './quantities.js';
import { ArmReport } from './report.js';
import { pairEnder, pairOf, pairsToFetch, processReadyPairs, requestsFor, WaveformReport, type BuiltWaveformArm, type PairEnd, type ReadyPair, type WaveformOptions } from './waveform-arm.js';
import { groupByStation } from './waveform-station-group.js';

const MINUTE = 60n * NS_PER_SECOND;
const DAY = 1440n * MINUTE;
/** first wait before a pair is tried again; each further wait doubles */
export const RETRY_BASE = 5n * MINUTE;
/** SOD's default seismogramLatency: four weeks */
export const DEFAULT_LATENCY = 28n * DAY;
/** longest wait between two tries when the recipe does not say */
export const DEFAULT_MAX_RETRY_DELAY = DAY;
/** pause between event queries of a standing order when the recipe does not say (SOD's default) */
export const DEFAULT_REFRESH = 10n * MINUTE;

export interface RetryPolicy {
  latency: bigint;
  maxDelay: bigint;
  refresh: bigint;
}

export function retryPolicy(properties: Record<string, unknown>): RetryPolicy {
  const get = (k: string, d: bigint) => (properties[k] ? intervalNs(properties[k] as TimeIntervalSetting) : d);
  return { latency: get('seismogramLatency', DEFAULT_LATENCY), maxDelay: get('maxRetryDelay', DEFAULT_MAX_RETRY_DELAY), refresh: get('eventRefreshInterval', DEFAULT_REFRESH) };
}

/** When a pair that has been tried `attempts` times before is tried next (never past the latency's end). */
export function nextTry(now: Instant, attempts: number, origin: Instant, p: RetryPolicy): Instant | undefined {
  const last = origin + p.latency;
  if (now >= last) return undefined;
  let delay = RETRY_BASE;
  for (let i = 0; i < attempts && delay < p.maxDelay; i++) delay *= 2n;
  if (delay > p.maxDelay) delay = p.maxDelay;
  const at = now + delay;
  return at > last ? last : at;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(t);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export interface StandingOrderOptions {
  store: RunStore;
  events: BuiltEventArm;
  waveform: BuiltWaveformArm;
  channels: readonly ChannelRecord[];
  run: RunContext;
  properties: Record<string, unknown>;
  eventReport: ArmReport;
  pairReport: WaveformReport;
  /** one pass: do not wait for retries or new events (what waits stays in the store for the next run) */
  once?: boolean;
  sleep?: Sleep;
  /** batching and concurrency of the fetches */
  waveformOptions?: Omit<WaveformOptions, 'onOutcome' | 'decide' | 'settled' | 'onAdmitted' | 'onEventPaired'>;
  /** told how each pair ended (after the store was told) */
  onPair?: (end: PairEnd) => void;
}

export interface StandingOrderResult {
  /** the run report's path */
  report: string;
  /** pairs still waiting for data when the run ended (a `once` run, or Ctrl-C) */
  waiting: number;
}

export async function runStandingOrder(o: StandingOrderOptions): Promise<StandingOrderResult> {
  const { store, run, pairReport } = o;
  const policy = retryPolicy(o.properties);
  const sleep = o.sleep ?? realSleep;
  const swept = sweepTempFiles(run.runDir);
  if (swept > 0) run.log.info(`removed ${swept} half-written temporary file${swept === 1 ? '' : 's'} an interrupted run left`);
  const byKey = new Map<string, ChannelRecord>();
  for (const c of o.channels) byKey.set(channelKeyOf(c), c);
  store.upsertChannels(o.channels.map(storeChannel));
  const groups = groupByStation(o.channels);
  /** every event of the run this process has in hand, by public id */
  const events = new Map<string, EventRecord>();
  /** tries a pair taken from the store had before (pairs met in pairing have none) */
  const attempts = new WeakMap<EventChannelPair, number>();

  const decide = (e: PairEnd): PairEnd => {
    const out = e.outcome;
    const retryable = (out.status === 'rejected' && e.stage === 'available') || (out.status === 'failed' && e.stage === 'source');
    if (!retryable) return e;
    const at = nextTry(run.clock(), attempts.get(e.pair) ?? 0, e.pair.event.origin.time, policy);
    if (at === undefined) return e;
    return { ...e, outcome: { status: 'retrying', by: out.by, reason: out.reason, until: at } };
  };
  /*
   * A pair reaches the store when it ends (done, rejected, failed or retrying), in one insert of its
   * final row, and an event is marked paired only once every pair it admitted has ended. So a crash
   * leaves the event unpaired: the next run pairs it again and skips the pairs already settled.
   * (Adding pairs as pending when they reach the source would cost an insert and an update each.)
   */
  /** pairs admitted in pairing and not yet ended, per event (pairs taken from the store are not counted) */
  const inFlight = new Map<EventRecord, number>();
  const admitted = new Set<EventChannelPair>();
  /** events whose pairing is over, waiting for their last admitted pairs to end */
  const pairingOver = new Set<EventRecord>();
  const eventPaired = (ev: EventRecord) => store.markEventPaired(ev.event.publicId);
  const record = (e: PairEnd) => {
    const ref = pairRef(e.pair);
    // a pair taken from the store has its row; a pair met in pairing gets it now
    if (!attempts.has(e.pair)) store.addPairs([ref]);
    const out = e.outcome;
    const fetched = { bytesFetched: e.bytes ?? 0 };
    if (out.status === 'kept') store.markDoneWithFiles(ref, filesWithSizes(out.files.map((f) => resolve(run.runDir, f))), fetched);
    else if (out.status === 'rejected') store.markRejected(ref, out.by, out.reason, fetched);
    else if (out.status === 'failed') store.markFailed(ref, `${out.by}: ${out.reason}`, fetched);
    else store.markRetrying(ref, out.until ?? run.clock(), { ingredient: out.by, reason: out.reason }, fetched);
    if (admitted.delete(e.pair)) {
      const ev = e.pair.event;
      const left = inFlight.get(ev)! - 1;
      if (left > 0) inFlight.set(ev, left);
      else {
        inFlight.delete(ev);
        if (pairingOver.delete(ev)) eventPaired(ev);
      }
    }
    o.onPair?.(e);
  };
  const options: WaveformOptions = {
    ...o.waveformOptions,
    decide,
    onOutcome: record,
    settled: (ev) => settledTest(store, ev),
    onAdmitted: (pair) => {
      admitted.add(pair);
      inFlight.set(pair.event, (inFlight.get(pair.event) ?? 0) + 1);
    },
    onEventPaired: (ev) => {
      if (inFlight.has(ev)) pairingOver.add(ev);
      else eventPaired(ev);
    },
  };
  const end = pairEnder(run, pairReport, options);

  /** Asks the event arm; returns the events not yet paired (new, or paired only in part before a crash). */
  const pollEvents = async (first: boolean): Promise<EventRecord[]> => {
    const report = first ? o.eventReport : new ArmReport('event');
    const fresh: EventRecord[] = [];
    for await (const ev of runEventArm(o.events, run, report)) {
      const id = ev.event.publicId;
      if (events.has(id)) continue;
      events.set(id, ev);
      if (!first) o.eventReport.accepted++;
      store.upsertEvents([storeEvent(ev)]);
      fresh.push(ev);
    }
    store.flush();
    return fresh.filter((ev) => store.getEvent(ev.event.publicId)?.state !== 'paired');
  };

  /** An event an earlier run stored, which the event arm did not return this time. */
  const storedEvent = (publicId: string): EventRecord | undefined => {
    let ev = events.get(publicId);
    if (ev) return ev;
    const s = store.getEvent(publicId);
    ev = s ? eventFromStore(s) : undefined;
    if (ev) events.set(publicId, ev);
    return ev;
  };

  /** Pending pairs a crash left behind and retries that are due, from the store, until none is left. */
  const drainStore = async (): Promise<number> => {
    let taken = 0;
    const batch = Math.max(100, (o.waveformOptions?.batchSize ?? 100) * (o.waveformOptions?.concurrency ?? 4));
    for (;;) {
      if (run.signal?.aborted) return taken;
      const rows = store.nextPairs(batch, run.clock());
      if (rows.length === 0) return taken;
      taken += rows.length;
      const ready = async function* (): AsyncGenerator<ReadyPair[]> {
        for (const row of rows) {
          if (run.signal?.aborted) {
            store.release(row);
            continue;
          }
          const ev = storedEvent(row.event);
          const ch = byKey.get(channelKey(row.channel));
          if (!ev || !ch) {
            const why = !ev ? `the event ${row.event} can no longer be read from the run state` : `the channel is no longer accepted by the network arm`;
            store.markFailed(row, `waveformArm: ${why}`);
            pairReport.failed++;
            continue;
          }
          let pair: EventChannelPair;
          try {
            pair = pairOf(ev, ch);
          } catch (e) {
            store.markFailed(row, `waveformArm: ${(e as Error).message}`);
            pairReport.failed++;
            continue;
          }
          attempts.set(pair, row.attempts);
          const requests = await requestsFor(o.waveform, pair, run, pairReport, end);
          if (requests) yield [{ pair, requests }]; // a chunk of one: retries come a page at a time, each with its own await
        }
      };
      await processReadyPairs(o.waveform, ready(), run, pairReport, options);
    }
  };

  const reportPath = join(run.runDir, 'run-report.csv');
  const liveUntil = (): Instant | undefined => {
    let until: Instant | undefined;
    for (const { source } of o.events.sources) {
      const u = source.liveUntil?.(run);
      if (u !== undefined && (until === undefined || u > until)) until = u;
    }
    return until;
  };

  let first = true;
  let nextPoll: Instant = run.clock();
  for (;;) {
    if (run.signal?.aborted) break;
    if (run.clock() >= nextPoll) {
      const fresh = await pollEvents(first);
      first = false;
      nextPoll = run.clock() + policy.refresh;
      if (fresh.length > 0) {
        const iterate = async function* () {
          yield* fresh;
        };
        await processReadyPairs(o.waveform, pairsToFetch(o.waveform, iterate(), groups, run, pairReport, options, end), run, pairReport, options);
      }
    }
    await drainStore();
    store.flush();
    if (o.once || run.signal?.aborted) break;
    const now = run.clock();
    const until = liveUntil();
    const standing = until !== undefined && now < until;
    const { nextRetryAt } = store.retrySchedule(now);
    if (!standing && nextRetryAt === null) break;
    let wake = nextRetryAt ?? nextPoll;
    if (standing && nextPoll < wake) wake = nextPoll;
    // the report on disk stays current while the order waits
    writeRunReport(store, reportPath, run.runDir);
    const waiting = store.counts().pairs.retrying;
    run.log.info(
      `waiting until ${formatInstant(wake, 0)}: ${waiting} pair${waiting === 1 ? '' : 's'} wait for data${standing ? `; new events are looked for every ${Number(policy.refresh / NS_PER_SECOND)} s until ${formatInstant(until!, 0)}` : ''}`,
    );
    if (wake > now) await sleep(Number((wake - now) / 1_000_000n), run.signal);
  }
  writeRunReport(store, reportPath, run.runDir);
  return { report: reportPath, waiting: store.counts().pairs.retrying };
}
