/**
 * A pair added and ended before the queue is applied is written as one insert of its final row
 * (RunStore.enqueueTransition). These tests hold it to the rows, counts and totals the add and the
 * transition leave when they are applied one after the other, in every end state and in the
 * cases where the shortcut must step aside (the pair already stored, added twice, unknown event).
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { join } from 'node:path';
import { RunStore, STATE_FILE, type PairRef, type Refusal } from '../../src/store/index.js';
import { channel, event, pair, tempRunDir } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const CLOCK = 1_700_000_000_000_000_000n;

type Script = (store: RunStore, pairs: PairRef[], between: () => void) => void;

/** Runs `script` on a fresh store; `between` flushes (two-step) or does nothing (coalesced). */
function stateAfter(script: Script, flushBetween: boolean, size = { events: 2, channels: 3 }) {
  const { dir, cleanup } = tempRunDir();
  cleanups.push(cleanup);
  const refused: Refusal[] = [];
  const store = RunStore.open(dir, { recipeHash: 'r', clock: () => CLOCK, onRefused: (r) => refused.push(...r) });
  const events = Array.from({ length: size.events }, (_, i) => event(i));
  const channels = Array.from({ length: size.channels }, (_, i) => channel(i));
  store.upsertEvents(events);
  store.upsertChannels(channels);
  store.flush();
  // one ref object per pair, as the engine hands them (refs frozen per channel record)
  const pairs = events.flatMap((e) => channels.map((c) => pair(e, c)));
  script(store, pairs, () => {
    if (flushBetween) store.flush();
  });
  store.flush();
  const counts = store.counts();
  store.close();
  const db = new Database(join(dir, STATE_FILE), { readonly: true });
  try {
    return {
      refused,
      counts,
      pairs: db.prepare('SELECT * FROM pairs ORDER BY event_id, channel_id').all(),
      pairCounts: db.prepare('SELECT * FROM pair_counts ORDER BY state').all(),
      rejectionCounts: db.prepare('SELECT r.ingredient, r.reason, n FROM rejection_counts JOIN reasons r ON r.id = reason_id WHERE n > 0 ORDER BY 1, 2').all(),
      outputs: db.prepare('SELECT * FROM outputs ORDER BY path').all(),
      totals: db.prepare('SELECT * FROM totals').all(),
    };
  } finally {
    db.close();
  }
}

function sameEitherWay(script: Script, size?: { events: number; channels: number }) {
  const twoStep = stateAfter(script, true, size);
  const oneInsert = stateAfter(script, false, size);
  expect(oneInsert).toEqual(twoStep);
  return oneInsert;
}

describe('a pair added and ended in the same batch', () => {
  it('leaves the rows the add and the transition leave, in every end state', () => {
    const s = sameEitherWay((store, p, between) => {
      store.addPairs(p.slice(0, 5));
      between();
      store.markDoneWithFiles(p[0]!, [{ path: 'out/a.sac', size: 1200 }, { path: 'out/a.mseed', size: 512 }], { bytesFetched: 4096 });
      store.markDone(p[1]!, { bytesFetched: 512 });
      store.markRejected(p[2]!, 'someCoverage', 'no data in the window', { bytesFetched: 0 });
      store.markFailed(p[3]!, 'fdsnDataSelect: HTTP 500', { bytesFetched: 10 });
      store.markRetrying(p[4]!, CLOCK + 300_000_000_000n, { ingredient: 'fullCoverage', reason: 'gap at the end' }, { bytesFetched: 7 });
    });
    expect(s.refused).toEqual([]);
    expect(s.counts.pairs).toEqual({ pending: 0, retrying: 1, done: 2, rejected: 1, failed: 1, total: 5 });
    expect(s.outputs).toHaveLength(2);
    expect(s.totals).toEqual([{ id: 1, bytes_fetched: 4096 + 512 + 10 + 7, bytes_written: 1712, outputs: 2 }]);
  });

  it('steps aside for a pair already stored, a pair added twice, and a second transition', () => {
    const s = sameEitherWay((store, p, between) => {
      store.addPairs([p[0]!]);
      store.markRejected(p[0]!, 'distanceRange', 'too far');
      store.flush();
      // stored and final: added again and marked done in one batch, the done is refused either way
      store.addPairs([p[0]!]);
      between();
      store.markDone(p[0]!);
      // added twice before the batch: one row, done once
      store.addPairs([p[1]!]);
      store.addPairs([p[1]!]);
      between();
      store.markDone(p[1]!, { bytesFetched: 100 });
      // two transitions: the second is judged against the first
      store.addPairs([p[2]!]);
      between();
      store.markRetrying(p[2]!, CLOCK + 1n);
      store.markFailed(p[2]!, 'gave up');
    });
    expect(s.refused.map((r) => r.action)).toEqual(['mark done']);
    expect(s.counts.pairs).toEqual({ pending: 0, retrying: 0, done: 1, rejected: 1, failed: 1, total: 3 });
  });

  it('refuses a pair of an unknown event as the two steps do', () => {
    const s = sameEitherWay((store, p, between) => {
      const stray: PairRef = { event: 'smi:test/never-upserted', channel: p[0]!.channel };
      store.addPairs([stray]);
      between();
      store.markDone(stray);
    });
    expect(s.refused.map((r) => r.action)).toEqual(['add pair', 'mark done']);
    expect(s.counts.pairs.total).toBe(0);
  });

  it('done pairs by the hundred go in multi-row inserts and leave the same rows (any other op lets the waiting ones in first)', () => {
    const size = { events: 3, channels: 45 }; // 135 pairs: two full inserts of 50 and rows left over
    const s = sameEitherWay((store, p, between) => {
      store.addPairs(p);
      between();
      p.forEach((q, i) => {
        if (i === 70) store.markRejected(q, 'someCoverage', 'no data');
        else if (i === 71) store.markDoneWithFiles(q, [{ path: 'out/71.sac', size: 10 }], { bytesFetched: 1 });
        else store.markDone(q, { bytesFetched: 1000 + i });
      });
    }, size);
    expect(s.refused).toEqual([]);
    expect(s.counts.pairs).toEqual({ pending: 0, retrying: 0, done: 134, rejected: 1, failed: 0, total: 135 });
    expect(s.pairs.map((r) => (r as { bytes_fetched: number }).bytes_fetched).filter((b) => b >= 1000)).toHaveLength(133);
  });

  it('a multi-row insert that meets a stored pair is undone and done row by row; a second done waits for the first', () => {
    const size = { events: 2, channels: 60 };
    const s = sameEitherWay((store, p, between) => {
      store.addPairs([p[7]!]);
      store.markRejected(p[7]!, 'distanceRange', 'too far');
      store.flush();
      // p[7] is in the first 50: its done is refused, the other 49 are kept
      store.addPairs(p);
      between();
      for (const q of p) store.markDone(q, { bytesFetched: 5 });
      // a second done for p[80] (in one batch with the first when coalescing, while the first still
      // waits for its multi-row insert): the waiting rows go in first, the second done is refused
      store.addPairs([p[80]!]);
      between();
      store.markDone(p[80]!);
    }, size);
    expect(s.refused.map((r) => r.action)).toEqual(['mark done', 'mark done']);
    expect(s.counts.pairs).toEqual({ pending: 0, retrying: 0, done: 119, rejected: 1, failed: 0, total: 120 });
  });
});
