/**
 * The miniSEED side of a served archive: every record's channel, time span, quality and where its
 * bytes are (file, offset, length), read once from the headers. Record bytes are read from disk
 * only when a request asks for them, so the index stays small for big archives.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readMseedRecords } from '../../formats/mseed/decoder.js';
import type { Instant } from '../../seismogram/time.js';
import { sampleTime } from '../../seismogram/time.js';

export interface IndexedRecord {
  network: string;
  station: string;
  location: string;
  channel: string;
  quality: string;
  sampleRate: number;
  /** time of the first sample */
  start: Instant;
  /** time of the last sample (start for a single-sample or rateless record) */
  end: Instant;
  /** time the next record would start at: end + one sample period (end for rateless records) */
  next: Instant;
  file: string;
  offset: number;
  length: number;
}

/** One channel's records, sorted by start, with what a time search needs. */
export interface ChannelRecords {
  network: string;
  station: string;
  location: string;
  channel: string;
  records: IndexedRecord[];
  /** the longest record's coverage (next - start), so a search can start early enough */
  longestNs: bigint;
  /** position in `channels()`, which is the order answers list channels in */
  order: number;
}

export class WaveformIndex {
  private all: IndexedRecord[] = [];
  /** records added since the last sort (sorting after every file made loading 500 files take seconds) */
  private unsorted = false;

  /** Every record, sorted by channel (N.S.L.C), then start time. */
  get records(): readonly IndexedRecord[] {
    if (this.unsorted) {
      // each record's channel key worked out once, not in every comparison
      const keyed = this.all.map((r) => ({ key: channelKey(r), r }));
      keyed.sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : compareInChannel(a.r, b.r)));
      this.all = keyed.map((k) => k.r);
      this.unsorted = false;
    }
    return this.all;
  }
  private byChannel: ChannelRecords[] | undefined;
  /** channels by upper-case N.S.L.C, for selections that name one channel exactly */
  private byKey: Map<string, ChannelRecords> | undefined;

  /** Records grouped per channel (built once, after the files are added). */
  channels(): ChannelRecords[] {
    if (this.byChannel) return this.byChannel;
    const out: ChannelRecords[] = [];
    let cur: ChannelRecords | undefined;
    for (const r of this.records) {
      if (!cur || cur.network !== r.network || cur.station !== r.station || cur.location !== r.location || cur.channel !== r.channel) {
        cur = { network: r.network, station: r.station, location: r.location, channel: r.channel, records: [], longestNs: 0n, order: out.length };
        out.push(cur);
      }
      cur.records.push(r);
      if (r.next - r.start > cur.longestNs) cur.longestNs = r.next - r.start;
    }
    this.byChannel = out;
    return out;
  }

  /**
   * The channel a selection names exactly: [] or [it]. Undefined when the codes hold patterns
   * (`?`, `*`, comma lists, an empty code) or name two channels that differ only in case: match those with
   * ChannelMatcher over `channels()`. Codes compare without regard to case, as FDSN patterns do;
   * location '' and '--' are blank.
   */
  exactChannel(network: string, station: string, location: string, channel: string): ChannelRecords[] | undefined {
    // an empty code matches everything, like '*'
    if ([network, station, location, channel].some((c) => c.trim() === '' || PATTERN.test(c))) return undefined;
    if (!this.byKey) {
      this.byKey = new Map();
      for (const ch of this.channels()) {
        const k = channelKey(ch).toUpperCase();
        this.byKey.set(k, this.byKey.has(k) ? AMBIGUOUS : ch);
      }
    }
    const loc = location.trim() === '--' ? '' : location.trim();
    const found = this.byKey.get(channelKey({ network: network.trim(), station: station.trim(), location: loc, channel: channel.trim() }).toUpperCase());
    if (found === AMBIGUOUS) return undefined;
    return found ? [found] : [];
  }

  /** Records of one channel that overlap [from, to]: start <= to and coverage reaching past from. */
  static overlapping(ch: ChannelRecords, from: Instant, to: Instant): IndexedRecord[] {
    const recs = ch.records;
    // first record that could still reach `from`: start > from - longest
    const earliest = from - ch.longestNs;
    let lo = 0;
    let hi = recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (recs[mid]!.start <= earliest) lo = mid + 1;
      else hi = mid;
    }
    const out: IndexedRecord[] = [];
    for (let i = Math.max(0, lo - 1); i < recs.length && recs[i]!.start <= to; i++) {
      if (recs[i]!.next > from) out.push(recs[i]!);
    }
    return out;
  }

  /** Reads the record headers of one miniSEED file into the index. Throws MseedFormatError (file, record, byte) for a bad file. */
  async addFile(path: string): Promise<number> {
    const bytes = await readFile(path);
    const recs = readMseedRecords(bytes, { source: path, decodeSamples: false });
    for (const r of recs) {
      const n = r.sampleCount;
      const end = r.sampleRate > 0 && n > 1 ? sampleTime(r.start, n - 1, r.sampleRate) : r.start;
      const next = r.sampleRate > 0 && n > 0 ? sampleTime(r.start, n, r.sampleRate) : end;
      this.all.push({
        network: r.id.network,
        station: r.id.station,
        location: r.id.location,
        channel: r.id.channel,
        quality: r.quality,
        sampleRate: r.sampleRate,
        start: r.start,
        end,
        next,
        file: path,
        offset: r.offset,
        length: r.recordLength,
      });
    }
    this.unsorted = true;
    this.byChannel = undefined;
    this.byKey = undefined;
    return recs.length;
  }

  /** The bytes of these records, in order, read from their files. */
  async bytesOf(records: readonly IndexedRecord[]): Promise<Uint8Array> {
    const total = records.reduce((s, r) => s + r.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    const byFile = new Map<string, IndexedRecord[]>();
    for (const r of records) {
      const list = byFile.get(r.file) ?? [];
      list.push(r);
      byFile.set(r.file, list);
    }
    const placed = new Map<IndexedRecord, number>();
    for (const r of records) {
      placed.set(r, at);
      at += r.length;
    }
    // synchronous reads: the answer is a few small ranges per file, from the page cache as a
    // rule, and the promise API's per-call overhead (FileHandle, thread pool round trips) cost
    // more than the reads themselves: most of the server's time for a 100-line bulk POST
    for (const [file, list] of byFile) {
      const fd = openSync(file, 'r');
      try {
        // records next to each other both in the file and in the answer are read in one go
        for (let i = 0; i < list.length; ) {
          const first = list[i]!;
          const at = placed.get(first)!;
          let length = first.length;
          let j = i + 1;
          for (; j < list.length; j++) {
            const r = list[j]!;
            if (r.offset !== first.offset + length || placed.get(r) !== at + length) break;
            length += r.length;
          }
          readFully(fd, out, at, length, first.offset, file);
          i = j;
        }
      } finally {
        closeSync(fd);
      }
    }
    return out;
  }
}

