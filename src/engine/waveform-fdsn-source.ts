/**
 * fdsnDataSelect as a seismogram source: a batch of pairs becomes bulk POSTs to one data centre
 * (at most `maxLines` selection lines each; a single selection is a GET), the miniSEED is decoded
 * record by record as it arrives and routed to its pairs. How many batches run at once is the
 * arm's business; the HTTP client caps requests per host. With fdsnStationAvailability the
 * centre's availability service is asked first, and pairs it has nothing for are not fetched.
 */
import { queryAvailability } from '../fdsn/availability.js';
import { streamDataselectGroups, type DataselectSelection } from '../fdsn/dataselect.js';
import type { ServiceTarget } from '../fdsn/endpoint.js';
import type { RunContext } from './context.js';
import type { EventChannelPair, RequestWindow, SeismogramSource } from './contracts.js';
import { RecordRouter, type BatchItem } from './waveform-routing.js';
import type { ArmSeismogram, FetchedPair } from './waveform-types.js';

export interface FdsnSourceOptions {
  target: ServiceTarget | undefined;
  /** false: one GET per selection */
  bulk: boolean;
  askAvailability: boolean;
  /** selection lines per POST */
  maxLines?: number;
}

function selections(items: readonly BatchItem[]): DataselectSelection[] {
  const out: DataselectSelection[] = [];
  for (const it of items) {
    const c = it.pair.channel;
    for (const w of it.requests) out.push({ network: c.network.code, station: c.station.code, location: c.channel.locationCode, channel: c.channel.code, start: w.start, end: w.end });
  }
  return out;
}

/** Samples per group of pairs handed on at once (about 4 MB of integer samples). */
const GROUP_SAMPLES = 1 << 20;

export class FdsnDataSelectSource implements SeismogramSource<ArmSeismogram> {
  constructor(readonly options: FdsnSourceOptions) {}

  async *fetch(batch: readonly { pair: EventChannelPair; requests: RequestWindow[] }[], ctx: RunContext): AsyncGenerator<FetchedPair> {
    for await (const group of this.fetchGroups(batch, ctx)) yield* group;
  }

  async *fetchGroups(batch: readonly { pair: EventChannelPair; requests: RequestWindow[] }[], ctx: RunContext): AsyncGenerator<FetchedPair[]> {
    let items: readonly BatchItem[] = batch;
    const available = new Map<EventChannelPair, RequestWindow[]>();
    if (this.options.askAvailability) {
      const keep: BatchItem[] = [];
      const nothing: FetchedPair[] = [];
      // asked together: the HTTP client's per-host cap says how many go at once
      const answers = await Promise.all(batch.map((it) => this.availability(it, ctx)));
      for (let i = 0; i < batch.length; i++) {
        const it = batch[i]!;
        const spans = answers[i]!;
        available.set(it.pair, spans);
        if (spans.length > 0) keep.push(it);
        else nothing.push({ pair: it.pair, seismograms: [], available: [] });
      }
      if (nothing.length > 0) yield nothing;
      items = keep;
    }
    const maxLines = this.options.maxLines ?? 1000;
    const withAvailable = (group: FetchedPair[]): FetchedPair[] =>
      available.size === 0
        ? group
        : group.map((f) => {
            const a = available.get(f.pair);
            return a ? { ...f, available: a } : f;
          });
    // chunk by whole pairs so a pair's windows share one request
    let chunk: BatchItem[] = [];
    let lines = 0;
    for (const it of items) {
      if (lines > 0 && lines + it.requests.length > maxLines) {
        for await (const g of this.fetchGroup(chunk, ctx)) yield withAvailable(g);
        chunk = [];
        lines = 0;
      }
      chunk.push(it);
      lines += it.requests.length;
    }
    if (chunk.length > 0) for await (const g of this.fetchGroup(chunk, ctx)) yield withAvailable(g);
  }

  /**
   * One request's records routed to the group's pairs. The pairs go on only once the whole answer
   * is in (a server may send a channel's records in any order), in groups of about
   * GROUP_SAMPLES samples: a pair's records become segments as its group is handed on, so records
   * and segments of the whole request are never held together.
   */
  private async *fetchGroup(group: BatchItem[], ctx: RunContext): AsyncGenerator<FetchedPair[]> {
    const router = new RecordRouter(group);
    const call = { http: ctx.http, ...(ctx.signal ? { signal: ctx.signal } : {}) };
    const sels = selections(group);
    const take = async (ss: DataselectSelection[]): Promise<void> => {
      for await (const recs of streamDataselectGroups(this.options.target, ss, {}, call)) for (const r of recs) router.add(r);
    };
    if (this.options.bulk || sels.length === 1) await take(sels);
    else for (const s of sels) await take([s]);
    yield* router.finishGroups(GROUP_SAMPLES);
  }

  private async availability(it: BatchItem, ctx: RunContext): Promise<RequestWindow[]> {
    if (it.requests.length === 0) return [];
    const c = it.pair.channel;
    let start = it.requests[0]!.start;
    let end = it.requests[0]!.end;
    for (const w of it.requests) {
      if (w.start < start) start = w.start;
      if (w.end > end) end = w.end;
    }
    const res = await queryAvailability(
      this.options.target,
      'query',
      { network: c.network.code, station: c.station.code, location: c.channel.locationCode, channel: c.channel.code, starttime: start, endtime: end, merge: ['samplerate', 'quality', 'overlap'] },
      { http: ctx.http, ...(ctx.signal ? { signal: ctx.signal } : {}) },
    );
    return res.rows.flatMap((r) => r.spans.map((s) => ({ start: s.start, end: s.end })));
  }
}
