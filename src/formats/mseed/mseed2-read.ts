/**
 * Reading one miniSEED 2.4 record (SEED 2.4 manual, chapter 8: fixed section of data header,
 * blockettes 100, 1000 and 1001).
 */
import type { ChannelId } from '../../seismogram/identity.js';
import { toSourceId } from '../../seismogram/identity.js';
import { daysFromCivil, isLeapYear } from '../../seismogram/time.js';
import { encodingName } from './encoding.js';
import { MseedDataError } from './errors.js';
import { badRecord, type ParseContext, type ParseOutcome } from './parse-outcome.js';
import { decodePayload } from './payload.js';
import { QUALITY_CODES, type MseedRecord } from './record.js';

export const MSEED2_HEADER_LENGTH = 48;
export const MSEED2_MIN_RECORD = 128;
export const MSEED2_MAX_RECORD = 65536;

function validYearDay(year: number, day: number): boolean {
  return year >= 1900 && year <= 2100 && day >= 1 && day <= 366;
}

function isSeqChar(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || b === 0x20 || b === 0;
}

/**
 * Does a plausible miniSEED 2 fixed header start at buf[pos]? (sequence number digits, a quality
 * letter, a valid year/day in either byte order, hour/minute/second in range), as libmseed checks.
 */
export function looksLikeMseed2Header(buf: Uint8Array, pos: number): boolean {
  if (pos + MSEED2_HEADER_LENGTH > buf.length) return false;
  for (let i = 0; i < 6; i++) if (!isSeqChar(buf[pos + i]!)) return false;
  const q = buf[pos + 6]!;
  if (q !== 0x44 && q !== 0x52 && q !== 0x51 && q !== 0x4d) return false;
  const r = buf[pos + 7]!;
  if (r !== 0x20 && r !== 0) return false;
  const yBE = (buf[pos + 20]! << 8) | buf[pos + 21]!;
  const dBE = (buf[pos + 22]! << 8) | buf[pos + 23]!;
  const yLE = buf[pos + 20]! | (buf[pos + 21]! << 8);
  const dLE = buf[pos + 22]! | (buf[pos + 23]! << 8);
  if (!validYearDay(yBE, dBE) && !validYearDay(yLE, dLE)) return false;
  return buf[pos + 24]! <= 23 && buf[pos + 25]! <= 59 && buf[pos + 26]! <= 60;
}

/** Reads a space-padded ASCII code; throws on bytes outside printable ASCII. */
function asciiField(buf: Uint8Array, from: number, len: number, name: string): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const b = buf[from + i]!;
    if (b === 0) break;
    if (b < 0x20 || b > 0x7e) throw new MseedDataError(`${name} code has a non-ASCII byte 0x${b.toString(16).padStart(2, '0')} at header byte ${from + i}`);
    s += String.fromCharCode(b);
  }
  return s.trim();
}

/** Nominal sample rate from the SEED factor and multiplier (SEED 2.4, fixed header fields 10 and 11). */
export function rateFromFactorMultiplier(factor: number, multiplier: number): number {
  if (factor === 0 || multiplier === 0) return 0;
  if (factor > 0 && multiplier > 0) return factor * multiplier;
  if (factor > 0 && multiplier < 0) return -factor / multiplier;
  if (factor < 0 && multiplier > 0) return -multiplier / factor;
  return 1 / (factor * multiplier);
}

