/**
 * csvWriter end to end: `sod run` on a recipe whose events and stations are local files and whose
 * seismograms come from the FDSN stand-in on 127.0.0.1 (real miniSEED: IU.ANMO's contiguous
 * recording of the Maule earthquake, BW.BGLD's gappy one). The rows are checked against the
 * fixture records read here (npts, start, end, statistics, gaps), the SAC file written before the
 * CSV row is named in it, gap-filled samples are left out of the statistics, and a run repeated
 * into the same folder, or after a crash cut the last row in half, lists every seismogram once.
 */
import { readFileSync, existsSync, mkdtempSync, readdirSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSod } from '../support/cli.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import { readSac } from '../../src/formats/sac/binary.js';
import { parseInstant, sampleTime, type Instant } from '../../src/seismogram/time.js';
import { instantCell } from '../../src/writers/csv-format.js';
import { SEISMOGRAM_COLUMNS } from '../../src/writers/seismogram-csv.js';
import { FIXTURE_ARCHIVE, startStandin, type Standin } from '../support/fdsn-standin/index.js';

let standin: Standin;
let port: string;
beforeAll(async () => {
  standin = await startStandin();
  port = new URL(standin.origin).port;
});
afterAll(() => standin.close());

const sod = runSod;

const EVENTS = [
  { id: 'bgld2008', time: '2008-01-01T00:00:00Z', lat: 47.0, lon: 11.0 },
  { id: 'maule2010', time: '2010-02-27T06:34:11.530Z', lat: -36.122, lon: -72.898 },
];

function quakeml(): string {
  const events = EVENTS.map(
    (e) => `<event publicID="smi:local/test/event/${e.id}">
      <preferredOriginID>smi:local/test/origin/${e.id}</preferredOriginID>
      <origin publicID="smi:local/test/origin/${e.id}">
        <time><value>${e.time}</value></time>
        <latitude><value>${e.lat}</value></latitude>
        <longitude><value>${e.lon}</value></longitude>
        <depth><value>10000</value></depth>
      </origin>
      <magnitude publicID="smi:local/test/magnitude/${e.id}"><mag><value>6.1</value></mag><type>Mw</type></magnitude>
    </event>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<q:quakeml xmlns="http://quakeml.org/xmlns/bed/1.2" xmlns:q="http://quakeml.org/xmlns/quakeml/1.2">
  <eventParameters publicID="smi:local/test/catalog">${events.join('\n')}</eventParameters>
</q:quakeml>`;
}

function channel(code: string, loc: string, lat: number, lon: number, rate: number): string {
  return `<Channel code="${code}" locationCode="${loc}" startDate="2000-01-01T00:00:00Z">
        <Latitude>${lat}</Latitude><Longitude>${lon}</Longitude><Elevation>100</Elevation><Depth>0</Depth>
        <Azimuth>0</Azimuth><Dip>-90</Dip><SampleRate>${rate}</SampleRate>
      </Channel>`;
}

/** BW.BGLD..EHE and IU.ANMO.00.BHZ have data at the stand-in; IU.COLA.00.LHZ has none. */
const STATIONS = `<?xml version="1.0" encoding="UTF-8"?>
<FDSNStationXML xmlns="http://www.fdsn.org/xml/station/1" schemaVersion="1.1">
  <Source>test</Source><Created>2020-01-01T00:00:00Z</Created>
  <Network code="BW" startDate="2000-01-01T00:00:00Z">
    <Station code="BGLD" startDate="2000-01-01T00:00:00Z">
      <Latitude>47.7</Latitude><Longitude>12.8</Longitude><Elevation>100</Elevation>
      ${channel('EHE', '', 47.7, 12.8, 200)}
    </Station>
  </Network>
  <Network code="IU" startDate="2000-01-01T00:00:00Z">
    <Station code="ANMO" startDate="2000-01-01T00:00:00Z">
      <Latitude>34.94591</Latitude><Longitude>-106.4572</Longitude><Elevation>1820</Elevation>
      ${channel('BHZ', '00', 34.945981, -106.457133, 20)}
    </Station>
    <Station code="COLA" startDate="2000-01-01T00:00:00Z">
      <Latitude>64.873599</Latitude><Longitude>-147.8616</Longitude><Elevation>200</Elevation>
      ${channel('LHZ', '00', 64.873599, -147.8616, 1)}
    </Station>
  </Network>
</FDSNStationXML>`;

/** 0 to 20 s after each origin; the fork merges with zeros in the gaps, the main line keeps them. */
const RECIPE = `<sod>
  <eventArm><quakeML><url>events.xml</url></quakeML></eventArm>
  <networkArm><stationXML><url>stations.xml</url></stationXML></networkArm>
  <waveformArm>
    <originOffsetRequest>
      <beginOffset><unit>SECOND</unit><value>0</value></beginOffset>
      <endOffset><unit>SECOND</unit><value>20</value></endOffset>
    </originOffsetRequest>
    <fdsnDataSelect><host>127.0.0.1</host><port>PORT</port></fdsnDataSelect>
    <forkProcess>
      <merge><zeroFill/><cutToRequest/></merge>
      <csvWriter><workingDir>filled</workingDir><location>\${network.code}.\${station.code}.csv</location></csvWriter>
    </forkProcess>
    <merge><cutToRequest/></merge>
    <sacWriter><location>\${event.filizedTime}/\${channel.codes}\${index}.sac</location></sacWriter>
    <csvWriter/>
  </waveformArm>
</sod>`;

function setUp(recipe = RECIPE): string {
  const dir = mkdtempSync(join(tmpdir(), 'sod-csvwriter-'));
  writeFileSync(join(dir, 'events.xml'), quakeml());
  writeFileSync(join(dir, 'stations.xml'), STATIONS);
  writeFileSync(join(dir, 'recipe.xml'), recipe.replaceAll('PORT', port));
  return dir;
}

type Row = Record<(typeof SEISMOGRAM_COLUMNS)[number], string>;

/** The file's rows by column name (no field of these rows holds a comma or a quote). */
function readRows(path: string): Row[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  expect(lines[0]!.split(',')).toEqual([...SEISMOGRAM_COLUMNS]);
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    expect(cells).toHaveLength(SEISMOGRAM_COLUMNS.length);
    return Object.fromEntries(SEISMOGRAM_COLUMNS.map((c, i) => [c, cells[i]!])) as Row;
  });
}

