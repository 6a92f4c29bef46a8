/**
 * The merge ingredient's settings (sod's addition to SOD's empty <merge/>), built from recipe XML
 * through the registry and called as the arm calls it: on real gappy data (obspy_gaps.mseed, one
 * segment per record, shuffled), gaps are listed against the records' own times and filled only
 * when asked; on constructed overlaps, copies that agree collapse, copies that disagree reject
 * unless keepFirst or keepLast says which to keep; cutToRequest windows the result in the same step.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOccurrence } from '../../src/engine/build.js';
import type { Occurrence } from '../../src/engine/context.js';
import type { EventChannelPair, Reject, RequestWindow } from '../../src/engine/contracts.js';
import '../../src/engine/waveform-arm.js';
import type { ArmSeismogram, ProcessExtras } from '../../src/engine/waveform-types.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import { registry } from '../../src/ingredients/registry.js';
import type { ProcessOutput } from '../../src/ingredients/waveform/seismogramProcess.runtime.js';
import { loadRecipeSource } from '../../src/recipe/load.js';
import { parseInstant, sampleTime, type Instant } from '../../src/seismogram/time.js';
import { event, stationChannels, waveformHarness } from '../engine/waveform-support.js';

const h = waveformHarness();
afterAll(() => h.close());

type Built = (pair: EventChannelPair, s: ArmSeismogram[], ctx: typeof h.run, extras?: ProcessExtras) => Promise<ProcessOutput> | ProcessOutput;

function recipeProblems(processXml: string) {
  const text = `<sod>
  <eventArm><quakeML><url>events.xml</url></quakeML></eventArm>
  <networkArm><stationXML><url>stations.xml</url></stationXML></networkArm>
  <waveformArm>
    <originOffsetRequest><beginOffset><unit>SECOND</unit><value>0</value></beginOffset><endOffset><unit>SECOND</unit><value>60</value></endOffset></originOffsetRequest>
    ${processXml}
  </waveformArm>
</sod>`;
  return loadRecipeSource({ file: 'merge.xml', text, format: 'xml' }, registry);
}

/** A <merge> element validated as part of a recipe, then built through the registry. */
function build(processXml: string): Built {
  const loaded = recipeProblems(processXml);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const occurrence = (loaded.recipe as { waveformArm: Occurrence[] }).waveformArm[1]!;
  return buildOccurrence<Built>(occurrence, ['waveformProcess'], h.bctx);
}

const [channel] = stationChannels({ net: 'XX', sta: 'TEST', lat: 0, lon: 0, channels: [{ loc: '00', cha: 'BHZ' }] });
const pair: EventChannelPair = { event: event(), channel: channel!, distanceDeg: 40, azimuth: 10, backAzimuth: 190 };
const ID = { network: 'XX', station: 'TEST', location: '00', channel: 'BHZ' };
const T0 = parseInstant('2020-01-01T00:00:00Z');
const RATE = 10;
const at = (slot: number): Instant => sampleTime(T0, slot, RATE);
const piece = (slot: number, values: number[], kind: 'int' | 'float' = 'int'): ArmSeismogram => ({
  id: ID,
  start: at(slot),
  sampleRate: RATE,
  samples: kind === 'int' ? Int32Array.from(values) : Float64Array.from(values),
});
const ramp = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const extras = (...windows: RequestWindow[]): ProcessExtras => ({ requests: windows, available: [] });
const reason = (out: ProcessOutput) => {
  expect(out.verdict.pass).toBe(false);
  return (out.verdict as Reject).reason;
};

