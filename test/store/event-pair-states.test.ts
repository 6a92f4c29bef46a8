/**
 * eventPairStates: what a resumed run reads to skip the pairs of an event it settled before. It
 * must see the event's own queued writes, and (so that pairing event after event does not flush
 * and fsync everything once per event) leave the other events' queued writes in the queue.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { STATE_FILE, channelKey } from '../../src/store/index.js';
import Database from '../../src/store/sqlite-driver.js';
import { channel, event, pair, tempStore } from './fixtures.js';

describe('eventPairStates', () => {
  it("sees the event's own queued writes, and writes nobody else's", () => {
    const { store, dir } = tempStore({ flushIntervalMs: 3_600_000 });
    const [a, b] = [event(0), event(1)];
    const cs = [channel(0), channel(1), channel(2)];
    store.upsertEvents([a, b]);
    store.upsertChannels(cs);
    store.flush();
    // a second connection sees only what the store has committed
    const reader = new Database(join(dir, STATE_FILE), { readonly: true });
    onTestFinished(() => {
      reader.close();
    });
    const stored = () => (reader.prepare('SELECT count(*) AS n FROM pairs').get() as { n: number }).n;

    store.addPairs([pair(a, cs[0]!), pair(a, cs[1]!)]);
    store.markDone(pair(a, cs[0]!));
    store.addPairs([pair(b, cs[2]!)]);
    store.markRejected(pair(b, cs[2]!), 'distanceRange', 'too far');
    expect(stored()).toBe(0);

    const ofA = store.eventPairStates(a.publicId)!;
    expect(Object.fromEntries(ofA)).toEqual({ [channelKey(pair(a, cs[0]!).channel)]: 'done', [channelKey(pair(a, cs[1]!).channel)]: 'pending' });
    // reading A wrote what was queued then, B's pair with it
    expect(stored()).toBe(3);

    store.addPairs([pair(b, cs[0]!)]);
    store.markFailed(pair(b, cs[0]!), 'gave up');
    // nothing of A is queued: A's states come from the database, B's new pair stays queued
    expect(Object.fromEntries(store.eventPairStates(a.publicId)!)).toEqual(Object.fromEntries(ofA));
    expect(stored()).toBe(3);
    // B's own queued write is seen when B is read
    expect(Object.fromEntries(store.eventPairStates(b.publicId)!)).toEqual({ [channelKey(pair(b, cs[2]!).channel)]: 'rejected', [channelKey(pair(b, cs[0]!).channel)]: 'failed' });
    expect(stored()).toBe(4);
    // an event the run does not know has no pairs
    expect(store.eventPairStates('smi:test/never-seen')).toBeUndefined();
  });
});
