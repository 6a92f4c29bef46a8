/**
 * Reading one miniSEED 3 record (FDSN miniSEED 3.0, 2023): a 40-byte little-endian fixed header,
 * the source identifier, JSON extra headers and the data payload, with a CRC-32C over it all.
 */
import { fromSourceId, type ChannelId } from '../../seismogram/identity.js';
import { daysFromCivil, isLeapYear, NS_PER_SECOND } from '../../seismogram/time.js';
import { crc32c, mseed3RecordCrc } from './crc32c.js';
import { encodingName } from './encoding.js';
import { MseedDataError } from './errors.js';
import { badRecord, type ParseContext, type ParseOutcome } from './parse-outcome.js';
import { decodePayload } from './payload.js';
import type { MseedRecord } from './record.js';

export const MSEED3_HEADER_LENGTH = 40;
export const DEFAULT_MAX_MSEED3_RECORD = 4 * 1024 * 1024;

const EMPTY = new Int32Array(0);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseMseed3(buf: Uint8Array, pos: number, ctx: ParseContext): ParseOutcome {
  const avail = buf.length - pos;
  if (avail < MSEED3_HEADER_LENGTH) {
    if (!ctx.atEnd) return { kind: 'more' };
    return badRecord(ctx, `truncated: only ${avail} bytes left, a miniSEED 3 header needs ${MSEED3_HEADER_LENGTH}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset + pos, avail);
  if (view.getUint8(0) !== 0x4d || view.getUint8(1) !== 0x53 || view.getUint8(2) !== 3) {
    return badRecord(ctx, "not a miniSEED 3 record (no 'MS' and version 3 at its start)");
  }
  const flags = view.getUint8(3);
  const nanosecond = view.getUint32(4, true);
  const year = view.getUint16(8, true);
  const doy = view.getUint16(10, true);
  const hour = view.getUint8(12);
  const minute = view.getUint8(13);
  const second = view.getUint8(14);
  const encoding = view.getUint8(15);
  const rateOrPeriod = view.getFloat64(16, true);
  const sampleCount = view.getUint32(24, true);
  const crc = view.getUint32(28, true);
  const publicationVersion = view.getUint8(32);
  const idLength = view.getUint8(33);
  const extraLength = view.getUint16(34, true);
  const dataLength = view.getUint32(36, true);
  const recordLength = MSEED3_HEADER_LENGTH + idLength + extraLength + dataLength;
  const maxLength = ctx.options.maxRecordLength ?? DEFAULT_MAX_MSEED3_RECORD;
  if (recordLength > maxLength) {
    return badRecord(ctx, `record length ${recordLength} is larger than the ${maxLength} bytes accepted`);
  }
  if (recordLength > avail) {
    if (!ctx.atEnd) return { kind: 'more' };
    return badRecord(ctx, `record length ${recordLength} runs past the end of the data (${avail} bytes left)`);
  }
  const skip = recordLength;
  if (year > 9999 || doy < 1 || doy > (isLeapYear(year) ? 366 : 365) || hour > 23 || minute > 59 || second > 60 || nanosecond > 999_999_999) {
    return badRecord(ctx, `start time ${year},${doy},${hour}:${minute}:${second}.${nanosecond} is out of range`, skip);
  }
  if (ctx.options.checkCrc !== false) {
    const actual = mseed3RecordCrc(buf, pos, recordLength);
    if (actual !== crc) {
      return badRecord(ctx, `CRC-32C mismatch: the record says 0x${crc.toString(16).padStart(8, '0')}, its bytes give 0x${actual.toString(16).padStart(8, '0')}`, skip);
    }
  }
  let sampleRate: number;
  if (Number.isNaN(rateOrPeriod) || !Number.isFinite(rateOrPeriod)) return badRecord(ctx, `sample rate ${rateOrPeriod} is impossible`, skip);
  if (rateOrPeriod >= 0) sampleRate = rateOrPeriod;
  else sampleRate = -1 / rateOrPeriod;
  if (sampleRate > 1e9) return badRecord(ctx, `sample rate ${sampleRate} is impossible`, skip);

  let sourceId = '';
  for (let i = 0; i < idLength; i++) {
    const b = buf[pos + 40 + i]!;
    if (b < 0x21 || b > 0x7e) return badRecord(ctx, `source identifier has a non-ASCII or blank byte 0x${b.toString(16).padStart(2, '0')} at offset ${40 + i}`, skip);
    sourceId += String.fromCharCode(b);
  }
  const id = channelIdOf(sourceId);
  let extraHeaders: Record<string, unknown> | undefined;
  if (extraLength > 0) {
    const ehStart = pos + 40 + idLength;
    try {
      const parsed: unknown = JSON.parse(utf8.decode(buf.subarray(ehStart, ehStart + extraLength)));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('extra headers must be a JSON object');
      extraHeaders = parsed as Record<string, unknown>;
    } catch (e) {
      return badRecord(ctx, `extra headers are not a JSON object: ${(e as Error).message}`, skip);
    }
  }
  const days = daysFromCivil(year, 1, 1) + doy - 1;
  const start = BigInt(days * 86400 + hour * 3600 + minute * 60 + second) * NS_PER_SECOND + BigInt(nanosecond);
  const record: MseedRecord = {
    version: 3,
    id,
    sourceId,
    start,
    sampleRate,
    sampleCount,
    encoding,
    samples: EMPTY,
    recordLength,
    offset: ctx.offset,
    recordNumber: ctx.recordNumber,
    headerByteOrder: 'little',
    dataByteOrder: encoding === 10 || encoding === 11 ? 'big' : 'little',
    quality: qualityFromPublicationVersion(publicationVersion),
    flags,
    publicationVersion,
    crc,
  };
  if (extraHeaders) {
    record.extraHeaders = extraHeaders;
    const tq = (extraHeaders.FDSN as Record<string, unknown> | undefined)?.Time as Record<string, unknown> | undefined;
    if (tq && typeof tq.Quality === 'number') record.timingQuality = tq.Quality;
  }
  if (ctx.options.decodeSamples !== false && sampleCount > 0) {
    const dataStart = pos + 40 + idLength + extraLength;
    try {
      const p = decodePayload(
        encoding,
        buf,
        dataStart,
        dataStart + dataLength,
        sampleCount,
        !(encoding === 10 || encoding === 11),
        ctx.options.onIntegrationMismatch ?? 'error',
      );
      record.samples = p.samples;
      if (p.text !== undefined) record.text = p.text;
      if (p.warning) record.warnings = [p.warning];
    } catch (e) {
      if (e instanceof MseedDataError) return badRecord(ctx, `${e.message} (${encodingName(encoding)}, ${sourceId})`, skip);
      throw e;
    }
  }
  return { kind: 'record', record, length: recordLength };
}

/** miniSEED 2 quality letter to a miniSEED 3 publication version, as the spec's conversion table says. */
export function publicationVersionFromQuality(q: string): number {
  switch (q) {
    case 'R':
      return 1;
    case 'D':
      return 2;
    case 'Q':
      return 3;
    case 'M':
      return 4;
    default:
      return 0;
  }
}

export function qualityFromPublicationVersion(v: number): string {
  return ['', 'R', 'D', 'Q', 'M'][v] ?? 'M';
}

export { crc32c };

// Records that name the same source share one (frozen) id object, as miniSEED 2 records of one
// channel do: callers key their work by it (the waveform arm's router, recordsToSegments).
const MAX_CACHED_IDS = 4096;
const idCache = new Map<string, ChannelId>();

function channelIdOf(sourceId: string): ChannelId {
  let id = idCache.get(sourceId);
  if (id) return id;
  try {
    id = Object.freeze(fromSourceId(sourceId));
  } catch {
    id = Object.freeze({ network: '', station: sourceId, location: '', channel: '' });
  }
  if (idCache.size >= MAX_CACHED_IDS) idCache.clear();
  idCache.set(sourceId, id);
  return id;
}
