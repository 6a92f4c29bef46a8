/**
 * Writing miniSEED and reading it back: through our own reader, through libmseed (dump.c),
 * through mseed2sac; and sac2mseed's miniSEED through our reader.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MseedFormatError,
  readMseedRecords,
  recordsToSegments,
  recordToMseed3,
  writeMseed2,
  writeMseed3,
  Mseed2Writer,
  type WritableEncoding,
} from '../../src/formats/mseed/index.js';
import type { Samples, Segment } from '../../src/seismogram/segment.js';
import { parseInstant, sampleTime } from '../../src/seismogram/time.js';
import { libmseedDump } from '../support/libmseed/harness.js';
import { mseed2sac, readMinimalSac, sac2mseed } from '../support/libmseed/sac-minimal.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'sod-mseed-rt-'));

/** A seeded random walk with occasional large steps (maxStep bounds every difference). */
function walk(n: number, seed: number, maxStep: number, limit = 2 ** 31 - 1): Int32Array {
  const out = new Int32Array(n);
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  let v = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const scale = r < 0.6 ? 7 : r < 0.8 ? 100 : r < 0.95 ? 5000 : maxStep;
    let next = v + Math.round((rnd() * 2 - 1) * scale);
    if (next > limit || next < -limit) next = v - Math.sign(v) * Math.min(Math.abs(v), scale);
    v = next;
    out[i] = v;
  }
  return out;
}

function segment(samples: Samples, rate = 40, start = '2010-02-27T06:34:11.530021Z'): Segment {
  return { id: { network: 'IU', station: 'ANMO', location: '00', channel: 'BHZ' }, start: parseInstant(start), sampleRate: rate, samples };
}

const ENCODINGS: WritableEncoding[] = ['steim1', 'steim2', 'int32', 'float32', 'float64'];

function samplesFor(enc: WritableEncoding, n: number, maxStep: number): Samples {
  const ints = walk(n, 12345 + n, maxStep);
  if (enc === 'float32') return Float32Array.from(ints, (v) => v / 7.5);
  if (enc === 'float64') return Float64Array.from(ints, (v) => v / 7.5 + 1e-9);
  return ints;
}

describe('our miniSEED 2 writer -> our reader', () => {
  for (const enc of ENCODINGS) {
    for (const recordLength of [256, 512, 1024, 2048, 4096, 8192]) {
      it(`${enc}, ${recordLength}-byte records`, () => {
        const seg = segment(samplesFor(enc, 5000, enc === 'steim2' ? 2 ** 29 - 1 : 2 ** 30));
        const bytes = writeMseed2(seg, { encoding: enc, recordLength });
        expect(bytes.length % recordLength).toBe(0);
        const recs = readMseedRecords(bytes);
        expect(recs.length).toBe(bytes.length / recordLength);
        recs.forEach((r, i) => {
          expect(r.sequenceNumber).toBe(i + 1);
          expect(r.recordLength).toBe(recordLength);
          expect(r.blockettes).toEqual([1000, 1001]);
        });
        const segs = recordsToSegments(recs);
        expect(segs.length).toBe(1);
        expect(segs[0]!.start).toBe(seg.start);
        expect(segs[0]!.samples).toEqual(seg.samples);
        // each record starts where its first sample falls
        let index = 0;
        for (const r of recs) {
          expect(r.start).toBe(sampleTime(seg.start, index, seg.sampleRate));
          index += r.sampleCount;
        }
      });
    }
  }

  it('writes an odd sample rate with blockette 100 and reads it back exactly', () => {
    const seg = segment(walk(300, 7, 1000), Math.PI * 10);
    const recs = readMseedRecords(writeMseed2(seg, { recordLength: 512 }));
    expect(recs[0]!.blockettes).toContain(100);
    expect(recs[0]!.sampleRate).toBe(Math.fround(Math.PI * 10));
    expect(recordsToSegments(recs)[0]!.samples).toEqual(seg.samples);
  });

  it('keeps sequence numbers running across segments and wraps after 999999', () => {
    const w = new Mseed2Writer({ recordLength: 256, startSequence: 999998 });
    const a = readMseedRecords(w.write(segment(walk(200, 1, 100))));
    const b = readMseedRecords(w.write(segment(walk(10, 2, 100), 40, '2011-01-01T00:00:00Z')));
    expect([...a, ...b].map((r) => r.sequenceNumber)).toEqual([999998, 999999, ...Array.from({ length: a.length + b.length - 2 }, (_, i) => i + 1)]);
  });

  it('refuses float samples for integer encodings and bad record lengths', () => {
    expect(() => writeMseed2(segment(new Float32Array(10)), { encoding: 'steim2' })).toThrow(/integer samples/);
    expect(() => writeMseed2(segment(new Int32Array(10)), { recordLength: 300 })).toThrow(/power of two/);
    expect(() => writeMseed2(segment(new Int32Array(10)), { recordLength: 16384 })).toThrow(/256 to 8192/);
  });

  it('refuses a Steim-2 difference wider than 30 bits', () => {
    expect(() => writeMseed2(segment(Int32Array.from([0, 2 ** 30])), { encoding: 'steim2' })).toThrow(/30 bits/);
  });
});

