import { afterEach, describe, expect, it } from 'vitest';
import Database from '../../src/store/sqlite-driver.js';
import { Chalk } from 'chalk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/cli/command.js';
import { RunStore, STATE_FILE, type PairRef } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { channel, event, pair, tempRunDir } from '../store/fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function captureIO(cwd: string): CommandIO & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => (out += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => (err += t.endsWith('\n') ? t : t + '\n'),
    color: new Chalk({ level: 0 }),
    isTTY: false,
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}

async function sod(cwd: string, ...args: string[]) {
  const io = captureIO(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** A run of 2 events x 5 channels: 3 rejected (2 reasons), 1 retrying, 2 done (10 bytes fetched), 1 failed. */
function sampleRun(): { dir: string; store: RunStore; pairs: PairRef[] } {
  const { dir, cleanup } = tempRunDir('sod-status-');
  const store = RunStore.open(join(dir, 'run'), { recipeHash: 'f00dfeedcafe0123456789' });
  cleanups.push(() => {
    store.close();
    cleanup();
  });
  const events = [event(1), event(2), event(3)];
  const channels = Array.from({ length: 5 }, (_, i) => channel(i));
  store.upsertEvents(events);
  store.upsertChannels(channels);
  const pairs = events.slice(0, 2).flatMap((e) => channels.map((c) => pair(e, c)));
  store.addPairs(pairs);
  store.markEventPaired(events[0]!.publicId);
  store.markEventPaired(events[1]!.publicId);
  store.markEventRejected(events[2]!.publicId, 'magnitudeRange', 'magnitude 4.2 below 5.5');
  store.markRejected(pairs[0]!, 'distanceRange', 'distance outside 30-90 deg');
  store.markRejected(pairs[1]!, 'distanceRange', 'distance outside 30-90 deg');
  store.markRejected(pairs[2]!, 'someCoverage', 'no data in the window');
  store.markRetrying(pairs[3]!, 4_000_000_000_000_000_000n, { ingredient: 'fullCoverage', reason: 'gap of 12 s' });
  store.markDone(pairs[4]!, { bytesFetched: 4 });
  store.markDone(pairs[5]!, { bytesFetched: 6 });
  store.markFailed(pairs[6]!, 'HTTP 503');
  store.flush();
  return { dir, store, pairs };
}

describe('sod status', () => {
  it('prints the counts and the most common rejections', async () => {
    const { dir } = sampleRun();
    const r = await sod(dir, 'status', 'run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Run ${join(dir, 'run')}`);
    expect(lines[1]).toMatch(new RegExp(`^  running \\(process ${process.pid}\\), recipe f00dfeedcafe, last write \\d{4}-`));
    expect(lines).toContain('Events   3: 0 pending, 2 paired, 1 rejected');
    expect(lines).toContain('Channels 5');
    expect(lines).toContain('Pairs    10: 3 pending, 1 retrying, 2 done, 3 rejected, 1 failed');
    expect(lines).toContain('         next retry 2096-10-02T07:06:40.000Z, 0 due now');
    expect(lines).toContain('Data     10 B fetched, 0 B written in 0 files');
    const table = lines.slice(lines.indexOf('Most common reasons pairs were rejected') + 1);
    expect(table.slice(0, 3)).toEqual([
      '  count  ingredient     reason',
      '      2  distanceRange  distance outside 30-90 deg',
      '      1  someCoverage   no data in the window',
    ]);
    expect(lines).toContain('      1  magnitudeRange  magnitude 4.2 below 5.5');
  });

  it('answers in JSON with --json, and --top limits the reasons', async () => {
    const { dir } = sampleRun();
    const r = await sod(dir, 'status', join(dir, 'run'), '--json', '--top', '1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      runDir: join(dir, 'run'),
      running: 'running',
      pid: process.pid,
      recipeHash: 'f00dfeedcafe0123456789',
      schemaVersion: SCHEMA_VERSION,
      channels: 5,
      events: { pending: 0, paired: 2, rejected: 1, total: 3 },
      pairs: { pending: 3, retrying: 1, done: 2, rejected: 3, failed: 1, total: 10 },
      bytesFetched: 10,
      nextRetryAt: '2096-10-02T07:06:40.000Z',
      topRejections: [{ ingredient: 'distanceRange', reason: 'distance outside 30-90 deg', count: 2 }],
    });
  });

  it('lists per-event progress with --events', async () => {
    const { dir } = sampleRun();
    const text = (await sod(dir, 'status', 'run', '--events', '2')).out.split('\n');
    const head = text.indexOf('Events by origin time');
    expect(head).toBeGreaterThan(0);
    expect(text[head + 2]).toMatch(/^  smi:test\/event\/1 +2020-01-01T01:00:00\.000Z +5\.1  paired +5: +0 +1 +1 +3 +0$/);
    expect(text[head + 3]).toMatch(/^  smi:test\/event\/2 +2020-01-01T02:00:00\.000Z +5\.2  paired +5: +3 +0 +1 +0 +1$/);
    expect(text.slice(head + 4).filter((l) => l !== '')).toEqual([]); // --events 2: the third event is not listed
    const j = JSON.parse((await sod(dir, 'status', 'run', '--json', '--events', '5')).out);
    expect(j.eventProgress.map((e: { event: string; state: string; pairs: { total: number } }) => [e.event, e.state, e.pairs.total])).toEqual([
      ['smi:test/event/1', 'paired', 5],
      ['smi:test/event/2', 'paired', 5],
      ['smi:test/event/3', 'rejected', 0],
    ]);
  });

  it('reads while a run is writing, including during an open write transaction', async () => {
    const { dir, store, pairs } = sampleRun();
    store.markDone(pairs[7]!);
    store.flush();
    const writer = new Database(join(dir, 'run', STATE_FILE));
    cleanups.push(() => writer.close());
    writer.exec('BEGIN IMMEDIATE');
    writer.exec("UPDATE pairs SET state = 'done' WHERE state = 'pending'");
    const during = JSON.parse((await sod(dir, 'status', 'run', '--json')).out);
    expect(during.pairs).toMatchObject({ done: 3, pending: 2 }); // the committed snapshot
    writer.exec('COMMIT');
    const after = JSON.parse((await sod(dir, 'status', 'run', '--json')).out);
    expect(after.pairs).toMatchObject({ done: 5, pending: 0 });
  });

  it('says the run is not running once it is closed', async () => {
    const { dir, store } = sampleRun();
    store.close();
    const r = await sod(dir, 'status', 'run');
    expect(r.out.split('\n')[1]).toMatch(/^  not running, recipe f00dfeedcafe/);
  });

  it('explains a missing run, a folder without state, and a damaged file, without a stack trace', async () => {
    const { dir, cleanup } = tempRunDir('sod-status-');
    cleanups.push(cleanup);
    const missing = await sod(dir, 'status', 'nowhere');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`sod status: ${join(dir, 'nowhere')}: no such run folder\n  Give the folder a run keeps its state in (the one holding sod-state.sqlite).\n`);

    mkdirSync(join(dir, 'empty'));
    const empty = await sod(dir, 'status', 'empty');
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/no run state in this folder \(sod-state\.sqlite not found\)/);

    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', STATE_FILE), Buffer.alloc(8192, 0x41));
    const bad = await sod(dir, 'status', 'bad');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/run-state database is damaged: it is not an SQLite database/);
    for (const r of [missing, empty, bad]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reports command-line mistakes with the usage', async () => {
    const none = await sod('/', 'status');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/which run folder\?/);
    const top = await sod('/', 'status', 'x', '--top', 'many');
    expect(top.code).toBe(2);
    expect(top.err).toMatch(/--top needs a whole number/);
  });
});
