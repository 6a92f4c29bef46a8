/**
 * The queued writes of the run-state store and how each is applied inside a batch transaction.
 * Each returns why it was refused (the state rules, or an unknown event/channel), or undefined.
 */
import type { Instant } from '../seismogram/time.js';
import { formatChannelId } from '../seismogram/identity.js';
import type { IdCache } from './id-cache.js';
import type { ChannelRecord, EventRecord, PairRef, PairState } from './records.js';
import { DONE_ROWS_PER_INSERT, type Statements } from './statements.js';

export interface TransitionOp {
  kind: 'transition';
  pair: PairRef;
  to: Exclude<PairState, 'pending'>;
  ingredient?: string;
  reason?: string;
  retryAt?: Instant;
  error?: string;
  bytes: number;
  /** done: files already durable under their final names, recorded as committed outputs */
  outputs?: readonly { path: string; size: number }[];
}

export type Op =
  | { kind: 'event'; record: EventRecord }
  | { kind: 'channel'; record: ChannelRecord }
  /**
   * `then`: the pair's first transition, queued while its add was still waiting in the same
   * batch. Both are applied as one insert of the final row (see applyAddedEnded), which is what
   * most pairs of a run need: added when they reach the source, ended a moment later.
   */
  | { kind: 'pair'; pair: PairRef; then?: TransitionOp }
  | { kind: 'event-state'; event: string; to: 'paired' | 'rejected'; ingredient?: string; reason?: string }
  | TransitionOp;

/** A queued write that the state rules refused. */
export interface Refusal {
  action: string;
  pair?: PairRef;
  event?: string;
  why: string;
}

const MAX_REASON_CACHE = 10_000;

/**
 * Pairs inserted in one batch, by state and (rejected) by reason: added to pair_counts and
 * rejection_counts once at the end of the batch (schema 3 counts inserts here, not by trigger).
 */
export class InsertedCounts {
  private readonly byState = new Map<PairState, number>();
  private readonly byReason = new Map<number, number>();

  add(state: PairState, reasonId?: number | null): void {
    this.byState.set(state, (this.byState.get(state) ?? 0) + 1);
    if (state === 'rejected' && reasonId !== undefined && reasonId !== null) this.byReason.set(reasonId, (this.byReason.get(reasonId) ?? 0) + 1);
  }

  /** Inside the batch's transaction. */
  apply(st: Statements): void {
    for (const [state, n] of this.byState) st.bumpPairCount.run(n, state);
    for (const [reason, n] of this.byReason) st.bumpRejections.run(reason, n);
    this.byState.clear();
    this.byReason.clear();
  }
}

/** (ingredient, reason) -> id in the reasons table. */
export class ReasonIds {
  private readonly ids = new Map<string, number>();
  constructor(private readonly st: Statements) {}