interface Run {
  start: Instant;
  samples: number[];
}

/**
 * The fixture's samples inside [from, to] (closed), as contiguous runs: a record starting within
 * half a sample period of where the one before ends continues it.
 */
function expectedRuns(file: string, from: Instant, to: Instant): { runs: Run[]; rate: number } {
  const records = readMseedRecords(readFileSync(join(FIXTURE_ARCHIVE, 'waveforms', file)));
  const rate = records[0]!.sampleRate;
  const halfPeriod = BigInt(Math.round(5e8 / rate));
  const runs: Run[] = [];
  let open: Run | undefined;
  let expectedNext: Instant | undefined;
  for (const r of [...records].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    const contiguous = expectedNext !== undefined && (r.start - expectedNext < 0n ? expectedNext - r.start : r.start - expectedNext) <= halfPeriod;
    if (!contiguous) open = undefined;
    expectedNext = sampleTime(r.start, r.sampleCount, rate);
    const samples = Array.from(r.samples as Int32Array);
    for (let i = 0; i < samples.length; i++) {
      const t = sampleTime(r.start, i, rate);
      if (t < from || t > to) {
        if (t > to) open = undefined;
        continue;
      }
      if (!open) {
        open = { start: t, samples: [] };
        runs.push(open);
      }
      open.samples.push(samples[i]!);
    }
  }
  return { runs, rate };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const close = (cell: string, x: number) => expect(Math.abs(Number(cell) - x)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));

