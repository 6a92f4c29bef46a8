/**
 * SeismogramCsvWriter (the csvWriter ingredient's library): hostile codes from a server stay
 * inside the folder, rows spread over more files than it keeps open all land once (files closed
 * and reopened on the way), a bad path refuses the pair before any of its rows is written, and a
 * file with other columns is refused rather than appended to.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelRecord } from '../../src/engine/contracts.js';
import { parseInstant, sampleTime } from '../../src/seismogram/time.js';
import { CsvOutputError, UnsafeOutputPathError } from '../../src/writers/errors.js';
import type { SeismogramContext } from '../../src/writers/context.js';
import { SeismogramCsvWriter } from '../../src/writers/seismogram-csv.js';
import { event, stationChannels } from '../engine/waveform-support.js';

const T0 = parseInstant('2010-02-27T06:40:00Z');

function context(channel: ChannelRecord, n = 5, index = 0): SeismogramContext {
  const c = channel.channel;
  return {
    event: event({ id: 'ev1' }),
    channel,
    seismogram: { id: { network: channel.network.code, station: channel.station.code, location: c.locationCode, channel: c.code }, start: sampleTime(T0, index * 100, 20), sampleRate: 20, samples: Int32Array.from({ length: n }, (_, i) => i) },
    index,
  };
}

const rowsOf = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').slice(1);

describe('SeismogramCsvWriter', () => {
  it('keeps a hostile station code inside the folder', () => {
    const run = mkdtempSync(join(tmpdir(), 'sod-csvw-'));
    const w = new SeismogramCsvWriter({ workingDir: 'tables', location: '${station.code}/${network.code}.csv' }, run);
    const [hostile] = stationChannels({ net: '..', sta: '../../../etc', lat: 0, lon: 0, channels: [{ cha: 'BHZ' }] });
    const { paths } = w.write([context(hostile!)]);
    w.close();
    expect(paths).toHaveLength(1);
    const rel = relative(join(run, 'tables'), paths[0]!);
    expect(rel.startsWith('..')).toBe(false);
    expect(rel.split('/')).toHaveLength(2);
    expect(rowsOf(paths[0]!)).toHaveLength(1);
    expect(readdirSync(run)).toEqual(['tables']);
  });

  it('puts all of a pair\'s seismograms in one file unless the location names ${index}', () => {
    const run = mkdtempSync(join(tmpdir(), 'sod-csvw-'));
    const [ch] = stationChannels({ sta: 'ANMO', lat: 0, lon: 0, channels: [{ cha: 'BHZ' }] });
    const shared = new SeismogramCsvWriter({ location: '${station.code}.csv' }, run);
    expect(shared.write([context(ch!, 5, 0), context(ch!, 5, 1)]).paths).toEqual([join(run, 'ANMO.csv')]);
    shared.close();
    expect(rowsOf(join(run, 'ANMO.csv'))).toHaveLength(2);
    const each = new SeismogramCsvWriter({ location: 'each/${station.code}${index}.csv' }, run);
    expect(each.write([context(ch!, 5, 0), context(ch!, 5, 1)]).paths.map((p) => relative(run, p))).toEqual(['each/ANMO.csv', 'each/ANMO.1.csv']);
    each.close();
  });

  it('writes every row once across more files than it keeps open, written twice over', () => {
    const run = mkdtempSync(join(tmpdir(), 'sod-csvw-'));
    const channels = Array.from({ length: 40 }, (_, i) => stationChannels({ sta: `S${i}`, lat: 0, lon: 0, channels: [{ cha: 'BHZ' }] })[0]!);
    const w = new SeismogramCsvWriter({ location: '${station.code}.csv' }, run);
    let added = 0;
    for (let round = 0; round < 2; round++) for (const ch of channels) added += w.write([context(ch, 3)]).added;
    w.close();
    expect(added).toBe(40);
    for (const ch of channels) expect(rowsOf(join(run, `${ch.station.code}.csv`)), ch.station.code).toHaveLength(1);
  });

  it('refuses a pair whose path cannot be made before writing any of its rows', () => {
    const run = mkdtempSync(join(tmpdir(), 'sod-csvw-'));
    const [good] = stationChannels({ sta: 'GOOD', lat: 0, lon: 0, channels: [{ cha: 'BHZ' }] });
    const [empty] = stationChannels({ sta: '', net: '', lat: 0, lon: 0, channels: [{ cha: 'BHZ', loc: '' }] });
    const w = new SeismogramCsvWriter({ location: '${network.code}${station.code}' }, run);
    expect(() => w.write([context(good!), context(empty!, 5, 1)])).toThrow(UnsafeOutputPathError);
    w.close();
    expect(existsSync(join(run, 'IUGOOD'))).toBe(false);
  });

  it('refuses to append to a file that has other columns, naming it', () => {
    const run = mkdtempSync(join(tmpdir(), 'sod-csvw-'));
    writeFileSync(join(run, 'seismograms.csv'), 'a,b\n1,2\n');
    const [ch] = stationChannels({ sta: 'ANMO', lat: 0, lon: 0, channels: [{ cha: 'BHZ' }] });
    const w = new SeismogramCsvWriter({}, run);
    expect(() => w.write([context(ch!)])).toThrow(CsvOutputError);
    expect(() => w.write([context(ch!)])).toThrow(/seismograms\.csv.*other columns/);
    w.close();
    expect(readFileSync(join(run, 'seismograms.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });
});
