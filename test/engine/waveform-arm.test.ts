/**
 * The waveform arm's shape: stations judged once per event before their channels, the request
 * generator called only for pairs that passed every test before it, every pair ending with its
 * reason; the local archive source (SDS and plain folder) against records read here; the offline
 * demo run through `sod run`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import type { ChannelRecord, EventRecord } from '../../src/engine/contracts.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import { parseInstant, sampleTime, type Instant } from '../../src/seismogram/time.js';
import { readSac } from '../../src/formats/sac/binary.js';
import { TravelTimeModel } from '../../src/taup/index.js';
import { event, idOf, stationChannels, waveformHarness } from './waveform-support.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/mseed/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const emptyFolder = () => mkdtempSync(join(tmpdir(), 'sod-empty-archive-'));

describe('pairing cuts early', () => {
  it('judges each station once per event and calls the request generator only inside the distance range', async () => {
    // events at (0, 0); 250 stations along the equator every 1.44 degrees, 4 channels each.
    // Within 5 degrees: longitudes 0, 1.44, 2.88, 4.32 and 355.68, 357.12, 358.56 (7 stations).
    const channels: ChannelRecord[] = [];
    for (let i = 0; i < 250; i++) {
      const lon = i * 1.44 > 180 ? i * 1.44 - 360 : i * 1.44;
      channels.push(...stationChannels({ sta: `S${i}`, lat: 0, lon, channels: [{ cha: 'BHZ' }, { cha: 'BHN' }, { cha: 'BHE' }, { cha: 'LHZ' }] }));
    }
    const N = 120;
    let pulled = 0;
    async function* events(): AsyncGenerator<EventRecord> {
      for (let i = 0; i < N; i++) {
        pulled++;
        yield event({ id: `e${i}`, lat: 0, lon: 0, time: `2011-01-01T00:${String(i % 60).padStart(2, '0')}:00Z` });
      }
    }
    const h = waveformHarness();
    try {
      const r = await h.arm(
        [
          { distanceRange: { unit: 'DEGREE', max: 5 } },
          { originOffsetRequest: { beginOffset: { unit: 'SECOND', value: 0 }, endOffset: { unit: 'MINUTE', value: 10 } } },
          { localMseedArchive: { directory: emptyFolder() } },
        ],
        events(),
        channels,
      );
      expect(pulled).toBe(N);
      expect(r.report.stationJudgements).toBe(N * 250);
      expect(r.report.generatorCalls).toBe(N * 7 * 4);
      expect(r.ends).toHaveLength(N * 1000);
      const byDistance = r.ends.filter((e) => e.outcome.status === 'rejected' && e.outcome.by === 'distanceRange');
      expect(byDistance).toHaveLength(N * 243 * 4);
      expect((byDistance[0]!.outcome as { reason: string }).reason).toMatch(/outside 0\.\.5 DEGREE/);
      const noData = r.ends.filter((e) => e.outcome.status === 'rejected' && e.outcome.by === 'someCoverage');
      expect(noData).toHaveLength(N * 7 * 4);
    } finally {
      await h.close();
    }
  });

  it('pulls events only as fast as pairs are finished, and stops making pairs when the run is aborted', async () => {
    const channels: ChannelRecord[] = [];
    for (let i = 1; i <= 10; i++) channels.push(...stationChannels({ sta: `S${i}`, lat: 0, lon: i, channels: [{ cha: 'BHZ' }] }));
    let pulled = 0;
    async function* endless(): AsyncGenerator<EventRecord> {
      for (let i = 0; ; i++) {
        pulled++;
        yield event({ id: `e${i}`, lat: 0, lon: 0 });
      }
    }
    const h = waveformHarness();
    const stop = new AbortController();
    h.run.signal = stop.signal;
    let ended = 0;
    try {
      const r = await h.arm([FROM_ORIGIN(0, 60), { localMseedArchive: { directory: emptyFolder() } }], endless(), channels, {
        batchSize: 20,
        concurrency: 2,
        onOutcome: () => {
          if (++ended === 50) stop.abort();
        },
      });
      // an endless event stream ends because the run was stopped, after a bounded look-ahead
      expect(ended).toBeGreaterThanOrEqual(50);
      expect(pulled).toBeLessThan(40);
      expect(r.report.generatorCalls).toBeLessThan(400);
    } finally {
      await h.close();
    }
  });

  it('leaves out channels and stations not running at the origin time, without a pair', async () => {
    const h = waveformHarness();
    try {
      const early = stationChannels({ sta: 'OLD', lat: 0, lon: 1, channels: [{ cha: 'BHZ' }], start: '1990-01-01T00:00:00Z' });
      early[0]!.channel.end = parseInstant('2000-01-01T00:00:00Z');
      const late = stationChannels({ sta: 'NEW', lat: 0, lon: 1, channels: [{ cha: 'BHZ' }], start: '2020-01-01T00:00:00Z' });
      const now = stationChannels({ sta: 'NOW', lat: 0, lon: 1, channels: [{ cha: 'BHZ' }] });
      const r = await h.arm(
        [{ originOffsetRequest: { beginOffset: { unit: 'SECOND', value: 0 }, endOffset: { unit: 'SECOND', value: 10 } } }, { localMseedArchive: { directory: emptyFolder() } }],
        [event({ time: '2010-02-27T06:34:11Z' })],
        [...early, ...late, ...now],
      );
      expect(r.ends.map(idOf)).toEqual(['ev IU.NOW.00.BHZ']);
    } finally {
      await h.close();
    }
  });

  it('a test that cannot judge a pair (a source depth below the model) fails that pair and the run goes on', async () => {
    const h = waveformHarness();
    try {
      const chans = stationChannels({ sta: 'FAR', lat: 0, lon: 40, channels: [{ cha: 'BHZ' }, { cha: 'BHN' }] });
      const r = await h.arm(
        [{ phaseExists: { phaseName: 'P' } }, FROM_ORIGIN(0, 60), { localMseedArchive: { directory: emptyFolder() } }],
        [event({ id: 'bogus', lat: 0, lon: 0, depthKm: 8000 }), event({ id: 'fine', lat: 0, lon: 0, depthKm: 10 })],
        chans,
      );
      const failed = r.ends.filter((e) => e.outcome.status === 'failed');
      expect(failed.map(idOf)).toEqual(['bogus IU.FAR.00.BHZ', 'bogus IU.FAR.00.BHN']);
      expect(failed[0]!.outcome).toMatchObject({ by: 'phaseExists' });
      expect((failed[0]!.outcome as { reason: string }).reason).toMatch(/8000/);
      expect(r.ends.filter((e) => e.pair.event.id === 'fine').map((e) => e.outcome)).toMatchObject([{ by: 'someCoverage' }, { by: 'someCoverage' }]);
      expect(r.report.failed).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('a misspelt phase is refused when the recipe is built', async () => {
    const h = waveformHarness();
    try {
      await expect(h.arm([{ phaseExists: { phaseName: 'PKPX' } }, FROM_ORIGIN(0, 60)], [], [])).rejects.toThrow(/phaseExists: .*PKPX/);
    } finally {
      await h.close();
    }
  });

  it('refuses a recipe whose process has no build() yet, naming it, before running anything', async () => {
    const h = waveformHarness();
    try {
      await expect(
        h.arm([{ originOffsetRequest: { beginOffset: { unit: 'SECOND', value: 0 }, endOffset: { unit: 'SECOND', value: 10 } } }, { eventChannelScript: { '@type': 'jython', '#text': 'result = True' } }], [], []),
      ).rejects.toThrow(/eventChannelScript/);
    } finally {
      await h.close();
    }
  });
});

/** The Maule recordings (IU.COLA.00.LHZ from libmseed, IU.ANMO.00.BHZ from ObsPy). */
const COLA = 'libmseed_test.mseed';
const ANMO = 'obspy_dataselect_example.mseed';
const MAULE = () => event({ id: 'maule' });
const GSN = () => [
  ...stationChannels({ sta: 'ANMO', lat: 34.94591, lon: -106.4572, channels: [{ loc: '00', cha: 'BHZ', rate: 20 }] }),
  ...stationChannels({ sta: 'COLA', lat: 64.873599, lon: -147.8616, channels: [{ loc: '00', cha: 'LHZ', rate: 1 }] }),
];

