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
      `SELECT p.event_id, p.channel_id, p.state, p.retry_at_ns, r.ingredient, r.reason, p.error
       FROM pairs p LEFT JOIN reasons r ON r.id = p.reason_id
       WHERE (p.event_id, p.channel_id) > (?, ?) ORDER BY p.event_id, p.channel_id LIMIT ?`,
    )
    .safeIntegers(true)
    .raw(true);
  // the committed files of a page's pairs in one query over the same key range (not one per pair)
  const filesOf = db
    .prepare(
      `SELECT event_id, channel_id, path FROM outputs
       WHERE (event_id, channel_id) > (?, ?) AND (event_id, channel_id) <= (?, ?) AND state = 'committed'
       ORDER BY event_id, channel_id, path`,
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
    const files = new Map<string, string[]>();
    if (rows.length > 0) {
      const last = rows[rows.length - 1]!;
      for (const [e, c, path] of filesOf.all(after[0], after[1], last[0], last[1]) as [bigint, bigint, string][]) {
        const key = `${e}:${c}`;
        const list = files.get(key);
        if (list) list.push(path);
        else files.set(key, [path]);
      }
    }
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
      const state = r[2] as PairState;
      yield {
        event: event.name,
        originTime: event.originTime,
        channel,
        state,
        retryAt: r[3] as bigint | null,
        ingredient: r[4] as string | null,
        reason: r[5] as string | null,
        error: r[6] as string | null,
        // files are listed for done pairs only (a reopened pair's old files are not its fate now)
        files: (state === 'done' && files.size > 0 && files.get(`${e}:${c}`)) || [],
      };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = [last[0] as bigint, last[1] as bigint];
  }
}
