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
function stateAfter(script: Script, flushBetween: boolean) {
  const { dir, cleanup } = tempRunDir();
  cleanups.push(cleanup);
  const refused: Refusal[] = [];
  const store = RunStore.open(dir, { recipeHash: 'r', clock: () => CLOCK, onRefused: (r) => refused.push(...r) });
  const events = [event(0), event(1)];
  const channels = [channel(0), channel(1), channel(2)];
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

function sameEitherWay(script: Script) {
  const twoStep = stateAfter(script, true);
  const oneInsert = stateAfter(script, false);
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
});
