/**
 * fdsnws-dataselect: GET and bulk POST against the stand-in serving real miniSEED; the records
 * that come back are compared byte for byte with the fixture files, and the overlap rule is
 * checked against record times read from the files here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkBody, dataselectGetUrl, fetchDataselect, streamDataselect, type DataselectSelection } from '../../src/fdsn/dataselect.js';
import { FdsnError } from '../../src/fdsn/errors.js';
import { HttpClient } from '../../src/fdsn/http.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import type { MseedRecord } from '../../src/formats/mseed/record.js';
import { parseInstant, sampleTime } from '../../src/seismogram/time.js';
import { FIXTURE_ARCHIVE } from '../support/fdsn-standin/index.js';
import { useStandinSession } from './standin-session.js';

const T = parseInstant;
const ANMO_PATH = `${FIXTURE_ARCHIVE}/waveforms/obspy_dataselect_example.mseed`;
const ANMO_FILE = readFileSync(ANMO_PATH);
const ANMO_RECORDS = readMseedRecords(ANMO_FILE, { decodeSamples: false });
const TWO_FILE = readFileSync(`${FIXTURE_ARCHIVE}/waveforms/obspy_two_channels.mseed`);
const GAPS_PATH = `${FIXTURE_ARCHIVE}/waveforms/obspy_gaps.mseed`;
const DS = '/fdsnws/dataselect/1/query';

const fdsn = useStandinSession({ retries: 2, resetStats: true });

const anmo = (start: string, end: string): DataselectSelection => ({ network: 'IU', station: 'ANMO', location: '00', channel: 'BHZ', start: T(start), end: T(end) });
const bytesOf = (records: MseedRecord[], file: Buffer): Buffer => Buffer.concat(records.map((r) => file.subarray(r.offset, r.offset + r.recordLength)));
const serialize = (records: MseedRecord[]): string[] => records.map((r) => `${r.id.network}.${r.id.station}.${r.id.location}.${r.id.channel}@${r.start}`);

async function collect(it: AsyncIterable<MseedRecord>): Promise<MseedRecord[]> {
  const out: MseedRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('fdsnws-dataselect GET', () => {
  it('the whole day of a channel comes back byte-identical to the file', async () => {
    const r = await fetchDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], {}, { http: fdsn.http });
    expect(r.records).toHaveLength(ANMO_RECORDS.length);
    expect(bytesOf(r.records, ANMO_FILE).equals(ANMO_FILE)).toBe(true);
  });

  it('sends whole records that overlap the window, never cut inside a record', async () => {
    const from = T('2010-02-27T06:32:00');
    const to = T('2010-02-27T06:32:30');
    // the rule, from the file: a record overlaps when it starts by `to` and its coverage reaches past `from`
    const expected = ANMO_RECORDS.filter((x) => x.start <= to && sampleTime(x.start, x.sampleCount, x.sampleRate) > from);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(ANMO_RECORDS.length);
    const r = await fetchDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:32:00', '2010-02-27T06:32:30')], {}, { http: fdsn.http });
    expect(serialize(r.records)).toEqual(serialize(expected));
    expect(r.records[0]!.start).toBeLessThanOrEqual(from);
    expect(r.records[0]!.samples.length).toBe(r.records[0]!.sampleCount);
  });

  it('asks for the blank location as -- and matches it', async () => {
    const sel: DataselectSelection = { network: 'BW', station: 'UH3', location: '', channel: 'EH?', start: T('2010-06-20'), end: T('2010-06-21') };
    expect(dataselectGetUrl(fdsn.standin.origin, sel)).toContain('location=--');
    const r = await fetchDataselect(fdsn.standin.origin, [sel], {}, { http: fdsn.http });
    expect(r.records.map((x) => `${x.id.station}.${x.id.location}.${x.id.channel}`).sort()).toEqual(['UH3..EHE', 'UH3..EHZ']);
    expect(bytesOf(r.records, TWO_FILE).equals(TWO_FILE)).toBe(true);
    const none = await fetchDataselect(fdsn.standin.origin, [{ ...sel, location: '00' }], {}, { http: fdsn.http });
    expect(none).toMatchObject({ records: [], noData: true });
  });

  it('quality selects by the record quality letter', async () => {
    const d = await fetchDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], { quality: 'D' }, { http: fdsn.http });
    expect(d.noData).toBe(true);
    const m = await fetchDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], { quality: 'M' }, { http: fdsn.http });
    expect(m.records).toHaveLength(ANMO_RECORDS.length);
  });
});

describe('longestonly and minimumlength, checked against libmseed (mseed2sac writes one SAC file per continuous segment)', () => {
  let segments: Array<{ samples: number }>;
  beforeAll(() => {
    // the reference tool must be installed: a missing mseed2sac fails here, it is not skipped
    const dir = mkdtempSync(join(tmpdir(), 'sod-m2s-'));
    try {
      const report = execFileSync('sh', ['-c', `mseed2sac '${GAPS_PATH}' 2>&1`], { cwd: dir, encoding: 'utf8' });
      segments = [...report.matchAll(/Wrote (\d+) samples/g)].map((m) => ({ samples: Number(m[1]) }));
      expect(readdirSync(dir)).toHaveLength(segments.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(segments.length).toBeGreaterThan(1);
  });

  it('longestonly returns exactly the samples of libmseed longest segment', async () => {
    const sel: DataselectSelection = { network: 'BW', station: 'BGLD', location: '', channel: 'EHE', start: T('2007-12-31'), end: T('2008-01-02') };
    const r = await fetchDataselect(fdsn.standin.origin, [sel], { longestonly: true }, { http: fdsn.http });
    const longest = Math.max(...segments.map((s) => s.samples));
    expect(r.records.reduce((n, x) => n + x.sampleCount, 0)).toBe(longest);
  });

  it('minimumlength drops segments shorter than asked', async () => {
    const sel: DataselectSelection = { network: 'BW', station: 'BGLD', location: '', channel: 'EHE', start: T('2007-12-31'), end: T('2008-01-02') };
    // 200 samples/s: keep segments of at least 3 s = 600 samples
    const r = await fetchDataselect(fdsn.standin.origin, [sel], { minimumlength: 3 }, { http: fdsn.http });
    const expected = segments.filter((s) => s.samples >= 600).reduce((n, s) => n + s.samples, 0);
    expect(r.records.reduce((n, x) => n + x.sampleCount, 0)).toBe(expected);
  });
});

describe('fdsnws-dataselect bulk POST', () => {
  it('one POST for many lines; a record asked for twice comes once', async () => {
    const sels: DataselectSelection[] = [
      anmo('2010-02-27T06:30:00', '2010-02-27T06:35:00'),
      anmo('2010-02-27T06:33:00', '2010-02-27T06:40:00'),
      { network: 'BW', station: 'UH3', location: '', channel: 'EHZ', start: T('2010-06-20'), end: T('2010-06-21') },
    ];
    const r = await fetchDataselect(fdsn.standin.origin, sels, {}, { http: fdsn.http });
    expect(fdsn.standin.count(DS)).toBe(1);
    const post = fdsn.standin.stats.requests[0]!;
    expect(post.method).toBe('POST');
    expect(post.body.split('\n')).toContain('BW UH3 -- EHZ 2010-06-20T00:00:00.000000 2010-06-21T00:00:00.000000');
    // the two ANMO windows overlap: together they cover the file, each record once
    expect(serialize(r.records.filter((x) => x.id.station === 'ANMO'))).toEqual(serialize(ANMO_RECORDS));
    expect(r.records.filter((x) => x.id.station === 'UH3').map((x) => x.id.channel)).toEqual(['EHZ']);
  });

  it('writes quality/minimumlength/longestonly lines before the selections', () => {
    const body = bulkBody([anmo('2010-02-27T06:30:00', '2010-02-27T06:35:00')], { quality: 'B', minimumlength: 10, longestonly: true });
    expect(body).toBe('quality=B\nminimumlength=10\nlongestonly=true\nIU ANMO 00 BHZ 2010-02-27T06:30:00.000000 2010-02-27T06:35:00.000000\n');
  });
});

  it('a line per selection when channels and windows repeat, change and come back', () => {
    const w1 = ['2010-02-27T06:30:00', '2010-02-27T06:35:00.5'] as const;
    const w2 = ['2010-02-27T06:33:00.000001', '2010-02-28T00:00:00'] as const;
    const sels: DataselectSelection[] = [
      anmo(...w1),
      anmo(...w2),
      { network: 'BW', station: 'UH3', location: '', channel: 'EHZ', start: T(w1[0]), end: T(w1[1]) },
      { network: 'BW', station: 'UH3', location: '', channel: 'EHN', start: T(w1[0]), end: T(w1[1]) },
      anmo(...w1),
    ];
    const lines = bulkBody(sels).split('\n');
    expect(lines).toEqual([
      'IU ANMO 00 BHZ 2010-02-27T06:30:00.000000 2010-02-27T06:35:00.500000',
      'IU ANMO 00 BHZ 2010-02-27T06:33:00.000001 2010-02-28T00:00:00.000000',
      'BW UH3 -- EHZ 2010-02-27T06:30:00.000000 2010-02-27T06:35:00.500000',
      'BW UH3 -- EHN 2010-02-27T06:30:00.000000 2010-02-27T06:35:00.500000',
      'IU ANMO 00 BHZ 2010-02-27T06:30:00.000000 2010-02-27T06:35:00.500000',
      '',
    ]);
  });

  it('a code with a space is refused even after good lines of the same station', () => {
    const good = anmo('2010-02-27T06:30:00', '2010-02-27T06:35:00');
    expect(() => bulkBody([good, { ...good, channel: 'B Z' }])).toThrow(/channel code without spaces, got 'B Z'/);
  });

describe('streaming to the miniSEED decoder', () => {
  it('does not ask for gzip (Steim records are compressed already) and gets the records as they are', async () => {
    const recs = await collect(streamDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00'), anmo('2010-02-27T07:00:00', '2010-02-27T08:00:00')], {}, { http: fdsn.http }));
    expect(serialize(recs)).toEqual(serialize(ANMO_RECORDS));
    const posts = fdsn.standin.stats.requests.filter((r) => r.path === DS);
    expect(posts.map((r) => [r.method, r.gzipped])).toEqual([['POST', false]]);
    expect(posts[0]!.bytes).toBe(ANMO_FILE.length);
  });

  it('records arrive as decoded records, in order', async () => {
    const recs = await collect(streamDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], {}, { http: fdsn.http }));
    expect(serialize(recs)).toEqual(serialize(ANMO_RECORDS));
  });

  it('a reset mid-body is resumed without losing or repeating a record', async () => {
    fdsn.standin.addFault({ path: DS, resetAfterBytes: 4000, times: 1 });
    const recs = await collect(streamDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], {}, { http: fdsn.http }));
    expect(serialize(recs)).toEqual(serialize(ANMO_RECORDS));
    expect(fdsn.standin.count(DS)).toBe(2);
  });

  it('HTML before any record: fetched again', async () => {
    fdsn.standin.addFault({ path: DS, replaceBody: { contentType: 'text/html', text: '<html>busy</html>' }, times: 1 });
    const recs = await collect(streamDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], {}, { http: fdsn.http }));
    expect(recs).toHaveLength(ANMO_RECORDS.length);
    expect(fdsn.standin.count(DS)).toBe(2);
  });

  it('truncated miniSEED after records were handed on: a typed error with record number and URL', async () => {
    fdsn.standin.addFault({ path: DS, truncateToBytes: 5000 });
    const sel = anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00');
    const got: MseedRecord[] = [];
    let err: unknown;
    try {
      for await (const r of streamDataselect(fdsn.standin.origin, [sel], {}, { http: new HttpClient({ retries: 2 }) })) got.push(r);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FdsnError);
    const f = err as FdsnError;
    expect(f.kind).toBe('bad-content');
    expect(f.url).toBe(dataselectGetUrl(fdsn.standin.origin, sel));
    expect(f.message).toMatch(/record \d+/);
    // the nine whole 512-byte records before the cut at byte 5000 were handed on, then the error
    expect(got).toHaveLength(9);
    expect(serialize(got)).toEqual(serialize(ANMO_RECORDS.slice(0, 9)));
  });

  it('truncated miniSEED with fetch: the whole body is fetched again', async () => {
    fdsn.standin.addFault({ path: DS, truncateToBytes: 5000, times: 1 });
    const r = await fetchDataselect(fdsn.standin.origin, [anmo('2010-02-27T06:00:00', '2010-02-27T07:00:00')], {}, { http: fdsn.http });
    expect(r.records).toHaveLength(ANMO_RECORDS.length);
    expect(fdsn.standin.count(DS)).toBe(2);
  });
});
