/**
 * Opening the state file with the settings the run depends on, and moving an old one aside.
 *
 * Crash safety: the file is in WAL mode with synchronous=NORMAL. In WAL mode every committed
 * transaction is in the WAL file before the commit returns, so a killed process (kill -9, a crash,
 * Ctrl-C) loses nothing that was committed; what NORMAL gives up against FULL is the fsync of the
 * WAL at each commit, so a power cut or kernel crash can roll back the last few commits, never
 * corrupt the file. That roll-back is harmless here because the output protocol makes every file
 * durable (fsync of the file and of its folder) *before* the row that says it is committed is
 * written: after a power cut the database can only lag behind the files (a few pairs are fetched
 * again), never claim a file that is not on disk. FULL would add an fsync to every batch and to
 * every output commit for no gain in agreement between files and rows.
 */
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatInstant, NS_PER_MILLISECOND } from '../seismogram/time.js';
import { CorruptDatabaseError, RunStoreError } from './errors.js';
import Database, { SqliteDriverError } from './sqlite-driver.js';
import { translateStoreError } from './sqlite-errors.js';

export interface OpenFileOptions {
  readonly?: boolean;
  busyTimeoutMs?: number;
  /** run PRAGMA quick_check: catches most damage at open instead of in the middle of a run */
  check?: boolean;
}

export function openDatabaseFile(path: string, options: OpenFileOptions = {}): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: options.busyTimeoutMs ?? 5000,
    });
    if (!options.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') {
        throw new CorruptDatabaseError(path, `SQLite refused WAL mode (journal mode is '${String(mode)}')`);
      }
      db.pragma('synchronous = NORMAL');
      // keep the WAL from staying large after a burst of writes
      db.pragma('journal_size_limit = 67108864');
      db.pragma('foreign_keys = OFF');
    } else {
      // touching the schema makes SQLite read the header: a file that is not SQLite fails here
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    }
    if (options.check) {
      const result = db.pragma('quick_check(1)', { simple: true });
      if (result !== 'ok') throw new CorruptDatabaseError(path, `SQLite's integrity check says: ${String(result)}`);
    }
    return db;
  } catch (e) {
    try {
      db?.close();
    } catch {
      // closing a broken handle may fail too; the first error is the one to report
    }
    if (e instanceof SqliteDriverError) throw new RunStoreError('io', path, e.what, e.advice, { cause: e });
    throw translateStoreError(e, path, 'opening the run state');
  }
}

/** Compact UTC stamp for file names: 20261122T031500Z. */
function fileStamp(ms: number): string {
  return formatInstant(BigInt(Math.trunc(ms)) * NS_PER_MILLISECOND, 0).replace(/[-:]/g, '');
}

/**
 * Renames the state file (and its -wal/-shm companions, which SQLite finds by name) to
 * `<name>.<stamp>.sqlite` in the same folder, for `--restart` and for damaged files. Returns the
 * new path, or undefined when there was nothing to move. Never deletes anything.
 */
export function moveStateFileAside(path: string, nowMs: number): string | undefined {
  if (!existsSync(path)) return undefined;
  const base = basename(path).replace(/\.sqlite$/, '');
  let target = join(dirname(path), `${base}.${fileStamp(nowMs)}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(dirname(path), `${base}.${fileStamp(nowMs)}-${n}.sqlite`);
  try {
    // companions first: a main file without its WAL would lose the last commits
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    }
    renameSync(path, target);
  } catch (e) {
    throw translateStoreError(e, path, 'moving the old run state aside');
  }
  return target;
}