const PATTERN = /[*?,]/;
const AMBIGUOUS: ChannelRecords = Object.freeze({ network: '', station: '', location: '', channel: '', records: [], longestNs: 0n, order: -1 }) as ChannelRecords;

function readFully(fd: number, out: Uint8Array, at: number, length: number, position: number, file: string): void {
  let done = 0;
  while (done < length) {
    const bytesRead = readSync(fd, out, at + done, length - done, position + done);
    if (bytesRead <= 0) throw new Error(`${file} ended before byte ${position + length}: it changed after it was indexed`);
    done += bytesRead;
  }
}

export function channelKey(r: { network: string; station: string; location: string; channel: string }): string {
  return `${r.network}.${r.station}.${r.location}.${r.channel}`;
}

/** Records of one channel: by start time, then quality. */
export function compareInChannel(a: IndexedRecord, b: IndexedRecord): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.quality < b.quality ? -1 : a.quality > b.quality ? 1 : 0;
}

/**
 * Runs of records that follow on without a gap (the next record starts within half a sample
 * period of where the previous one ended), per channel and sample rate: what availability calls
 * time spans and what dataselect's minimumlength and longestonly measure.
 */
export interface Span {
  records: IndexedRecord[];
  start: Instant;
  /** the end of coverage: the last record's next-sample time */
  end: Instant;
}

export function contiguousSpans(records: readonly IndexedRecord[], toleranceNs?: (r: IndexedRecord) => bigint): Span[] {
  const spans: Span[] = [];
  let cur: Span | undefined;
  let curKey = '';
  for (const r of records) {
    const key = `${channelKey(r)}|${r.sampleRate}`;
    const tol = toleranceNs ? toleranceNs(r) : r.sampleRate > 0 ? BigInt(Math.round(5e8 / r.sampleRate)) : 0n;
    if (cur && key === curKey && r.start <= cur.end + tol) {
      cur.records.push(r);
      if (r.next > cur.end) cur.end = r.next;
    } else {
      cur = { records: [r], start: r.start, end: r.next };
      curKey = key;
      spans.push(cur);
    }
  }
  return spans;
}
