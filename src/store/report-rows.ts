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
      `SELECT p.event_id, p.channel_id, coalesce(json_extract(e.extra, '$.id'), e.public_id) AS event, e.origin_time_ns,
              c.network || '.' || c.station || '.' || c.location || '.' || c.channel AS channel,
              p.state, p.retry_at_ns, r.ingredient, r.reason, p.error,
              CASE WHEN p.state = 'done' THEN (SELECT group_concat(path, char(10)) FROM
                (SELECT o.path FROM outputs o WHERE o.event_id = p.event_id AND o.channel_id = p.channel_id AND o.state = 'committed' ORDER BY o.path)) END AS files
       FROM pairs p JOIN events e ON e.id = p.event_id JOIN channels c ON c.id = p.channel_id LEFT JOIN reasons r ON r.id = p.reason_id
       WHERE (p.event_id, p.channel_id) > (?, ?) ORDER BY p.event_id, p.channel_id LIMIT ?`,
    )
    .safeIntegers(true)
    .raw(true);
  let after: [bigint, bigint] = [-1n, -1n];
  for (;;) {
    const rows = page.all(after[0], after[1], pageSize) as unknown[][];
    for (const r of rows) {
      yield {
        event: String(r[2]),
        originTime: r[3] as bigint,
        channel: r[4] as string,
        state: r[5] as PairState,
        retryAt: r[6] as bigint | null,
        ingredient: r[7] as string | null,
        reason: r[8] as string | null,
        error: r[9] as string | null,
        files: r[10] === null ? [] : (r[10] as string).split('\n'),
      };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = [last[0] as bigint, last[1] as bigint];
  }
}
