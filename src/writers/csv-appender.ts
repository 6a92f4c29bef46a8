/**
 * A CSV file that a run appends rows to, safe across crashes and restarts:
 *  - the header is written once; reopening checks it is the same (a file with other columns is
 *    refused, not appended to);
 *  - rows are buffered and written as whole records, each flush in one write(), so a killed
 *    process loses at most the rows not yet flushed; the file is fsynced on close, on an explicit
 *    flush(), and after an automatic flush at most once a second (an fsync per 64 KiB cost more
 *    than the rows), so a machine crash loses at most about the last second;
 *  - a row cut short by a crash in the middle of a write is removed when the file is reopened;
 *  - with key columns, a row whose key is already in the file is not written again, so a pair
 *    redone after a kill does not appear twice. The keys are not held as strings (a long run's
 *    would fill the memory): a compact table maps a 32-bit hash of each key to where its row
 *    starts, and a hash that matches is confirmed by reading that row back from the file.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { csvRecord, CsvRecordScanner, type Cell } from './csv-format.js';
import { CsvOutputError } from './errors.js';

export interface CsvAppenderOptions {
  /** columns whose values together identify a row: rows with a key already written are skipped */
  keyColumns?: readonly string[];
  /** flush by itself once this many bytes are buffered (default 64 KiB) */
  flushBytes?: number;
  /** after an automatic flush, fsync only when the last one is older than this (default 1000 ms) */
  syncIntervalMs?: number;
}

export interface ReopenReport {
  /** rows already in the file */
  rows: number;
  /** bytes of a half-written last row that were removed */
  truncatedBytes: number;
}

/** Every appender open in this process (see flushOpenAppenders). */
const open = new Set<CsvAppender>();

/**
 * Writes and fsyncs the buffered rows of every open appender. The run-state store calls this
 * before it records pairs as done, so a pair is never "done" while its rows exist only in memory.
 */
export function flushOpenAppenders(): void {
  for (const a of open) a.flush();
}

