import { afterEach, describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RunStore,
  RunStoreError,
  STATE_FILE,
  TEMP_SUFFIX,
  TransitionError,
  writeOutputAtomically,
  writeOutputsAtomically,
  type PairRef,
} from '../../src/store/index.js';
import { tempPathFor } from '../../src/store/output-protocol.js';
import { channel, event, pair, tempRunDir } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function setup(npairs = 3): { dir: string; out: string; store: RunStore; pairs: PairRef[]; reopen: () => RunStore } {
  const { dir, cleanup } = tempRunDir();
  let store = RunStore.open(dir, { recipeHash: 'r' });
  const channels = Array.from({ length: npairs }, (_, i) => channel(i));
  store.upsertEvents([event(1)]);
  store.upsertChannels(channels);
  const pairs = channels.map((c) => pair(event(1), c));
  store.addPairs(pairs);
  store.flush();
  const ctx = {
    dir,
    out: join(dir, 'out'),
    store,
    pairs,
    reopen: () => {
      ctx.store.close();
      store = RunStore.open(dir, { recipeHash: 'r' });
      ctx.store = store;
      return store;
    },
  };
  cleanups.push(() => {
    ctx.store.close();
    cleanup();
  });
  return ctx;
}

function outputRows(dir: string): { path: string; state: string; size: number | null; sha256: string | null }[] {
  const db = new Database(join(dir, STATE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT path, state, size, sha256 FROM outputs ORDER BY path').all() as never;
  } finally {
    db.close();
  }
}

function tempFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(TEMP_SUFFIX)) : [];
}

const bytesA = new Uint8Array(10_000).map((_, i) => (i * 13) & 0xff);
const bytesB = new Uint8Array(777).map((_, i) => (i * 5 + 1) & 0xff);

describe('writing outputs', () => {
  it('writes the file under its final name, records size and SHA-256, and marks the pair done', async () => {
    const { dir, out, store, pairs } = setup();
    const path = join(out, 'event1', 'XX.S0000.00.BHZ.sac');
    const written = await writeOutputAtomically(store, pairs[0]!, path, bytesA, { bytesFetched: 4096 });
    expect(written).toEqual({ path, size: bytesA.length, sha256: sha(bytesA) });
    expect(new Uint8Array(readFileSync(path))).toEqual(bytesA);
    expect(tempFiles(join(out, 'event1'))).toEqual([]);
    expect(outputRows(dir)).toEqual([{ path, state: 'committed', size: bytesA.length, sha256: sha(bytesA) }]);
    expect(store.pairDetail(pairs[0]!)).toMatchObject({ state: 'done', doneCount: 1, bytesFetched: 4096 });
    expect(store.counts()).toMatchObject({ bytesWritten: bytesA.length, bytesFetched: 4096, outputs: 1 });
  });

  it('writes several files of one pair from streams and marks it done once', async () => {
    const { dir, out, store, pairs } = setup();
    async function* chunks(b: Uint8Array) {
      for (let i = 0; i < b.length; i += 1000) yield b.subarray(i, i + 1000);
    }
    const files = [
      { path: join(out, 'a.sac'), data: chunks(bytesA) },
      { path: join(out, 'a.mseed'), data: chunks(bytesB) },
    ];
    await writeOutputsAtomically(store, pairs[1]!, files);
    expect(new Uint8Array(readFileSync(join(out, 'a.sac')))).toEqual(bytesA);
    expect(new Uint8Array(readFileSync(join(out, 'a.mseed')))).toEqual(bytesB);
    expect(outputRows(dir).map((r) => [r.state, r.sha256])).toEqual([
      ['committed', sha(bytesB)],
      ['committed', sha(bytesA)],
    ]);
    expect(store.pairDetail(pairs[1]!)).toMatchObject({ state: 'done', doneCount: 1 });
  });

  it('refuses to write for a pair already done, before touching any file', async () => {
    const { out, store, pairs } = setup();
    const path = join(out, 'once.sac');
    await writeOutputAtomically(store, pairs[0]!, path, bytesA);
    const err = await writeOutputAtomically(store, pairs[0]!, path, bytesB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransitionError);
    expect((err as Error).message).toMatch(/already done/);
    expect(new Uint8Array(readFileSync(path))).toEqual(bytesA);
    expect(tempFiles(out)).toEqual([]);
    expect(store.pairDetail(pairs[0]!)!.doneCount).toBe(1);
  });

  it('cleans up after a failing stream: no temp file, no row, the pair still pending', async () => {
    const { dir, out, store, pairs } = setup();
    async function* broken() {
      yield bytesA;
      throw new Error('connection reset by the data centre');
    }
    const err = await writeOutputAtomically(store, pairs[2]!, join(out, 'x.sac'), broken()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunStoreError);
    expect((err as Error).message).toContain(join(out, 'x.sac'));
    expect((err as Error).message).toContain('connection reset');
    expect(existsSync(join(out, 'x.sac'))).toBe(false);
    expect(tempFiles(out)).toEqual([]);
    expect(outputRows(dir)).toEqual([]);
    expect(store.pairState(pairs[2]!)).toBe('pending');
  });
});

