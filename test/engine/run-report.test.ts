/**
 * The run report written from the store (writeRunReport): each line must be what csvRecord makes of
 * the row's seven cells, also where names, reasons, errors and file paths hold commas, quotes and
 * line breaks (the writer builds lines from cells it makes once per event and per channel).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunReport } from '../../src/engine/pair-ledger.js';
import { csvRecord, instantCell } from '../../src/writers/csv-format.js';
import { RUN_REPORT_COLUMNS } from '../../src/writers/run-report.js';
import { channel, event, pair, tempStore } from '../store/fixtures.js';

describe('the run report from the store', () => {
  it('has, line for line, the CSV records of its cells, hostile text included', () => {
    const { store, dir } = tempStore();
    const events = [
      { ...event(0), extra: { id: 'quake, "big"' } },
      event(1),
      { ...event(2), extra: { id: 'two\nlines' } },
    ];
    const plain = channel(0);
    const hostile = { ...channel(1), id: { network: 'X,Y', station: 'S"1', location: '', channel: 'BHZ' } };
    store.upsertEvents(events);
    store.upsertChannels([plain, hostile]);
    const expected: string[] = [];
    const cellsOf = (e: (typeof events)[number], code: string, status: string, by: string, reason: string, files: string) =>
      csvRecord([(e.extra as { id?: string } | undefined)?.id ?? e.publicId, instantCell(e.originTime), code, status, by, reason, files]);
    const codes = ['XX.S0000.00.BHZ', 'X,Y.S"1..BHZ'];
    events.forEach((e, i) => {
      [plain, hostile].forEach((c, j) => {
        const p = pair(e, c);
        store.addPairs([p]);
        switch ((i * 2 + j) % 4) {
          case 0:
            store.markDoneWithFiles(p, [{ path: join(dir, 'out', `a,${i}${j}.sac`), size: 1 }, { path: join(dir, 'out', `b${i}${j}.mseed`), size: 1 }]);
            expected.push(cellsOf(e, codes[j]!, 'kept', '', '', `out/a,${i}${j}.sac;out/b${i}${j}.mseed`));
            break;
          case 1:
            store.markRejected(p, 'distanceRange', `too far: "${i}", really,\r\nfar`);
            expected.push(cellsOf(e, codes[j]!, 'rejected', 'distanceRange', `too far: "${i}", really,\r\nfar`, ''));
            break;
          case 2:
            store.markFailed(p, 'fdsnDataSelect: HTTP 500, "busy"');
            expected.push(cellsOf(e, codes[j]!, 'failed', 'fdsnDataSelect', 'HTTP 500, "busy"', ''));
            break;
          default:
            store.markRetrying(p, 1_700_000_000_000_000_001n, { ingredient: 'someCoverage', reason: 'no data yet' });
            expected.push(cellsOf(e, codes[j]!, 'retrying', 'someCoverage', `no data yet (next try ${instantCell(1_700_000_000_000_000_001n)})`, ''));
        }
      });
    });
    store.flush();
    const path = join(dir, 'run-report.csv');
    expect(writeRunReport(store, path, dir)).toBe(6);
    store.close();
    expect(readFileSync(path, 'utf8')).toBe(csvRecord([...RUN_REPORT_COLUMNS]) + expected.join(''));
  });
});
