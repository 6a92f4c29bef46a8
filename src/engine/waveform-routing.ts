/**
 * Routes miniSEED records, as they are decoded, to the pairs of a batch that asked for them: by
 * channel (NET.STA.LOC.CHA, blank location as '') and by time (the record overlaps one of the
 * pair's windows). A record wanted by two pairs (two events close in time) goes to both. When the
 * batch's data are all in, each pair's records are joined into segments.
 */
import { recordsToSegments } from '../formats/mseed/segments.js';
import type { MseedRecord } from '../formats/mseed/record.js';
import { sampleTime, type Instant } from '../seismogram/time.js';
import type { EventChannelPair, RequestWindow } from './contracts.js';
import type { FetchedPair } from './waveform-types.js';

export interface BatchItem {
  pair: EventChannelPair;
  requests: RequestWindow[];
}

export function channelKey(network: string, station: string, location: string, channel: string): string {
  return `${network.trim()}.${station.trim()}.${location.trim() === '--' ? '' : location.trim()}.${channel.trim()}`;
}

export function pairChannelKey(p: EventChannelPair): string {
  return channelKey(p.channel.network.code, p.channel.station.code, p.channel.channel.locationCode, p.channel.channel.code);
}

/** The instant just after a record's last sample (its start when it has no rate). */
export function recordEnd(r: MseedRecord): Instant {
  return r.sampleRate > 0 ? sampleTime(r.start, r.sampleCount, r.sampleRate) : r.start;
}

export class RecordRouter {
  private readonly byChannel = new Map<string, number[]>();
  private readonly records: MseedRecord[][];
  /**
   * Bytes of records that came with the answer but fall outside every window of their channel
   * (a server answering more than asked, or a record starting at the window's end, which FDSN
   * servers include): counted for the first pair of that channel, or of the batch, so that the
   * pairs' bytes add up to what was received.
   */
  private readonly extraBytes: number[];
  /** records that matched no pair (a server answering more than asked) */
  unrouted = 0;

  constructor(readonly items: readonly BatchItem[]) {
    this.records = items.map(() => []);
    this.extraBytes = items.map(() => 0);
    items.forEach((it, i) => {
      const k = pairChannelKey(it.pair);
      const list = this.byChannel.get(k) ?? [];
      list.push(i);
      this.byChannel.set(k, list);
    });
  }

  /** Whether any pair wants data of this channel in [start, end). */
  wants(key: string, start: Instant, end: Instant): boolean {
    for (const i of this.byChannel.get(key) ?? []) if (this.items[i]!.requests.some((w) => start < w.end && end > w.start)) return true;
    return false;
  }

  /** channel keys by id object (the decoder shares one id object among a channel's records) */
  private readonly keys = new Map<MseedRecord['id'], string>();

  add(r: MseedRecord): void {
    if (r.text !== undefined || r.samples.length === 0) {
      if (this.items.length > 0) this.extraBytes[0]! += r.recordLength;
      return;
    }
    let key = this.keys.get(r.id);
    if (key === undefined) {
      key = channelKey(r.id.network, r.id.station, r.id.location, r.id.channel);
      this.keys.set(r.id, key);
    }
    const wanting = this.byChannel.get(key);
    if (wanting === undefined) {
      this.unrouted++;
      if (this.items.length > 0) this.extraBytes[0]! += r.recordLength;
      return;
    }
    const end = recordEnd(r);
    let used = false;
    for (const i of wanting) {
      for (const w of this.items[i]!.requests) {
        if (r.start < w.end && end > w.start) {
          this.records[i]!.push(r);
          used = true;
          break;
        }
      }
    }
    if (!used) {
      this.unrouted++;
      this.extraBytes[wanting[0]!]! += r.recordLength;
    }
  }

  /** Each pair with its records joined into segments (empty when nothing came for it). */
  *finish(): Generator<FetchedPair> {
    for (const group of this.finishGroups(0)) yield* group;
  }

  /**
   * The pairs as `finish` gives them, in groups of about `maxSamples` samples (a pair is never
   * split; 0: one pair per group), so the segments of a whole batch are never held together.
   */
  *finishGroups(maxSamples: number): Generator<FetchedPair[]> {
    let group: FetchedPair[] = [];
    let samples = 0;
    for (let i = 0; i < this.items.length; i++) {
      const recs = this.records[i]!;
      this.records[i] = [];
      const seismograms = recs.length > 0 ? recordsToSegments(recs) : [];
      let bytes = this.extraBytes[i]!;
      this.extraBytes[i] = 0;
      for (const r of recs) bytes += r.recordLength;
      group.push({ pair: this.items[i]!.pair, seismograms, bytes });
      for (const s of seismograms) samples += s.samples.length;
      if (samples >= maxSamples) {
        yield group;
        group = [];
        samples = 0;
      }
    }
    if (group.length > 0) yield group;
  }
}
