/**
 * The archive behind the continuous-mode benchmark, cached in bench/data/: S stations (network XC,
 * one LHZ channel each) with D whole days of data, made of the 36 real records of IU.COLA LHZ in
 * libmseed_test.mseed, copied with their headers renamed, their start times moved so the copies
 * follow on without gaps, and their rate set to one sample every 20 s (so a station-day is about
 * 20 kB rather than 370 kB and 100 x 30 station-days fit the machine). The samples and their
 * Steim-2 frames are the real ones.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import { parseInstant, type Instant } from '../../src/seismogram/time.js';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures');
const NS = 1_000_000_000n;
/** seconds between samples */
export const PERIOD_S = 20;
export const FIRST_DAY = '2021-03-01';
export const NETWORK = 'XC';
export const CHANNEL = 'LHZ';

export function stationCode(i: number): string {
  return `C${String(i).padStart(3, '0')}`;
}

interface Source {
  bytes: Uint8Array;
  samples: number;
  littleEndian: boolean;
}

function sources(): Source[] {
  const file = readFileSync(join(FIX, 'mseed', 'libmseed_test.mseed'));
  return readMseedRecords(file, { decodeSamples: false }).map((r) => ({
    bytes: new Uint8Array(file.subarray(r.offset, r.offset + r.recordLength)),
    samples: r.sampleCount,
    littleEndian: r.headerByteOrder === 'little',
  }));
}

function ascii(out: Uint8Array, at: number, width: number, text: string): void {
  const t = text.padEnd(width, ' ');
  for (let i = 0; i < width; i++) out[at + i] = t.charCodeAt(i);
}

/** The record renamed, starting at `start` (whole seconds), one sample every PERIOD_S seconds. */
function copyOf(src: Source, seq: number, sta: string, start: Instant): Uint8Array {
  const out = new Uint8Array(src.bytes);
  const v = new DataView(out.buffer);
  const le = src.littleEndian;
  ascii(out, 0, 6, String(seq % 1_000_000).padStart(6, '0'));
  ascii(out, 8, 5, sta);
  ascii(out, 13, 2, '00');
  ascii(out, 15, 3, CHANNEL);
  ascii(out, 18, 2, NETWORK);
  const d = new Date(Number(start / 1_000_000n));
  v.setUint16(20, d.getUTCFullYear(), le);
  v.setUint16(22, Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, le);
  out[24] = d.getUTCHours();
  out[25] = d.getUTCMinutes();
  out[26] = d.getUTCSeconds();
  out[27] = 0;
  v.setUint16(28, 0, le);
  // rate factor -20 (a period of 20 s), multiplier 1
  v.setInt16(32, -PERIOD_S, le);
  v.setInt16(34, 1, le);
  v.setInt32(40, 0, le);
  let b = v.getUint16(46, le);
  for (let guard = 0; b > 0 && b + 4 <= out.length && guard < 16; guard++) {
    const type = v.getUint16(b, le);
    if (type === 1001) out[b + 5] = 0;
    if (type === 100) v.setFloat32(b + 4, 1 / PERIOD_S, le);
    b = v.getUint16(b + 2, le);
  }
  return out;
}

export interface ContinuousBenchArchive {
  dir: string;
  bytes: number;
  records: number;
}

function stationXml(stations: number): string {
  const rows: string[] = [];
  for (let i = 0; i < stations; i++) {
    const lat = ((i * 37) % 160) - 80;
    const lon = ((i * 71) % 340) - 170;
    rows.push(`    <Station code="${stationCode(i)}" startDate="2020-01-01T00:00:00">
      <Latitude>${lat}</Latitude><Longitude>${lon}</Longitude><Elevation>100</Elevation><Site><Name>bench ${i}</Name></Site>
      <Channel code="${CHANNEL}" locationCode="00" startDate="2020-01-01T00:00:00">
        <Latitude>${lat}</Latitude><Longitude>${lon}</Longitude><Elevation>100</Elevation><Depth>0</Depth>
        <Azimuth>0</Azimuth><Dip>-90</Dip><SampleRate>${1 / PERIOD_S}</SampleRate>
      </Channel>
    </Station>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<FDSNStationXML xmlns="http://www.fdsn.org/xml/station/1" schemaVersion="1.1">
  <Source>sod bench</Source>
  <Created>2021-01-01T00:00:00</Created>
  <Network code="${NETWORK}" startDate="2020-01-01T00:00:00">
${rows.join('\n')}
  </Network>
</FDSNStationXML>
`;
}

/** Builds (or finds cached) the archive of `stations` stations x `days` days. */
export function makeContinuousArchive(dataDir: string, stations: number, days: number): ContinuousBenchArchive {
  const dir = join(dataDir, `continuous-archive-${stations}x${days}`);
  const stamp = join(dir, '.ready');
  if (existsSync(stamp)) return JSON.parse(readFileSync(stamp, 'utf8')) as ContinuousBenchArchive;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'waveforms'), { recursive: true });
  writeFileSync(join(tmp, 'stationxml.xml'), stationXml(stations));
  const src = sources();
  const first = parseInstant(`${FIRST_DAY}T00:00:00Z`);
  const end = first + BigInt(days) * 86_400n * NS;
  let bytes = 0;
  let records = 0;
  for (let s = 0; s < stations; s++) {
    const sta = stationCode(s);
    const parts: Uint8Array[] = [];
    // a station's copies start at a different record so stations differ
    let k = s % src.length;
    for (let t = first - 3600n * NS; t < end + 3600n * NS; ) {
      const r = src[k % src.length]!;
      parts.push(copyOf(r, records++, sta, t));
      t += BigInt(r.samples * PERIOD_S) * NS;
      k++;
    }
    const file = Buffer.concat(parts);
    bytes += file.length;
    writeFileSync(join(tmp, 'waveforms', `${NETWORK}.${sta}.mseed`), file);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  const info: ContinuousBenchArchive = { dir, bytes, records };
  writeFileSync(stamp, JSON.stringify(info));
  return info;
}
