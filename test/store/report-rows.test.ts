/**
 * The run report's rows straight from the store: every pair once, in event and channel order, with
 * its event's name (extra.id, else the public id), channel codes, fate and committed files, the
 * same whatever the page size (files are read per page, events and channels once each).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { iterateReportRows } from '../../src/store/report-rows.js';
import { RunStore, type PairRef } from '../../src/store/index.js';
import Database from '../../src/store/sqlite-driver.js';
import { join } from 'node:path';
import { STATE_FILE } from '../../src/store/index.js';
import { channel, event, pair, tempRunDir } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('run report rows', () => {
  it('lists every pair once with its fate and files, whatever the page size', () => {
    const { dir, cleanup } = tempRunDir();
    cleanups.push(cleanup);
    const store = RunStore.open(dir, { recipeHash: 'r', clock: () => 1n });
    const events = [0, 1, 2].map((i) => (i === 1 ? { ...event(i), extra: { id: `short-${i}` } } : event(i)));
    const channels = [0, 1, 2, 3].map((i) => channel(i));
    store.upsertEvents(events);
    store.upsertChannels(channels);
    type Expected = { event: string; channel: string; state: string; files: string[]; ingredient: string | null; reason: string | null; retryAt: bigint | null; error: string | null };
    const expected: Expected[] = [];
    const none = { ingredient: null, reason: null, retryAt: null, error: null };
    const pairs: PairRef[] = [];
    events.forEach((e, ei) =>
      channels.forEach((c, ci) => {
        const p = pair(e, c);
        pairs.push(p);
        store.addPairs([p]);
        const k = ei * 4 + ci;
        const name = ei === 1 ? 'short-1' : e.publicId;
        const code = `XX.${c.id.station}.00.BHZ`;
        if (k % 4 === 0) {
          const files = Array.from({ length: k % 3 }, (_, j) => join(dir, `out/${k}-${j}.sac`));
          store.markDoneWithFiles(p, files.map((path) => ({ path, size: 10 })));
          expected.push({ event: name, channel: code, state: 'done', files: [...files].sort(), ...none });
        } else if (k % 4 === 1) {
          store.markRejected(p, 'distanceRange', `too far ${k}`);
          expected.push({ event: name, channel: code, state: 'rejected', files: [], ...none, ingredient: 'distanceRange', reason: `too far ${k}` });
        } else if (k % 4 === 2) {
          store.markDoneWithFiles(p, [{ path: join(dir, `out/z-${k}.mseed`), size: 5 }, { path: join(dir, `out/a-${k}.sac`), size: 5 }]);
          expected.push({ event: name, channel: code, state: 'done', files: [join(dir, `out/a-${k}.sac`), join(dir, `out/z-${k}.mseed`)], ...none });
        } else if (k === 7) {
          store.markFailed(p, 'fdsnDataSelect: HTTP 500');
          expected.push({ event: name, channel: code, state: 'failed', files: [], ...none, error: 'fdsnDataSelect: HTTP 500' });
        } else {
          // a retry time past 2^53 nanoseconds (any date after April 1970) must come back exact
          const at = 1_700_000_000_123_456_789n + BigInt(k);
          store.markRetrying(p, at, { ingredient: 'someCoverage', reason: 'no data yet' });
          expected.push({ event: name, channel: code, state: 'retrying', files: [], ...none, ingredient: 'someCoverage', reason: 'no data yet', retryAt: at });
        }
      }),
    );
    store.close();

    const db = new Database(join(dir, STATE_FILE), { readonly: true });
    cleanups.push(() => db.close());
    for (const pageSize of [1, 2, 3, 5, 7, 2000]) {
      const rows = [...iterateReportRows(db, pageSize)];
      const seen = rows.map((r) => ({ event: r.event, channel: r.channel, state: r.state, files: r.files, ingredient: r.ingredient, reason: r.reason, retryAt: r.retryAt, error: r.error }));
      expect(seen, `page size ${pageSize}`).toEqual(expected);
      expect(rows.every((r, i) => r.originTime === events[Math.floor(i / 4)]!.originTime)).toBe(true);
    }
  });
});
