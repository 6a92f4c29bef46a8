/**
 * Event and channel ids, both ways, kept in memory: the store names pairs by the event's public id
 * and the channel epoch, the database by two integers. The caches hold one entry per event and per
 * channel (never per pair), so they stay small however many pairs a run has. Channel refs handed
 * out by nextPairs are the cached objects themselves, so looking them up again costs a WeakMap hit.
 */
import { channelKey, type ChannelRef } from './records.js';
import type { Statements } from './statements.js';

export class IdCache {
  private readonly eventIds = new Map<string, number>();
  private readonly eventNames = new Map<number, string>();
  private readonly channelIds = new Map<string, number>();
  private readonly channelRefs = new Map<number, ChannelRef>();
  private readonly idOfRef = new WeakMap<ChannelRef, number>();

  constructor(private readonly st: Statements) {}

  rememberEvent(publicId: string, id: number): void {
    this.eventIds.set(publicId, id);
    this.eventNames.set(id, publicId);
  }

  rememberChannel(ref: ChannelRef, id: number): void {
    this.channelIds.set(channelKey(ref), id);
    const frozen: ChannelRef = Object.freeze({ id: Object.freeze({ ...ref.id }), start: ref.start });
    this.channelRefs.set(id, frozen);
    this.idOfRef.set(frozen, id);
  }

  /** Forgets everything (after a rolled-back batch, whose new ids no longer exist). */
  clear(): void {
    this.eventIds.clear();
    this.eventNames.clear();
    this.channelIds.clear();
    this.channelRefs.clear();
  }

  eventId(publicId: string): number | undefined {
    const known = this.eventIds.get(publicId);
    if (known !== undefined) return known;
    const found = this.st.eventId.get(publicId) as number | bigint | undefined;
    if (found === undefined) return undefined;
    this.rememberEvent(publicId, Number(found));
    return Number(found);
  }

  /** Looks the id up without asking the database (for cheap checks such as releasing a claim). */
  cachedEventId(publicId: string): number | undefined {
    return this.eventIds.get(publicId);
  }

  channelId(ref: ChannelRef): number | undefined {
    const direct = this.idOfRef.get(ref);
    if (direct !== undefined) return direct;
    const known = this.channelIds.get(channelKey(ref));
    if (known !== undefined) {
      // a caller that names its channels with the same ref objects each time skips the key next time
      if (Object.isFrozen(ref)) this.idOfRef.set(ref, known);
      return known;
    }
    const { network, station, location, channel } = ref.id;
    const found = this.st.channelId.get(network, station, location, channel, ref.start) as number | bigint | undefined;
    if (found === undefined) return undefined;
    this.rememberChannel(ref, Number(found));
    return Number(found);
  }

  cachedChannelId(ref: ChannelRef): number | undefined {
    return this.idOfRef.get(ref) ?? this.channelIds.get(channelKey(ref));
  }

  pairIds(pair: { event: string; channel: ChannelRef }): [number, number] | undefined {
    const e = this.eventId(pair.event);
    if (e === undefined) return undefined;
    const c = this.channelId(pair.channel);
    if (c === undefined) return undefined;
    return [e, c];
  }

  eventName(id: number): string {
    let name = this.eventNames.get(id);
    if (name === undefined) {
      name = this.st.eventById.get(id) as string;
      this.rememberEvent(name, id);
    }
    return name;
  }

  channelRef(id: number): ChannelRef {
    let ref = this.channelRefs.get(id);
    if (ref === undefined) {
      const r = this.st.channelById.get(id) as { network: string; station: string; location: string; channel: string; start_ns: bigint };
      this.rememberChannel({ id: { network: r.network, station: r.station, location: r.location, channel: r.channel }, start: r.start_ns }, id);
      ref = this.channelRefs.get(id)!;
    }
    return ref;
  }
}
