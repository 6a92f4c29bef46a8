import { afterEach, describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { join } from 'node:path';
import { RunStore, STATE_FILE, type PairRef, type Refusal } from '../../src/store/index.js';
import { channel, event, MAULE, pair, tempRunDir } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function openStore(options: Partial<Parameters<typeof RunStore.open>[1]> = {}): { store: RunStore; dir: string } {
  const { dir, cleanup } = tempRunDir();
  const store = RunStore.open(dir, { recipeHash: 'recipe-1', ...options });
  cleanups.push(() => {
    store.close();
    cleanup();
  });
  return { store, dir };
}

/** A store with events e0..e(ne-1) and channels c0..c(nc-1), all paired. */
function populated(ne: number, nc: number, options: Partial<Parameters<typeof RunStore.open>[1]> = {}) {
  const { store, dir } = openStore(options);
  const events = Array.from({ length: ne }, (_, i) => event(i));
  const channels = Array.from({ length: nc }, (_, i) => channel(i));
  store.upsertEvents(events);
  store.upsertChannels(channels);
  const pairs: PairRef[] = events.flatMap((e) => channels.map((c) => pair(e, c)));
  store.addPairs(pairs);
  return { store, dir, events, channels, pairs };
}

describe('pairs and their states', () => {
  it('adds pairs as pending and keeps the state of a pair added again', () => {
    const { store, pairs } = populated(2, 3);
    expect(store.flush().refused).toEqual([]);
    store.markRejected(pairs[0]!, 'distanceRange', 'distance 120.5 deg outside 30-90');
    store.markRetrying(pairs[1]!, 5_000n, { ingredient: 'fullCoverage', reason: 'no data yet' });
    store.addPairs(pairs); // again: must not reset anything
    store.flush();
    expect(store.pairState(pairs[0]!)).toBe('rejected');
    expect(store.pairState(pairs[1]!)).toBe('retrying');
    expect(store.counts().pairs).toEqual({ pending: 4, retrying: 1, done: 0, rejected: 1, failed: 0, total: 6 });
  });

  it('enforces the transition rules: done, rejected and failed are final until reopened', () => {
    const refusedSeen: Refusal[] = [];
    const { store, pairs } = populated(1, 3, { onRefused: (r) => refusedSeen.push(...r) });
    const [a, b, c] = pairs as [PairRef, PairRef, PairRef];
    store.markDone(a, { bytesFetched: 1000 });
    store.markRejected(b, 'someCoverage', 'no data');
    store.markFailed(c, 'HTTP 500 from http://127.0.0.1/fdsnws/dataselect/1/query');
    expect(store.flush().refused).toEqual([]);

    store.markRejected(a, 'late', 'should not apply');
    store.markRetrying(b, 1n);
    store.markDone(c);
    const result = store.flush();
    expect(result.applied).toBe(0);
    expect(result.refused.map((r) => r.why)).toEqual([
      'the pair is already done; reopen it first',
      'the pair is already rejected; reopen it first',
      'the pair is already failed; reopen it first',
    ]);
    expect(refusedSeen).toHaveLength(3);
    expect(store.pairDetail(a)).toMatchObject({ state: 'done', doneCount: 1, bytesFetched: 1000, ingredient: null });
    expect(store.pairDetail(b)).toMatchObject({ state: 'rejected', ingredient: 'someCoverage', reason: 'no data' });
    expect(store.pairDetail(c)).toMatchObject({ state: 'failed', error: 'HTTP 500 from http://127.0.0.1/fdsnws/dataselect/1/query' });

    expect(store.reopen([a, b])).toBe(2);
    expect(store.pairDetail(a)).toMatchObject({ state: 'pending', reason: null });
    store.markDone(a);
    store.flush();
    expect(store.pairDetail(a)).toMatchObject({ state: 'done', doneCount: 2 });
    expect(store.reopenAll('failed')).toBe(1);
    expect(store.pairState(c)).toBe('pending');
  });

  it('holds refusals for the next flush when no listener is given', () => {
    const { store, pairs } = populated(1, 1);
    store.markDone(pairs[0]!);
    store.flush();
    store.markDone(pairs[0]!);
    store.markDone({ event: 'nope', channel: pairs[0]!.channel });
    const r = store.flush();
    expect(r.refused.map((x) => x.why)).toEqual([
      'the pair is already done; reopen it first',
      "no event 'nope' in this run (upsert it first)",
    ]);
    expect(store.flush().refused).toEqual([]);
  });

  it('counts retries, schedules them, and moves them on', () => {
    const { store, pairs } = populated(1, 4);
    store.markRetrying(pairs[0]!, 300n, { ingredient: 'fullCoverage', reason: 'gap' });
    store.markRetrying(pairs[1]!, 100n);
    store.markRetrying(pairs[1]!, 200n, undefined, { bytesFetched: 10 });
    expect(store.retrySchedule(150n)).toEqual({ nextRetryAt: 200n, dueNow: 0 });
    expect(store.retrySchedule(250n)).toEqual({ nextRetryAt: 200n, dueNow: 1 });
    expect(store.pairDetail(pairs[1]!)).toMatchObject({ state: 'retrying', attempts: 2, retryAt: 200n, bytesFetched: 10 });
    store.markRejected(pairs[0]!, 'fullCoverage', 'seismogramLatency passed');
    expect(store.pairDetail(pairs[0]!)).toMatchObject({ state: 'rejected', retryAt: null, attempts: 1 });
    expect(store.counts().bytesFetched).toBe(10);
  });

  it('keeps event states and counts event rejections apart', () => {
    const { store } = openStore();
    store.upsertEvents([MAULE, event(1), event(2)]);
    store.markEventPaired(MAULE.publicId);
    store.markEventRejected(event(1).publicId, 'magnitudeRange', 'magnitude 5.1 below 6');
    store.markEventRejected(event(2).publicId, 'magnitudeRange', 'magnitude 5.1 below 6');
    store.markEventRejected(MAULE.publicId, 'late', 'refused: already paired');
    const r = store.flush();
    expect(r.refused.map((x) => x.why)).toEqual(['the event is already paired']);
    expect(store.counts().events).toEqual({ pending: 0, paired: 1, rejected: 2, total: 3 });
    expect(store.topEventRejections()).toEqual([{ ingredient: 'magnitudeRange', reason: 'magnitude 5.1 below 6', count: 2 }]);
  });

  it('keeps instants exactly (nanoseconds beyond 2^53) and the JSON extras', () => {
    const { store } = openStore();
    const ch = { ...channel(1), start: 1_267_252_451_530_000_001n, end: 4_102_444_800_000_000_000n, extra: { sensor: 'STS-2' } };
    store.upsertEvents([{ ...MAULE, originTime: MAULE.originTime + 7n }]);
    store.upsertChannels([ch]);
    const e = store.getEvent(MAULE.publicId)!;
    expect(e.originTime).toBe(MAULE.originTime + 7n);
    expect(e.extra).toEqual({ region: 'Offshore Bio-Bio, Chile' });
    expect(e).toMatchObject({ latitude: -36.122, longitude: -72.898, depthKm: 22.9, magnitude: 8.8, magnitudeType: 'Mw', state: 'pending' });
    const c = store.getChannel({ id: ch.id, start: ch.start })!;
    expect(c.start).toBe(1_267_252_451_530_000_001n);
    expect(c.end).toBe(4_102_444_800_000_000_000n);
    expect(c).toMatchObject({ sampleRate: 40, dip: -90, extra: { sensor: 'STS-2' } });
    // an upsert revises the values but keeps the event's state
    store.markEventPaired(MAULE.publicId);
    store.upsertEvents([{ ...MAULE, magnitude: 8.8, depthKm: 35 }]);
    expect(store.getEvent(MAULE.publicId)).toMatchObject({ depthKm: 35, state: 'paired' });
    expect(store.counts().events.total).toBe(1);
  });

  it('refuses bad values at the call, before they reach a batch', () => {
    const { store } = openStore();
    expect(() => store.upsertEvents([{ ...MAULE, latitude: Number.NaN }])).toThrow(/latitude must be a finite number/);
    expect(() => store.upsertEvents([{ ...MAULE, originTime: 5 as unknown as bigint }])).toThrow(/bigint/);
    expect(() => store.upsertChannels([{ ...channel(1), sampleRate: Number.POSITIVE_INFINITY }])).toThrow(/sampleRate/);
    expect(store.flush()).toEqual({ applied: 0, refused: [] });
  });
});

describe('batching', () => {
  it('flushes by itself when the batch is full and after the interval', async () => {
    const { store, dir } = openStore({ batchSize: 10, flushIntervalMs: 30 });
    const reader = new Database(join(dir, STATE_FILE), { readonly: true });
    cleanups.push(() => reader.close());
    const count = () => (reader.prepare('SELECT count(*) AS n FROM channels').get() as { n: number }).n;
    store.upsertChannels(Array.from({ length: 9 }, (_, i) => channel(i)));
    expect(count()).toBe(0); // still queued
    store.upsertChannels([channel(9)]);
    expect(count()).toBe(10); // the 10th item filled the batch
    store.upsertChannels([channel(10)]);
    expect(count()).toBe(10);
    await new Promise((r) => setTimeout(r, 120));
    expect(count()).toBe(11); // the timer flushed it
  });
});

describe('nextPairs', () => {
  it('hands out due retries first, then pending pairs in key order, never twice while in flight', () => {
    const { store, pairs } = populated(3, 4);
    store.markRetrying(pairs[5]!, 50n);
    store.markRetrying(pairs[6]!, 10n);
    store.markRetrying(pairs[7]!, 999n);
    const key = (p: PairRef) => `${p.event}|${p.channel.id.station}`;
    const first = store.nextPairs(4, 100n);
    expect(first.map(key)).toEqual([pairs[6]!, pairs[5]!, pairs[0]!, pairs[1]!].map(key));
    expect(first[0]).toMatchObject({ state: 'retrying', attempts: 1, retryAt: 10n });
    const second = store.nextPairs(100, 100n);
    expect(second.map(key)).toEqual([2, 3, 4, 8, 9, 10, 11].map((i) => key(pairs[i]!)));
    expect(store.nextPairs(10, 100n)).toEqual([]);
    // moving a pair on releases it; one still pending after release comes back
    store.release(pairs[2]!);
    store.markRetrying(pairs[3]!, 150n);
    expect(store.nextPairs(10, 100n).map(key)).toEqual([key(pairs[2]!)]);
    expect(store.nextPairs(10, 200n).map(key)).toEqual([key(pairs[3]!)]);
  });

  it('pages through due retries one at a time without repeating those in flight', () => {
    const { store, pairs } = populated(1, 4);
    store.markRetrying(pairs[0]!, 30n);
    store.markRetrying(pairs[1]!, 10n);
    store.markRetrying(pairs[2]!, 20n);
    const got = [1, 2, 3].map(() => store.nextPairs(1, 100n)[0]!.channel.id.station);
    expect(got).toEqual([pairs[1]!, pairs[2]!, pairs[0]!].map((p) => p.channel.id.station));
    expect(store.nextPairs(1, 100n).map((p) => p.state)).toEqual(['pending']);
    expect(store.nextPairs(1, 100n)).toEqual([]);
  });

  it('finds pairs added behind its cursor', () => {
    const { store, events } = populated(2, 2);
    expect(store.nextPairs(3, 0n)).toHaveLength(3);
    // a channel added later for the first event sorts before the cursor
    const late = channel(50);
    store.upsertChannels([late]);
    store.addPairs([pair(events[0]!, late)]);
    const next = store.nextPairs(10, 0n).map((p) => `${p.event}|${p.channel.id.station}`);
    expect(next.sort()).toEqual([`${events[0]!.publicId}|S0050`, `${events[1]!.publicId}|S0001`].sort());
  });
});

describe('per-event progress and rejection reasons', () => {
  it('groups rejections by ingredient and reason, most common first', () => {
    const { store, pairs, events } = populated(2, 5);
    store.markRejected(pairs[0]!, 'distanceRange', 'outside 30-90 deg');
    store.markRejected(pairs[1]!, 'distanceRange', 'outside 30-90 deg');
    store.markRejected(pairs[2]!, 'distanceRange', 'outside 30-90 deg');
    store.markRejected(pairs[3]!, 'someCoverage', 'no data');
    store.markRejected(pairs[7]!, 'someCoverage', 'no data');
    store.markRejected(pairs[8]!, 'phaseExists', 'no PKIKP');
    store.markDone(pairs[9]!);
    expect(store.topRejections()).toEqual([
      { ingredient: 'distanceRange', reason: 'outside 30-90 deg', count: 3 },
      { ingredient: 'someCoverage', reason: 'no data', count: 2 },
      { ingredient: 'phaseExists', reason: 'no PKIKP', count: 1 },
    ]);
    expect(store.topRejections(1)).toHaveLength(1);
    const progress = store.eventProgress();
    expect(progress.map((p) => p.event)).toEqual(events.map((e) => e.publicId));
    expect(progress[0]!.pairs).toEqual({ pending: 1, retrying: 0, done: 0, rejected: 4, failed: 0, total: 5 });
    expect(progress[1]!.pairs).toEqual({ pending: 2, retrying: 0, done: 1, rejected: 2, failed: 0, total: 5 });
    expect(store.eventProgress({ event: events[1]!.publicId })[0]!.pairs.done).toBe(1);
  });
});

describe('allPairs', () => {
  it('streams every pair with its fate, in event and channel order', () => {
    const { store, pairs } = populated(2, 2);
    store.markRejected(pairs[1]!, 'phaseExists', 'no P at 120 deg');
    store.markDone(pairs[2]!, { bytesFetched: 12 });
    const seen = [...store.allPairs()].map((p) => [p.event, p.channel.id.station, p.state, p.ingredient, p.reason, p.bytesFetched]);
    expect(seen).toEqual([
      [pairs[0]!.event, 'S0000', 'pending', null, null, 0],
      [pairs[1]!.event, 'S0001', 'rejected', 'phaseExists', 'no P at 120 deg', 0],
      [pairs[2]!.event, 'S0000', 'done', null, null, 12],
      [pairs[3]!.event, 'S0001', 'pending', null, null, 0],
    ]);
  });

  it('walks a long list in pages while the store is written to', () => {
    const { store, pairs } = populated(30, 100);
    let n = 0;
    for (const p of store.allPairs()) {
      // a write and a flush in the middle of the walk: no "connection busy"
      if (n % 700 === 0) {
        store.markRejected(p, 'test', 'while walking');
        store.flush();
      }
      n++;
    }
    expect(n).toBe(pairs.length);
    expect(store.counts().pairs.rejected).toBe(Math.ceil(pairs.length / 700));
  });
});

