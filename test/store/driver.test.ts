/**
 * The SQLite driver choice (src/store/sqlite-driver.ts): better-sqlite3 13 where Node-API 10 is
 * there, 12 elsewhere, a clear error when neither is installed, and on the Node running this test a
 * process that opened, used and closed the run state (and ran `sod status`) exits 0, which
 * better-sqlite3 12 on Node 24 does not (it aborts at teardown).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database, {
  chooseSqlitePackage,
  LEGACY_PACKAGE,
  NAPI_NEEDED,
  NAPI_PACKAGE,
  sqliteDriver,
  SqliteDriverError,
  type SqlitePackage,
} from '../../src/store/sqlite-driver.js';
import { openDatabaseFile } from '../../src/store/database-file.js';
import { RunStoreError } from '../../src/store/errors.js';
import { tempRunDir } from './fixtures.js';

const both = () => true;
const only = (name: SqlitePackage) => (n: SqlitePackage) => n === name;
const none = () => false;

describe('chooseSqlitePackage', () => {
  it('takes 13 from Node-API 10 on, 12 below', () => {
    expect(chooseSqlitePackage(NAPI_NEEDED, both).package).toBe(NAPI_PACKAGE);
    expect(chooseSqlitePackage(NAPI_NEEDED + 1, both).package).toBe(NAPI_PACKAGE);
    const old = chooseSqlitePackage(NAPI_NEEDED - 1, both);
    expect(old.package).toBe(LEGACY_PACKAGE);
    expect(old.warning).toBeUndefined();
  });

  it('never takes 13 below Node-API 10, even when it is the only one installed', () => {
    const e = catchError(() => chooseSqlitePackage(9, only(NAPI_PACKAGE), 'v20.20.2'));
    expect(e).toBeInstanceOf(SqliteDriverError);
    expect(e.message).toContain('better-sqlite3 12 is not installed for Node v20.20.2 (Node-API 9)');
    expect(e.message).toContain('npm install');
  });

  it('falls back to 12 with a warning when 13 is missing on a Node that wants it', () => {
    const c = chooseSqlitePackage(10, only(LEGACY_PACKAGE), 'v24.21.0');
    expect(c.package).toBe(LEGACY_PACKAGE);
    expect(c.warning).toMatch(/v24\.21\.0 uses 12, which can abort at exit/);
  });

  it('says what to run when nothing is installed', () => {
    const e = catchError(() => chooseSqlitePackage(10, none, 'v24.21.0'));
    expect(e).toBeInstanceOf(SqliteDriverError);
    expect((e as SqliteDriverError).what).toContain('better-sqlite3 13 (package better-sqlite3-13) or 12 is not installed');
    expect((e as SqliteDriverError).advice).toContain('with Node v24.21.0 first in PATH');
  });
});

describe('the driver on this Node', () => {
  it('is the line that works here, as npm install left it', () => {
    const napi = Number(process.versions.napi);
    const d = sqliteDriver();
    expect(d.package).toBe(napi >= NAPI_NEEDED ? NAPI_PACKAGE : LEGACY_PACKAGE);
    expect(d.warning).toBeUndefined();
    expect(Number(d.version.split('.')[0])).toBe(napi >= NAPI_NEEDED ? 13 : 12);
  });

  it('stands in for better-sqlite3: constructor, instanceof, SqliteError', () => {
    const db = new Database(':memory:');
    try {
      expect(db).toBeInstanceOf(Database);
      expect(db).toBeInstanceOf(sqliteDriver().Database);
      db.exec('CREATE TABLE t (a INTEGER)');
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      db.transaction(() => {
        for (let i = 1; i <= 10; i++) insert.run(i);
      })();
      expect(db.prepare('SELECT sum(a) AS s FROM t').get()).toEqual({ s: 55 });
      const e = catchError(() => db.prepare('SELEC 1'));
      expect(e).toBeInstanceOf(Database.SqliteError);
      expect((e as { code?: string }).code).toBe('SQLITE_ERROR');
    } finally {
      db.close();
    }
  });

  it('opens the state file through the driver; a file that is not SQLite is a RunStoreError', () => {
    const { dir, cleanup } = tempRunDir('sod-driver-');
    try {
      const db = openDatabaseFile(join(dir, 'state.sqlite'));
      expect(db).toBeInstanceOf(Database);
      expect(String(db.pragma('journal_mode', { simple: true }))).toBe('wal');
      db.close();
      const e = catchError(() => openDatabaseFile(fileURLToPath(import.meta.url), { readonly: true }));
      expect(e).toBeInstanceOf(RunStoreError);
      expect((e as RunStoreError).kind).toBe('corrupt');
    } finally {
      cleanup();
    }
  });
});

const TSX_LOADER = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));
const STORE = new URL('../../src/store/index.ts', import.meta.url).href;
const CLI = new URL('../../src/cli/main.ts', import.meta.url).href;

/*
 * The child writes a small run, runs `sod status` on it, then allocates enough short-lived objects
 * that the database wrappers are promoted to V8's old generation, and ends normally. With
 * better-sqlite3 12 on Node 24 that end is SIGABRT (exit 134) from the wrappers' destructors at
 * environment teardown.
 */
const CHILD = `
const { RunStore } = await import(${JSON.stringify(STORE)});
const { main } = await import(${JSON.stringify(CLI)});
const dir = process.argv[1];
const store = RunStore.open(dir, { recipeHash: 'driver-test' });
store.close();
const code = await main(['status', dir]);
let junk = [];
for (let i = 0; i < 2e6; i++) { junk.push({ i }); if (junk.length > 1000) junk = []; }
globalThis.keep = store;
console.log('status exit ' + code);
`;

describe('a process that used the run state', () => {
  it('exits 0 on this Node after sod status and garbage collections', () => {
    expect(existsSync(TSX_LOADER)).toBe(true);
    const { dir, cleanup } = tempRunDir('sod-driver-exit-');
    try {
      const r = spawnSync(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', CHILD, join(dir, 'run')], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).not.toContain('RemoveEnvironmentCleanupHook');
      expect({ status: r.status, signal: r.signal }).toEqual({ status: 0, signal: null });
      expect(r.stdout).toContain('status exit 0');
      expect(r.stdout).toMatch(/^Pairs +0: 0 pending/m);
    } finally {
      cleanup();
    }
  });
});

function catchError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}
