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

/** States as the page query codes them (a small integer per row instead of a string). */
const STATE_OF_CODE: readonly PairState[] = ['done', 'rejected', 'failed', 'retrying', 'pending'];
const STATE_CODE_SQL = "CASE p.state WHEN 'done' THEN 0 WHEN 'rejected' THEN 1 WHEN 'failed' THEN 2 WHEN 'retrying' THEN 3 ELSE 4 END";

export function* iterateReportRows(db: Database.Database, pageSize = 2000): Generator<ReportRow> {
  // ids as plain numbers and the state as a code: a page of 2000 rows costs the driver a fraction
  // of what BigInts and a fresh string per row did; retry times (nanoseconds, past 2^53) come as
  // text and become BigInts only where there is one
  const page = db
    .prepare(
      `SELECT p.event_id, p.channel_id, ${STATE_CODE_SQL}, CAST(p.retry_at_ns AS TEXT), p.reason_id, p.error
       FROM pairs p
       WHERE (p.event_id, p.channel_id) > (?, ?) ORDER BY p.event_id, p.channel_id LIMIT ?`,
    )
    .raw(true);
  // the committed files of a page's pairs in one query over the same key range (not one per pair)
  const filesOf = db
    .prepare(
      `SELECT event_id, channel_id, path FROM outputs
       WHERE (event_id, channel_id) > (?, ?) AND (event_id, channel_id) <= (?, ?) AND state = 'committed'
       ORDER BY event_id, channel_id, path`,
    )
    .raw(true);
  // an event's name and a channel's codes are read once each, not joined into every pair's row
  // (the event's name sits in its JSON extras: parsing those per pair was most of the report's time)
  const eventOf = db.prepare(`SELECT coalesce(json_extract(extra, '$.id'), public_id), origin_time_ns FROM events WHERE id = ?`).safeIntegers(true).raw(true);
  const channelOf = db.prepare(`SELECT network || '.' || station || '.' || location || '.' || channel FROM channels WHERE id = ?`).pluck();
  // reasons likewise, read when first met (a run has few; one with a number in it has one per pair)
  const reasonOf = db.prepare('SELECT ingredient, reason FROM reasons WHERE id = ?').raw(true);
  const reasons = new Map<number, [string, string] | null>();
  // pages come in event order: the last event is all that needs remembering
  let eventId = -1;
  let event: { name: string; originTime: Instant } = { name: '', originTime: 0n };
  const channels = new Map<number, string>();
  let after: [number, number] = [-1, -1];
  for (;;) {
    const rows = page.all(after[0], after[1], pageSize) as [number, number, number, string | null, number | null, string | null][];
    const files = new Map<string, string[]>();
    if (rows.length > 0) {
      const last = rows[rows.length - 1]!;
      for (const [e, c, path] of filesOf.all(after[0], after[1], last[0], last[1]) as [number, number, string][]) {
        const key = `${e}:${c}`;
        const list = files.get(key);
        if (list) list.push(path);
        else files.set(key, [path]);
      }
    }
    for (const r of rows) {
      const e = r[0];
      if (e !== eventId) {
        const row = eventOf.get(e) as [unknown, bigint];
        event = { name: String(row[0]), originTime: row[1] };
        eventId = e;
      }
      const c = r[1];
      let channel = channels.get(c);
      if (channel === undefined) {
        channel = channelOf.get(c) as string;
        channels.set(c, channel);
      }
      const state = STATE_OF_CODE[r[2]]!;
      const reasonId = r[4];
      let reason: [string, string] | null | undefined = null;
      if (reasonId !== null) {
        reason = reasons.get(reasonId);
        if (reason === undefined) {
          reason = (reasonOf.get(reasonId) as [string, string] | undefined) ?? null;
          if (reasons.size >= 10_000) reasons.clear();
          reasons.set(reasonId, reason);
        }
      }
      yield {
        event: event.name,
        originTime: event.originTime,
        channel,
        state,
        retryAt: r[3] === null ? null : BigInt(r[3]),
        ingredient: reason ? reason[0] : null,
        reason: reason ? reason[1] : null,
        error: r[5],
        // files are listed for done pairs only (a reopened pair's old files are not its fate now)
        files: (state === 'done' && files.size > 0 && files.get(`${e}:${c}`)) || [],
      };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = [last[0], last[1]];
  }
}
