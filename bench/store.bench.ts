/**
 * Run-state store benchmark at 1,000,000 event-channel pairs (1000 events x 1000 channels):
 *  - inserting the pairs through RunStore.addPairs (batched transactions), against the ceiling of
 *    raw better-sqlite3 prepared inserts into the same schema in one transaction, and against the
 *    floor of one transaction per row (a 5,000-row sample);
 *  - state changes as the engine makes them: nextPairs(2000) then one mark* per pair
 *    (60% done, 25% rejected with 40 distinct reasons, 10% retrying, 5% failed), against raw
 *    prepared UPDATEs by primary key in one transaction;
 *  - `sod status` (readRunStatus and the whole command through main()) on the resulting file.
 * Targets (issue 7): >= 20,000 pairs/s for inserts and for state changes; status < 1 s.
 * Run: npm run bench, or npx tsx bench/store.bench.ts [--quick] (100,000 pairs).
 */
import Database from '../src/store/sqlite-driver.js';
import { Chalk } from 'chalk';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../src/cli/main.js';
import { parseInstant } from '../src/seismogram/time.js';
import { RunStore, STATE_FILE, readRunStatus, type ChannelRecord, type EventRecord, type PairRef } from '../src/store/index.js';
import { MIGRATIONS } from '../src/store/schema.js';

const rate = (n: number, seconds: number) => `${Math.round(n / seconds).toLocaleString('en-US')} pairs/s`;

