/**
 * streamDataselectGroups: the records of a body in the groups each arriving piece completed.
 * Flattened, they must be exactly the file's records in order, with a reset mid-body too, and a
 * bulk answer of several channels must come in more than one step when its body arrives in pieces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { streamDataselectGroups, type DataselectSelection } from '../../src/fdsn/dataselect.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import type { MseedRecord } from '../../src/formats/mseed/record.js';
import { parseInstant } from '../../src/seismogram/time.js';
import { FIXTURE_ARCHIVE } from '../support/fdsn-standin/index.js';
import { useStandinSession } from './standin-session.js';

const DS = '/fdsnws/dataselect/1/query';
const ANMO_RECORDS = readMseedRecords(readFileSync(`${FIXTURE_ARCHIVE}/waveforms/obspy_dataselect_example.mseed`), { decodeSamples: false });
const GAPS_RECORDS = readMseedRecords(readFileSync(`${FIXTURE_ARCHIVE}/waveforms/obspy_gaps.mseed`), { decodeSamples: false });
const fdsn = useStandinSession({ retries: 2, resetStats: true });

const anmo: DataselectSelection = { network: 'IU', station: 'ANMO', location: '00', channel: 'BHZ', start: parseInstant('2010-02-27T06:00:00'), end: parseInstant('2010-02-27T07:00:00') };
const bgld: DataselectSelection = { network: 'BW', station: 'BGLD', location: '', channel: 'EHE', start: parseInstant('2007-12-31T00:00:00'), end: parseInstant('2008-01-02T00:00:00') };
const names = (rs: readonly MseedRecord[]): string[] => rs.map((r) => `${r.id.station}.${r.id.channel}@${r.start}#${r.sampleCount}`);

async function groupsOf(sels: DataselectSelection[]): Promise<MseedRecord[][]> {
  const out: MseedRecord[][] = [];
  for await (const g of streamDataselectGroups(fdsn.standin.origin, sels, {}, { http: fdsn.http })) out.push(g);
  return out;
}

describe('streamDataselectGroups', () => {
  it('a bulk answer: every record once, in the order sent, in several non-empty groups', async () => {
    const groups = await groupsOf([anmo, bgld]);
    expect(groups.every((g) => g.length > 0)).toBe(true);
    // the server sends channels in key order: BW.BGLD before IU.ANMO
    expect(names(groups.flat())).toEqual(names([...GAPS_RECORDS, ...ANMO_RECORDS]));
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat().every((r) => r.samples.length === r.sampleCount)).toBe(true);
  });

  it('a reset mid-body: resumed, no record lost or repeated', async () => {
    fdsn.standin.addFault({ path: DS, resetAfterBytes: 3000, times: 1 });
    const groups = await groupsOf([anmo, bgld]);
    expect(names(groups.flat())).toEqual(names([...GAPS_RECORDS, ...ANMO_RECORDS]));
    expect(fdsn.standin.count(DS)).toBe(2);
  });

  it('no data: no group at all', async () => {
    expect(await groupsOf([{ ...anmo, channel: 'BHN' }])).toEqual([]);
  });
});