describe('merge on real gappy data (obspy_gaps.mseed)', () => {
  const records = readMseedRecords(readFileSync(new URL('../fixtures/mseed/obspy_gaps.mseed', import.meta.url)));
  const rate = records[0]!.sampleRate;
  const pieces: ArmSeismogram[] = records.map((r) => ({ id: r.id, start: r.start, sampleRate: r.sampleRate, samples: r.samples as Int32Array })).reverse();
  // the gaps, from the records alone: where a record does not start within half a period of the last one's end
  const sorted = [...records].sort((a, b) => (a.start < b.start ? -1 : 1));
  const gaps: { start: Instant; end: Instant }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const expected = sampleTime(prev.start, prev.sampleCount, rate);
    const off = sorted[i]!.start - expected;
    if ((off < 0n ? -off : off) * BigInt(rate) * 2n > 1_000_000_000n) gaps.push({ start: sampleTime(prev.start, prev.sampleCount - 1, rate), end: sorted[i]!.start });
  }
  const total = records.reduce((n, r) => n + r.sampleCount, 0);

  it('keeps every gap in the metadata and adds no sample unless asked', async () => {
    expect(gaps.length).toBeGreaterThan(2);
    const out = await build('<merge/>')(pair, pieces, h.run);
    expect(out.verdict.pass).toBe(true);
    expect(out.seismograms).toHaveLength(gaps.length + 1);
    expect(out.seismograms.reduce((n, s) => n + s.samples.length, 0)).toBe(total);
    for (const s of out.seismograms) {
      expect(s.gaps).toEqual(gaps);
      expect(s.filled).toBeUndefined();
    }
    // each run starts where a record after a gap starts
    expect(out.seismograms.slice(1).map((s) => s.start)).toEqual(gaps.map((g) => g.end));
  });

  it('fills the gaps with zeros when asked, marking the filled samples', async () => {
    const out = await build('<merge><zeroFill/></merge>')(pair, pieces, h.run);
    expect(out.seismograms).toHaveLength(1);
    const s = out.seismograms[0]!;
    expect(s.gaps).toEqual(gaps);
    const filled = s.filled!;
    expect(filled).toHaveLength(gaps.length);
    expect(s.samples.length - filled.reduce((n, f) => n + f.to - f.from, 0)).toBe(total);
    for (const f of filled) for (let i = f.from; i < f.to; i++) expect(s.samples[i]).toBe(0);
    // a record lands at its own time: its first sample is at index (start - first start) * rate
    for (const r of sorted) {
      const index = Number(((r.start - sorted[0]!.start) * BigInt(rate) + 500_000_000n) / 1_000_000_000n);
      expect(s.samples[index], `record at ${r.start}`).toBe((r.samples as Int32Array)[0]);
    }
    // with a line instead, the same gaps get values between their neighbours
    const line = (await build('<merge><linearFill/></merge>')(pair, pieces, h.run)).seismograms[0]!;
    const g = filled[0]!;
    const a = line.samples[g.from - 1]!;
    const b = line.samples[g.to]!;
    expect(line.samples[g.from]).toBe(Math.round(a + (b - a) / (g.to - g.from + 1)));
  });
});

