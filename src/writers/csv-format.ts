/**
 * RFC 4180 text: fields separated by commas, records ended by CRLF, a field quoted when it holds a
 * comma, a double quote, CR or LF (a quote inside doubled). Numbers are written with the shortest
 * text that reads back to the same float64; instants as ISO 8601 UTC to the microsecond.
 */
import { formatInstant, type Instant } from '../seismogram/time.js';

export type Cell = string | number | bigint | undefined;

export const CRLF = '\r\n';

export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A number cell: '' when undefined; NaN and infinities as JavaScript writes them. */
export function numberCell(x: number | undefined): string {
  return x === undefined ? '' : String(x);
}

export function instantCell(t: Instant | undefined): string {
  return t === undefined ? '' : formatInstant(t, 6);
}

/** One record, CRLF included. */
export function csvRecord(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    const c = cells[i];
    out += c === undefined ? '' : typeof c === 'string' ? csvField(c) : String(c);
  }
  return out + CRLF;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

function fieldText(bytes: Uint8Array, from: number, to: number): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (to > from && bytes[from] === QUOTE) {
    const inner = b.toString('utf8', from + 1, to - 1 >= from + 1 && bytes[to - 1] === QUOTE ? to - 1 : to);
    return inner.replace(/""/g, '"');
  }
  return b.toString('utf8', from, to);
}

/**
 * Scans RFC 4180 records in bytes read chunk by chunk (a file of any size in bounded memory):
 * quotes, commas and line breaks are ASCII and never part of a UTF-8 sequence, so records can be
 * found in the bytes and only their fields decoded. `completeUpTo` is the byte offset after the
 * last complete record seen so far. Each record comes with its bytes' place in the stream, [start,
 * end) without the line break; given `wanted` field indexes, only those fields are decoded (the
 * others are undefined).
 */
export class CsvRecordScanner {
  private carry: Uint8Array = new Uint8Array(0);
  /** bytes before `carry` in the whole stream */
  private carryAt = 0;
  completeUpTo = 0;
  private readonly onRecord: (fields: (string | undefined)[], start: number, end: number) => void;
  private readonly wanted: ReadonlySet<number> | undefined;

  constructor(onRecord: (fields: string[], start: number, end: number) => void);
  constructor(onRecord: (fields: (string | undefined)[], start: number, end: number) => void, wanted: readonly number[]);
  constructor(onRecord: ((fields: string[], start: number, end: number) => void) | ((fields: (string | undefined)[], start: number, end: number) => void), wanted?: readonly number[]) {
    // without `wanted` every field is decoded: the callback's string[] holds
    this.onRecord = onRecord as (fields: (string | undefined)[], start: number, end: number) => void;
    this.wanted = wanted ? new Set(wanted) : undefined;
  }

  push(chunk: Uint8Array): void {
    const buf = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    let recordStart = 0;
    let fieldStart = 0;
    let quoted = false;
    let fields: (string | undefined)[] = [];
    const wanted = this.wanted;
    const field = (to: number) => (wanted === undefined || wanted.has(fields.length) ? fieldText(buf, fieldStart, to) : undefined);
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i]!;
      if (quoted) {
        if (c === QUOTE) {
          if (buf[i + 1] === QUOTE) i++;
          else if (i + 1 < buf.length) quoted = false;
          else {
            // the quote may be the first of a doubled pair in the next chunk: decide then
            break;
          }
        }
        continue;
      }
      if (c === QUOTE && i === fieldStart) quoted = true;
      else if (c === COMMA) {
        fields.push(field(i));
        fieldStart = i + 1;
      } else if (c === LF || (c === CR && buf[i + 1] === LF)) {
        fields.push(field(i));
        const end = i;
        if (c === CR) i++;
        this.onRecord(fields, this.carryAt + recordStart, this.carryAt + end);
        fields = [];
        recordStart = fieldStart = i + 1;
        this.completeUpTo = this.carryAt + recordStart;
      } else if (c === CR && i + 1 === buf.length) break; // CRLF split across chunks
    }
    // the caller may reuse its chunk: keep a copy of what is carried over
    this.carry = buf === chunk ? Uint8Array.from(buf.subarray(recordStart)) : buf.subarray(recordStart);
    this.carryAt += recordStart;
  }
}

/** A record of a whole CSV text: its bytes [start, end) without the line break, and the fields asked for. */
export interface RecordSpan {
  start: number;
  end: number;
  /** the fields asked for, at their own index (RFC 4180 quotes undone); the others undefined */
  fields: (string | undefined)[];
}

/**
 * The records of a whole CSV file with only the fields at `wanted` decoded. An unterminated last
 * record (which the appender never leaves) is not one.
 */
export function recordSpans(bytes: Uint8Array, wanted: readonly number[]): RecordSpan[] {
  const out: RecordSpan[] = [];
  new CsvRecordScanner((fields, start, end) => out.push({ start, end, fields }), wanted).push(bytes);
  return out;
}