function samplesIn(file: string, start: Instant, end: Instant): number {
  let n = 0;
  for (const r of readMseedRecords(readFileSync(join(FIXTURES, file)))) {
    if (r.start < end && sampleTime(r.start, r.sampleCount, r.sampleRate) > start) n += r.sampleCount;
  }
  return n;
}

const FROM_ORIGIN = (beginS: number, endS: number) => ({
  originOffsetRequest: { beginOffset: { unit: 'SECOND', value: beginS }, endOffset: { unit: 'SECOND', value: endS } },
});

describe('localMseedArchive', () => {
  it('a plain folder (any names, nested) is indexed by channel and time', async () => {
    const dir = emptyFolder();
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    copyFileSync(join(FIXTURES, COLA), join(dir, 'nested', 'deeper', 'whatever.bin'));
    copyFileSync(join(FIXTURES, ANMO), join(dir, 'anmo.ms'));
    writeFileSync(join(dir, 'README.txt'), 'not miniSEED\n');
    const h = waveformHarness();
    try {
      // origin 06:34:11.53; COLA runs 06:50-08:00, ANMO 06:30-06:40
      const r = await h.arm([FROM_ORIGIN(0, 600), { localMseedArchive: { directory: dir } }], [MAULE()], GSN());
      const o = MAULE().origin.time;
      const anmo = r.ends.find((e) => e.pair.channel.station.code === 'ANMO')!;
      expect(anmo.outcome.status).toBe('kept');
      expect(anmo.seismograms!.reduce((s, g) => s + g.samples.length, 0)).toBe(samplesIn(ANMO, o, o + 600_000_000_000n));
      const cola = r.ends.find((e) => e.pair.channel.station.code === 'COLA')!;
      expect(cola.outcome).toMatchObject({ status: 'rejected', by: 'someCoverage' });
      expect(r.failures).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('an SDS tree is read by file name, the day before included', async () => {
    const dir = emptyFolder();
    const put = (file: string, sta: string, cha: string) => {
      const p = join(dir, '2010', 'IU', sta, `${cha}.D`);
      mkdirSync(p, { recursive: true });
      copyFileSync(join(FIXTURES, file), join(p, `IU.${sta}.00.${cha}.D.2010.058`));
    };
    put(COLA, 'COLA', 'LHZ');
    put(ANMO, 'ANMO', 'BHZ');
    const h = waveformHarness();
    try {
      const r = await h.arm([FROM_ORIGIN(1200, 1800), { localMseedArchive: { directory: dir, layout: 'sds' } }, { fullCoverage: {} }], [MAULE()], GSN());
      const o = MAULE().origin.time;
      const cola = r.ends.find((e) => e.pair.channel.station.code === 'COLA')!;
      expect(cola.outcome.status).toBe('kept');
      expect(cola.seismograms!.reduce((s, g) => s + g.samples.length, 0)).toBe(samplesIn(COLA, o + 1_200_000_000_000n, o + 1_800_000_000_000n));
      const anmo = r.ends.find((e) => e.pair.channel.station.code === 'ANMO')!;
      expect(anmo.outcome).toMatchObject({ status: 'rejected', by: 'fullCoverage' });
      expect((anmo.outcome as { reason: string }).reason).toMatch(/^no data at all in 2010-02-27T06:54:11\.530Z - 2010-02-27T07:04:11\.530Z$/);
    } finally {
      await h.close();
    }
  });

  it('tryInOrder takes the next source for pairs the first had nothing for; choiceSource routes by test', async () => {
    const dir = emptyFolder();
    copyFileSync(join(FIXTURES, COLA), join(dir, 'cola.mseed'));
    const other = emptyFolder();
    copyFileSync(join(FIXTURES, ANMO), join(other, 'anmo.mseed'));
    const h = waveformHarness();
    try {
      const tried = await h.arm(
        [FROM_ORIGIN(0, 1800), { tryInOrder: [{ localMseedArchive: { directory: dir } }, { localMseedArchive: { directory: other } }] }],
        [MAULE()],
        GSN(),
      );
      expect(tried.ends.map((e) => `${idOf(e)} ${e.outcome.status}`).sort()).toEqual(['maule IU.ANMO.00.BHZ kept', 'maule IU.COLA.00.LHZ kept']);
      const chosen = await h.arm(
        [
          FROM_ORIGIN(0, 1800),
          { choiceSource: { choice: [[{ stationCode: 'ANMO' }, { localMseedArchive: { directory: dir } }]], otherwise: [{ localMseedArchive: { directory: dir } }] } },
        ],
        [MAULE()],
        GSN(),
      );
      // ANMO is sent to the folder without its data
      expect(chosen.ends.map((e) => `${idOf(e)} ${e.outcome.status}`).sort()).toEqual(['maule IU.ANMO.00.BHZ rejected', 'maule IU.COLA.00.LHZ kept']);
    } finally {
      await h.close();
    }
  });
});

describe('the offline demo', () => {
  it('sod run recipes/demo.xml writes IU.COLA as SAC and miniSEED and rejects IU.ANMO with the reason, in run-report.csv', async () => {
    for (const recipe of ['recipes/demo.xml', 'recipes/demo.json']) {
      const out: string[] = [];
      const err: string[] = [];
      const runDir = mkdtempSync(join(tmpdir(), 'sod-demo-'));
      const io: CommandIO = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: ROOT, color: new Chalk({ level: 0 }), isTTY: false };
      const code = await main(['run', recipe, '--out', runDir], io);
      expect(code, err.join('\n')).toBe(0);
      const report = readFileSync(join(runDir, 'run-report.csv'), 'utf8').trim().split(/\r?\n/);
      expect(report[0]).toBe('event_id,origin_time,channel,status,by,reason,files');
      const rows = report.slice(1).sort();
      expect(rows).toHaveLength(2);
      // S reaches ANMO (77.6 degrees) about 1300 s after the origin (standard tables): window from 2 min before to 10 min after
      expect(rows[0]).toMatch(/^maule2010,2010-02-27T06:34:11\.530000Z,IU\.ANMO\.00\.BHZ,rejected,fullCoverage,no data at all in 2010-02-27T06:5[34]:\d\d\.\d{3}Z - 2010-02-27T07:0[56]:\d\d\.\d{3}Z,$/);
      const sacPath = 'seismograms/Event_2010_02_27_06_34_11/IU.COLA.00.LHZ.sac';
      const mseedPath = 'seismograms/Event_2010_02_27_06_34_11/IU.COLA.00.LHZ.mseed';
      // files of a kept pair are listed in path order
      expect(rows[1]).toBe(`maule2010,2010-02-27T06:34:11.530000Z,IU.COLA.00.LHZ,kept,,,${mseedPath};${sacPath}`);
      expect(err.join('\n')).toMatch(/waveform arm: 1 event-channel pairs accepted, 1 rejected/);
      // the SAC file: the records overlapping 2 min before to 10 min after S (tts), headers from the recipe's data
      const sac = readSac(new Uint8Array(readFileSync(join(runDir, sacPath))));
      const tts = Math.min(...TravelTimeModel.load('prem').forDepth(22.9).arrivals('tts', sac.header.float('gcarc')!).map((a) => a.time));
      const o = parseInstant('2010-02-27T06:34:11.530Z');
      const from = o + BigInt(Math.round((tts - 120) * 1e9));
      const to = o + BigInt(Math.round((tts + 600) * 1e9));
      expect(sac.header.string('kstnm')?.trim()).toBe('COLA');
      // merged and cut to the window: the 1 Hz samples of the recording whose times fall in [from, to)
      const first = readMseedRecords(readFileSync(join(FIXTURES, COLA)))[0]!.start;
      let inside = 0;
      for (let t = first; t < to; t += 1_000_000_000n) if (t >= from) inside++;
      expect(inside).toBe(720);
      expect(sac.header.int('npts')).toBe(inside);
      // mean removed before the taper: the tapered samples still average near zero against their spread
      const mean = sac.data.reduce((a, v) => a + v, 0) / sac.data.length;
      const rms = Math.sqrt(sac.data.reduce((a, v) => a + v * v, 0) / sac.data.length);
      expect(Math.abs(mean)).toBeLessThan(0.05 * rms);
      expect(sac.header.float('gcarc')).toBeCloseTo(116.41, 1);
      expect(sac.header.float('t1')).toBeCloseTo(tts, 2);
      const ms = readMseedRecords(readFileSync(join(runDir, mseedPath)));
      expect(ms.reduce((n, r) => n + r.sampleCount, 0)).toBe(sac.header.int('npts'));
    }
  });
});
