/**
 * Between the waveform arm and the run-state store (src/store/): the keys and records the store
 * keeps for the engine's events, channels and pairs, and the run report written from the store.
 * The store is the run's memory: what a resumed run skips, what waits for a retry, and what the
 * run report lists are all read from it, so they agree after any crash.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isTempName } from '../files/atomic-file.js';
import type { QuakeEvent } from '../formats/quakeml/model.js';
import type { ChannelRecord as StoreChannel, ChannelRef, EventRecord as StoreEvent, PairDetail, PairRef, RunStore, StoredEvent } from '../store/index.js';
import { channelKey } from '../store/records.js';
import { CRLF, csvField, csvRecord, instantCell } from '../writers/csv-format.js';
import type { Instant } from '../seismogram/time.js';
import { RUN_REPORT_COLUMNS } from '../writers/run-report.js';
import type { ChannelRecord, EventRecord } from './contracts.js';
import { eventRecord } from './event-record.js';
import { AtomicTextFile } from './output.js';

const refs = new WeakMap<ChannelRecord, ChannelRef>();

/** The store's name of a channel epoch; one frozen object per channel record, so the store's id cache finds it by identity. */
export function channelRef(c: ChannelRecord): ChannelRef {
  let ref = refs.get(c);
  if (!ref) {
    ref = Object.freeze({ id: Object.freeze({ network: c.network.code, station: c.station.code, location: c.channel.locationCode, channel: c.channel.code }), start: c.channel.start ?? 0n });
    refs.set(c, ref);
  }
  return ref;
}

export function channelKeyOf(c: ChannelRecord): string {
  return channelKey(channelRef(c));
}

export function pairRef(p: { event: EventRecord; channel: ChannelRecord }): PairRef {
  return { event: p.event.event.publicId, channel: channelRef(p.channel) };
}

export function storeChannel(c: ChannelRecord): StoreChannel {
  const ch = c.channel;
  return {
    ...channelRef(c),
    end: ch.end ?? null,
    latitude: ch.latitude,
    longitude: ch.longitude,
    elevationM: ch.elevation,
    depthM: ch.depth,
    azimuth: ch.azimuth ?? null,
    dip: ch.dip ?? null,
    sampleRate: ch.sampleRate ?? null,
  };
}

/** The QuakeML event as JSON (Instants as strings of nanoseconds), so a resumed run can rebuild it. */
function eventJson(e: QuakeEvent): unknown {
  return JSON.parse(JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? { $ns: v.toString() } : v)));
}

function eventFromJson(json: unknown): QuakeEvent {
  return JSON.parse(JSON.stringify(json), (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && typeof (v as { $ns?: unknown }).$ns === 'string' && Object.keys(v).length === 1) return BigInt((v as { $ns: string }).$ns);
    return v;
  }) as QuakeEvent;
}

export function storeEvent(e: EventRecord): StoreEvent {
  return {
    publicId: e.event.publicId,
    originTime: e.origin.time,
    latitude: e.origin.latitude,
    longitude: e.origin.longitude,
    depthKm: e.origin.depth === undefined ? null : e.origin.depth / 1000,
    magnitude: e.magnitude?.value ?? null,
    magnitudeType: e.magnitude?.type ?? null,
    extra: { id: e.id, source: e.source, quakeml: eventJson(e.event) },
  };
}

/** An event as an earlier run stored it; undefined when the stored record cannot be read back. */
export function eventFromStore(s: StoredEvent): EventRecord | undefined {
  const extra = s.extra as { source?: unknown; quakeml?: unknown } | null | undefined;
  if (!extra || extra.quakeml === undefined) return undefined;
  try {
    return eventRecord(eventFromJson(extra.quakeml), typeof extra.source === 'string' ? extra.source : 'run state');
  } catch {
    return undefined;
  }
}

/** Sizes of the files a writer made (for the store's output rows); a file gone meanwhile counts 0. */
export function filesWithSizes(paths: readonly string[]): { path: string; size: number }[] {
  return paths.map((path) => {
    try {
      return { path, size: statSync(path).size };
    } catch {
      return { path, size: 0 };
    }
  });
}

const STATUS_WORD: Record<PairDetail['state'], string> = { done: 'kept', rejected: 'rejected', failed: 'failed', retrying: 'retrying', pending: 'pending' };

/**
 * Writes `path` (the run report: every event-channel pair and what became of it) from the store,
 * a page of pairs at a time, through a temporary file renamed into place. Paths of output files
 * are given relative to the run folder.
 */
export function writeRunReport(store: RunStore, path: string, runDir: string): number {
  const file = new AtomicTextFile(path);
  let rows = 0;
  try {
    file.write(csvRecord([...RUN_REPORT_COLUMNS]));
    let chunk = '';
    // rows come event by event: the event's two cells are made once per event, a channel's once
    // per run (the line is what csvRecord makes of the seven cells)
    let eventName: string | undefined;
    let originTime: Instant | undefined;
    let eventCells = '';
    const channelCells = new Map<string, string>();
    for (const p of store.reportRows()) {
      if (p.originTime !== originTime || p.event !== eventName) {
        eventName = p.event;
        originTime = p.originTime;
        eventCells = `${csvField(eventName)},${csvField(instantCell(originTime))},`;
      }
      let channelCell = channelCells.get(p.channel);
      if (channelCell === undefined) {
        channelCell = csvField(p.channel);
        channelCells.set(p.channel, channelCell);
      }
      let by = '';
      let reason = '';
      if (p.state === 'failed') {
        // failures are stored as "ingredient: message"
        const error = p.error ?? '';
        const cut = error.indexOf(': ');
        by = cut > 0 ? error.slice(0, cut) : '';
        reason = cut > 0 ? error.slice(cut + 2) : error;
      } else if (p.state !== 'done') {
        by = p.ingredient ?? '';
        reason = p.reason ?? '';
        if (p.state === 'retrying' && p.retryAt !== null) reason = `${reason} (next try ${instantCell(p.retryAt)})`;
      }
      const files = p.files.length === 0 ? '' : p.files.map((f) => relative(runDir, f)).join(';');
      chunk += `${eventCells}${channelCell},${STATUS_WORD[p.state]},${csvField(by)},${csvField(reason)},${csvField(files)}${CRLF}`;
      rows++;
      if (chunk.length > 1 << 16) {
        file.write(chunk);
        chunk = '';
      }
    }
    file.write(chunk);
    file.commit();
  } catch (err) {
    file.abandon();
    throw err;
  }
  return rows;
}

/** What the pairs of an event were left as by earlier runs: a test that says which to skip (settled ones). */
export function settledTest(store: RunStore, e: EventRecord): ((c: ChannelRecord) => boolean) | undefined {
  const states = store.eventPairStates(e.event.publicId);
  if (!states || states.size === 0) return undefined;
  return (c) => {
    const s = states.get(channelKeyOf(c));
    return s !== undefined && s !== 'pending';
  };
}


/**
 * Removes the temporary files a killed run left in the run folder (names only tempPathFor gives,
 * so nothing else is touched). Called while holding the run's lock: no other writer is alive.
 */
export function sweepTempFiles(runDir: string): number {
  let removed = 0;
  const walk = (dir: string, depth: number) => {
    if (depth > 32) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile() && isTempName(e.name)) {
        rmSync(p, { force: true });
        removed++;
      }
    }
  };
  walk(runDir, 0);
  return removed;
}
