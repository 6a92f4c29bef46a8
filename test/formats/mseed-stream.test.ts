/**
 * The streaming decoder: records come out as soon as they are complete, whatever the chunking,
 * equal to reading the whole buffer; usable as an async iterator and as a Node Transform; holds
 * back at most about one record.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createMseedTransform,
  decodeMseedStream,
  MseedFormatError,
  MseedStreamDecoder,
  readMseedRecords,
  type MseedRecord,
} from '../../src/formats/mseed/index.js';

const dir = fileURLToPath(new URL('../fixtures/mseed/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(dir + name));
// a mixed stream: miniSEED 2 records of 512 and 4096 bytes, then miniSEED 3
const mixed = Buffer.concat([fixture('CO_JSC.mseed'), fixture('obspy_test.mseed'), fixture('bird_jsc.ms3'), fixture('libmseed_test.mseed')]);

function summary(rs: MseedRecord[]) {
  return rs.map((r) => [r.offset, r.recordNumber, r.sourceId, r.start, r.samples.length, r.samples[r.samples.length - 1]]);
}

describe('MseedStreamDecoder', () => {
  const whole = readMseedRecords(mixed);
  it('reads the mixed stream whole', () => {
    expect(whole.length).toBe(14 + 2 + 86 + 36);
  });
  for (const size of [1, 7, 48, 511, 512, 4096, 10_000, 1 << 20]) {
    it(`gives the same records in chunks of ${size} bytes`, () => {
      const d = new MseedStreamDecoder();
      const got: MseedRecord[] = [];
      let maxHeld = 0;
      for (let i = 0; i < mixed.length; i += size) {
        got.push(...d.push(mixed.subarray(i, i + size)));
        maxHeld = Math.max(maxHeld, d.bufferedBytes);
      }
      got.push(...d.end());
      expect(summary(got)).toEqual(summary(whole));
      // never more than one record (the largest is 4096 bytes) plus a chunk is held back
      expect(maxHeld).toBeLessThan(4096 + size);
    });
  }

  it('emits a record as soon as its last byte arrives', () => {
    const d = new MseedStreamDecoder();
    expect(d.push(mixed.subarray(0, 511))).toEqual([]);
    expect(d.push(mixed.subarray(511, 512)).length).toBe(1);
  });

  it('a partial record at the end is an error with its offset', () => {
    const d = new MseedStreamDecoder({ source: 'http://127.0.0.1/fdsnws/dataselect/1/query' });
    d.push(mixed.subarray(0, 700));
    expect(() => d.end()).toThrow(MseedFormatError);
    const d2 = new MseedStreamDecoder();
    d2.push(mixed.subarray(0, 700));
    try {
      d2.end();
    } catch (e) {
      expect((e as MseedFormatError).offset).toBe(512);
      expect((e as MseedFormatError).recordNumber).toBe(2);
    }
  });

  it('decodeMseedStream over an async iterable', async () => {
    async function* chunks() {
      for (let i = 0; i < mixed.length; i += 3000) yield mixed.subarray(i, i + 3000);
    }
    const got: MseedRecord[] = [];
    for await (const r of decodeMseedStream(chunks())) got.push(r);
    expect(summary(got)).toEqual(summary(whole));
  });

  it('createMseedTransform in a Node pipeline', async () => {
    const got: MseedRecord[] = [];
    await pipeline(
      Readable.from((function* () {
        for (let i = 0; i < mixed.length; i += 1000) yield mixed.subarray(i, i + 1000);
      })()),
      createMseedTransform(),
      new Writable({
        objectMode: true,
        write(r: MseedRecord, _e, cb) {
          got.push(r);
          cb();
        },
      }),
    );
    expect(summary(got)).toEqual(summary(whole));
  });

  it('a bad record fails the Transform with the typed error', async () => {
    const bad = Buffer.from(mixed.subarray(0, 2048));
    bad[512 + 9] = 0xff;
    await expect(
      pipeline(Readable.from([bad]), createMseedTransform(), new Writable({ objectMode: true, write: (_r, _e, cb) => cb() })),
    ).rejects.toThrow(/record 2 at byte 512: station code has a non-ASCII byte/);
  });
});

describe('files', () => {
  it('readMseedFile, streamMseedFile and writeFileAtomic agree', async () => {
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readMseedFile, streamMseedFile, writeFileAtomic } = await import('../../src/formats/mseed/index.js');
    const out = mkdtempSync(join(tmpdir(), 'sod-mseed-file-'));
    const path = join(out, 'mixed.mseed');
    await writeFileAtomic(path, mixed);
    expect(readdirSync(out)).toEqual(['mixed.mseed']); // no temporary name left behind
    const whole = await readMseedFile(path);
    expect(whole.records.length).toBe(138);
    expect(whole.segments.length).toBeGreaterThan(1);
    const streamed: MseedRecord[] = [];
    for await (const r of streamMseedFile(path)) streamed.push(r);
    expect(summary(streamed)).toEqual(summary(whole.records));
  });

  it('readMseedFile names the file in its errors and can skip', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readMseedFile } = await import('../../src/formats/mseed/index.js');
    const path = join(mkdtempSync(join(tmpdir(), 'sod-mseed-file-')), 'bad.mseed');
    const bad = Buffer.from(mixed.subarray(0, 1536));
    bad[512 + 30] = 0xff; // record 2 declares 65280+ samples
    bad[512 + 31] = 0xff;
    writeFileSync(path, bad);
    await expect(readMseedFile(path)).rejects.toThrow(`${path}: miniSEED record 2 at byte 512`);
    const skipped = await readMseedFile(path, { skipBadRecords: true });
    expect(skipped.records.length).toBe(2);
    expect(skipped.errors.map((e) => e.recordNumber)).toEqual([2]);
  });
});

describe('channel ids of interleaved channels', () => {
  // the decoder keeps the channels it met in a cache by their header bytes, emptied when it holds
  // 4096: records of many channels interleaved in a scrambled order
  function interleaved(channels: number, count: number) {
    const base = fixture('libmseed_test.mseed').subarray(0, 512);
    const put = (rec: Uint8Array, at: number, width: number, text: string) => {
      for (let i = 0; i < width; i++) rec[at + i] = i < text.length ? text.charCodeAt(i) : 0x20;
    };
    const names: { station: string; location: string; channel: string; network: string }[] = [];
    const parts: Uint8Array[] = [];
    for (let k = 0; k < count; k++) {
      const c = (k * 7919) % channels;
      const name = { station: `S${c}`, location: c % 3 === 0 ? '' : String(c % 100).padStart(2, '0'), channel: ['LHZ', 'LHN', 'LHE'][c % 3]!, network: c % 2 ? 'XB' : 'IU' };
      const rec = new Uint8Array(base);
      put(rec, 8, 5, name.station);
      put(rec, 13, 2, name.location);
      put(rec, 15, 3, name.channel);
      put(rec, 18, 2, name.network);
      names.push(name);
      parts.push(rec);
    }
    return { names, records: readMseedRecords(Buffer.concat(parts)) };
  }

  it('each record gets the id its own header names, past the size of the cache', () => {
    const { names, records } = interleaved(5000, 12_000);
    expect(records.map((r) => ({ ...r.id }))).toEqual(names);
    expect(records.map((r) => r.sourceId)).toEqual(names.map((n) => `FDSN:${n.network}_${n.station}_${n.location}_${n.channel.split('').join('_')}`));
  });

  it('the records of one channel share an id object while it stays cached', () => {
    const { records } = interleaved(60, 3000);
    const objects = new Map<string, Set<object>>();
    for (const r of records) {
      const key = JSON.stringify(r.id);
      if (!objects.has(key)) objects.set(key, new Set());
      objects.get(key)!.add(r.id);
    }
    expect(objects.size).toBe(60);
    expect([...objects.values()].every((ids) => ids.size === 1)).toBe(true);
  });
});

describe('channel ids of miniSEED 3 records', () => {
  it('records that name one source share one id object, and the id is the one the source identifier names', () => {
    const records = readMseedRecords(fixture('bird_jsc.ms3'));
    const sources = new Set(records.map((r) => r.sourceId));
    expect(records.length).toBeGreaterThan(sources.size);
    expect(new Set(records.map((r) => r.id)).size).toBe(sources.size);
    for (const r of records) {
      const [network, station, location, ...channel] = r.sourceId.replace(/^FDSN:/, '').split('_');
      expect({ ...r.id }).toEqual({ network, station, location, channel: channel.join('') });
    }
  });
});
