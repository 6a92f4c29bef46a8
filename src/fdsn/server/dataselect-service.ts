/**
 * fdsnws-dataselect over the archive's miniSEED: whole records that overlap the asked window (as
 * data centres do: no cutting inside a record), GET or bulk POST, quality, minimumlength and
 * longestonly; a record asked for twice in one POST is sent once.
 */
import { indexOperation, versionOperation, wadlOperation } from './common.js';
import { errorReply, type Service, type ServiceReply, type ServiceRequest } from './http-server.js';
import { ChannelMatcher } from './match.js';
import { getSelectionOf, Params, paramsFromPost, paramsFromUrl, QueryError, type Selection } from './params.js';
import { channelKey, compareInChannel, contiguousSpans, WaveformIndex, type ChannelRecords, type IndexedRecord } from './waveform-index.js';
import { noData } from './no-data.js';

const GET_PARAMS = ['network', 'station', 'location', 'channel', 'starttime', 'endtime', 'quality', 'minimumlength', 'longestonly', 'format', 'nodata'];
const POST_PARAMS = ['quality', 'minimumlength', 'longestonly', 'format', 'nodata'];

export function dataselectService(index: WaveformIndex): Service {
  const query = async (req: ServiceRequest): Promise<ServiceReply> => {
    const params = req.method === 'POST' ? paramsFromPost(req.body, new Set(POST_PARAMS)) : paramsFromUrl(req.url, new Set(GET_PARAMS));
    params.choice('format', ['miniseed'], 'miniseed');
    const quality = params.choice('quality', ['D', 'R', 'Q', 'M', 'B'], 'B');
    const minimumLength = params.number('minimumlength', 0) ?? 0;
    const longestOnly = params.boolean('longestonly', false);
    const selections = req.method === 'POST' ? params.selections : [getSelection(params)];
    // per channel, the records asked for (a record asked for by two lines is sent once)
    const chosen = new Map<ChannelRecords, Set<IndexedRecord>>();
    for (const sel of selections) {
      const channels = index.exactChannel(sel.network, sel.station, sel.location, sel.channel) ?? matching(index, sel);
      for (const ch of channels) {
        let set = chosen.get(ch);
        // a record overlaps [start, end] when it starts no later than end and its coverage reaches past start
        for (const r of WaveformIndex.overlapping(ch, sel.start, sel.end)) {
          if (quality !== 'B' && r.quality !== quality) continue;
          if (!set) chosen.set(ch, (set = new Set()));
          set.add(r);
        }
      }
    }
    // in the index's order: channel by channel, each in time
    let records = [...chosen.entries()].sort((a, b) => a[0].order - b[0].order).flatMap(([, set]) => [...set].sort(compareInChannel));
    if (minimumLength > 0 || longestOnly) records = keepLongEnough(records, minimumLength, longestOnly);
    if (records.length === 0) return noData(params, req.url);
    return { status: 200, contentType: 'application/vnd.fdsn.mseed', body: await index.bytesOf(records) };
  };
  return {
    name: 'dataselect',
    version: '1.1.0',
    postable: ['query'],
    operations: {
      query,
      queryauth: (req) => errorReply(404, 'this server has no restricted data; use query', req.url),
      version: versionOperation('1.1.0'),
      'application.wadl': wadlOperation('dataselect', GET_PARAMS, true),
      index: indexOperation('dataselect'),
    },
  };
}

function matching(index: WaveformIndex, sel: Selection): ChannelRecords[] {
  const m = new ChannelMatcher(sel);
  return index.channels().filter((ch) => m.matches(ch.network, ch.station, ch.location, ch.channel));
}

function getSelection(params: Params): Selection {
  const start = params.time('starttime');
  const end = params.time('endtime');
  if (start === undefined || end === undefined) throw new QueryError('dataselect needs both starttime and endtime');
  if (end <= start) throw new QueryError('endtime must be after starttime');
  return getSelectionOf(params, start, end);
}

/** minimumlength (seconds) and longestonly work on continuous runs of records per channel. */
function keepLongEnough(records: IndexedRecord[], minimumSeconds: number, longestOnly: boolean): IndexedRecord[] {
  const minNs = BigInt(Math.round(minimumSeconds * 1e9));
  let spans = contiguousSpans(records).filter((s) => s.end - s.start >= minNs);
  if (longestOnly) {
    const best = new Map<string, (typeof spans)[number]>();
    for (const s of spans) {
      const k = channelKey(s.records[0]!);
      const b = best.get(k);
      if (!b || s.end - s.start > b.end - b.start) best.set(k, s);
    }
    spans = [...best.values()];
  }
  const keep = new Set(spans.flatMap((s) => s.records));
  return records.filter((r) => keep.has(r));
}
