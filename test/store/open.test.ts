import { afterEach, describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  CorruptDatabaseError,
  DatabaseLockedError,
  LOCK_FILE,
  ReadOnlyFolderError,
  RecipeChangedError,
  RunStore,
  RunStoreError,
  STATE_FILE,
  writeOutputAtomically,
} from '../../src/store/index.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.js';
import { channel, event, exited, pair, spawnChild, tempRunDir, waitForLine } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function runDir(): string {
  const { dir, cleanup } = tempRunDir();
  cleanups.push(cleanup);
  return dir;
}

/** A closed run in `dir` with every one of `events` events paired with every one of `channels` channels. */
function fillRun(dir: string, events: number, channels: number): void {
  const store = RunStore.open(dir, { recipeHash: 'recipe-1' });
  store.upsertEvents(Array.from({ length: events }, (_, i) => event(i)));
  store.upsertChannels(Array.from({ length: channels }, (_, i) => channel(i)));
  store.addPairs(Array.from({ length: events }, (_, i) => Array.from({ length: channels }, (_, j) => pair(event(i), channel(j)))).flat());
  store.close();
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** A run with one done pair whose output file lives in <dir>/out. */
async function runWithOutput(dir: string): Promise<{ outPath: string; bytes: Uint8Array }> {
  const store = RunStore.open(dir, { recipeHash: 'recipe-1', recipeText: '<sod>one</sod>' });
  store.upsertEvents([event(1)]);
  store.upsertChannels([channel(1)]);
  store.addPairs([pair(event(1), channel(1))]);
  const bytes = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
  const outPath = join(dir, 'out', 'a.sac');
  await writeOutputAtomically(store, pair(event(1), channel(1)), outPath, bytes);
  store.close();
  return { outPath, bytes };
}

describe('opening a run', () => {
  it('creates the file in WAL mode with the schema recorded, and re-opens without migrating again', () => {
    const dir = runDir();
    RunStore.open(dir, { recipeHash: 'h1' }).close();
    const db = new Database(join(dir, STATE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version, description FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version, description: m.description })));
    db.close();
    RunStore.open(dir, { recipeHash: 'h1' }).close();
    const again = new Database(join(dir, STATE_FILE), { readonly: true });
    expect((again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // released at close
  });

  it('refuses a state file from a newer sod', () => {
    const dir = runDir();
    RunStore.open(dir, { recipeHash: 'h1' }).close();
    const db = new Database(join(dir, STATE_FILE));
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(SCHEMA_VERSION + 1, 'from the future');
    db.close();
    const e = thrown(() => RunStore.open(dir, { recipeHash: 'h1' })) as RunStoreError;
    expect(e.kind).toBe('newer-schema');
    expect(e.message).toContain(`schema ${SCHEMA_VERSION + 1}`);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('recipe changes', () => {
  it('detects a changed recipe, continues when asked, or starts fresh keeping the outputs', async () => {
    const dir = runDir();
    const { outPath, bytes } = await runWithOutput(dir);

    const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-2' }));
    expect(e).toBeInstanceOf(RecipeChangedError);
    const rc = e as RecipeChangedError;
    expect([rc.storedHash, rc.newHash, rc.storedRecipeText]).toEqual(['recipe-1', 'recipe-2', '<sod>one</sod>']);
    expect(rc.message).toMatch(/--restart/);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // a refused open leaves no lock behind

    // same hash: no complaint, state intact
    const same = RunStore.open(dir, { recipeHash: 'recipe-1' });
    expect(same.recipeChanged).toBe(false);
    expect(same.counts().pairs.done).toBe(1);
    same.close();

    // continue with the new recipe: state kept, the change recorded
    const cont = RunStore.open(dir, { recipeHash: 'recipe-2', acceptRecipeChange: true });
    expect(cont.recipeChanged).toBe(true);
    expect(cont.counts().pairs.done).toBe(1);
    expect(cont.info()).toMatchObject({ recipeHash: 'recipe-2', recipeChanges: 1 });
    cont.close();

    // restart: the old state file moves aside (not deleted), outputs untouched, a fresh run begins
    const fresh = RunStore.open(dir, { recipeHash: 'recipe-3', restart: true });
    expect(fresh.movedAside).toMatch(/sod-state\.\d{8}T\d{6}Z(-\d+)?\.sqlite$/);
    expect(fresh.counts().pairs.total).toBe(0);
    fresh.close();
    expect(new Uint8Array(readFileSync(outPath))).toEqual(bytes);
    const old = new Database(fresh.movedAside!, { readonly: true });
    expect((old.prepare("SELECT count(*) AS n FROM pairs WHERE state = 'done'").get() as { n: number }).n).toBe(1);
    old.close();
  });
});

describe('a run in use', () => {
  it('refuses a second writer and names the process holding the run', async () => {
    const dir = runDir();
    const child = spawnChild('hold-run.ts', [dir]);
    cleanups.push(() => child.kill('SIGKILL'));
    await waitForLine(child, 'ready');
    const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-1' }));
    expect(e).toBeInstanceOf(DatabaseLockedError);
    expect((e as DatabaseLockedError).holderPid).toBe(child.pid);
    expect((e as Error).message).toContain(`process ${child.pid} on ${hostname()}`);
    child.stdin!.end();
    expect((await exited(child)).code).toBe(0);
    RunStore.open(dir, { recipeHash: 'recipe-1' }).close(); // free again
  });

  it('takes over the lock of a process that died (kill -9)', async () => {
    const dir = runDir();
    const child = spawnChild('hold-run.ts', [dir]);
    await waitForLine(child, 'ready');
    child.kill('SIGKILL');
    await exited(child);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(child.pid);
    const store = RunStore.open(dir, { recipeHash: 'recipe-1' });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    store.close();
  });

  it('refuses a second open in the same process', () => {
    const dir = runDir();
    const store = RunStore.open(dir, { recipeHash: 'recipe-1' });
    cleanups.push(() => store.close());
    const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-1' })) as DatabaseLockedError;
    expect(e.holderPid).toBe(process.pid);
    expect(e.message).toContain('this same process');
  });

  it('reports a database kept busy by another program (no lock file) as locked, not as a crash', () => {
    const dir = runDir();
    RunStore.open(dir, { recipeHash: 'recipe-1' }).close();
    const other = new Database(join(dir, STATE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-1', busyTimeoutMs: 50 }));
      expect(e).toBeInstanceOf(DatabaseLockedError);
      expect((e as DatabaseLockedError).holderPid).toBeUndefined();
      expect((e as Error).message).toMatch(/busy/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('damaged state files', () => {
  it('reports a file that is not SQLite, and --restart moves it aside without touching outputs', async () => {
    const dir = runDir();
    const { outPath, bytes } = await runWithOutput(dir);
    writeFileSync(join(dir, STATE_FILE), 'this is a SAC file, honest\n'.repeat(200));
    const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-1' }));
    expect(e).toBeInstanceOf(CorruptDatabaseError);
    expect((e as Error).message).toContain(join(dir, STATE_FILE));
    expect((e as Error).message).toMatch(/not an SQLite database/);
    expect((e as Error).message).toMatch(/--restart/);
    expect((e as Error).stack).toBeDefined(); // it is an Error, but its message stands alone:
    expect((e as Error).message).not.toMatch(/\n\s+at /);
    expect(new Uint8Array(readFileSync(outPath))).toEqual(bytes);

    const fresh = RunStore.open(dir, { recipeHash: 'recipe-1', restart: true });
    expect(readFileSync(fresh.movedAside!, 'utf8')).toMatch(/^this is a SAC file/);
    fresh.close();
    expect(new Uint8Array(readFileSync(outPath))).toEqual(bytes);
  });

  it('reports a malformed database (damaged pages)', async () => {
    const dir = runDir();
    fillRun(dir, 50, 200);
    const path = join(dir, STATE_FILE);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(16 * 4096);
    // scribble over pages in the middle of the file (not the header)
    const fd = openSync(path, 'r+');
    const junk = Buffer.alloc(4096 * 6, 0x5a);
    writeSync(fd, junk, 0, junk.length, 4096 * 3);
    closeSync(fd);
    const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-1' }));
    expect(e).toBeInstanceOf(CorruptDatabaseError);
    expect((e as Error).message).toMatch(/damaged/);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('damage found during a run', () => {
  it('is a CorruptDatabaseError, whichever query meets it first', async () => {
    const dir = runDir();
    fillRun(dir, 40, 250);
    const path = join(dir, STATE_FILE);
    const fd = openSync(path, 'r+');
    // everything after the first pages (schema, migrations) becomes junk
    const junk = Buffer.alloc(statSync(path).size - 4096 * 8, 0xa5);
    writeSync(fd, junk, 0, junk.length, 4096 * 8);
    closeSync(fd);
    let error: unknown;
    try {
      const damaged = RunStore.open(dir, { recipeHash: 'recipe-1', checkIntegrity: false });
      try {
        damaged.counts();
        damaged.nextPairs(100, 0n);
        [...damaged.allPairs()];
      } finally {
        try {
          damaged.close();
        } catch {
          // closing a damaged file may fail as well
        }
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    expect((error as Error).message).toContain(path);
  });
});

/**
 * Makes `dir` unwritable, also for root (for whom chmod is not enough): chmod, else the immutable
 * attribute (chattr +i), else a read-only tmpfs mounted on it. Fails, naming what was tried, when
 * none of them works here: the test must not pass without a read-only folder to try.
 */
function makeReadOnly(dir: string): () => void {
  const writable = (): boolean => {
    try {
      writeFileSync(join(dir, 'probe'), 'x');
      execFileSync('rm', [join(dir, 'probe')]);
      return true;
    } catch {
      return false;
    }
  };
  chmodSync(dir, 0o555);
  if (!writable()) return () => chmodSync(dir, 0o755);
  const tried: string[] = ['chmod 555 (running as root)'];
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
    if (!writable()) {
      return () => {
        execFileSync('chattr', ['-i', dir]);
        chmodSync(dir, 0o755);
      };
    }
    execFileSync('chattr', ['-i', dir]);
  } catch (e) {
    tried.push(`chattr +i (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    if (!writable()) {
      return () => {
        execFileSync('umount', [dir]);
        chmodSync(dir, 0o755);
      };
    }
    execFileSync('umount', [dir]);
  } catch (e) {
    tried.push(`mount -o ro tmpfs (${(e as Error).message.split('\n')[0]})`);
  }
  chmodSync(dir, 0o755);
  throw new Error(`cannot make a read-only folder for this test here; tried: ${tried.join('; ')}. Run the tests as a non-root user.`);
}

describe('a read-only run folder', () => {
  it('gives a typed error naming the folder', () => {
    const parent = runDir();
    const dir = join(parent, 'run');
    mkdirSync(dir);
    cleanups.push(makeReadOnly(dir)); // runs before the folder is removed (cleanups run last-in first-out)
    const e = thrown(() => RunStore.open(dir, { recipeHash: 'recipe-1' }));
    expect(e).toBeInstanceOf(ReadOnlyFolderError);
    expect((e as Error).message).toContain(dir);
    expect((e as Error).message).toMatch(/write permission/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
