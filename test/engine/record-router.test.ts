/**
 * RecordRouter hands a request's pairs on in groups of about N samples (finishGroups): every pair
 * once, in batch order, never split, and a group closes as soon as it reaches N samples. The
 * groups flattened are exactly what finish() gives one pair at a time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EventChannelPair } from '../../src/engine/contracts.js';
import { RecordRouter, recordEnd, type BatchItem } from '../../src/engine/waveform-routing.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';

const FILE = fileURLToPath(new URL('../fixtures/mseed/libmseed_test.mseed', import.meta.url));
const records = readMseedRecords(readFileSync(FILE));

function batch(windows: number): BatchItem[] {
  const r0 = records[0]!;
  const first = records.reduce((t, r) => (r.start < t ? r.start : t), r0.start);
  const last = records.reduce((t, r) => (r.start > t ? r.start : t), r0.start);
  const step = (last - first) / BigInt(windows) + 1n;
  const channel = { network: { code: r0.id.network }, station: { code: r0.id.station }, channel: { code: r0.id.channel, locationCode: r0.id.location } };
  return Array.from({ length: windows }, (_, i) => ({
    pair: { event: { id: `e${i}` }, channel, distanceDeg: 0, azimuth: 0, backAzimuth: 0 } as unknown as EventChannelPair,
    requests: [{ start: first + BigInt(i) * step, end: first + BigInt(i + 1) * step }],
  }));
}

function routed(items: BatchItem[]): RecordRouter {
  const router = new RecordRouter(items);
  for (const r of records) router.add(r);
  return router;
}

const samplesOf = (f: { seismograms: { samples: ArrayLike<number> }[] }) => f.seismograms.reduce((n, s) => n + s.samples.length, 0);
const flat = (pairs: { pair: EventChannelPair; seismograms: { start: bigint; samples: ArrayLike<number> }[] }[]) =>
  pairs.map((f) => ({ event: (f.pair.event as unknown as { id: string }).id, segments: f.seismograms.map((s) => [s.start, Array.from(s.samples)]) }));

describe('RecordRouter groups', () => {
  it('hands every pair on once, in order, in groups that close at N samples, as finish() does one by one', () => {
    expect(records.length).toBeGreaterThan(10);
    const items = batch(7);
    const oneByOne = [...routed(items).finish()];
    expect(oneByOne.map(samplesOf).filter((n) => n > 0).length).toBeGreaterThan(3);
    for (const n of [0, 1, 300, 2000, 1e9]) {
      const groups = [...routed(items).finishGroups(n)];
      expect(flat(groups.flat()), `N=${n}`).toEqual(flat(oneByOne));
      for (const [gi, g] of groups.entries()) {
        expect(g.length).toBeGreaterThan(0);
        const sizes = g.map(samplesOf);
        const total = sizes.reduce((a, b) => a + b, 0);
        // without its last pair a group is below N, and every group but the last reaches N
        expect(total - sizes[sizes.length - 1]!).toBeLessThan(Math.max(n, 1));
        if (gi < groups.length - 1) expect(total).toBeGreaterThanOrEqual(n);
      }
      if (n === 0) expect(groups.map((g) => g.length)).toEqual(items.map(() => 1));
      if (n === 1e9) expect(groups).toHaveLength(1);
    }
  });

  it("counts a record's bytes for each pair it went to; records outside every window, or of no channel asked, for the first pair that could have had them", () => {
    const all = records.reduce((n, r) => n + r.recordLength, 0);
    const items = batch(3);
    const overlapping = (w: { start: bigint; end: bigint }) => records.filter((r) => r.start < w.end && recordEnd(r) > w.start).reduce((n, r) => n + r.recordLength, 0);
    // every record falls in some window: each pair has the bytes of the records it got
    const three = [...routed(items).finish()];
    expect(three.map((f) => f.bytes)).toEqual(items.map((it) => overlapping(it.requests[0]!)));
    expect(three.reduce((n, f) => n + f.bytes!, 0)).toBeGreaterThanOrEqual(all);
    // a pair of a channel the answer does not hold, then the middle window alone: the records
    // outside it came for its channel and are counted for it, none for the stranger
    const stranger: BatchItem = { ...items[0]!, pair: { ...items[0]!.pair, channel: { ...items[0]!.pair.channel, channel: { code: 'XYZ', locationCode: '' } } } as EventChannelPair };
    const [forStranger, forMiddle] = [...routed([stranger, items[1]!]).finish()];
    expect(forStranger!.seismograms).toEqual([]);
    expect(forStranger!.bytes).toBe(0);
    expect(overlapping(items[1]!.requests[0]!)).toBeLessThan(all);
    expect(forMiddle!.bytes).toBe(all);
    // the stranger alone: nothing of the answer was asked for, all of it is counted for the batch's first pair
    expect([...routed([stranger]).finish()][0]!.bytes).toBe(all);
  });
});
