/**
 * Crash consistency: a writer using the output protocol is killed with SIGKILL at random moments,
 * 25 times; after each kill the run is reopened (which recovers) and checked: every committed output
 * is complete and its checksum matches, no temp file remains, no file is on disk without its row,
 * every done pair has all its files and became done exactly once, and no pair that was done before a
 * child started was fetched by it. Finally a child runs to the end and every pair is done or rejected.
 */
import { describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RunStore, STATE_FILE, TEMP_SUFFIX } from '../../src/store/index.js';
import { expectedContent } from './children/crash-content.js';
import { channel, event, exited, pair, spawnChild, tempRunDir, waitForLine } from './fixtures.js';
import { seededRandom } from '../support/random.js';

const EVENTS = 4;
const CHANNELS = 300; // ample: 25 rounds must not run out of work before the last kill
const KILLS = 25;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

interface Snapshot {
  done: Set<string>;
  states: Map<string, string>;
}

/** Reopens (recovering), closes, then checks the invariants on the files and rows. */
function reopenAndCheck(runDir: string, outDir: string): Snapshot {
  RunStore.open(runDir, { recipeHash: 'crash-test' }).close();
  const db = new Database(join(runDir, STATE_FILE), { readonly: true });
  try {
    const key = "e.public_id || '|' || c.station";
    const pairs = db
      .prepare(`SELECT ${key} AS k, p.state, p.done_count FROM pairs p JOIN events e ON e.id = p.event_id JOIN channels c ON c.id = p.channel_id`)
      .all() as { k: string; state: string; done_count: number }[];
    const outputs = db
      .prepare(
        `SELECT ${key} AS k, o.path, o.size, o.sha256, o.state FROM outputs o JOIN events e ON e.id = o.event_id JOIN channels c ON c.id = o.channel_id`,
      )
      .all() as { k: string; path: string; size: number; sha256: string; state: string }[];

    expect(outputs.filter((o) => o.state !== 'committed')).toEqual([]);
    const files = filesUnder(outDir);
    expect(files.filter((f) => f.endsWith(TEMP_SUFFIX)).map((f) => relative(outDir, f))).toEqual([]);
    // every file on disk has its committed row, and every committed row its complete file
    expect(files.sort()).toEqual(outputs.map((o) => o.path).sort());
    for (const o of outputs) {
      const bytes = new Uint8Array(readFileSync(o.path));
      expect(bytes.length).toBe(o.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(o.sha256);
      // Buffer.equals: vitest's deep equality is far too slow for thousands of large arrays
      const same = Buffer.from(bytes).equals(Buffer.from(expectedContent(o.k, o.path.endsWith('.sac') ? 'sac' : 'mseed')));
      expect({ path: o.path, sameContent: same }).toEqual({ path: o.path, sameContent: true });
    }
    const outputsOf = new Map<string, number>();
    for (const o of outputs) outputsOf.set(o.k, (outputsOf.get(o.k) ?? 0) + 1);
    for (const p of pairs) {
      if (p.state === 'done') {
        expect([p.k, p.done_count, outputsOf.get(p.k)]).toEqual([p.k, 1, 2]);
      } else {
        expect([p.k, p.done_count]).toEqual([p.k, 0]);
      }
    }
    return { done: new Set(pairs.filter((p) => p.state === 'done').map((p) => p.k)), states: new Map(pairs.map((p) => [p.k, p.state])) };
  } finally {
    db.close();
  }
}

function logLines(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('fetch ')) : [];
}

describe('crash consistency of the output protocol', () => {
  it(`keeps files and done rows in agreement through ${KILLS} kill -9 at random moments`, { timeout: 240_000 }, async () => {
    const { dir, cleanup } = tempRunDir('sod-crash-');
    try {
      const runDir = join(dir, 'run');
      const outDir = join(dir, 'out');
      const log = join(dir, 'fetch.log');
      const store = RunStore.open(runDir, { recipeHash: 'crash-test' });
      const events = Array.from({ length: EVENTS }, (_, i) => event(i));
      const channels = Array.from({ length: CHANNELS }, (_, i) => channel(i));
      store.upsertEvents(events);
      store.upsertChannels(channels);
      store.addPairs(events.flatMap((e) => channels.map((c) => pair(e, c))));
      store.close();

      const seed = Number(process.env.SOD_CRASH_SEED ?? Date.now() % 1_000_000);
      const random = seededRandom(seed);
      let killedWhileWorking = 0;
      let snapshot = reopenAndCheck(runDir, outDir);
      for (let round = 0; round < KILLS; round++) {
        const seenBefore = logLines(log).length;
        const child = spawnChild('crash-writer.ts', [runDir, outDir, log]);
        let finished = false;
        child.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('finished')) finished = true;
        });
        await waitForLine(child, 'ready');
        await new Promise((r) => setTimeout(r, 2 + random() * 60));
        child.kill('SIGKILL');
        const { signal } = await exited(child);
        if (signal === 'SIGKILL' && !finished) killedWhileWorking++;
        // nothing that was done before this child started was fetched by it
        const fetched = logLines(log).slice(seenBefore).map((l) => l.slice('fetch '.length));
        expect({ seed, round, refetchedDone: fetched.filter((k) => snapshot.done.has(k)) }).toEqual({ seed, round, refetchedDone: [] });
        snapshot = reopenAndCheck(runDir, outDir);
        if (process.env.SOD_CRASH_VERBOSE) console.log(`round ${round}: ${snapshot.done.size} done, ${fetched.length} fetched`);
      }
      expect({ seed, killedWhileWorking }).toEqual({ seed, killedWhileWorking: KILLS });

      // and to the end, without a kill
      const seenBefore = logLines(log).length;
      const last = spawnChild('crash-writer.ts', [runDir, outDir, log]);
      await waitForLine(last, 'finished', 120_000);
      expect((await exited(last)).code).toBe(0);
      const fetched = logLines(log).slice(seenBefore).map((l) => l.slice('fetch '.length));
      expect(fetched.filter((k) => snapshot.done.has(k))).toEqual([]);
      const final = reopenAndCheck(runDir, outDir);
      const states = [...final.states.values()];
      expect(states.length).toBe(EVENTS * CHANNELS);
      const rejectedExpected = EVENTS * channels.filter((_, i) => i % 5 === 0).length;
      expect(states.filter((s) => s === 'rejected').length).toBe(rejectedExpected);
      expect(states.filter((s) => s === 'done').length).toBe(EVENTS * CHANNELS - rejectedExpected);
      expect(filesUnder(outDir).length).toBe(2 * (EVENTS * CHANNELS - rejectedExpected));
    } finally {
      cleanup();
    }
  });
});