  get(ingredient: string, reason: string): number {
    const key = `${ingredient}\u0000${reason}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      this.st.insertReason.run(ingredient, reason);
      id = Number(this.st.reasonId.get(ingredient, reason) as number | bigint);
      // reasons with numbers in them can be unique per pair: keep the cache bounded
      if (this.ids.size >= MAX_REASON_CACHE) this.ids.clear();
      this.ids.set(key, id);
    }
    return id;
  }

  clear(): void {
    this.ids.clear();
  }
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function unknownPart(ids: IdCache, pair: PairRef): string {
  if (ids.eventId(pair.event) === undefined) return `no event '${pair.event}' in this run (upsert it first)`;
  return `no channel ${formatChannelId(pair.channel.id)} starting ${pair.channel.start} in this run (upsert it first)`;
}

export function applyOp(op: Op, now: Instant, st: Statements, ids: IdCache, reasons: ReasonIds, inserted: InsertedCounts): Refusal | undefined {
  switch (op.kind) {
    case 'event': {
      const e = op.record;
      const id = st.upsertEvent.get(
        e.publicId,
        e.originTime,
        e.latitude,
        e.longitude,
        e.depthKm ?? null,
        e.magnitude ?? null,
        e.magnitudeType ?? null,
        json(e.extra),
        now,
        now,
      ) as number;
      ids.rememberEvent(e.publicId, Number(id));
      return undefined;
    }
    case 'channel': {
      const c = op.record;
      const id = st.upsertChannel.get(
        c.id.network,
        c.id.station,
        c.id.location,
        c.id.channel,
        c.start,
        c.end ?? null,
        c.latitude ?? null,
        c.longitude ?? null,
        c.elevationM ?? null,
        c.depthM ?? null,
        c.azimuth ?? null,
        c.dip ?? null,
        c.sampleRate ?? null,
        json(c.extra),
        now,
        now,
      ) as number;
      ids.rememberChannel(c, Number(id));
      return undefined;
    }
    case 'pair': {
      const pairIds = ids.pairIds(op.pair);
      if (!pairIds) return { action: 'add pair', pair: op.pair, why: unknownPart(ids, op.pair) };
      if (st.addPair.run(pairIds[0], pairIds[1], now, now).changes === 1) inserted.add('pending');
      return undefined;
    }
    case 'event-state': {
      const id = ids.eventId(op.event);
      if (id === undefined) return { action: `mark event ${op.to}`, event: op.event, why: 'no such event in this run' };
      const changes =
        op.to === 'paired'
          ? st.eventPaired.run(now, id).changes
          : st.eventRejected.run(reasons.get(op.ingredient ?? '', op.reason ?? ''), now, id).changes;
      if (changes === 1) return undefined;
      const state = st.eventState.get(id) as string;
      return { action: `mark event ${op.to}`, event: op.event, why: `the event is already ${state}` };
    }
    case 'transition': {
      const pairIds = ids.pairIds(op.pair);
      if (!pairIds) return { action: `mark ${op.to}`, pair: op.pair, why: unknownPart(ids, op.pair) };
      const [e, c] = pairIds;
      let changes: number;
      switch (op.to) {
        case 'retrying': {
          const reason = op.ingredient !== undefined ? reasons.get(op.ingredient, op.reason ?? '') : null;
          changes = st.toRetrying.run(op.retryAt!, reason, op.bytes, now, e, c).changes;
          break;
        }
        case 'rejected':
          changes = st.toRejected.run(reasons.get(op.ingredient ?? '', op.reason ?? ''), op.bytes, now, e, c).changes;
          break;
        case 'failed':
          changes = st.toFailed.run(op.error ?? '', op.bytes, now, e, c).changes;
          break;
        case 'done':
          changes = st.toDone.run(op.bytes, now, e, c).changes;
          if (changes === 1) recordOutputs(op, e, c, now, st);
          break;
      }
      if (changes === 1) return undefined;
      const state = st.pairState.get(e, c) as string | undefined;
      return {
        action: `mark ${op.to}`,
        pair: op.pair,
        why: state === undefined ? 'no such pair in this run (add it first)' : `the pair is already ${state}; reopen it first`,
      };
    }
  }
}

function recordOutputs(op: TransitionOp, e: number, c: number, now: Instant, st: Statements): void {
  if (!op.outputs || op.outputs.length === 0) return;
  let written = 0;
  for (const o of op.outputs) {
    st.insertCommittedOutput.run(e, c, o.path, o.size, now);
    written += o.size;
  }
  st.addOutputTotals.run(written, op.outputs.length);
}

/** A pair's add with its first transition queued behind it (see Op). */
export type AddedEndedOp = { kind: 'pair'; pair: PairRef; then: TransitionOp };

/** Whether the op can go into a multi-row insert of done pairs (insertDoneRows). */
export function isPlainDone(op: AddedEndedOp): boolean {
  return op.then.to === 'done' && (op.then.outputs === undefined || op.then.outputs.length === 0);
}

/**
 * DONE_ROWS_PER_INSERT plain-done pairs (isPlainDone) as one multi-row insert of their final rows.
 * Returns false, having changed nothing, when an id is unknown or a row is already in the store
 * (SQLite aborts the one statement on the key conflict; the transaction goes on): the caller then
 * applies the ops one by one.
 */
export function insertDoneRows(ops: readonly AddedEndedOp[], now: Instant, st: Statements, ids: IdCache, inserted: InsertedCounts): boolean {
  if (ops.length !== DONE_ROWS_PER_INSERT) throw new RangeError(`insertDoneRows takes ${DONE_ROWS_PER_INSERT} rows, not ${ops.length}`);
  const args: unknown[] = new Array(ops.length * 5);
  let j = 0;
  for (const op of ops) {
    const pairIds = ids.pairIds(op.pair);
    if (!pairIds) return false;
    args[j++] = pairIds[0];
    args[j++] = pairIds[1];
    args[j++] = op.then.bytes;
    args[j++] = now;
    args[j++] = now;
  }
  try {
    st.insertDoneRows.run(args);
  } catch (e) {
    if (e && typeof e === 'object' && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) return false;
    throw e;
  }
  for (let i = 0; i < ops.length; i++) inserted.add('done');
  return true;
}

/**
 * A pair added and ended in the same batch, as one insert of its final row (the same row the add
 * and the transition would leave). Returns false, having changed nothing, when the ids are unknown
 * or the pair is already in the store: the caller then applies the two ops one after the other.
 */
export function applyAddedEnded(pair: PairRef, t: TransitionOp, now: Instant, st: Statements, ids: IdCache, reasons: ReasonIds, inserted: InsertedCounts): boolean {
  const pairIds = ids.pairIds(pair);
  if (!pairIds) return false;
  const [e, c] = pairIds;
  let changes: number;
  switch (t.to) {
    case 'retrying': {
      const reason = t.ingredient !== undefined ? reasons.get(t.ingredient, t.reason ?? '') : null;
      changes = st.insertRetrying.run(e, c, t.retryAt!, reason, t.bytes, now, now).changes;
      break;
    }
    case 'rejected': {
      const reason = reasons.get(t.ingredient ?? '', t.reason ?? '');
      changes = st.insertRejected.run(e, c, reason, t.bytes, now, now).changes;
      if (changes === 1) inserted.add('rejected', reason);
      return changes === 1;
    }
    case 'failed':
      changes = st.insertFailed.run(e, c, t.error ?? '', t.bytes, now, now).changes;
      break;
    case 'done':
      changes = st.insertDone.run(e, c, t.bytes, now, now).changes;
      if (changes === 1) recordOutputs(t, e, c, now, st);
      break;
  }
  if (changes === 1) inserted.add(t.to);
  return changes === 1;
}
