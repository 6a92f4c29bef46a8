/**
 * The run-state store: every event, channel and event-channel pair of a run, with what became of
 * each pair, in `<runDir>/sod-state.sqlite`. One writer per run folder (a lock file); any number
 * of readers (`sod status`).
 *
 * Writes are queued and applied in order, in one transaction per batch (every `batchSize` items,
 * every `flushIntervalMs`, and before any read), which is what makes a million pairs cheap. The
 * state rules are enforced in SQL: a transition applies only from the states it may leave, and a
 * refused one is reported (FlushResult.refused / onRefused), never silently applied.
 *
 *   pending  -> retrying | done | rejected | failed
 *   retrying -> retrying | done | rejected | failed
 *   done, rejected, failed: final until `reopen`
 */
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Instant } from '../seismogram/time.js';
import { formatChannelId } from '../seismogram/identity.js';
import { openDatabaseFile, moveStateFileAside } from './database-file.js';
import { RunStoreError, TransitionError } from './errors.js';
import { RunLock } from './lock-file.js';
import { commitOutputRows, completeOutputRow, dropOutputRows, stageOutputRows, type OutputRowsAt, type StagedOutput } from './output-rows.js';
import {
  eventProgress,
  retrySchedule,
  runCounts,
  runInfo,
  topEventRejections,
  topRejections,
  type EventProgress,
  type RejectionCount,
  type RunCounts,
  type RunInfo,
} from './queries.js';
import {
  channelKey,
  type ChannelRecord,
  type ChannelRef,
  type EventRecord,
  type PairDetail,
  type PairRef,
  type PairRow,
  type PairState,
  type StoredChannel,
  type StoredEvent,
} from './records.js';
import { IdCache } from './id-cache.js';
import { checkRecipe } from './recipe-check.js';
import { iteratePairs, readChannel, readEvent, readPairDetail } from './record-reads.js';
import { recoverOutputs, type RecoveryReport } from './recovery.js';
import { iterateReportRows, type ReportRow } from './report-rows.js';
import { DONE_ROWS_PER_INSERT, prepareStatements, type Statements } from './statements.js';
import { applyAddedEnded, applyOp, insertDoneRows, InsertedCounts, isPlainDone, ReasonIds, type AddedEndedOp, type Op, type Refusal, type TransitionOp } from './write-ops.js';
import { currentSchemaVersion, migrate, SCHEMA_VERSION } from './schema.js';
import { translateStoreError } from './sqlite-errors.js';

export const STATE_FILE = 'sod-state.sqlite';
export const LOCK_FILE = 'sod-state.lock';

export interface RunStoreOptions {
  /** hash of the canonical recipe; a different hash than the run's is a RecipeChangedError */
  recipeHash: string;
  /** the recipe itself, kept so a user can see what the run was started with */
  recipeText?: string;
  /** move the old state file aside and start a fresh run (outputs are never touched) */
  restart?: boolean;
  /** continue a run whose recipe changed: keep its state, record the new recipe */
  acceptRecipeChange?: boolean;
  /** wall-clock now as an Instant; injectable so tests can run days in seconds */
  clock?: () => Instant;
  /** how long to wait for SQLite's lock before reporting the database busy (default 5000 ms) */
  busyTimeoutMs?: number;
  /** flush the write queue when it holds this many items (default 5000) */
  batchSize?: number;
  /** flush the write queue at most this long after the first queued item (default 200 ms) */
  flushIntervalMs?: number;
  /** told about transitions the state rules refused; without it they wait for the next flush() */
  onRefused?: (refused: Refusal[]) => void;
  /** run SQLite's quick_check at open (default true) */
  checkIntegrity?: boolean;
  /**
   * Called before each batch of queued writes is applied: whatever the batch marks done must be
   * durable by then (the engine flushes the CSV files rows are appended to).
   */
  beforeApply?: () => void;
}

export type { Refusal };

export interface FlushResult {
  applied: number;
  refused: Refusal[];
}

interface TransitionOptions {
  /** bytes fetched for the pair in this step, added to its total */
  bytesFetched?: number;
}

