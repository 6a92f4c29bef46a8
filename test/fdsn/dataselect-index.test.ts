/**
 * The dataselect service finds a selection's channel by its codes (a map) rather than testing every
 * channel, and reads neighbouring records in one go. Its answers must stay what a plain scan of
 * every record in the archive gives: checked here against such a scan, written out in the test, for
 * bulk POSTs mixing exact codes, case, blank locations, patterns, overlapping lines and lines
 * given out of order.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/fdsn/http.js';
import type { IndexedRecord } from '../../src/fdsn/server/waveform-index.js';
import { parseInstant, type Instant } from '../../src/seismogram/time.js';
import { startStandin, type Standin } from '../support/fdsn-standin/index.js';

let standin: Standin;
let http: HttpClient;
beforeAll(async () => {
  standin = await startStandin();
  http = new HttpClient({ retries: 0 });
});
afterAll(async () => {
  await http.close();
  await standin.close();
});

interface Line {
  net: string;
  sta: string;
  loc: string;
  cha: string;
  start: string;
  end: string;
}

/** FDSN code matching, spelled out: '*' and '?' wildcards, comma lists, no case, '' = any, '--' = blank location. */
function codeMatches(pattern: string, code: string, isLocation: boolean): boolean {
  const p = pattern.trim();
  if (p === '' || p === '*') return true;
  return p.split(',').some((alt) => {
    let a = alt.trim();
    if (isLocation && a === '--') a = '';
    const re = new RegExp('^' + [...a].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$', 'i');
    return re.test(code);
  });
}

/** Every record of the archive tested against every line, kept in the archive's order. */
function scanned(lines: Line[]): IndexedRecord[] {
  const T = (s: string): Instant => parseInstant(s);
  return standin.archive.waveforms.records.filter((r) =>
    lines.some(
      (l) =>
        codeMatches(l.net, r.network, false) &&
        codeMatches(l.sta, r.station, false) &&
        codeMatches(l.loc, r.location, true) &&
        codeMatches(l.cha, r.channel, false) &&
        r.start <= T(l.end) &&
        r.next > T(l.start),
    ),
  );
}

function bytesOf(records: IndexedRecord[]): Buffer {
  return Buffer.concat(records.map((r) => readFileSync(r.file).subarray(r.offset, r.offset + r.length)));
}

async function post(lines: Line[]): Promise<Buffer | 'nodata'> {
  const body = lines.map((l) => `${l.net} ${l.sta} ${l.loc} ${l.cha} ${l.start} ${l.end}`).join('\n') + '\n';
  const res = await http.fetchBytes({ url: `${standin.origin}/fdsnws/dataselect/1/query`, method: 'POST', body });
  return res.kind === 'nodata' ? 'nodata' : Buffer.from(res.body);
}

const ANMO_ALL: Line = { net: 'IU', sta: 'ANMO', loc: '00', cha: 'BHZ', start: '2010-02-27T06:00:00', end: '2010-02-27T07:00:00' };
const UH3_DAY: Line = { net: 'BW', sta: 'UH3', loc: '--', cha: 'EHZ', start: '2010-06-20T00:00:00', end: '2010-06-21T00:00:00' };
const BGLD_PART: Line = { net: 'BW', sta: 'BGLD', loc: '--', cha: 'EHE', start: '2008-01-01T00:01:00', end: '2008-01-01T00:02:00' };
const JSC_PART: Line = { net: 'CO', sta: 'JSC', loc: '00', cha: 'HHZ', start: '2016-09-21T13:48:05', end: '2016-09-21T13:48:12' };

describe('dataselect answers equal a scan of every record', () => {
  const cases: Array<[string, Line[]]> = [
    ['exact codes, lines in reverse channel order', [JSC_PART, ANMO_ALL, UH3_DAY, BGLD_PART]],
    ['lower-case codes', [{ ...ANMO_ALL, net: 'iu', sta: 'anmo', cha: 'bhz' }]],
    ['overlapping lines of one channel, later window first', [{ ...ANMO_ALL, start: '2010-02-27T06:35:00' }, { ...ANMO_ALL, end: '2010-02-27T06:36:00' }]],
    ['patterns: ?, *, lists and an empty-location match-all', [{ ...UH3_DAY, cha: 'EH?' }, { ...JSC_PART, sta: '*' }, { ...BGLD_PART, net: 'XX,BW', loc: '*' }]],
    ['exact and pattern lines naming the same records', [BGLD_PART, { ...BGLD_PART, cha: 'E*' }]],
    ['a channel that is not there beside one that is', [{ ...ANMO_ALL, cha: 'BHN' }, JSC_PART]],
  ];
  for (const [name, lines] of cases) {
    it(name, async () => {
      const expected = scanned(lines);
      expect(expected.length).toBeGreaterThan(0);
      const got = await post(lines);
      expect(got).not.toBe('nodata');
      expect((got as Buffer).equals(bytesOf(expected))).toBe(true);
    });
  }

  it('no data when no line matches anything', async () => {
    const lines = [{ ...ANMO_ALL, cha: 'BHN' }, { ...UH3_DAY, start: '2011-01-01T00:00:00', end: '2011-01-02T00:00:00' }];
    expect(scanned(lines)).toHaveLength(0);
    expect(await post(lines)).toBe('nodata');
  });
});
