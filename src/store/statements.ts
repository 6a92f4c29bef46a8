/**
 * The prepared SQL of the run-state store, in one place. Transitions carry their allowed
 * from-states in the WHERE clause, so a refused transition changes no row.
 */
import type Database from 'better-sqlite3';

/**
 * Pairs added and ended as done in one batch are inserted this many rows per statement: SQLite and
 * the driver then take about half the time per row of one statement call per row.
 */
export const DONE_ROWS_PER_INSERT = 50;

/** Transitions go only from these states. */
const LIVE_STATES = "('pending', 'retrying')";

export function prepareStatements(db: Database.Database) {
  return {
    upsertEvent: db.prepare(`
      INSERT INTO events (public_id, origin_time_ns, latitude, longitude, depth_km, magnitude, magnitude_type, extra, first_seen_ns, updated_ns)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (public_id) DO UPDATE SET
        origin_time_ns = excluded.origin_time_ns, latitude = excluded.latitude, longitude = excluded.longitude,
        depth_km = excluded.depth_km, magnitude = excluded.magnitude, magnitude_type = excluded.magnitude_type,
        extra = excluded.extra, updated_ns = excluded.updated_ns
      RETURNING id`).pluck(),
    eventId: db.prepare('SELECT id FROM events WHERE public_id = ?').pluck(),
    upsertChannel: db.prepare(`
      INSERT INTO channels (network, station, location, channel, start_ns, end_ns, latitude, longitude, elevation_m, depth_m,
                            azimuth, dip, sample_rate, extra, first_seen_ns, updated_ns)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (network, station, location, channel, start_ns) DO UPDATE SET
        end_ns = excluded.end_ns, latitude = excluded.latitude, longitude = excluded.longitude,
        elevation_m = excluded.elevation_m, depth_m = excluded.depth_m, azimuth = excluded.azimuth, dip = excluded.dip,
        sample_rate = excluded.sample_rate, extra = excluded.extra, updated_ns = excluded.updated_ns
      RETURNING id`).pluck(),
    channelId: db
      .prepare('SELECT id FROM channels WHERE network = ? AND station = ? AND location = ? AND channel = ? AND start_ns = ?')
      .pluck(),
    insertReason: db.prepare('INSERT INTO reasons (ingredient, reason) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    reasonId: db.prepare('SELECT id FROM reasons WHERE ingredient = ? AND reason = ?').pluck(),
    addPair: db.prepare(
      'INSERT INTO pairs (event_id, channel_id, first_seen_ns, updated_ns) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    // a pair added and ended in the same batch: its final row at once (the rows add + transition leave)
    insertDone: db.prepare(`
      INSERT INTO pairs (event_id, channel_id, state, done_count, bytes_fetched, first_seen_ns, updated_ns)
      VALUES (?, ?, 'done', 1, ?, ?, ?) ON CONFLICT DO NOTHING`),
    // DONE_ROWS_PER_INSERT such rows in one statement; no ON CONFLICT: a row already there aborts
    // the statement (and only the statement) with a constraint error, and the caller goes row by row
    insertDoneRows: db.prepare(`
      INSERT INTO pairs (event_id, channel_id, state, done_count, bytes_fetched, first_seen_ns, updated_ns)
      VALUES ${Array.from({ length: DONE_ROWS_PER_INSERT }, () => "(?, ?, 'done', 1, ?, ?, ?)").join(', ')}`),
    insertRejected: db.prepare(`
      INSERT INTO pairs (event_id, channel_id, state, reason_id, bytes_fetched, first_seen_ns, updated_ns)
      VALUES (?, ?, 'rejected', ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    insertFailed: db.prepare(`
      INSERT INTO pairs (event_id, channel_id, state, error, attempts, bytes_fetched, first_seen_ns, updated_ns)
      VALUES (?, ?, 'failed', ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING`),
    insertRetrying: db.prepare(`
      INSERT INTO pairs (event_id, channel_id, state, retry_at_ns, reason_id, attempts, bytes_fetched, first_seen_ns, updated_ns)
      VALUES (?, ?, 'retrying', ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING`),
    // inserted pairs, counted per batch (schema 3 has no insert triggers)
    bumpPairCount: db.prepare('UPDATE pair_counts SET n = n + ? WHERE state = ?'),
    bumpRejections: db.prepare('INSERT INTO rejection_counts (reason_id, n) VALUES (?, ?) ON CONFLICT (reason_id) DO UPDATE SET n = n + excluded.n'),
    pairState: db.prepare('SELECT state FROM pairs WHERE event_id = ? AND channel_id = ?').pluck(),
    toRetrying: db.prepare(`
      UPDATE pairs SET state = 'retrying', retry_at_ns = ?, reason_id = ?, attempts = attempts + 1,
        bytes_fetched = bytes_fetched + ?, updated_ns = ?
      WHERE event_id = ? AND channel_id = ? AND state IN ${LIVE_STATES}`),
    toRejected: db.prepare(`
      UPDATE pairs SET state = 'rejected', retry_at_ns = NULL, reason_id = ?, bytes_fetched = bytes_fetched + ?, updated_ns = ?
      WHERE event_id = ? AND channel_id = ? AND state IN ${LIVE_STATES}`),
    toFailed: db.prepare(`
      UPDATE pairs SET state = 'failed', retry_at_ns = NULL, error = ?, attempts = attempts + 1,
        bytes_fetched = bytes_fetched + ?, updated_ns = ?
      WHERE event_id = ? AND channel_id = ? AND state IN ${LIVE_STATES}`),
    toDone: db.prepare(`
      UPDATE pairs SET state = 'done', retry_at_ns = NULL, reason_id = NULL, error = NULL, done_count = done_count + 1,
        bytes_fetched = bytes_fetched + ?, updated_ns = ?
      WHERE event_id = ? AND channel_id = ? AND state IN ${LIVE_STATES}`),
    reopen: db.prepare(`
      UPDATE pairs SET state = 'pending', retry_at_ns = NULL, reason_id = NULL, error = NULL, attempts = 0, updated_ns = ?
      WHERE event_id = ? AND channel_id = ?`),
    eventPaired: db.prepare("UPDATE events SET state = 'paired', updated_ns = ? WHERE id = ? AND state = 'pending'"),
    eventRejected: db.prepare(
      "UPDATE events SET state = 'rejected', reason_id = ?, updated_ns = ? WHERE id = ? AND state = 'pending'",
    ),
    eventState: db.prepare('SELECT state FROM events WHERE id = ?').pluck(),
    // outputs already durable under their final names (written by the waveform arm's writers)
    insertCommittedOutput: db.prepare(`
      INSERT INTO outputs (event_id, channel_id, path, temp_path, size, sha256, state, updated_ns) VALUES (?, ?, ?, '', ?, NULL, 'committed', ?)
      ON CONFLICT (event_id, channel_id, path) DO UPDATE SET size = excluded.size, state = 'committed', updated_ns = excluded.updated_ns`),
    addOutputTotals: db.prepare('UPDATE totals SET bytes_written = bytes_written + ?, outputs = outputs + ? WHERE id = 1'),
    // the pairs of one event, with their state (a resumed run skips those an earlier run settled)
    eventPairStates: db.prepare(`
      SELECT c.network, c.station, c.location, c.channel, c.start_ns, p.state FROM pairs p JOIN channels c ON c.id = p.channel_id
      WHERE p.event_id = ?`).safeIntegers(true),
    addBytesFetched: db.prepare('UPDATE totals SET bytes_fetched = bytes_fetched + ? WHERE id = 1'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    eventById: db.prepare('SELECT public_id FROM events WHERE id = ?').pluck(),
    channelById: db.prepare('SELECT network, station, location, channel, start_ns FROM channels WHERE id = ?').safeIntegers(true),
    // due retries: few at a time, read with their attempts and due time
    duePage: db
      .prepare(
        `SELECT event_id, channel_id, attempts, retry_at_ns FROM pairs INDEXED BY pairs_retrying
         WHERE state = 'retrying' AND retry_at_ns <= ?
         ORDER BY retry_at_ns, event_id, channel_id LIMIT ? OFFSET ?`,
      )
      .safeIntegers(true),
    // pending pairs: answered from the index alone (a pending pair has no retry time and no attempts)
    pendingPage: db.prepare(
      `SELECT event_id, channel_id FROM pairs INDEXED BY pairs_pending
       WHERE state = 'pending' AND retry_at_ns IS NULL AND (event_id, channel_id) > (?, ?)
       ORDER BY event_id, channel_id LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
