/**
 * fdsnws-dataselect client: a GET for one selection, a bulk POST for many (`NET STA LOC CHA START
 * END` lines, blank location as `--`), the miniSEED body decoded record by record as it arrives.
 */
import { MseedStreamDecoder, readMseedRecords } from '../formats/mseed/decoder.js';
import { MseedFormatError } from '../formats/mseed/errors.js';
import type { MseedRecord } from '../formats/mseed/record.js';
import type { Instant } from '../seismogram/time.js';
import { defaultHttpClient } from './default-client.js';
import { fdsnTime, operationUrl, serviceBaseUrl, type ServiceTarget } from './endpoint.js';
import { FdsnError } from './errors.js';
import type { HttpClient, HttpRequest } from './http.js';

/** One channel pattern and time window. Codes accept `?`, `*` and comma lists; location '' means blank. */
export interface DataselectSelection {
  network: string;
  station: string;
  location: string;
  channel: string;
  start: Instant;
  end: Instant;
}

export interface DataselectOptions {
  /** D, R, Q, M or B (best, the default) */
  quality?: 'D' | 'R' | 'Q' | 'M' | 'B';
  /** seconds: drop continuous segments shorter than this */
  minimumlength?: number;
  /** only the longest continuous segment of each channel */
  longestonly?: boolean;
}

export interface CallOptions {
  http?: HttpClient;
  signal?: AbortSignal;
  maxResponseBytes?: number;
}

/** The location code as FDSN requests spell it: blank is '--'. */
export function requestLocation(location: string): string {
  return location.trim() === '' ? '--' : location.trim();
}

export function dataselectGetUrl(target: ServiceTarget | undefined, sel: DataselectSelection, opts: DataselectOptions = {}): string {
  return operationUrl(serviceBaseUrl('dataselect', target), 'query', {
    network: sel.network,
    station: sel.station,
    location: requestLocation(sel.location),
    channel: sel.channel,
    starttime: sel.start,
    endtime: sel.end,
    quality: opts.quality,
    minimumlength: opts.minimumlength,
    longestonly: opts.longestonly,
  });
}

/**
 * The body of a bulk POST: option lines, then one selection per line. A batch asks for many
 * channels over the same windows (one event's pairs): each channel's codes are checked and each
 * instant is formatted once per body.
 */
export function bulkBody(selections: readonly DataselectSelection[], opts: DataselectOptions = {}): string {
  let body = '';
  if (opts.quality) body += `quality=${opts.quality}\n`;
  if (opts.minimumlength !== undefined) body += `minimumlength=${opts.minimumlength}\n`;
  if (opts.longestonly !== undefined) body += `longestonly=${opts.longestonly}\n`;
  const times = new Map<Instant, string>();
  const timeOf = (t: Instant): string => {
    let text = times.get(t);
    if (text === undefined) {
      text = fdsnTime(t);
      times.set(t, text);
    }
    return text;
  };
  let lastSel: DataselectSelection | undefined;
  let codes = '';
  for (const s of selections) {
    if (lastSel === undefined || s.network !== lastSel.network || s.station !== lastSel.station || s.location !== lastSel.location || s.channel !== lastSel.channel) codes = selectionCodes(s);
    lastSel = s;
    body += `${codes} ${timeOf(s.start)} ${timeOf(s.end)}\n`;
  }
  return body;
}

/** 'NET STA LOC CHA' of a bulk selection line, checked: a code that is blank or holds spaces would shift the line's fields. */
function selectionCodes(s: DataselectSelection): string {
  for (const [what, code] of [['network', s.network], ['station', s.station], ['channel', s.channel]] as const) {
    if (code.trim() === '' || /\s/.test(code.trim())) throw new FdsnError(`a bulk selection needs a ${what} code without spaces, got '${code}'`, { kind: 'bad-request', url: '(bulk body)', method: 'POST' });
  }
  return `${s.network.trim()} ${s.station.trim()} ${requestLocation(s.location)} ${s.channel.trim()}`;
}

function request(target: ServiceTarget | undefined, selections: readonly DataselectSelection[], opts: DataselectOptions, call: CallOptions): HttpRequest {
  // miniSEED is compressed already (Steim): a gzip layer on top costs both ends more than it saves
  const base: Omit<HttpRequest, 'url'> = { signal: call.signal, maxResponseBytes: call.maxResponseBytes, accept: 'application/vnd.fdsn.mseed', compressed: false };
  if (selections.length === 1) return { ...base, url: dataselectGetUrl(target, selections[0]!, opts) };
  return { ...base, url: `${serviceBaseUrl('dataselect', target)}/query`, method: 'POST', body: bulkBody(selections, opts) };
}

/**
 * Records as they arrive, for one selection (GET) or many (bulk POST). Yields nothing for "no
 * data". A reset or stall mid-body is resumed by the HTTP layer; a body that is not miniSEED
 * before any record was yielded is fetched again while retries last; a bad record after that is
 * an FdsnError 'bad-content' with the URL, record number and byte offset.
 */
export async function* streamDataselect(
  target: ServiceTarget | undefined,
  selections: readonly DataselectSelection[],
  opts: DataselectOptions = {},
  call: CallOptions = {},
): AsyncGenerator<MseedRecord, void, undefined> {
  for await (const group of streamDataselectGroups(target, selections, opts, call)) yield* group;
}

/**
 * `streamDataselect` with the records in the groups that each arriving piece of the body
 * completed: one step per piece instead of one per record, for callers that route many records
 * (a bulk answer is thousands of records; each step of an async generator costs promises).
 */
export async function* streamDataselectGroups(
  target: ServiceTarget | undefined,
  selections: readonly DataselectSelection[],
  opts: DataselectOptions = {},
  call: CallOptions = {},
): AsyncGenerator<MseedRecord[], void, undefined> {
  if (selections.length === 0) return;
  const http = call.http ?? defaultHttpClient();
  const req = request(target, selections, opts, call);
  const url = String(req.url);
  const maxTries = 1 + http.retryCount;
  for (let tries = 1; ; tries++) {
    const res = await http.stream(req);
    if (res.kind === 'nodata') return;
    let yielded = 0;
    try {
      const decoder = new MseedStreamDecoder({ source: url });
      for await (const chunk of res.body) {
        const recs = decoder.push(chunk);
        if (recs.length === 0) continue;
        yielded += recs.length;
        yield recs;
      }
      const rest = decoder.end();
      if (rest.length > 0) {
        yielded += rest.length;
        yield rest;
      }
      return;
    } catch (e) {
      if (!(e instanceof MseedFormatError)) throw e;
      const err = new FdsnError(`the response is not valid miniSEED: ${e.detail} (record ${e.recordNumber}, byte ${e.offset})`, {
        kind: 'bad-content',
        url,
        method: req.method,
        attempts: tries,
        bytesReceived: e.offset,
        retryable: yielded === 0,
        cause: e,
      });
      if (yielded > 0 || tries >= maxTries) throw err;
    }
  }
}

/** All records at once; a broken or non-miniSEED body is fetched again (whole) while retries last. */
export async function fetchDataselect(
  target: ServiceTarget | undefined,
  selections: readonly DataselectSelection[],
  opts: DataselectOptions = {},
  call: CallOptions = {},
): Promise<{ url: string; records: MseedRecord[]; noData: boolean }> {
  const http = call.http ?? defaultHttpClient();
  const req = request(target, selections, opts, call);
  const res = await http.fetch(req, (bytes, meta) => readMseedRecords(bytes, { source: meta.url }));
  if (res.kind === 'nodata') return { url: res.url, records: [], noData: true };
  return { url: res.url, records: res.body, noData: false };
}
