import { afterEach, describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { join } from 'node:path';
import { RunStore, STATE_FILE } from '../../src/store/index.js';
import { currentSchemaVersion, migrate, MIGRATIONS, type Migration } from '../../src/store/schema.js';
import { channel, event, pair, tempRunDir } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('schema migrations', () => {
  it('brings an existing run up to a newer schema once, keeping its rows', () => {
    const { dir, cleanup } = tempRunDir();
    cleanups.push(cleanup);
    const store = RunStore.open(dir, { recipeHash: 'r' });
    store.upsertEvents([event(1)]);
    store.upsertChannels([channel(1)]);
    store.addPairs([pair(event(1), channel(1))]);
    store.close();

    const next: Migration = {
      version: MIGRATIONS.length + 1,
      description: 'a later column (test)',
      sql: "ALTER TABLE pairs ADD COLUMN note TEXT NOT NULL DEFAULT 'none'",
    };
    const db = new Database(join(dir, STATE_FILE));
    cleanups.push(() => db.close());
    expect(currentSchemaVersion(db)).toBe(MIGRATIONS.length);
    expect(migrate(db, 5n, [...MIGRATIONS, next])).toEqual([next.version]);
    expect(migrate(db, 6n, [...MIGRATIONS, next])).toEqual([]);
    expect(currentSchemaVersion(db)).toBe(next.version);
    expect(db.prepare('SELECT state, note FROM pairs').all()).toEqual([{ state: 'pending', note: 'none' }]);
    expect(db.prepare('SELECT version, applied_at_ns FROM schema_migrations WHERE version = ?').get(next.version)).toEqual({
      version: next.version,
      applied_at_ns: 5,
    });
  });

  it('rolls back a migration that fails, leaving the file as it was', () => {
    const { dir, cleanup } = tempRunDir();
    cleanups.push(cleanup);
    RunStore.open(dir, { recipeHash: 'r' }).close();
    const db = new Database(join(dir, STATE_FILE));
    cleanups.push(() => db.close());
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, description: 'fine', sql: 'CREATE TABLE extra_a (x INTEGER)' },
      { version: MIGRATIONS.length + 2, description: 'broken', sql: 'ALTER TABLE no_such_table ADD COLUMN y' },
    ];
    expect(() => migrate(db, 1n, broken)).toThrow(/no_such_table/);
    expect(currentSchemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra_a'").get()).toBeUndefined();
  });
});

describe('the injected clock', () => {
  it('stamps rows with the clock it is given, not the system time', () => {
    const { dir, cleanup } = tempRunDir();
    let now = 1_000_000_000_000_000_000n;
    const store = RunStore.open(dir, { recipeHash: 'r', clock: () => now });
    cleanups.push(() => {
      store.close();
      cleanup();
    });
    store.upsertEvents([event(1)]);
    store.upsertChannels([channel(1)]);
    const p = pair(event(1), channel(1));
    store.addPairs([p]);
    store.flush();
    now += 86_400_000_000_000n; // a day later
    store.markRetrying(p, now + 3_600_000_000_000n);
    expect(store.pairDetail(p)).toMatchObject({ firstSeen: 1_000_000_000_000_000_000n, updatedAt: 1_000_086_400_000_000_000n });
    expect(store.info().lastWriteAt).toBe(1_000_086_400_000_000_000n);
    expect(store.nextPairs(5, now)).toEqual([]);
    expect(store.nextPairs(5, now + 3_600_000_000_000n).map((x) => x.state)).toEqual(['retrying']);
  });
});

