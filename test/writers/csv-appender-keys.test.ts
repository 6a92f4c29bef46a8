/**
 * The CSV appender's key check without the keys in memory: a 32-bit hash of each key maps to the
 * byte where its row starts, and a matching hash is confirmed by reading that row back. Checked
 * here: keys that truly collide in the hash (found by search, not made up) are both written and
 * both refused the second time, before and after a flush and across a reopen; a big file's keys
 * take a few bytes a row; rows flushed automatically are in the file before close.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvAppender, keyHash } from '../../src/writers/csv-appender.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'sod-csv-keys-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Data lines of a CSV written by the appender (no quoting in these tests' values). */
function dataLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\r\n').slice(1, -1);
}

/** Two different event ids whose keys (event id, NUL, channel) hash the same: a birthday search. */
function collidingEvents(channel: string): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const ev = `ev${i}`;
    const h = keyHash(`${ev}\u0000${channel}`);
    const other = seen.get(h);
    if (other !== undefined) return [other, ev];
    seen.set(h, ev);
  }
}

describe('CsvAppender keys', () => {
  const [a, b] = collidingEvents('IU.ANMO.00.BHZ');

  it('the search found a real collision of two different keys', () => {
    expect(a).not.toBe(b);
    expect(keyHash(`${a}\u0000IU.ANMO.00.BHZ`)).toBe(keyHash(`${b}\u0000IU.ANMO.00.BHZ`));
  });

  it('keys sharing a hash are told apart, whether the first row is still buffered or already in the file', () => {
    for (const flushBetween of [false, true]) {
      const path = join(tmp(), 'k.csv');
      const w = new CsvAppender(path, ['event', 'channel', 'n'], { keyColumns: ['event', 'channel'] });
      expect(w.append([a, 'IU.ANMO.00.BHZ', 1])).toBe(true);
      if (flushBetween) w.flush();
      expect(w.append([b, 'IU.ANMO.00.BHZ', 2])).toBe(true);
      expect(w.append([a, 'IU.ANMO.00.BHZ', 3])).toBe(false);
      expect(w.append([b, 'IU.ANMO.00.BHZ', 4])).toBe(false);
      w.close();
      expect(dataLines(path)).toEqual([`${a},IU.ANMO.00.BHZ,1`, `${b},IU.ANMO.00.BHZ,2`]);
    }
  });

  it('after a reopen (a run redone after a kill), colliding keys already written are refused and new ones taken', () => {
    const path = join(tmp(), 'k.csv');
    const first = new CsvAppender(path, ['event', 'channel', 'n'], { keyColumns: ['event', 'channel'] });
    first.append([a, 'IU.ANMO.00.BHZ', 1]);
    first.close();
    const again = new CsvAppender(path, ['event', 'channel', 'n'], { keyColumns: ['event', 'channel'] });
    expect(again.reopened.rows).toBe(1);
    expect(again.append([a, 'IU.ANMO.00.BHZ', 2])).toBe(false);
    expect(again.append([b, 'IU.ANMO.00.BHZ', 3])).toBe(true);
    again.close();
    const third = new CsvAppender(path, ['event', 'channel', 'n'], { keyColumns: ['event', 'channel'] });
    expect(third.append([b, 'IU.ANMO.00.BHZ', 4])).toBe(false);
    third.close();
    expect(dataLines(path)).toEqual([`${a},IU.ANMO.00.BHZ,1`, `${b},IU.ANMO.00.BHZ,3`]);
  });

  it('keys with quotes, commas and line breaks are read back exactly', () => {
    const path = join(tmp(), 'q.csv');
    const odd = ['say "hi", then\r\nleave', 'é,😀', ''];
    const w = new CsvAppender(path, ['k', 'v'], { keyColumns: ['k'] });
    for (const k of odd) expect(w.append([k, 1])).toBe(true);
    w.close();
    const r = new CsvAppender(path, ['k', 'v'], { keyColumns: ['k'] });
    for (const k of odd) expect(r.append([k, 2])).toBe(false);
    expect(r.append(['say "hi", then\r\nleave!', 2])).toBe(true);
    r.close();
  });

  it('100,000 rows: every key refused once, the table a few bytes a row, rows on disk before close', () => {
    const path = join(tmp(), 'big.csv');
    const n = 100_000;
    const w = new CsvAppender(path, ['event', 'channel', 'status'], { keyColumns: ['event', 'channel', 'status'], flushBytes: 4096 });
    for (let i = 0; i < n; i++) expect(w.append([`smi:local/event/${i % 500}`, `XB.S${Math.floor(i / 500)}.00.LHZ`, 'kept'])).toBe(true);
    // automatic flushes have put (nearly) everything in the file already
    expect(dataLines(path).length).toBeGreaterThan(n - 200);
    // a Set of these keys takes well over 50 bytes a row; the table takes 12 bytes a slot, at most 3/4 full
    expect(w.keyIndexBytes / n).toBeLessThanOrEqual(32);
    let refused = 0;
    for (let i = 0; i < n; i += 97) if (!w.append([`smi:local/event/${i % 500}`, `XB.S${Math.floor(i / 500)}.00.LHZ`, 'kept'])) refused++;
    expect(refused).toBe(Math.ceil(n / 97));
    expect(w.append(['smi:local/event/0', 'XB.S0.00.LHZ', 'rejected'])).toBe(true);
    w.close();
    expect(dataLines(path)).toHaveLength(n + 1);
  });
});