/** Read the miniSEED 2 record at buf[pos] (buf holds bytes up to its end). */
export function parseMseed2(buf: Uint8Array, pos: number, ctx: ParseContext): ParseOutcome {
  const avail = buf.length - pos;
  if (avail < MSEED2_HEADER_LENGTH) {
    if (!ctx.atEnd) return { kind: 'more' };
    return badRecord(ctx, `truncated: only ${avail} bytes left, a miniSEED 2 header needs ${MSEED2_HEADER_LENGTH}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset + pos, avail);
  const yBE = view.getUint16(20, false);
  const dBE = view.getUint16(22, false);
  let le: boolean;
  if (validYearDay(yBE, dBE)) le = false;
  else if (validYearDay(view.getUint16(20, true), view.getUint16(22, true))) le = true;
  else return badRecord(ctx, `start year/day (${yBE}/${dBE}) is not valid in either byte order: not a miniSEED 2 record`);

  let sequenceNumber = 0;
  for (let i = 0; i < 6; i++) {
    const b = buf[pos + i]!;
    if (b >= 0x30 && b <= 0x39) sequenceNumber = sequenceNumber * 10 + (b - 0x30);
    else if (b !== 0x20 && b !== 0) return badRecord(ctx, `sequence number byte ${i} (0x${b.toString(16)}) is not a digit`);
  }
  const quality = String.fromCharCode(buf[pos + 6]!);
  if (!QUALITY_CODES.includes(quality)) return badRecord(ctx, `data quality indicator '${quality}' is not one of D, R, Q, M`);
  const channel = channelAt(buf, pos);
  if (typeof channel === 'string') return badRecord(ctx, channel);
  const year = view.getUint16(20, le);
  const doy = view.getUint16(22, le);
  const hour = view.getUint8(24);
  const minute = view.getUint8(25);
  const second = view.getUint8(26);
  const fract = view.getUint16(28, le);
  if (hour > 23 || minute > 59 || second > 60 || fract > 9999 || doy > (isLeapYear(year) ? 366 : 365)) {
    return badRecord(ctx, `start time ${year},${doy},${hour}:${minute}:${second}.${fract} is out of range`);
  }
  const sampleCount = view.getUint16(30, le);
  const factor = view.getInt16(32, le);
  const multiplier = view.getInt16(34, le);
  const activityFlags = view.getUint8(36);
  const ioFlags = view.getUint8(37);
  const dataQualityFlags = view.getUint8(38);
  const blocketteCount = view.getUint8(39);
  const timeCorrection = view.getInt32(40, le);
  const dataOffset = view.getUint16(44, le);
  let next = view.getUint16(46, le);

  // Walk the blockette chain: offsets must increase (no loops) and stay inside the data we have.
  let recordLength = 0;
  let encoding = -1;
  let dataLE = le;
  let actualRate: number | undefined;
  let timingQuality: number | undefined;
  let microseconds = 0;
  let hasB1001 = false;
  const blockettes: number[] = [];
  let last = 0;
  while (next !== 0) {
    if (next < MSEED2_HEADER_LENGTH || next <= last) {
      return badRecord(ctx, `blockette chain is broken: blockette ${blockettes.length + 1} at offset ${next} (after ${last || 'the header'})`, recordLength);
    }
    if (blockettes.length >= 64) return badRecord(ctx, 'blockette chain has more than 64 blockettes', recordLength);
    if (recordLength > 0 && next + 4 > recordLength) {
      return badRecord(ctx, `blockette at offset ${next} lies past the record length ${recordLength}`, recordLength);
    }
    if (next + 4 > avail) {
      if (!ctx.atEnd && next < MSEED2_MAX_RECORD) return { kind: 'more' };
      return badRecord(ctx, `blockette at offset ${next} lies past the end of the data (${avail} bytes left)`, recordLength);
    }
    const type = view.getUint16(next, le);
    const following = view.getUint16(next + 2, le);
    const needs = type === 100 ? 12 : type === 1000 || type === 1001 ? 8 : 4;
    if (next + needs > avail) {
      if (!ctx.atEnd) return { kind: 'more' };
      return badRecord(ctx, `blockette ${type} at offset ${next} is cut off by the end of the data`, recordLength);
    }
    blockettes.push(type);
    if (type === 1000) {
      encoding = view.getUint8(next + 4);
      const order = view.getUint8(next + 5);
      if (order > 1) return badRecord(ctx, `blockette 1000 word order ${order} is neither 0 (little-endian) nor 1 (big-endian)`);
      dataLE = order === 0;
      const exp = view.getUint8(next + 6);
      if (exp < 7 || exp > 16) return badRecord(ctx, `blockette 1000 record length 2^${exp} is outside 128..65536`);
      recordLength = 1 << exp;
      if (next + 8 > recordLength) return badRecord(ctx, `blockette 1000 at offset ${next} lies past the record length ${recordLength}`, recordLength);
    } else if (type === 1001) {
      hasB1001 = true;
      timingQuality = view.getUint8(next + 4);
      microseconds = view.getInt8(next + 5);
    } else if (type === 100) {
      actualRate = view.getFloat32(next + 4, le);
    }
    last = next;
    next = following;
  }

  let warnings: string[] | undefined;
  if (recordLength === 0) {
    // No blockette 1000: the record ends where the next header starts (records are powers of two >= 128).
    let found = 0;
    for (let len = MSEED2_MIN_RECORD; len <= MSEED2_MAX_RECORD; len += MSEED2_MIN_RECORD) {
      if (pos + len + MSEED2_HEADER_LENGTH > buf.length) break;
      if (looksLikeMseed2Header(buf, pos + len) || isMseed3Start(buf, pos + len)) {
        found = len;
        break;
      }
    }
    if (found === 0) {
      if (!ctx.atEnd && avail < MSEED2_MAX_RECORD + MSEED2_HEADER_LENGTH) return { kind: 'more' };
      if (!ctx.atEnd || avail > MSEED2_MAX_RECORD) return badRecord(ctx, 'no blockette 1000 and no following record header within 65536 bytes');
      found = avail;
    }
    recordLength = found;
    if (encoding < 0) {
      encoding = 10;
      (warnings ??= []).push('no blockette 1000: encoding assumed Steim-1, as libmseed does');
    }
  }
  if (recordLength > avail) {
    if (!ctx.atEnd) return { kind: 'more' };
    return badRecord(ctx, `record length ${recordLength} runs past the end of the data (${avail} bytes left)`);
  }
  const skip = recordLength;
  if (last + 4 > recordLength) return badRecord(ctx, `blockette at offset ${last} lies past the record length ${recordLength}`, skip);

  let sampleRate = rateFromFactorMultiplier(factor, multiplier);
  if (actualRate !== undefined) {
    if (!Number.isFinite(actualRate) || actualRate < 0) return badRecord(ctx, `blockette 100 sample rate ${actualRate} is impossible`, skip);
    sampleRate = actualRate;
  }
  if (!Number.isFinite(sampleRate) || sampleRate < 0 || sampleRate > 1e9) {
    return badRecord(ctx, `sample rate ${sampleRate} (factor ${factor}, multiplier ${multiplier}) is impossible`, skip);
  }
  if (sampleCount > 0) {
    if (dataOffset < MSEED2_HEADER_LENGTH || dataOffset >= recordLength) {
      return badRecord(ctx, `data offset ${dataOffset} is outside the record (48..${recordLength - 1})`, skip);
    }
  }

  const days = daysFromCivil(year, 1, 1) + doy - 1;
  const secs = days * 86400 + hour * 3600 + minute * 60 + second;
  // whole 100-microsecond ticks fit a double exactly (years 1900..2100), so one bigint multiply
  let start = BigInt(secs * 10_000 + fract) * 100_000n;
  if (microseconds !== 0) start += BigInt(microseconds * 1000);
  const timeCorrectionApplied = (activityFlags & 0x02) !== 0;
  if (timeCorrection !== 0 && !timeCorrectionApplied) start += BigInt(timeCorrection) * 100_000n;

  let samples: MseedRecord['samples'] = EMPTY;
  let text: string | undefined;
  if (ctx.options.decodeSamples !== false && sampleCount > 0) {
    try {
      const p = decodePayload(encoding, buf, pos + dataOffset, pos + recordLength, sampleCount, dataLE, ctx.options.onIntegrationMismatch ?? 'error');
      samples = p.samples;
      text = p.text;
      if (p.warning) (warnings ??= []).push(p.warning);
    } catch (e) {
      if (e instanceof MseedDataError) return badRecord(ctx, `${e.message} (${encodingName(encoding)}, ${channel.sourceId})`, skip);
      throw e;
    }
  }
  // every field in one literal: one object shape for all records keeps the readers' callers fast
  const record: MseedRecord = {
    version: 2,
    id: channel.id,
    sourceId: channel.sourceId,
    start,
    sampleRate,
    sampleCount,
    encoding,
    samples,
    text,
    recordLength,
    offset: ctx.offset,
    recordNumber: ctx.recordNumber,
    headerByteOrder: le ? 'little' : 'big',
    dataByteOrder: dataLE ? 'little' : 'big',
    quality,
    sequenceNumber,
    activityFlags,
    ioFlags,
    dataQualityFlags,
    timeCorrection,
    timeCorrectionApplied,
    timingQuality: hasB1001 ? timingQuality : undefined,
    microseconds: hasB1001 ? microseconds : undefined,
    actualSampleRate: actualRate,
    blockettes,
    warnings,
  };
  return { kind: 'record', record, length: recordLength };
}

const EMPTY = new Int32Array(0);

// The channels read lately, by a 32-bit hash of their 12 header bytes (station, location,
// channel, network): records that repeat those bytes share one (frozen) id object. A bulk answer
// interleaves many channels a record or two at a time, so one "last channel" would rarely hit.
interface CachedChannel {
  bytes: Uint8Array;
  id: ChannelId;
  sourceId: string;
}
const MAX_CACHED_CHANNELS = 4096;
const channelCache = new Map<number, CachedChannel>();

/** The channel of the header at buf[pos], or a message saying what is wrong with it. */
function channelAt(buf: Uint8Array, pos: number): CachedChannel | string {
  const from = pos + 8;
  // FNV-1a over the 12 bytes
  let h = 0x811c9dc5;
  for (let i = 0; i < 12; i++) h = Math.imul(h ^ buf[from + i]!, 0x01000193);
  const cached = channelCache.get(h);
  if (cached) {
    const b = cached.bytes;
    let same = true;
    for (let i = 0; i < 12; i++) {
      if (buf[from + i] !== b[i]) {
        same = false;
        break;
      }
    }
    if (same) return cached;
  }
  let id: ChannelId;
  try {
    id = Object.freeze({
      station: asciiField(buf, pos + 8, 5, 'station'),
      location: asciiField(buf, pos + 13, 2, 'location'),
      channel: asciiField(buf, pos + 15, 3, 'channel'),
      network: asciiField(buf, pos + 18, 2, 'network'),
    });
  } catch (e) {
    if (e instanceof MseedDataError) return e.message;
    throw e;
  }
  if (channelCache.size >= MAX_CACHED_CHANNELS) channelCache.clear();
  const channel = { bytes: buf.slice(from, from + 12), id, sourceId: safeSourceId(id) };
  channelCache.set(h, channel);
  return channel;
}

function safeSourceId(id: ChannelId): string {
  try {
    return toSourceId(id);
  } catch {
    return `FDSN:${id.network}_${id.station}_${id.location}_${id.channel}`;
  }
}

export function isMseed3Start(buf: Uint8Array, pos: number): boolean {
  return pos + 3 <= buf.length && buf[pos] === 0x4d && buf[pos + 1] === 0x53 && buf[pos + 2] === 3;
}
