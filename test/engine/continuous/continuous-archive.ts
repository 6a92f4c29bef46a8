/**
 * A few days of continuous data for the continuous-mode tests, written into a temporary folder the
 * FDSN stand-in serves: real samples (the BW.BGLD EHE recording of obspy_gaps.mseed, repeated) as
 * 1 Hz channels of two stations, with gaps inside a day, a gap across midnight, a day without any
 * data, records that straddle midnight, and a channel the default channel pattern leaves out.
 * The segments are returned too, so tests compute what to expect independently of the engine.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMseedRecords } from '../../../src/formats/mseed/decoder.js';
import { writeMseed2 } from '../../../src/formats/mseed/index.js';
import type { Segment } from '../../../src/seismogram/segment.js';
import { parseInstant, sampleTime, type Instant } from '../../../src/seismogram/time.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const NS = 1_000_000_000n;

export const RATE = 1;
export const DAYS = ['2024-01-05', '2024-01-06', '2024-01-07'];

/** The real samples the archive is made of. */
function realSamples(): Int32Array {
  const recs = readMseedRecords(new Uint8Array(readFileSync(join(FIX, 'mseed', 'obspy_gaps.mseed'))));
  const parts = recs.map((r) => Array.from(r.samples as ArrayLike<number>));
  return Int32Array.from(parts.flat());
}

interface Piece {
  from: string;
  to: string;
}

/** The channel's data between the pieces' times, sample i of the run taken from the pool at offset + i. */
function segments(net: string, sta: string, cha: string, pieces: Piece[], pool: Int32Array, offset: number): Segment[] {
  return pieces.map((p, k) => {
    const start = parseInstant(p.from);
    const n = Number((parseInstant(p.to) - start) / NS) * RATE;
    const samples = new Int32Array(n);
    for (let i = 0; i < n; i++) samples[i] = pool[(offset + k * 7919 + i) % pool.length]!;
    return { id: { network: net, station: sta, location: '00', channel: cha }, start, sampleRate: RATE, samples };
  });
}

export interface ContinuousArchive {
  dir: string;
  /** every served segment, by NET.STA.LOC.CHA */
  served: Map<string, Segment[]>;
  stations: { code: string; lat: number; lon: number; elev: number; site: string }[];
}

const CHANNEL_PIECES: Record<string, Piece[]> = {
  'STA1.BHZ': [
    { from: '2024-01-04T23:00:00Z', to: '2024-01-06T03:00:00Z' },
    { from: '2024-01-06T05:30:00Z', to: '2024-01-07T12:00:00Z' },
  ],
  'STA1.BHN': [
    { from: '2024-01-04T23:00:00Z', to: '2024-01-05T22:00:00Z' },
    { from: '2024-01-06T02:00:00Z', to: '2024-01-07T12:00:00Z' },
  ],
  'STA1.LHZ': [{ from: '2024-01-05T00:00:00Z', to: '2024-01-06T00:00:00Z' }],
  'STA2.BHZ': [
    { from: '2024-01-05T00:00:00Z', to: '2024-01-06T00:00:00Z' },
    { from: '2024-01-07T00:00:00Z', to: '2024-01-07T10:00:00Z' },
  ],
};

export function buildContinuousArchive(): ContinuousArchive {
  const dir = mkdtempSync(join(tmpdir(), 'sod-continuous-archive-'));
  mkdirSync(join(dir, 'waveforms'));
  mkdirSync(join(dir, 'stations'));
  const pool = realSamples();
  const served = new Map<string, Segment[]>();
  let offset = 0;
  for (const [key, pieces] of Object.entries(CHANNEL_PIECES)) {
    const [sta, cha] = key.split('.') as [string, string];
    const segs = segments('XX', sta, cha, pieces, pool, (offset += 1013));
    served.set(`XX.${sta}.00.${cha}`, segs);
    const bytes = segs.map((s) => writeMseed2(s, { recordLength: 4096 }));
    writeFileSync(join(dir, 'waveforms', `XX.${sta}.${cha}.mseed`), Buffer.concat(bytes));
  }
  const stations = [
    { code: 'STA1', lat: 10.5, lon: 20.25, elev: 300, site: 'First, with a comma' },
    { code: 'STA2', lat: -5, lon: 100, elev: 12, site: 'Second' },
  ];
  const channelXml = (s: (typeof stations)[number], cha: string) => `
      <Channel code="${cha}" locationCode="00" startDate="2024-01-01T00:00:00">
        <Latitude>${s.lat}</Latitude><Longitude>${s.lon}</Longitude><Elevation>${s.elev}</Elevation><Depth>0</Depth>
        <Azimuth>0</Azimuth><Dip>${cha.endsWith('Z') ? -90 : 0}</Dip><SampleRate>${RATE}</SampleRate>
      </Channel>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<FDSNStationXML xmlns="http://www.fdsn.org/xml/station/1" schemaVersion="1.1">
  <Source>sod tests</Source>
  <Created>2024-02-01T00:00:00</Created>
  <Network code="XX" startDate="2024-01-01T00:00:00">
${stations
  .map(
    (s) => `    <Station code="${s.code}" startDate="2024-01-01T00:00:00">
      <Latitude>${s.lat}</Latitude><Longitude>${s.lon}</Longitude><Elevation>${s.elev}</Elevation>
      <Site><Name>${s.code}</Name></Site>${Object.keys(CHANNEL_PIECES)
        .filter((k) => k.startsWith(`${s.code}.`))
        .map((k) => channelXml(s, k.split('.')[1]!))
        .join('')}
    </Station>`,
  )
  .join('\n')}
  </Network>
</FDSNStationXML>
`;
  writeFileSync(join(dir, 'stations', 'XX.xml'), xml);
  return { dir, served, stations };
}

/** The station list of the archive's stations at the stand-in. */
export function stationListCsv(a: ContinuousArchive, origin: string): string {
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [
    'Station, DataCenter, Start, End, Site, Latitude, Longitude, Elevation',
    ...a.stations.map((s) => `XX.${s.code}, ${origin}, 2024-01-01, , ${quote(s.site)}, ${s.lat}, ${s.lon}, ${s.elev}`),
  ].join('\n');
}

export function dayStart(day: string): Instant {
  return parseInstant(`${day}T00:00:00Z`);
}

/** Served samples of a channel with times in [start, end), per served segment (empty pieces left out). */
export function servedPieces(archive: ContinuousArchive, id: string, start: Instant, end: Instant): { start: Instant; values: number[] }[] {
  const out: { start: Instant; values: number[] }[] = [];
  for (const s of archive.served.get(id) ?? []) {
    const values: number[] = [];
    let first: Instant | undefined;
    for (let i = 0; i < s.samples.length; i++) {
      const t = sampleTime(s.start, i, s.sampleRate);
      if (t >= start && t < end) {
        first ??= t;
        values.push(s.samples[i]!);
      }
    }
    if (first !== undefined) out.push({ start: first, values });
  }
  return out;
}

/** Two-pass float64 figures, written independently of src/seismogram/statistics.ts. */
export function figures(values: number[]) {
  const n = values.length;
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    sum += x;
    sq += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / n;
  let dev = 0;
  for (const x of values) dev += (x - mean) * (x - mean);
  return { Min: min, Max: max, Mean: mean, Std: Math.sqrt(dev / (n - 1)), Rms: Math.sqrt(sq / n), PeakToPeak: max - min, FiniteFraction: 1 };
}