describe('our miniSEED 2 writer -> libmseed', () => {
  for (const enc of ENCODINGS) {
    for (const recordLength of [256, 4096]) {
      it(`${enc}, ${recordLength}-byte records`, () => {
        const seg = segment(samplesFor(enc, 7000, enc === 'steim2' ? 2 ** 29 - 1 : 2 ** 30), 100, '2016-12-31T23:59:58.123456Z');
        const file = join(tmp, `w-${enc}-${recordLength}.mseed`);
        writeFileSync(file, writeMseed2(seg, { encoding: enc, recordLength }));
        const ref = libmseedDump(file);
        const all = ref.flatMap((r) => r.samples);
        const expected = enc === 'float32' ? Array.from(seg.samples) : Array.from(seg.samples);
        expect(all.length).toBe(expected.length);
        const got = enc === 'float32' ? all.map((v) => Math.fround(v)) : all;
        expect(got).toEqual(expected);
        let index = 0;
        for (const r of ref) {
          expect(r.startNs).toBe(sampleTime(seg.start, index, 100));
          expect(r.sampleRate).toBe(100);
          expect(r.recordLength).toBe(recordLength);
          index += r.sampleCount;
        }
      });
    }
  }
  it('int16, and the refusal of values beyond 16 bits', () => {
    const seg = segment(walk(2000, 11, 3000, 32767), 50);
    const file = join(tmp, 'int16.mseed');
    writeFileSync(file, writeMseed2(seg, { encoding: 'int16', recordLength: 512 }));
    const ref = libmseedDump(file);
    expect(ref.every((r) => r.encoding === 1)).toBe(true);
    expect(ref.flatMap((r) => r.samples)).toEqual(Array.from(seg.samples));
    expect(() => writeMseed2(segment(Int32Array.of(0, 40000)), { encoding: 'int16' })).toThrow(/does not fit in 16 bits/);
  });
  it('a 0.1 Hz and a 1/3 Hz channel', () => {
    for (const rate of [0.1, 1 / 3]) {
      const seg = segment(walk(50, 3, 100), rate);
      const file = join(tmp, `rate-${rate}.mseed`);
      writeFileSync(file, writeMseed2(seg, { recordLength: 512 }));
      const ref = libmseedDump(file);
      expect(ref[0]!.sampleRate).toBeCloseTo(rate, 6);
      expect(ref.flatMap((r) => r.samples)).toEqual(Array.from(seg.samples));
    }
  });
});

describe('our miniSEED 2 writer -> mseed2sac', () => {
  for (const enc of ['steim1', 'steim2', 'int32', 'float32'] as const) {
    it(enc, () => {
      const samples = enc === 'float32' ? Float32Array.from(walk(3000, 9, 3000, 2 ** 23), (v) => v / 4) : walk(3000, 9, 3000, 2 ** 23);
      const seg = segment(samples, 20, '2012-06-30T23:59:30.004321Z');
      const file = join(tmp, `sac-${enc}.mseed`);
      writeFileSync(file, writeMseed2(seg, { encoding: enc, recordLength: 512 }));
      const sacs = mseed2sac(file);
      expect(sacs.length).toBe(1);
      const sac = sacs[0]!;
      expect([sac.network, sac.station, sac.location, sac.channel]).toEqual(['IU', 'ANMO', '00', 'BHZ']);
      expect(sac.npts).toBe(3000);
      expect(sac.delta).toBe(Math.fround(0.05));
      const d = sac.startNs - seg.start;
      expect(d < 0n ? -d : d).toBeLessThanOrEqual(100n);
      expect(Array.from(sac.samples)).toEqual(Array.from(samples));
    });
  }
});

describe('sac2mseed -> our reader', () => {
  const cases: Array<[string, number, 0 | 1, number?]> = [
    ['IU.HRV.__.BHE.SAC', 11, 1],
    ['IU.HRV.__.BHE.SAC', 11, 1, 128],
    ['IU.HRV.__.BHE.SAC', 11, 1, 65536],
    ['IU.HRV.__.BHE.SAC', 3, 0, 128],
    ['IU.HRV.__.BHE.SAC', 10, 1, 65536],
    ['IU.HRV.__.BHE.SAC', 10, 1],
    ['IU.HRV.__.BHE.SAC', 3, 1],
    ['IU.HRV.__.BHE.SAC', 11, 0],
    ['IU.HRV.__.BHE.SAC', 10, 0],
    ['IU.HRV.__.BHE.SAC', 3, 0],
    ['obspy_test.sac', 4, 1],
    ['obspy_test.sac.swap', 4, 0],
  ];
  for (const [name, enc, order, recordLength = 4096] of cases) {
    it(`${name} -e ${enc} -b ${order} -r ${recordLength}`, () => {
      const file = join(fixtures, 'mseed-sac', name);
      const sac = readMinimalSac(readFileSync(file));
      const recs = readMseedRecords(sac2mseed(file, enc, order, recordLength));
      expect(recs.length).toBeGreaterThan(0);
      expect(recs.every((r) => r.recordLength === recordLength)).toBe(true);
      expect(recs.every((r) => r.encoding === enc && r.dataByteOrder === (order === 1 ? 'big' : 'little'))).toBe(true);
      const segs = recordsToSegments(recs);
      expect(segs.length).toBe(1);
      expect(Array.from(segs[0]!.samples)).toEqual(Array.from(sac.samples));
      const d = segs[0]!.start - sac.startNs;
      expect(d < 0n ? -d : d).toBeLessThanOrEqual(1000n); // libmseed keeps microseconds
      expect(segs[0]!.sampleRate).toBeCloseTo(1 / sac.delta, 4);
    });
  }
});

