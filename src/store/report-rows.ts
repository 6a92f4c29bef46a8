/**
 * The rows of the run report, read straight from the tables a page at a time: each pair with its
 * event's id and origin time, its channel's codes, what became of it, and its committed output
 * files, in one query per page (no per-pair lookups, no JSON of whole events).
 */
import type Database from 'better-sqlite3';
import type { Instant } from '../seismogram/time.js';
import type { PairState } from './records.js';

export interface ReportRow {
  /** the event's short id as the engine names it (extra.id), else its public id */
  event: string;
  originTime: Instant;
  /** NET.STA.LOC.CHA */
  channel: string;
  state: PairState;
  retryAt: Instant | null;
  ingredient: string | null;
  reason: string | null;
  error: string | null;
  /** committed output files, in path order */
  files: string[];
}

export function* iterateReportRows(db: Database.Database, pageSize = 2000): Generator<ReportRow> {
  const page = db
    .prepare(
      `SELECT p.event_id, p.channel_id, p.state, p.retry_at_ns, r.ingredient, r.reason, p.error,
              CASE WHEN p.state = 'done' THEN (SELECT group_concat(path, char(10)) FROM
                (SELECT o.path FROM outputs o WHERE o.event_id = p.event_id AND o.channel_id = p.channel_id AND o.state = 'committed' ORDER BY o.path)) END AS files
       FROM pairs p LEFT JOIN reasons r ON r.id = p.reason_id
       WHERE (p.event_id, p.channel_id) > (?, ?) ORDER BY p.event_id, p.channel_id LIMIT ?`,
    )
    .safeIntegers(true)
    .raw(true);
  // an event's name and a channel's codes are read once each, not joined into every pair's row
  // (the event's name sits in its JSON extras: parsing those per pair was most of the report's time)
  const eventOf = db.prepare(`SELECT coalesce(json_extract(extra, '$.id'), public_id), origin_time_ns FROM events WHERE id = ?`).safeIntegers(true).raw(true);
  const channelOf = db.prepare(`SELECT network || '.' || station || '.' || location || '.' || channel FROM channels WHERE id = ?`).safeIntegers(true).pluck();
  // pages come in event order: the last event is all that needs remembering
  let eventId = -1n;
  let event: { name: string; originTime: Instant } = { name: '', originTime: 0n };
  const channels = new Map<bigint, string>();
  let after: [bigint, bigint] = [-1n, -1n];
  for (;;) {
    const rows = page.all(after[0], after[1], pageSize) as unknown[][];
    for (const r of rows) {
      const e = r[0] as bigint;
      if (e !== eventId) {
        const row = eventOf.get(e) as [unknown, bigint];
        event = { name: String(row[0]), originTime: row[1] };
        eventId = e;
      }
      const c = r[1] as bigint;
      let channel = channels.get(c);
      if (channel === undefined) {
        channel = channelOf.get(c) as string;
        channels.set(c, channel);
      }
      yield {
        event: event.name,
        originTime: event.originTime,
        channel,
        state: r[2] as PairState,
        retryAt: r[3] as bigint | null,
        ingredient: r[4] as string | null,
        reason: r[5] as string | null,
        error: r[6] as string | null,
        files: r[7] === null ? [] : (r[7] as string).split('\n'),
      };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = [last[0] as bigint, last[1] as bigint];
  }
}
