/**
 * The database schema as a list of migrations. A migration is applied once, in order, inside one
 * transaction, and recorded in `schema_migrations`; an old run folder is brought up to date when
 * it is opened. Never edit a migration that has shipped: add a new one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events, channels, pairs, rejection reasons, outputs, recipe',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- every recipe this run has been carried out with, oldest first
      CREATE TABLE recipes (
        id            INTEGER PRIMARY KEY,
        hash          TEXT NOT NULL,
        text          TEXT,
        first_used_ns INTEGER NOT NULL
      );

      CREATE TABLE events (
        id                INTEGER PRIMARY KEY,
        public_id         TEXT NOT NULL UNIQUE,
        origin_time_ns    INTEGER NOT NULL,
        latitude          REAL NOT NULL,
        longitude         REAL NOT NULL,
        depth_km          REAL,
        magnitude         REAL,
        magnitude_type    TEXT,
        extra             TEXT,
        state             TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'paired', 'rejected')),
        reason_id         INTEGER REFERENCES reasons(id),
        first_seen_ns     INTEGER NOT NULL,
        updated_ns        INTEGER NOT NULL
      );

      CREATE TABLE channels (
        id             INTEGER PRIMARY KEY,
        network        TEXT NOT NULL,
        station        TEXT NOT NULL,
        location       TEXT NOT NULL,
        channel        TEXT NOT NULL,
        start_ns       INTEGER NOT NULL,
        end_ns         INTEGER,
        latitude       REAL,
        longitude      REAL,
        elevation_m    REAL,
        depth_m        REAL,
        azimuth        REAL,
        dip            REAL,
        sample_rate    REAL,
        extra          TEXT,
        first_seen_ns  INTEGER NOT NULL,
        updated_ns     INTEGER NOT NULL,
        UNIQUE (network, station, location, channel, start_ns)
      );

      -- (ingredient, reason) texts kept once; pairs point at them so that a million rejections
      -- cost an integer each and the most common reasons are a grouped index scan
      CREATE TABLE reasons (
        id         INTEGER PRIMARY KEY,
        ingredient TEXT NOT NULL,
        reason     TEXT NOT NULL,
        UNIQUE (ingredient, reason)
      );

      CREATE TABLE pairs (
        event_id      INTEGER NOT NULL REFERENCES events(id),
        channel_id    INTEGER NOT NULL REFERENCES channels(id),
        state         TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'retrying', 'done', 'rejected', 'failed')),
        -- why rejected (or, while retrying, why the data were not good enough yet)
        reason_id     INTEGER REFERENCES reasons(id),
        retry_at_ns   INTEGER,
        attempts      INTEGER NOT NULL DEFAULT 0,
        first_seen_ns INTEGER NOT NULL,
        updated_ns    INTEGER NOT NULL,
        error         TEXT,
        bytes_fetched INTEGER NOT NULL DEFAULT 0,
        done_count    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (event_id, channel_id)
      ) WITHOUT ROWID;

      -- counts by state (covering), pending pairs in key order, retrying pairs by due time
      CREATE INDEX pairs_by_state ON pairs (state, retry_at_ns);
      -- the most common rejection reasons without touching the other pairs
      CREATE INDEX pairs_rejected_by_reason ON pairs (reason_id) WHERE state = 'rejected';

      CREATE TABLE outputs (
        event_id   INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        path       TEXT NOT NULL,
        temp_path  TEXT NOT NULL,
        size       INTEGER,
        sha256     TEXT,
        state      TEXT NOT NULL CHECK (state IN ('staged', 'committed')),
        updated_ns INTEGER NOT NULL,
        PRIMARY KEY (event_id, channel_id, path),
        FOREIGN KEY (event_id, channel_id) REFERENCES pairs (event_id, channel_id)
      ) WITHOUT ROWID;
      CREATE INDEX outputs_staged ON outputs (event_id, channel_id) WHERE state = 'staged';

      -- running totals kept in step with the pairs, so status needs no full scan for them
      CREATE TABLE totals (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        bytes_fetched INTEGER NOT NULL DEFAULT 0,
        bytes_written INTEGER NOT NULL DEFAULT 0,
        outputs       INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO totals (id) VALUES (1);
    `,
  },
  {
    version: 2,
    description: 'pair counts by state and rejection counts by reason, kept by triggers',
    sql: `
      -- sod status at millions of pairs: counts kept in step by triggers instead of an index scan
      CREATE TABLE pair_counts (
        state TEXT PRIMARY KEY,
        n     INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO pair_counts (state, n)
        SELECT s.state, (SELECT count(*) FROM pairs p WHERE p.state = s.state)
        FROM (SELECT 'pending' AS state UNION ALL SELECT 'retrying' UNION ALL SELECT 'done'
              UNION ALL SELECT 'rejected' UNION ALL SELECT 'failed') AS s;

      CREATE TRIGGER pairs_count_insert AFTER INSERT ON pairs BEGIN
        UPDATE pair_counts SET n = n + 1 WHERE state = NEW.state;
      END;
      CREATE TRIGGER pairs_count_update AFTER UPDATE OF state ON pairs WHEN OLD.state <> NEW.state BEGIN
        UPDATE pair_counts SET n = n - 1 WHERE state = OLD.state;
        UPDATE pair_counts SET n = n + 1 WHERE state = NEW.state;
      END;
      CREATE TRIGGER pairs_count_delete AFTER DELETE ON pairs BEGIN
        UPDATE pair_counts SET n = n - 1 WHERE state = OLD.state;
      END;

      CREATE TABLE rejection_counts (
        reason_id INTEGER PRIMARY KEY,
        n         INTEGER NOT NULL
      );
      CREATE INDEX rejection_counts_by_n ON rejection_counts (n);
      INSERT INTO rejection_counts (reason_id, n)
        SELECT reason_id, count(*) FROM pairs WHERE state = 'rejected' AND reason_id IS NOT NULL GROUP BY reason_id;

      CREATE TRIGGER pairs_rejection_enter_insert AFTER INSERT ON pairs
      WHEN NEW.state = 'rejected' AND NEW.reason_id IS NOT NULL BEGIN
        INSERT INTO rejection_counts (reason_id, n) VALUES (NEW.reason_id, 1)
          ON CONFLICT (reason_id) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER pairs_rejection_leave AFTER UPDATE OF state, reason_id ON pairs
      WHEN OLD.state = 'rejected' AND OLD.reason_id IS NOT NULL BEGIN
        UPDATE rejection_counts SET n = n - 1 WHERE reason_id = OLD.reason_id;
      END;
      CREATE TRIGGER pairs_rejection_enter AFTER UPDATE OF state, reason_id ON pairs
      WHEN NEW.state = 'rejected' AND NEW.reason_id IS NOT NULL BEGIN
        INSERT INTO rejection_counts (reason_id, n) VALUES (NEW.reason_id, 1)
          ON CONFLICT (reason_id) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER pairs_rejection_delete AFTER DELETE ON pairs
      WHEN OLD.state = 'rejected' AND OLD.reason_id IS NOT NULL BEGIN
        UPDATE rejection_counts SET n = n - 1 WHERE reason_id = OLD.reason_id;
      END;

      -- the counts replace this index; one index fewer to keep on every rejection
      DROP INDEX pairs_rejected_by_reason;
    `,
  },
  {
    version: 3,
    description: 'indexes of the live pairs only (pending, retrying); inserts counted per batch',
    sql: `
      -- Settled pairs (done, rejected, failed) are most of a run and are never looked up by state
      -- (the counts are kept in pair_counts): partial indexes of the live pairs mean that recording
      -- a settled pair touches no index besides the table's own key.
      DROP INDEX pairs_by_state;
      -- pending pairs in key order (nextPairs walks them with a cursor)
      CREATE INDEX pairs_pending ON pairs (event_id, channel_id, retry_at_ns) WHERE state = 'pending';
      -- retrying pairs by due time
      CREATE INDEX pairs_retrying ON pairs (retry_at_ns, event_id, channel_id, attempts) WHERE state = 'retrying';

      -- Inserted pairs are counted by the store, once per batch (InsertedCounts in write-ops.ts),
      -- instead of by a trigger once per pair: every insert of a pair goes through that code.
      -- Updates and deletes keep their triggers.
      DROP TRIGGER pairs_count_insert;
      DROP TRIGGER pairs_rejection_enter_insert;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The version recorded in the file, 0 for a new, empty database. */
export function currentSchemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | bigint | null };
  return row.v === null ? 0 : Number(row.v);
}

/** Applies the migrations the file lacks, in one transaction; returns the versions applied. */
export function migrate(db: Database.Database, nowNs: bigint, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version       INTEGER PRIMARY KEY,
      description   TEXT NOT NULL,
      applied_at_ns INTEGER NOT NULL
    )`);
    const have = currentSchemaVersion(db);
    const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at_ns) VALUES (?, ?, ?)');
    for (const m of migrations) {
      if (m.version <= have) continue;
      db.exec(m.sql);
      record.run(m.version, m.description, nowNs);
      applied.push(m.version);
    }
  }).immediate();
  return applied;
}