describe('miniSEED 3 write -> read', () => {
  for (const enc of ENCODINGS) {
    it(enc, () => {
      const seg = segment(samplesFor(enc, 4000, enc === 'steim2' ? 2 ** 29 - 1 : 2 ** 30), 100, '2024-02-06T11:30:00.009998123Z');
      const extra = { FDSN: { Time: { Quality: 80 } }, Lab: { note: 'ünïcode', n: [1, 2] } };
      const bytes = writeMseed3(seg, { encoding: enc, maxRecordLength: 1024, extraHeaders: extra, publicationVersion: 2 });
      const recs = readMseedRecords(bytes);
      expect(recs.length).toBeGreaterThan(1);
      expect(recs.every((r) => r.version === 3 && r.recordLength <= 1024 && r.publicationVersion === 2)).toBe(true);
      expect(recs[0]!.extraHeaders).toEqual(extra);
      expect(recs[0]!.timingQuality).toBe(80);
      expect(recs[0]!.start).toBe(seg.start); // nanoseconds kept in miniSEED 3
      const segs = recordsToSegments(recs);
      expect(segs.length).toBe(1);
      expect(segs[0]!.samples).toEqual(seg.samples);
    });
  }

  it('detects a corrupted byte by its CRC', () => {
    const bytes = writeMseed3(segment(walk(500, 5, 100)), { maxRecordLength: 4096 });
    for (const at of [5, 30, 45, bytes.length - 10]) {
      const bad = bytes.slice();
      bad[at]! ^= 0x10;
      let err: unknown;
      try {
        readMseedRecords(bad, { source: 'corrupt.ms3' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(MseedFormatError);
      expect((err as MseedFormatError).offset).toBe(0);
      expect((err as MseedFormatError).recordNumber).toBe(1);
      expect((err as Error).message).toMatch(/corrupt\.ms3/);
    }
    const bad = bytes.slice();
    bad[bytes.length - 10]! ^= 1;
    expect(() => readMseedRecords(bad)).toThrow(/CRC-32C mismatch/);
  });

  it('rewrites read records keeping identifiers, publication version and extra headers', () => {
    const recs = readMseedRecords(new Uint8Array(readFileSync(join(fixtures, 'mseed', 'bird_jsc.ms3'))));
    for (const r of recs.slice(0, 10)) {
      const [again] = readMseedRecords(recordToMseed3(r));
      expect(again!.sourceId).toBe(r.sourceId);
      expect(again!.start).toBe(r.start);
      expect(again!.publicationVersion).toBe(r.publicationVersion);
      expect(again!.extraHeaders).toEqual(r.extraHeaders);
      expect(again!.samples).toEqual(r.samples);
    }
  });

  it('converts the miniSEED 2 twin into the miniSEED 3 record of the same data', () => {
    const [m2] = readMseedRecords(new Uint8Array(readFileSync(join(fixtures, 'mseed', 'one_record_HODGE_HHZ.ms2'))));
    const [m3] = readMseedRecords(new Uint8Array(readFileSync(join(fixtures, 'mseed', 'one_record_HODGE_HHZ.ms3'))));
    const [converted] = readMseedRecords(recordToMseed3(m2!));
    expect(converted!.sourceId).toBe(m3!.sourceId);
    expect(converted!.start).toBe(m3!.start);
    expect(converted!.publicationVersion).toBe(m3!.publicationVersion);
    expect(converted!.samples).toEqual(m3!.samples);
  });
});

describe('recordsToSegments, records in any order', () => {
  // real files: one with gaps (several segments of one channel), one with two channels
  for (const name of ['obspy_gaps.mseed', 'obspy_two_channels.mseed', 'libmseed_test.mseed']) {
    it(`${name}: shuffled records give the segments the records in file order give`, () => {
      const recs = readMseedRecords(new Uint8Array(readFileSync(join(fixtures, 'mseed', name))));
      const summary = (segs: Segment[]) => segs.map((s) => [s.id, s.start, s.sampleRate, s.quality, Array.from(s.samples)]);
      const inOrder = summary(recordsToSegments(recs));
      expect(inOrder.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.shuffledSubarray(recs, { minLength: recs.length, maxLength: recs.length }), (shuffled) => {
          expect(summary(recordsToSegments(shuffled))).toEqual(inOrder);
        }),
        { numRuns: 30 },
      );
    });
  }
});