describe('merge on constructed overlaps', () => {
  it('collapses copies that agree (integers exactly, floats to a few ulps)', async () => {
    const ints = await build('<merge/>')(pair, [piece(0, ramp(100)), piece(80, ramp(50, 80))], h.run);
    expect(ints.seismograms).toHaveLength(1);
    expect(Array.from(ints.seismograms[0]!.samples)).toEqual(ramp(130));
    const x = 0.1 + 0.2; // 0.30000000000000004, one ulp off 0.3
    const floats = await build('<merge/>')(pair, [piece(0, [0.3, 0.3, 0.3], 'float'), piece(1, [x, x, 0.3], 'float')], h.run);
    expect(floats.verdict.pass).toBe(true);
    expect(Array.from(floats.seismograms[0]!.samples)).toEqual([0.3, 0.3, 0.3, 0.3]);
  });

  const earlier = piece(0, ramp(100));
  const later = piece(40, ramp(10, 1000)); // inside the earlier one, other values

  it('rejects an overlap whose copies disagree, saying where, by how much, and what to add', async () => {
    const why = reason(await build('<merge/>')(pair, [earlier, later], h.run));
    expect(why).toContain('overlap for 10 samples');
    expect(why).toContain('10 of them disagree');
    expect(why).toContain('2020-01-01T00:00:04');
    expect(why).toContain('(40 vs 1000)');
    expect(why).toMatch(/<keepFirst\/> or <keepLast\/>/);
  });

  it('keeps the first copy with keepFirst and the last with keepLast', async () => {
    const first = await build('<merge><keepFirst/></merge>')(pair, [later, earlier], h.run);
    expect(first.seismograms).toHaveLength(1);
    expect(Array.from(first.seismograms[0]!.samples)).toEqual(ramp(100));
    const last = await build('<merge><keepLast/></merge>')(pair, [earlier, later], h.run);
    expect(last.seismograms).toHaveLength(1);
    expect(Array.from(last.seismograms[0]!.samples)).toEqual([...ramp(40), ...ramp(10, 1000), ...ramp(50, 50)]);
    // a partial overlap: the later copy runs on past the earlier one
    const tail = piece(95, ramp(10, 500));
    const kept = await build('<merge><keepLast/></merge>')(pair, [earlier, tail], h.run);
    expect(Array.from(kept.seismograms[0]!.samples)).toEqual([...ramp(95), ...ramp(10, 500)]);
  });

  it('cuts to the requested windows in the same step, so an overlap outside them does not matter', async () => {
    const cut = build('<merge><cutToRequest/></merge>');
    const one = await cut(pair, [earlier, later], h.run, extras({ start: at(60), end: at(79) }));
    expect(one.verdict.pass).toBe(true);
    expect(one.seismograms).toHaveLength(1);
    expect(one.seismograms[0]!.start).toBe(at(60));
    expect(Array.from(one.seismograms[0]!.samples)).toEqual(ramp(20, 60));
    // the disagreement inside a window still rejects
    expect(reason(await cut(pair, [earlier, later], h.run, extras({ start: at(30), end: at(45) })))).toContain('disagree');
    // a window edge between samples: the closed window keeps the samples inside it only
    const between = await cut(pair, [earlier], h.run, extras({ start: at(10) + 1n, end: at(20) - 1n }));
    expect(Array.from(between.seismograms[0]!.samples)).toEqual(ramp(9, 11));
    // two windows, a seismogram each; a gap between pieces inside a window is kept and listed
    const gappy = [piece(0, ramp(30)), piece(40, ramp(30, 40))];
    const two = await cut(pair, gappy, h.run, extras({ start: at(5), end: at(9) }, { start: at(25), end: at(44) }));
    expect(two.seismograms.map((s) => Array.from(s.samples))).toEqual([ramp(5, 5), ramp(5, 25), ramp(5, 40)]);
    expect(two.seismograms[1]!.gaps).toEqual([{ start: at(29), end: at(40) }]);
    // zero-filled and cut: one seismogram over the window, the hole filled
    const filled = await build('<merge><zeroFill/><cutToRequest/></merge>')(pair, gappy, h.run, extras({ start: at(25), end: at(44) }));
    expect(Array.from(filled.seismograms[0]!.samples)).toEqual([...ramp(5, 25), ...Array(10).fill(0), ...ramp(5, 40)]);
  });

  it('rejects a pair with no sample in any requested window, or with no window at all', async () => {
    const cut = build('<merge><cutToRequest/></merge>');
    const why = reason(await cut(pair, [earlier], h.run, extras({ start: at(200), end: at(300) })));
    expect(why).toContain('no sample between 2020-01-01T00:00:20');
    expect(why).toContain('the data run from 2020-01-01T00:00:00');
    expect(reason(await cut(pair, [earlier], h.run, extras()))).toContain('no requested window');
  });
});

describe('merge settings in a recipe', () => {
  it('take at most one of keepFirst and keepLast, and of zeroFill and linearFill', () => {
    for (const bad of ['<merge><keepFirst/><keepLast/></merge>', '<merge><zeroFill/><linearFill/></merge>', '<merge><keepAll/></merge>']) {
      expect(recipeProblems(bad).problems.filter((p) => p.severity === 'error').length, bad).toBeGreaterThan(0);
    }
    for (const good of ['<merge/>', '<merge><keepFirst/><zeroFill/><cutToRequest/></merge>', '<merge><keepLast/><linearFill/></merge>']) {
      expect(recipeProblems(good).problems.filter((p) => p.severity === 'error'), good).toEqual([]);
    }
  });
});