const MAX_REFUSALS_KEPT = 1000;

function nowFromSystem(): Instant {
  return BigInt(Date.now()) * 1_000_000n;
}

function describePair(pair: PairRef): string {
  return `${pair.event} x ${formatChannelId(pair.channel.id)}`;
}

function checkFinite(what: string, v: number | null | undefined, required: boolean): void {
  if (v === undefined || v === null) {
    if (required) throw new RangeError(`${what} is required`);
    return;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${what} must be a finite number, got ${String(v)}`);
}

function checkBytes(n: number | undefined): number {
  if (n === undefined) return 0;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bytesFetched must be a non-negative integer, got ${n}`);
  return n;
}

export class RunStore {
  readonly runDir: string;
  readonly dbPath: string;
  /** what recover() found at open */
  readonly recovery: RecoveryReport;
  /** the previous state file, when this open started afresh (restart) */
  readonly movedAside: string | undefined;
  /** true when the recipe hash changed and the caller chose to continue */
  readonly recipeChanged: boolean;

  private readonly db: Database.Database;
  private readonly lock: RunLock;
  private readonly clock: () => Instant;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly onRefused: ((refused: Refusal[]) => void) | undefined;
  private readonly beforeApply: (() => void) | undefined;
  private queue: Op[] = [];
  /** adds waiting in `queue` that no transition has met yet, by event and channel ref (see Op 'pair') */
  private queuedAdds = new Map<string, Map<ChannelRef, Extract<Op, { kind: 'pair' }>>>();
  /** events with a pair add or transition waiting in `queue` */
  private readonly queuedPairEvents = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private deferredError: RunStoreError | undefined;
  private heldRefusals: Refusal[] = [];
  private closed = false;
  private readonly ids: IdCache;
  private readonly reasons: ReasonIds;
  /** pairs handed out by nextPairs and not yet moved on: not handed out again ('eventId:channelId') */
  private readonly claimed = new Set<string>();
  private pendingCursor: [number, number] = [-1, -1];
  private readonly st: Statements;

  private constructor(init: {
    runDir: string;
    dbPath: string;
    db: Database.Database;
    lock: RunLock;
    options: RunStoreOptions;
    movedAside: string | undefined;
    recipeChanged: boolean;
  }) {
    this.runDir = init.runDir;
    this.dbPath = init.dbPath;
    this.db = init.db;
    this.lock = init.lock;
    this.movedAside = init.movedAside;
    this.recipeChanged = init.recipeChanged;
    this.clock = init.options.clock ?? nowFromSystem;
    this.batchSize = init.options.batchSize ?? 5000;
    this.flushIntervalMs = init.options.flushIntervalMs ?? 200;
    this.onRefused = init.options.onRefused;
    this.beforeApply = init.options.beforeApply;
    this.st = prepareStatements(this.db);
    this.ids = new IdCache(this.st);
    this.reasons = new ReasonIds(this.st);
    this.recovery = this.recover();
  }