describe('recovery after a crash at each step of the protocol', () => {
  it('drops a staged output whose temp file was never written or is partial', () => {
    const ctx = setup();
    const [p0, p1] = ctx.pairs as [PairRef, PairRef];
    mkdirSync(ctx.out, { recursive: true });
    const f0 = join(ctx.out, 'p0.sac');
    const f1 = join(ctx.out, 'p1.sac');
    ctx.store.stageOutputs(p0, [{ path: f0, tempPath: tempPathFor(f0), size: bytesA.length, sha256: sha(bytesA) }]);
    const t1 = tempPathFor(f1);
    ctx.store.stageOutputs(p1, [{ path: f1, tempPath: t1, size: bytesA.length, sha256: sha(bytesA) }]);
    writeFileSync(t1, bytesA.subarray(0, 3000)); // killed half-way through the write
    ctx.store.markRetrying(p1, 1n); // it had been retrying before
    ctx.store.flush();
    const store = ctx.reopen();
    expect(store.recovery).toEqual({ committed: 0, dropped: 2, tempFilesRemoved: 1, pairsDone: 0, pairsReset: 2 });
    expect(tempFiles(ctx.out)).toEqual([]);
    expect(outputRows(ctx.dir)).toEqual([]);
    expect(store.pairState(p0)).toBe('pending');
    // a pair that was being retried stays retrying, and due: it is fetched again at once
    expect(store.pairDetail(p1)).toMatchObject({ state: 'retrying', retryAt: 1n, attempts: 1 });
    expect(store.nextPairs(10, 1n).map((x) => x.channel.id.station)).toEqual([p1.channel.id.station, p0.channel.id.station, 'S0002']);
  });

  it('drops a complete temp file that was not renamed, and keeps an older final file as it was', () => {
    const ctx = setup();
    const p = ctx.pairs[0]!;
    mkdirSync(ctx.out, { recursive: true });
    const f = join(ctx.out, 'p.sac');
    writeFileSync(f, bytesB); // an older version under the final name
    const t = tempPathFor(f);
    ctx.store.stageOutputs(p, [{ path: f, tempPath: t, size: bytesA.length, sha256: sha(bytesA) }]);
    writeFileSync(t, bytesA);
    const store = ctx.reopen();
    expect(store.recovery).toMatchObject({ committed: 0, dropped: 1, tempFilesRemoved: 1, pairsReset: 1 });
    expect(new Uint8Array(readFileSync(f))).toEqual(bytesB);
    expect(store.pairState(p)).toBe('pending');
  });

  it('commits an output renamed into place whose commit was lost, without fetching again', () => {
    const ctx = setup();
    const p = ctx.pairs[0]!;
    mkdirSync(ctx.out, { recursive: true });
    const f = join(ctx.out, 'p.sac');
    ctx.store.stageOutputs(p, [{ path: f, tempPath: tempPathFor(f), size: bytesA.length, sha256: sha(bytesA) }]);
    writeFileSync(f, bytesA); // the rename happened
    const store = ctx.reopen();
    expect(store.recovery).toEqual({ committed: 1, dropped: 0, tempFilesRemoved: 0, pairsDone: 1, pairsReset: 0 });
    expect(store.pairDetail(p)).toMatchObject({ state: 'done', doneCount: 1 });
    expect(outputRows(ctx.dir)).toEqual([{ path: f, state: 'committed', size: bytesA.length, sha256: sha(bytesA) }]);
    expect(store.counts()).toMatchObject({ bytesWritten: bytesA.length, outputs: 1 });
    expect(store.nextPairs(10, 0n).map((x) => x.channel.id.station)).not.toContain(p.channel.id.station);
    // recover() again changes nothing
    expect(store.recover()).toEqual({ committed: 0, dropped: 0, tempFilesRemoved: 0, pairsDone: 0, pairsReset: 0 });
  });

  it('puts a pair back to pending when only some of its files were renamed', () => {
    const ctx = setup();
    const p = ctx.pairs[0]!;
    mkdirSync(ctx.out, { recursive: true });
    const fa = join(ctx.out, 'p.sac');
    const fb = join(ctx.out, 'p.mseed');
    const tb = tempPathFor(fb);
    ctx.store.stageOutputs(p, [{ path: fa, tempPath: tempPathFor(fa), size: bytesA.length, sha256: sha(bytesA) }]);
    ctx.store.stageOutputs(p, [{ path: fb, tempPath: tb, size: bytesB.length, sha256: sha(bytesB) }]);
    writeFileSync(fa, bytesA); // first rename done
    writeFileSync(tb, bytesB); // second still under its temp name
    const store = ctx.reopen();
    expect(store.recovery).toEqual({ committed: 1, dropped: 1, tempFilesRemoved: 1, pairsDone: 0, pairsReset: 1 });
    expect(store.pairState(p)).toBe('pending');
    expect(tempFiles(ctx.out)).toEqual([]);
    expect(existsSync(fb)).toBe(false);
  });

  it('does not finish a pair from a file left by an earlier partial attempt (found by the kill -9 test)', () => {
    const ctx = setup();
    const p = ctx.pairs[0]!;
    mkdirSync(ctx.out, { recursive: true });
    const fa = join(ctx.out, 'p.sac');
    const fb = join(ctx.out, 'p.mseed');
    const outputs = () => [
      { path: fa, tempPath: tempPathFor(fa), size: bytesA.length, sha256: sha(bytesA) },
      { path: fb, tempPath: tempPathFor(fb), size: bytesB.length, sha256: sha(bytesB) },
    ];
    // attempt 1: killed after the first rename
    ctx.store.stageOutputs(p, outputs());
    writeFileSync(fa, bytesA);
    let store = ctx.reopen();
    expect(store.pairState(p)).toBe('pending');
    // attempt 2: killed after staging, before any rename; p.sac from attempt 1 matches its row
    store.stageOutputs(p, outputs());
    store = ctx.reopen();
    expect(store.recovery).toMatchObject({ committed: 1, dropped: 1, pairsDone: 0, pairsReset: 1 });
    expect(store.pairDetail(p)).toMatchObject({ state: 'pending', doneCount: 0 });
  });

  it('drops a stream output whose size and checksum were never recorded, even if a file has its name', () => {
    const ctx = setup();
    const p = ctx.pairs[0]!;
    mkdirSync(ctx.out, { recursive: true });
    const f = join(ctx.out, 'p.sac');
    const t = tempPathFor(f);
    ctx.store.stageOutputs(p, [{ path: f, tempPath: t, size: null, sha256: null }]);
    writeFileSync(t, bytesA.subarray(0, 10));
    writeFileSync(f, bytesB); // from some earlier run
    const store = ctx.reopen();
    expect(store.recovery).toMatchObject({ committed: 0, dropped: 1, tempFilesRemoved: 1, pairsReset: 1 });
    expect(new Uint8Array(readFileSync(f))).toEqual(bytesB);
  });
});
