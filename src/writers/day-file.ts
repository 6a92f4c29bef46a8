/**
 * Writing into a miniSEED file that may already hold data (the day volumes of an archive layout):
 *  - 'replace': the new records take the file's place (SOD's behaviour, and the default for
 *    event-based locations);
 *  - 'append': the new records follow the old ones, as they are;
 *  - 'merge' (the default for the SDS and observed layouts): the archive's day-file merge
 *    (src/archive/day-file-merge.ts, the one merger of day files, shared with the incoming folder
 *    and continuous mode): what the file holds stays byte for byte, new samples that agree with
 *    it are dropped (so writing the same data twice changes nothing), new samples in its holes
 *    are added, and new samples that disagree with it refuse the write, saying where.
 * The result replaces the file through a temporary name like every output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DisagreementError, mergeIntoDayFile } from '../archive/day-file-merge.js';
import type { DayPiece } from '../archive/day-pieces.js';
import { utcMidnight } from '../archive/day-windows.js';
import { DayFileUnreadableError } from '../archive/errors.js';
import { concatRecords, readMseedRecords } from '../formats/mseed/index.js';
import type { Segment } from '../seismogram/segment.js';
import { describeSeismogram } from './context.js';
import { WriterInputError } from './errors.js';
import type { MseedWriteOptions } from './mseed.js';

export type ExistingFilePolicy = 'replace' | 'append' | 'merge';

/**
 * The bytes to put at `path`: `fresh` (the new records of `segment`, encoded with `_options`)
 * combined with what is there.
 */
export function combineWithExisting(path: string, segment: Segment, fresh: Uint8Array, policy: ExistingFilePolicy, _options: MseedWriteOptions = {}): Uint8Array {
  if (policy === 'replace' || !existsSync(path)) return fresh;
  const what = describeSeismogram(segment);
  const fail = (detail: string) => new WriterInputError('mseedWriter', what, `${path} ${detail}`);
  const unreadable = (detail: string) => fail(`already exists and is not readable miniSEED (${detail}): move it away rather than have it overwritten`);
  const old = new Uint8Array(readFileSync(path));
  if (policy === 'append') {
    try {
      readMseedRecords(old, { source: path, decodeSamples: false });
    } catch (e) {
      throw unreadable((e as Error).message);
    }
    return concatRecords([old, fresh]);
  }
  const pieces: DayPiece[] = readMseedRecords(fresh, { source: what }).map((r) => ({
    record: r,
    bytes: fresh.subarray(r.offset, r.offset + r.recordLength),
    source: what,
    from: 0,
    to: r.samples.length,
    day: utcMidnight(r.start),
  }));
  try {
    return mergeIntoDayFile(path, old, pieces, 'reject').bytes ?? old;
  } catch (e) {
    if (e instanceof DayFileUnreadableError) throw unreadable(e.detail);
    if (e instanceof DisagreementError) throw fail(`already holds data of this channel that cannot be merged with the new data: ${e.message}`);
    throw e;
  }
}