describe('csvWriter in a recipe run against the stand-in', () => {
  it('writes a row per seismogram with the window, identity, times and statistics of the data, and the SAC file written before it', async () => {
    const dir = setUp();
    const r = await sod(dir, 'run', 'recipe.xml', '--out', 'out');
    expect(r.code, r.err.join('\n')).toBe(0);
    const out = join(dir, 'out');
    const rows = readRows(join(out, 'seismograms.csv'));

    // IU.ANMO: one contiguous run over the window
    const maule = parseInstant(EVENTS[1]!.time);
    const anmo = expectedRuns('obspy_dataselect_example.mseed', maule, maule + 20_000_000_000n);
    expect(anmo.runs).toHaveLength(1);
    const a = rows.filter((x) => x.seismogram_id === 'IU.ANMO.00.BHZ');
    expect(a).toHaveLength(1);
    const run = anmo.runs[0]!;
    expect(a[0]).toMatchObject({
      event_id: 'maule2010',
      network: 'IU',
      station: 'ANMO',
      location: '00',
      channel: 'BHZ',
      request_start: instantCell(maule),
      request_end: instantCell(maule + 20_000_000_000n),
      npts: String(run.samples.length),
      start: instantCell(run.start),
      end: instantCell(sampleTime(run.start, run.samples.length - 1, anmo.rate)),
      gaps: '0',
      min: String(Math.min(...run.samples)),
      max: String(Math.max(...run.samples)),
      peak_to_peak: String(Math.max(...run.samples) - Math.min(...run.samples)),
      finite_fraction: '1',
    });
    close(a[0]!.mean, mean(run.samples));
    close(a[0]!.sample_rate, 20);
    close(a[0]!.delta, 0.05);
    // the file the sacWriter made of these very samples, relative to the run folder
    const sacPath = a[0]!.files;
    expect(sacPath).toMatch(/^seismograms\/.*IU\.ANMO\.00\.BHZ\.sac$/);
    const sac = readSac(new Uint8Array(readFileSync(join(out, sacPath))));
    expect(sac.header.int('npts')).toBe(run.samples.length);

    // BW.BGLD: the gappy recording gives a row per contiguous run, each knowing the window's gaps
    const bgldTime = parseInstant(EVENTS[0]!.time);
    const bgld = expectedRuns('obspy_gaps.mseed', bgldTime, bgldTime + 20_000_000_000n);
    expect(bgld.runs.length).toBeGreaterThan(2);
    const b = rows.filter((x) => x.seismogram_id === 'BW.BGLD..EHE').sort((x, y) => x.start.localeCompare(y.start));
    expect(b.map((x) => [x.start, x.npts, x.gaps])).toEqual(bgld.runs.map((g) => [instantCell(g.start), String(g.samples.length), String(bgld.runs.length - 1)]));
    b.forEach((x, i) => {
      expect(x.min).toBe(String(Math.min(...bgld.runs[i]!.samples)));
      close(x.mean, mean(bgld.runs[i]!.samples));
      expect(x.files).toMatch(/\.sac$/);
    });
    // pairs without data got no row; every row is a kept pair's
    expect(rows).toHaveLength(1 + bgld.runs.length);
    const report = readFileSync(join(out, 'run-report.csv'), 'utf8');
    expect(report).toMatch(/IU\.COLA\.00\.LHZ,rejected,someCoverage/);

    // the fork: gaps filled with zeros make one seismogram, and the zeros stay out of the statistics
    const filled = readRows(join(out, 'filled', 'BW.BGLD.csv'));
    expect(filled).toHaveLength(1);
    const first = bgld.runs[0]!;
    const last = bgld.runs[bgld.runs.length - 1]!;
    const span = Number((sampleTime(last.start, last.samples.length - 1, bgld.rate) - first.start) / 5_000_000n) + 1;
    const real = bgld.runs.flatMap((g) => g.samples);
    expect(span).toBeGreaterThan(real.length);
    expect(filled[0]).toMatchObject({ npts: String(span), gaps: String(bgld.runs.length - 1), start: instantCell(first.start), min: String(Math.min(...real)), files: '' });
    close(filled[0]!.mean, mean(real));
    expect(readRows(join(out, 'filled', 'IU.ANMO.csv'))[0]).toMatchObject({ npts: String(run.samples.length), gaps: '0' });
    expect(readdirSync(join(out, 'filled')).sort()).toEqual(['BW.BGLD.csv', 'IU.ANMO.csv']);
  });

  it('lists every seismogram once when the run is repeated, or redone from scratch after a crash cut its last row', async () => {
    const dir = setUp();
    expect((await sod(dir, 'run', 'recipe.xml', '--out', 'out')).code).toBe(0);
    const csv = join(dir, 'out', 'seismograms.csv');
    const whole = readFileSync(csv, 'utf8');
    const rows = whole.trimEnd().split('\n');
    expect(rows.length).toBeGreaterThan(3);

    // the same run again: nothing added
    expect((await sod(dir, 'run', 'recipe.xml', '--out', 'out')).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(whole);

    // a crash in the middle of writing the last row: half of it on disk
    const lastRow = rows[rows.length - 1]! + '\n';
    truncateSync(csv, statSync(csv).size - Math.ceil(lastRow.length / 2));
    expect(readFileSync(csv, 'utf8')).not.toBe(whole);
    // the run state says every pair is done: only a restart redoes them (and the half row)
    expect((await sod(dir, 'run', 'recipe.xml', '--out', 'out', '--restart')).code).toBe(0);
    const after = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect([...after].sort()).toEqual([...rows].sort());
  });

  it('refuses, before any request, a location with an unknown variable, saying where', async () => {
    const dir = setUp(RECIPE.replace('<csvWriter/>', '<csvWriter><location>${event.nope}.csv</location></csvWriter>'));
    const r = await sod(dir, 'run', 'recipe.xml', '--out', 'out');
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toMatch(/csvWriter.*column 9.*unknown field of \$event 'nope'/s);
    expect(existsSync(join(dir, 'out', 'seismograms.csv'))).toBe(false);
  });
});