describe('counts kept by triggers', () => {
  function scanCounts(db: Database.Database) {
    const byState = Object.fromEntries(
      (db.prepare('SELECT state, count(*) AS n FROM pairs GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    const byReason = db
      .prepare("SELECT reason_id, count(*) AS n FROM pairs WHERE state = 'rejected' GROUP BY reason_id ORDER BY reason_id")
      .all();
    return { byState, byReason };
  }
  function keptCounts(db: Database.Database) {
    const byState = Object.fromEntries(
      (db.prepare('SELECT state, n FROM pair_counts WHERE n <> 0').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    const byReason = db.prepare('SELECT reason_id, n FROM rejection_counts WHERE n <> 0 ORDER BY reason_id').all();
    return { byState, byReason };
  }

  it('agree with a full count after a random mix of transitions, reopenings and recovery', () => {
    const { dir, cleanup } = tempRunDir();
    cleanups.push(cleanup);
    const store = RunStore.open(dir, { recipeHash: 'r', batchSize: 37 });
    const events = Array.from({ length: 6 }, (_, i) => event(i));
    const channels = Array.from({ length: 40 }, (_, i) => channel(i));
    store.upsertEvents(events);
    store.upsertChannels(channels);
    const pairs = events.flatMap((e) => channels.map((c) => pair(e, c)));
    store.addPairs(pairs);
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 3000; step++) {
      const p = pairs[Math.floor(random() * pairs.length)]!;
      const k = random();
      if (k < 0.3) store.markRejected(p, ['distanceRange', 'someCoverage'][Math.floor(random() * 2)]!, `reason ${Math.floor(random() * 5)}`);
      else if (k < 0.5) store.markRetrying(p, BigInt(step), { ingredient: 'fullCoverage', reason: 'gap' });
      else if (k < 0.65) store.markDone(p);
      else if (k < 0.75) store.markFailed(p, 'boom');
      else if (k < 0.8) store.reopen([p]);
      else if (k < 0.81) store.reopenAll('rejected');
      else store.addPairs([p]);
    }
    store.close();
    const db = new Database(join(dir, STATE_FILE), { readonly: true });
    cleanups.push(() => db.close());
    const scanned = scanCounts(db);
    expect(Object.values(scanned.byState).reduce((a, b) => a + b, 0)).toBe(pairs.length);
    expect(Object.keys(scanned.byState).length).toBeGreaterThanOrEqual(4); // the mix really moved pairs around
    expect(keptCounts(db)).toEqual(scanned);
  });

  it('are filled from the rows already there when a schema-1 run is upgraded', () => {
    const { dir, cleanup } = tempRunDir();
    cleanups.push(cleanup);
    const db = new Database(join(dir, 'v1.sqlite'));
    cleanups.push(() => db.close());
    db.pragma('foreign_keys = OFF'); // as the store runs; these pairs have no event or channel rows
    migrate(db, 0n, MIGRATIONS.slice(0, 1));
    db.exec(`
      INSERT INTO reasons (id, ingredient, reason) VALUES (1, 'a', 'x'), (2, 'b', 'y');
      INSERT INTO pairs (event_id, channel_id, state, reason_id, first_seen_ns, updated_ns) VALUES
        (1, 1, 'done', NULL, 0, 0), (1, 2, 'rejected', 1, 0, 0), (1, 3, 'rejected', 1, 0, 0),
        (2, 1, 'rejected', 2, 0, 0), (2, 2, 'pending', NULL, 0, 0);
    `);
    expect(migrate(db, 1n)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(keptCounts(db)).toEqual({
      byState: { done: 1, rejected: 3, pending: 1 },
      byReason: [
        { reason_id: 1, n: 2 },
        { reason_id: 2, n: 1 },
      ],
    });
  });
});

describe('indexes of the live pairs (schema 3)', () => {
  it('a schema-2 run with pending and retrying pairs is upgraded, and nextPairs still finds them in order', () => {
    const { dir, cleanup } = tempRunDir();
    cleanups.push(cleanup);
    const path = join(dir, STATE_FILE);
    // a run folder as schema 2 left it: events, channels, pairs in every state
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    migrate(db, 0n, MIGRATIONS.filter((m) => m.version <= 2));
    db.exec(`
      INSERT INTO events (id, public_id, origin_time_ns, latitude, longitude, first_seen_ns, updated_ns) VALUES
        (1, '${event(1).publicId}', 0, 0, 0, 0, 0), (2, '${event(2).publicId}', 0, 0, 0, 0, 0);
      INSERT INTO channels (id, network, station, location, channel, start_ns, first_seen_ns, updated_ns) VALUES
        (1, 'XX', 'S0001', '00', 'BHZ', ${channel(1).start}, 0, 0), (2, 'XX', 'S0002', '00', 'BHZ', ${channel(2).start}, 0, 0);
      INSERT INTO pairs (event_id, channel_id, state, retry_at_ns, attempts, first_seen_ns, updated_ns) VALUES
        (1, 1, 'done', NULL, 1, 0, 0), (1, 2, 'retrying', 500, 1, 0, 0), (2, 1, 'pending', NULL, 0, 0, 0),
        (2, 2, 'retrying', 100, 2, 0, 0);
    `);
    db.close();

    const store = RunStore.open(dir, { recipeHash: 'r', clock: () => 1000n, checkIntegrity: true });
    cleanups.push(() => store.close());
    const rows = store.nextPairs(10, 1000n);
    expect(rows.map((r) => [r.event, r.channel.id.station, r.state, r.attempts])).toEqual([
      [event(2).publicId, 'S0002', 'retrying', 2],
      [event(1).publicId, 'S0002', 'retrying', 1],
      [event(2).publicId, 'S0001', 'pending', 0],
    ]);
    expect(store.retrySchedule(50n)).toEqual({ nextRetryAt: 100n, dueNow: 0 });
    store.close();

    const after = new Database(path, { readonly: true });
    cleanups.push(() => after.close());
    const indexes = after.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pairs' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name)).toEqual(['pairs_pending', 'pairs_retrying']);
    expect(indexes.every((i) => /WHERE state = '(pending|retrying)'/.test(i.sql))).toBe(true);
  });
});