  /**
   * Opens (or creates) the run state of `runDir`, takes the run's lock, brings the schema up to
   * date, checks the recipe hash, and recovers outputs left half-way by a crash.
   */
  static open(runDir: string, options: RunStoreOptions): RunStore {
    const dir = resolve(runDir);
    const dbPath = join(dir, STATE_FILE);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw translateStoreError(e, dir, 'creating the run folder');
    }
    const lock = RunLock.acquire(join(dir, LOCK_FILE), dbPath);
    let db: Database.Database | undefined;
    try {
      const clock = options.clock ?? nowFromSystem;
      const movedAside = options.restart ? moveStateFileAside(dbPath, Date.now()) : undefined;
      db = openDatabaseFile(dbPath, { busyTimeoutMs: options.busyTimeoutMs, check: options.checkIntegrity ?? true });
      const fileVersion = currentSchemaVersion(db);
      if (fileVersion > SCHEMA_VERSION) {
        throw new RunStoreError(
          'newer-schema',
          dbPath,
          `the run state was written by a newer sod (schema ${fileVersion}; this sod knows up to ${SCHEMA_VERSION})`,
          'Use the newer sod to continue this run, or start fresh with --restart.',
        );
      }
      migrate(db, clock());
      const recipeChanged = checkRecipe(db, dbPath, options, clock());
      return new RunStore({ runDir: dir, dbPath, db, lock, options, movedAside, recipeChanged });
    } catch (e) {
      try {
        db?.close();
      } catch {
        // the first error is the one to report
      }
      lock.release();
      throw translateStoreError(e, dbPath, 'opening the run state');
    }
  }

  // ---------------------------------------------------------------- queued writes

  upsertEvents(events: Iterable<EventRecord>): void {
    this.ready();
    for (const e of events) {
      if (typeof e.publicId !== 'string' || e.publicId === '') throw new RangeError('event publicId must be a non-empty string');
      if (typeof e.originTime !== 'bigint') throw new RangeError(`event ${e.publicId}: originTime must be an Instant (bigint ns)`);
      checkFinite(`event ${e.publicId}: latitude`, e.latitude, true);
      checkFinite(`event ${e.publicId}: longitude`, e.longitude, true);
      checkFinite(`event ${e.publicId}: depthKm`, e.depthKm, false);
      checkFinite(`event ${e.publicId}: magnitude`, e.magnitude, false);
      this.enqueue({ kind: 'event', record: e });
    }
  }

  upsertChannels(channels: Iterable<ChannelRecord>): void {
    this.ready();
    for (const c of channels) {
      if (typeof c.start !== 'bigint') throw new RangeError(`channel ${formatChannelId(c.id)}: start must be an Instant (bigint ns)`);
      for (const [what, v] of [
        ['latitude', c.latitude],
        ['longitude', c.longitude],
        ['elevationM', c.elevationM],
        ['depthM', c.depthM],
        ['azimuth', c.azimuth],
        ['dip', c.dip],
        ['sampleRate', c.sampleRate],
      ] as const) {
        checkFinite(`channel ${formatChannelId(c.id)}: ${what}`, v, false);
      }
      this.enqueue({ kind: 'channel', record: c });
    }
  }

  /** Adds pairs as pending; a pair already present keeps its state. Event and channel must be upserted first. */
  addPairs(pairs: Iterable<PairRef>): void {
    this.ready();
    for (const pair of pairs) {
      const op: Extract<Op, { kind: 'pair' }> = { kind: 'pair', pair };
      let byChannel = this.queuedAdds.get(pair.event);
      if (!byChannel) this.queuedAdds.set(pair.event, (byChannel = new Map()));
      byChannel.set(pair.channel, op);
      this.enqueue(op);
    }
  }

  /** All pairs of this event have been added: a resumed run need not pair it again. */
  markEventPaired(event: string): void {
    this.ready();
    this.enqueue({ kind: 'event-state', event, to: 'paired' });
  }

  /** An origin subsetter dropped the event. */
  markEventRejected(event: string, ingredient: string, reason: string): void {
    this.ready();
    this.enqueue({ kind: 'event-state', event, to: 'rejected', ingredient, reason });
  }

  /** Data not (all) there yet: try again at `retryAt`; ingredient/reason say what was missing. */
  markRetrying(pair: PairRef, retryAt: Instant, why?: { ingredient: string; reason: string }, options: TransitionOptions = {}): void {
    this.ready();
    if (typeof retryAt !== 'bigint') throw new RangeError('retryAt must be an Instant (bigint ns)');
    this.release(pair);
    this.enqueueTransition({
      kind: 'transition',
      pair,
      to: 'retrying',
      retryAt,
      ingredient: why?.ingredient,
      reason: why?.reason,
      bytes: checkBytes(options.bytesFetched),
    });
  }

  markRejected(pair: PairRef, ingredient: string, reason: string, options: TransitionOptions = {}): void {
    this.ready();
    this.release(pair);
    this.enqueueTransition({ kind: 'transition', pair, to: 'rejected', ingredient, reason, bytes: checkBytes(options.bytesFetched) });
  }

  markFailed(pair: PairRef, error: string, options: TransitionOptions = {}): void {
    this.ready();
    this.release(pair);
    this.enqueueTransition({ kind: 'transition', pair, to: 'failed', error, bytes: checkBytes(options.bytesFetched) });
  }

  /**
   * Done without output files (e.g. a recipe whose only writer appends to a shared CSV). Pairs
   * that write files are marked done by writeOutputsAtomically, in the same transaction as the
   * files are recorded committed.
   */
  markDone(pair: PairRef, options: TransitionOptions = {}): void {
    this.ready();
    this.release(pair);
    this.enqueueTransition({ kind: 'transition', pair, to: 'done', bytes: checkBytes(options.bytesFetched) });
  }

  /**
   * Done, with the files a writer already made durable under their final names (written to a
   * temporary name, fsynced and renamed before this call): recorded as committed outputs in the
   * same queued transaction as the transition. A crash before that transaction leaves the pair
   * pending: it is fetched again and its files are replaced whole, never half.
   */
  markDoneWithFiles(pair: PairRef, outputs: readonly { path: string; size: number }[], options: TransitionOptions = {}): void {
    this.ready();
    for (const o of outputs) if (!Number.isSafeInteger(o.size) || o.size < 0) throw new RangeError(`output ${o.path}: size must be a non-negative integer`);
    this.release(pair);
    const copied = outputs.length === 0 ? undefined : outputs.map((o) => ({ path: o.path, size: o.size }));
    this.enqueueTransition({ kind: 'transition', pair, to: 'done', bytes: checkBytes(options.bytesFetched), ...(copied ? { outputs: copied } : {}) });
  }

  /** Puts pairs back to pending, whatever their state (explicitly re-opening done or rejected pairs). */
  reopen(pairs: Iterable<PairRef>): number {
    this.flush();
    const now = this.clock();
    let n = 0;
    this.write('reopening pairs', () => {
      for (const pair of pairs) {
        const ids = this.ids.pairIds(pair);
        if (ids) n += this.st.reopen.run(now, ids[0], ids[1]).changes;
      }
    });
    return n;
  }

  /** Puts every pair in `state` back to pending (e.g. retry all failed pairs on a new run). */
  reopenAll(state: Exclude<PairState, 'pending'>): number {
    this.flush();
    const now = this.clock();
    let n = 0;
    this.write('reopening pairs', () => {
      n = this.db
        .prepare('UPDATE pairs SET state = \'pending\', retry_at_ns = NULL, reason_id = NULL, error = NULL, updated_ns = ? WHERE state = ?')
        .run(now, state).changes;
    });
    this.claimed.clear();
    this.pendingCursor = [-1, -1];
    return n;
  }

  /** Hands a pair from nextPairs back without a transition: it may be handed out again. */
  release(pair: PairRef): void {
    // most pairs were never handed out by nextPairs (they came from pairing): nothing to release
    if (this.claimed.size === 0) return;
    const e = this.ids.cachedEventId(pair.event);
    const c = this.ids.cachedChannelId(pair.channel);
    if (e !== undefined && c !== undefined) this.claimed.delete(`${e}:${c}`);
  }

  /** Applies every queued write now. */
  flush(): FlushResult {
    this.ready();
    const result = this.applyQueue();
    if (this.heldRefusals.length > 0) {
      result.refused = this.heldRefusals.concat(result.refused);
      this.heldRefusals = [];
    }
    return result;
  }

  /** Flushes, releases the lock and closes the file. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    try {
      if (!this.deferredError) this.applyQueue();
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      try {
        // fold the WAL back so a finished run is one self-contained file
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // a busy reader can hold the checkpoint back; the WAL is still valid
      }
      try {
        this.db.close();
      } finally {
        // the lock goes whatever happened, or this process could not open the run again
        this.lock.release();
      }
    }
  }

  // ---------------------------------------------------------------- reads

  /**
   * Up to `limit` pairs to work on: retrying pairs due at `now` (earliest first), then pending
   * pairs in event order. A pair handed out is not handed out again by this store until it moves
   * on (any mark* call) or is released, so callers can ask again while work is in flight.
   */
  nextPairs(limit: number, now: Instant): PairRow[] {
    this.flush();
    const out: PairRow[] = [];
    const take = (eventId: number, channelId: number, attempts: number, retryAt: Instant | null): void => {
      const key = `${eventId}:${channelId}`;
      if (this.claimed.has(key)) return;
      this.claimed.add(key);
      out.push({ event: this.ids.eventName(eventId), channel: this.ids.channelRef(channelId), state: retryAt === null ? 'pending' : 'retrying', attempts, retryAt });
    };
    try {
      // due retries, earliest first; those in flight are paged past
      for (let offset = 0; out.length < limit; ) {
        const want = limit - out.length;
        const rows = this.st.duePage.all(now, want, offset) as { event_id: bigint; channel_id: bigint; attempts: bigint; retry_at_ns: bigint }[];
        for (const r of rows) take(Number(r.event_id), Number(r.channel_id), Number(r.attempts), r.retry_at_ns);
        offset += rows.length;
        if (rows.length < want) break;
      }
      // pending: a cursor that walks the key order and wraps once, so pairs added behind it are found
      const start = this.pendingCursor;
      let wrapped = false;
      let cursor = start;
      while (out.length < limit) {
        const want = limit - out.length;
        const rows = this.st.pendingPage.all(cursor[0], cursor[1], want) as { event_id: number; channel_id: number }[];
        let passedStart = false;
        for (const r of rows) {
          if (wrapped && (r.event_id > start[0] || (r.event_id === start[0] && r.channel_id > start[1]))) {
            passedStart = true;
            break;
          }
          cursor = [r.event_id, r.channel_id];
          take(r.event_id, r.channel_id, 0, null);
        }
        if (passedStart) break;
        if (rows.length < want) {
          if (wrapped) break;
          wrapped = true;
          cursor = [-1, -1];
        }
      }
      this.pendingCursor = cursor;
    } catch (e) {
      throw translateStoreError(e, this.dbPath, 'reading the next pairs');
    }
    return out;
  }

  /**
   * The state of every pair of an event the store knows, keyed by channelKey(); undefined when the
   * event is not in the run. One query per event: how a resumed run skips what it settled before.
   */
  eventPairStates(publicId: string): Map<string, PairState> | undefined {
    // only this event's own queued pair writes matter here: flushing every queued write (and the
    // fsync of the CSV files that comes before it) once per event paired cost more than the query
    if (this.queuedPairEvents.has(publicId)) this.flush();
    else this.ready();
    const id = this.ids.eventId(publicId);
    if (id === undefined) return undefined;
    return this.read('reading the pairs of an event', () => {
      const out = new Map<string, PairState>();
      const rows = this.st.eventPairStates.all(id) as { network: string; station: string; location: string; channel: string; start_ns: bigint; state: PairState }[];
      for (const r of rows) out.set(channelKey({ id: { network: r.network, station: r.station, location: r.location, channel: r.channel }, start: r.start_ns }), r.state);
      return out;
    });
  }

  /** Every pair as the run report lists it, a page at a time (see report-rows.ts). */
  reportRows(): Generator<ReportRow> {
    this.flush();
    return iterateReportRows(this.db);
  }

  pairState(pair: PairRef): PairState | undefined {
    return this.pairDetail(pair)?.state;
  }

  pairDetail(pair: PairRef): PairDetail | undefined {
    this.flush();
    const ids = this.ids.pairIds(pair);
    if (!ids) return undefined;
    return this.read('reading a pair', () => readPairDetail(this.db, pair, ids));
  }

  getEvent(publicId: string): StoredEvent | undefined {
    this.flush();
    return this.read('reading an event', () => readEvent(this.db, publicId));
  }

  getChannel(ref: ChannelRef): StoredChannel | undefined {
    this.flush();
    return this.read('reading a channel', () => readChannel(this.db, ref));
  }

  /**
   * Every pair with what became of it, in event then channel order, read a page at a time (for
   * the run report): memory stays bounded, and writing to the store meanwhile is allowed.
   */
  allPairs(): Generator<PairDetail> {
    this.flush();
    return iteratePairs(this.db, this.ids);
  }

  counts(): RunCounts {
    this.flush();
    return this.read('counting', () => runCounts(this.db));
  }

  topRejections(limit = 10): RejectionCount[] {
    this.flush();
    return this.read('counting rejections', () => topRejections(this.db, limit));
  }

  topEventRejections(limit = 10): RejectionCount[] {
    this.flush();
    return this.read('counting rejections', () => topEventRejections(this.db, limit));
  }

  retrySchedule(now: Instant): { nextRetryAt: Instant | null; dueNow: number } {
    this.flush();
    return this.read('reading retries', () => retrySchedule(this.db, now));
  }

  eventProgress(options: { event?: string; limit?: number } = {}): EventProgress[] {
    this.flush();
    return this.read('reading event progress', () => eventProgress(this.db, options));
  }

  info(): RunInfo {
    this.flush();
    return this.read('reading run info', () => runInfo(this.db));
  }

  // ---------------------------------------------------------------- outputs (used by output-protocol.ts)

  /**
   * Records every output of a pair as staged, in one transaction, before any temp file exists:
   * the rows are then the complete list of the pair's files, which is how recover() knows that a
   * pair whose staged files are all in place is really finished.
   */
  stageOutputs(pair: PairRef, outputs: readonly StagedOutput[]): void {
    this.flush();
    const ids = this.ids.pairIds(pair);
    this.write('recording staged outputs', () => stageOutputRows(this.db, this.st, ids, outputs, this.clock(), this.at(pair)));
  }

  /** Fills in size and checksum of a staged output written from a stream (before its rename). */
  completeStagedOutput(pair: PairRef, path: string, size: number, sha256: string): void {
    const ids = this.mustResolve(pair);
    this.write('recording a staged output', () => completeOutputRow(this.db, ids, path, size, sha256, this.clock()));
  }

  /** Forgets staged outputs that were abandoned (their temp files are the caller's to remove). */
  dropStagedOutputs(pair: PairRef, paths: readonly string[]): void {
    const ids = this.ids.pairIds(pair);
    if (!ids) return;
    this.write('dropping staged outputs', () => dropOutputRows(this.db, ids, paths));
  }

  /** In one transaction: the staged outputs become committed and the pair done. */
  commitOutputs(pair: PairRef, paths: readonly string[], options: TransitionOptions = {}): void {
    this.flush();
    const bytes = checkBytes(options.bytesFetched);
    const ids = this.mustResolve(pair);
    const now = this.clock();
    this.write('committing outputs', () => commitOutputRows(this.db, this.st, ids, paths, bytes, now, this.at(pair)));
    this.claimed.delete(`${ids[0]}:${ids[1]}`);
  }

  private at(pair: PairRef): OutputRowsAt {
    return { dbPath: this.dbPath, pair: describePair(pair) };
  }

  /** Finishes or undoes output writes a crash interrupted; run by open(), safe to run again. */
  recover(): RecoveryReport {
    this.flush();
    return this.write('recovering outputs after a crash', () => recoverOutputs(this.db, this.clock()));
  }

  // ---------------------------------------------------------------- internals

  private ready(): void {
    if (this.closed) throw new RunStoreError('io', this.dbPath, 'the run store is closed', '');
    if (this.deferredError) throw this.deferredError;
  }

  private enqueue(op: Op): void {
    this.queue.push(op);
    if (op.kind === 'pair' || op.kind === 'transition') this.queuedPairEvents.add(op.pair.event);
    if (this.queue.length >= this.batchSize) {
      this.applyQueue();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.timedFlush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** A transition; when the pair's add still waits in the queue, it rides on the add (one insert). */
  private enqueueTransition(op: TransitionOp): void {
    const byChannel = this.queuedAdds.get(op.pair.event);
    const add = byChannel?.get(op.pair.channel);
    if (add) {
      byChannel!.delete(op.pair.channel);
      if (byChannel!.size === 0) this.queuedAdds.delete(op.pair.event);
      add.then = op;
      return;
    }
    this.enqueue(op);
  }

  private timedFlush(): void {
    this.timer = undefined;
    if (this.closed || this.deferredError) return;
    try {
      this.applyQueue();
    } catch (e) {
      // surfaced at the next call: a timer has no caller to throw to
      this.deferredError = translateStoreError(e, this.dbPath, 'saving the run state');
    }
  }

  private applyQueue(): FlushResult {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0) return { applied: 0, refused: [] };
    this.beforeApply?.();
    const ops = this.queue;
    this.queue = [];
    this.queuedAdds.clear();
    this.queuedPairEvents.clear();
    const refused: Refusal[] = [];
    let applied = 0;
    try {
      this.db.transaction(() => {
        const now = this.clock();
        let bytes = 0;
        const inserted = new InsertedCounts();
        const one = (op: Op): void => {
          const why = applyOp(op, now, this.st, this.ids, this.reasons, inserted);
          if (why === undefined) {
            applied++;
            if (op.kind === 'transition') bytes += op.bytes;
          } else {
            refused.push(why);
          }
        };
        const addedEnded = (op: AddedEndedOp): void => {
          if (applyAddedEnded(op.pair, op.then, now, this.st, this.ids, this.reasons, inserted)) {
            applied += 2;
            bytes += op.then.bytes;
            return;
          }
          // unknown ids, or the pair was already there: the add and the transition one by one
          one({ kind: 'pair', pair: op.pair });
          one(op.then);
        };
        // plain done pairs wait here for a multi-row insert; any other op first lets them in, so
        // ops on one pair keep their order
        const done: AddedEndedOp[] = [];
        const insertDone = (): void => {
          if (done.length === DONE_ROWS_PER_INSERT && insertDoneRows(done, now, this.st, this.ids, inserted)) {
            applied += 2 * done.length;
            for (const op of done) bytes += op.then.bytes;
          } else {
            for (const op of done) addedEnded(op);
          }
          done.length = 0;
        };
        for (const op of ops) {
          if (op.kind === 'pair' && op.then) {
            const pairOp = op as AddedEndedOp;
            if (isPlainDone(pairOp)) {
              done.push(pairOp);
              if (done.length === DONE_ROWS_PER_INSERT) insertDone();
              continue;
            }
            insertDone();
            addedEnded(pairOp);
            continue;
          }
          insertDone();
          one(op);
        }
        insertDone();
        inserted.apply(this.st);
        if (bytes > 0) this.st.addBytesFetched.run(bytes);
        this.st.setMeta.run('last_write_ns', String(now));
      }).immediate();
    } catch (e) {
      // nothing of the batch was applied: keep it for the next try, forget ids of the rolled-back rows
      this.queue = ops.concat(this.queue);
      for (const op of ops) if (op.kind === 'pair' || op.kind === 'transition') this.queuedPairEvents.add(op.pair.event);
      this.ids.clear();
      this.reasons.clear();
      throw translateStoreError(e, this.dbPath, 'saving the run state');
    }
    if (refused.length > 0) {
      if (this.onRefused) this.onRefused(refused);
      else this.heldRefusals = this.heldRefusals.concat(refused).slice(-MAX_REFUSALS_KEPT);
    }
    return { applied, refused: this.onRefused ? refused : [] };
  }

  private mustResolve(pair: PairRef): [number, number] {
    const ids = this.ids.pairIds(pair);
    if (!ids) throw new TransitionError(this.dbPath, `no pair ${describePair(pair)} in this run`);
    return ids;
  }

  private write<T>(doing: string, f: () => T): T {
    try {
      return this.db.transaction(f).immediate();
    } catch (e) {
      throw translateStoreError(e, this.dbPath, doing);
    }
  }

  private read<T>(doing: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw translateStoreError(e, this.dbPath, doing);
    }
  }
}