function seconds<T>(f: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

function rawDatabase(dir: string): Database.Database {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF'); // as in the store: it resolves the ids itself
  for (const m of MIGRATIONS) db.exec(m.sql);
  return db;
}

export async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const nEvents = quick ? 100 : 1000;
  const nChannels = 1000;
  const total = nEvents * nChannels;
  const dir = mkdtempSync(join(tmpdir(), 'sod-store-bench-'));
  console.log(`run-state store benchmark: ${total.toLocaleString('en-US')} pairs (${nEvents} events x ${nChannels} channels) in ${dir}`);
  try {
    const t0 = parseInstant('2020-01-01T00:00:00Z');
    const events: EventRecord[] = Array.from({ length: nEvents }, (_, i) => ({
      publicId: `smi:bench/event/${i}`,
      originTime: t0 + BigInt(i) * 3_600_000_000_000n,
      latitude: (i % 180) - 90,
      longitude: (i % 360) - 180,
      depthKm: 10,
      magnitude: 6,
    }));
    const channels: ChannelRecord[] = Array.from({ length: nChannels }, (_, i) => ({
      id: { network: 'XX', station: `S${i}`, location: '00', channel: 'BHZ' },
      start: t0,
      latitude: 0,
      longitude: 0,
      sampleRate: 40,
    }));

    // ---- inserts
    const runDir = join(dir, 'run');
    const store = RunStore.open(runDir, { recipeHash: 'bench' });
    store.upsertEvents(events);
    store.upsertChannels(channels);
    store.flush();
    const ins = seconds(() => {
      for (const e of events) {
        store.addPairs(channels.map((c): PairRef => ({ event: e.publicId, channel: c })));
      }
      store.flush();
    });

    const raw = rawDatabase(dir);
    const insertEvent = raw.prepare('INSERT INTO events (public_id, origin_time_ns, latitude, longitude, first_seen_ns, updated_ns) VALUES (?, 0, 0, 0, 0, 0)');
    const insertChannel = raw.prepare(
      "INSERT INTO channels (network, station, location, channel, start_ns, first_seen_ns, updated_ns) VALUES ('XX', ?, '00', 'BHZ', 0, 0, 0)",
    );
    raw.transaction(() => {
      for (let i = 0; i < nEvents; i++) insertEvent.run(`e${i}`);
      for (let i = 0; i < nChannels; i++) insertChannel.run(`S${i}`);
    })();
    const insertPair = raw.prepare('INSERT INTO pairs (event_id, channel_id, first_seen_ns, updated_ns) VALUES (?, ?, 0, 0)');
    const ceiling = seconds(() =>
      raw.transaction(() => {
        for (let e = 1; e <= nEvents; e++) for (let c = 1; c <= nChannels; c++) insertPair.run(e, c);
      })(),
    );
    const floorDb = new Database(join(dir, 'floor.sqlite'));
    floorDb.pragma('journal_mode = WAL');
    floorDb.pragma('synchronous = NORMAL');
    floorDb.pragma('foreign_keys = OFF');
    for (const m of MIGRATIONS) floorDb.exec(m.sql);
    const floorInsert = floorDb.prepare('INSERT INTO pairs (event_id, channel_id, first_seen_ns, updated_ns) VALUES (?, ?, 0, 0)');
    const floorRows = 5000;
    const floor = seconds(() => {
      for (let i = 0; i < floorRows; i++) floorInsert.run(1 + (i % 1000), 1 + Math.floor(i / 1000));
    });
    floorDb.close();
    console.log(
      `  insert  ours ${rate(total, ins.seconds)} (${ins.seconds.toFixed(2)} s)` +
        ` | raw prepared, one transaction (ceiling) ${rate(total, ceiling.seconds)} -> ours/ceiling ${(ceiling.seconds / ins.seconds).toFixed(2)}` +
        ` | one transaction per row (floor, ${floorRows} rows) ${rate(floorRows, floor.seconds)} -> ours/floor ${(floorRows / floor.seconds > 0 ? (total / ins.seconds) / (floorRows / floor.seconds) : 0).toFixed(1)}x`,
    );

    // ---- state changes, as the engine makes them
    const reasons = Array.from({ length: 40 }, (_, i) => `distance ${30 + i} deg outside 30-90`);
    let changed = 0;
    const ch = seconds(() => {
      for (;;) {
        const batch = store.nextPairs(2000, 0n);
        if (batch.length === 0) break;
        for (const p of batch) {
          const k = changed++ % 20;
          if (k < 12) store.markDone(p, { bytesFetched: 20_000 });
          else if (k < 17) store.markRejected(p, 'distanceRange', reasons[changed % reasons.length]!);
          else if (k < 19) store.markRetrying(p, 1_000_000n + BigInt(changed), { ingredient: 'fullCoverage', reason: 'no data yet' });
          else store.markFailed(p, 'HTTP 503 Service Unavailable');
        }
      }
      store.flush();
    });
    const update = raw.prepare(
      "UPDATE pairs SET state = ?, reason_id = NULL, updated_ns = 1 WHERE event_id = ? AND channel_id = ? AND state IN ('pending', 'retrying')",
    );
    const states = ['done', 'rejected', 'retrying', 'failed'];
    const rawUpdates = seconds(() =>
      raw.transaction(() => {
        let i = 0;
        for (let e = 1; e <= nEvents; e++) for (let c = 1; c <= nChannels; c++) update.run(states[i++ % 4], e, c);
      })(),
    );
    raw.close();
    console.log(
      `  change  ours (nextPairs + mark*) ${rate(changed, ch.seconds)} (${ch.seconds.toFixed(2)} s, ${changed.toLocaleString('en-US')} pairs)` +
        ` | raw UPDATE by key, one transaction (ceiling) ${rate(total, rawUpdates.seconds)} -> ours/ceiling ${(rawUpdates.seconds / ch.seconds).toFixed(2)}`,
    );
    const counts = store.counts();
    store.close();
    if (counts.pairs.total !== total || changed !== total) throw new Error(`bench: expected ${total} pairs, got ${counts.pairs.total} (${changed} changed)`);

    // ---- resuming: open (quick_check, migrations, recipe check, recovery) at this size
    const reopen = seconds(() => RunStore.open(runDir, { recipeHash: 'bench' }).close());
    console.log(`  reopen  RunStore.open + close ${(reopen.seconds * 1000).toFixed(0)} ms (includes SQLite quick_check)`);

    // ---- status at this size
    const size = statSync(join(runDir, STATE_FILE)).size;
    const st = seconds(() => readRunStatus(runDir));
    const st2 = seconds(() => readRunStatus(runDir));
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), color: new Chalk({ level: 0 }), isTTY: false, cwd: dir };
    const viaMain = async () => {
      const t1 = performance.now();
      const code = await main(['status', runDir], io);
      if (code !== 0) throw new Error(`sod status failed: ${out}`);
      return (performance.now() - t1) / 1000;
    };
    const cold = await viaMain(); // includes loading every command's modules through tsx
    const warm = await viaMain();
    // the command as a user runs it: a fresh node process on the compiled CLI, when it is built
    let processTime = 'not measured (dist/ not built: npm run build)';
    let processSeconds = 0;
    const bin = fileURLToPath(new URL('../bin/sod.js', import.meta.url));
    const built = fileURLToPath(new URL('../dist/store/queries.js', import.meta.url));
    const source = fileURLToPath(new URL('../src/store/queries.ts', import.meta.url));
    if (existsSync(built) && statSync(built).mtimeMs < statSync(source).mtimeMs) {
      processTime = 'not measured (dist/ is older than src/: npm run build)';
    } else if (existsSync(built)) {
      const t2 = performance.now();
      execFileSync(process.execPath, [bin, 'status', runDir], { stdio: 'pipe' });
      processSeconds = (performance.now() - t2) / 1000;
      processTime = `${(processSeconds * 1000).toFixed(0)} ms`;
    }
    console.log(
      `  status  readRunStatus ${(st.seconds * 1000).toFixed(0)} ms first, ${(st2.seconds * 1000).toFixed(0)} ms again; ` +
        `main(['status']) ${(cold * 1000).toFixed(0)} ms cold (tsx module loading), ${(warm * 1000).toFixed(0)} ms warm; ` +
        `'node bin/sod.js status' process ${processTime}; state file ${(size / 1e6).toFixed(0)} MB (target < 1000 ms)`,
    );
    const cli = processSeconds > 0 ? processSeconds : warm;
    console.log(
      `  targets: insert ${total / ins.seconds >= 20_000 ? 'met' : 'MISSED'}, change ${changed / ch.seconds >= 20_000 ? 'met' : 'MISSED'}, status ${cli < 1 ? 'met' : 'MISSED'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