export class CsvAppender {
  private fd: number | undefined;
  private buffer = '';
  /** bytes of `buffer` in UTF-8 */
  private bufferBytes = 0;
  /** size of the file: where the buffered rows will start */
  private fileEnd = 0;
  private lastSync = 0;
  /** rows written since the last fsync */
  private unsynced = false;
  private readonly keys: RowKeyIndex | undefined;
  private readonly keyIndexes: number[];
  readonly reopened: ReopenReport;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
    private readonly options: CsvAppenderOptions = {},
  ) {
    this.keyIndexes = (options.keyColumns ?? []).map((k) => {
      const i = columns.indexOf(k);
      if (i < 0) throw new CsvOutputError(path, `key column '${k}' is not one of the columns`);
      return i;
    });
    this.keys = this.keyIndexes.length > 0 ? new RowKeyIndex() : undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      const existed = existsSync(path);
      this.fd = openSync(path, existed ? 'r+' : 'wx+');
      this.reopened = this.recover();
      open.add(this);
    } catch (e) {
      if (this.fd !== undefined) closeSync(this.fd);
      if (e instanceof CsvOutputError) throw e;
      throw new CsvOutputError(path, `cannot open for appending: ${(e as Error).message}`);
    }
  }

  /** Checks the header of an existing file, drops a half row, loads the keys; writes the header of a new one. */
  private recover(): ReopenReport {
    const header = csvRecord(this.columns);
    const size = fstatSync(this.fd!).size;
    if (size === 0) {
      this.writeAll(header);
      this.sync();
      return { rows: 0, truncatedBytes: 0 };
    }
    // read in chunks: a long run's CSV can be far bigger than we want in memory
    let first: string[] | undefined;
    let rows = 0;
    const scanner = new CsvRecordScanner((fields) => {
      if (!first) {
        first = fields;
        if (first.join(',') !== this.columns.join(',')) {
          throw new CsvOutputError(this.path, `exists with other columns (${first.join(',')}); expected ${this.columns.join(',')}: move it away or write to another file`);
        }
        return;
      }
      rows++;
      // the scanner has not yet moved past this record: it starts where the complete part ends
      this.keys?.add(keyHash(this.keyOf(fields)), scanner.completeUpTo);
    });
    const chunk = Buffer.alloc(1 << 20);
    for (let at = 0; at < size; ) {
      const n = readSync(this.fd!, chunk, 0, Math.min(chunk.length, size - at), at);
      if (n <= 0) break;
      scanner.push(chunk.subarray(0, n));
      at += n;
    }
    if (!first) throw new CsvOutputError(this.path, `exists but holds no complete header line; expected ${this.columns.join(',')}: move it away or write to another file`);
    const truncatedBytes = size - scanner.completeUpTo;
    if (truncatedBytes > 0) {
      ftruncateSync(this.fd!, scanner.completeUpTo);
      fsyncSync(this.fd!);
    }
    this.fileEnd = scanner.completeUpTo;
    this.lastSync = Date.now();
    return { rows, truncatedBytes };
  }

  private keyOf(cells: readonly Cell[]): string {
    let key = '';
    for (let k = 0; k < this.keyIndexes.length; k++) {
      if (k > 0) key += '\u0000';
      const c = cells[this.keyIndexes[k]!];
      if (c !== undefined) key += String(c);
    }
    return key;
  }

  private writeAll(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    const end = this.fileEnd;
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd!, bytes, off, bytes.length - off, end + off);
    this.fileEnd = end + bytes.length;
    this.unsynced = true;
  }

  /** Whether a row with this key is in the file or the buffer (a hash match is read back to be sure). */
  private written(key: string, hash: number): boolean {
    const keys = this.keys!;
    for (let slot = keys.first(hash); slot >= 0; slot = keys.next(slot, hash)) {
      const at = keys.start(slot);
      if (at >= this.fileEnd) this.write(); // the row is still in the buffer: put it where it can be read
      const fields = this.rowAt(at);
      if (fields && this.keyOf(fields) === key) return true;
    }
    return false;
  }

  /** The fields of the record that starts at byte `at` of the file. */
  private rowAt(at: number): string[] | undefined {
    let found: string[] | undefined;
    const scanner = new CsvRecordScanner((fields) => {
      found ??= fields;
    });
    const chunk = Buffer.alloc(4096);
    for (let pos = at; found === undefined && pos < this.fileEnd; ) {
      const n = readSync(this.fd!, chunk, 0, Math.min(chunk.length, this.fileEnd - pos), pos);
      if (n <= 0) break;
      scanner.push(chunk.subarray(0, n));
      pos += n;
    }
    return found;
  }

  /** Adds a row; false when its key is already in the file (nothing written). */
  append(cells: readonly Cell[]): boolean {
    if (this.fd === undefined) throw new CsvOutputError(this.path, 'is already closed');
    if (cells.length !== this.columns.length) throw new CsvOutputError(this.path, `a row has ${cells.length} cells for ${this.columns.length} columns`);
    const record = csvRecord(cells);
    if (this.keys) {
      const key = this.keyOf(cells);
      const hash = keyHash(key);
      if (this.written(key, hash)) return false;
      this.keys.add(hash, this.fileEnd + this.bufferBytes);
    }
    this.buffer += record;
    this.bufferBytes += Buffer.byteLength(record, 'utf8');
    if (this.bufferBytes >= (this.options.flushBytes ?? 65536)) {
      this.write();
      if (Date.now() - this.lastSync >= (this.options.syncIntervalMs ?? 1000)) this.sync();
    }
    return true;
  }

  /** Writes the buffered rows in one write and makes them durable. */
  flush(): void {
    if (this.fd === undefined) return;
    this.write();
    if (this.unsynced) this.sync();
  }

  /** Bytes the key table takes (none without key columns): a few per row, whatever the keys. */
  get keyIndexBytes(): number {
    return this.keys?.bytes ?? 0;
  }

  private write(): void {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    this.bufferBytes = 0;
    this.writeAll(text);
  }

  private sync(): void {
    fsyncSync(this.fd!);
    this.lastSync = Date.now();
    this.unsynced = false;
  }

  close(): void {
    if (this.fd === undefined) return;
    open.delete(this);
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

/** FNV-1a over the UTF-16 code units of a key, never 0 (0 marks an empty slot). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/**
 * Hash -> byte offset of the row, open addressing with linear probing in two typed arrays (12
 * bytes a slot, at most 3/4 full): several offsets may share a hash, and all are handed back.
 */
class RowKeyIndex {
  private hashes = new Uint32Array(1024);
  private starts = new Float64Array(1024);
  private count = 0;

  get bytes(): number {
    return this.hashes.byteLength + this.starts.byteLength;
  }

  add(hash: number, start: number): void {
    if ((this.count + 1) * 4 > this.hashes.length * 3) this.grow();
    this.place(hash, start);
    this.count++;
  }

  /** The first slot holding `hash`, or -1; then `next(slot, hash)` until -1. */
  first(hash: number): number {
    return this.scan((hash & (this.hashes.length - 1)) >>> 0, hash);
  }

  next(slot: number, hash: number): number {
    return this.scan((slot + 1) & (this.hashes.length - 1), hash);
  }

  start(slot: number): number {
    return this.starts[slot]!;
  }

  private scan(from: number, hash: number): number {
    const mask = this.hashes.length - 1;
    for (let i = from; this.hashes[i] !== 0; i = (i + 1) & mask) if (this.hashes[i] === hash) return i;
    return -1;
  }

  private place(hash: number, start: number): void {
    const mask = this.hashes.length - 1;
    let i = hash & mask;
    while (this.hashes[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = hash;
    this.starts[i] = start;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldStarts = this.starts;
    this.hashes = new Uint32Array(oldHashes.length * 2);
    this.starts = new Float64Array(oldStarts.length * 2);
    for (let i = 0; i < oldHashes.length; i++) if (oldHashes[i] !== 0) this.place(oldHashes[i]!, oldStarts[i]!);
  }
}
