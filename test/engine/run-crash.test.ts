/**
 * `sod run` killed with SIGKILL at random moments, at least 20 times, against the stand-in, and
 * started again each time on the same run folder. In the end every pair is done exactly once, no
 * output file is partial or left under a temporary name, every file on disk is one the state
 * lists, and no child asked the data centre again for a pair an earlier child had finished.
 */
import Database from '../../src/store/sqlite-driver.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArchive, LAYOUT } from '../../bench/support/waveform-archive.js';
import { waveformRecipe } from '../../bench/support/waveform-recipe.js';
import { isTempName } from '../../src/files/atomic-file.js';
import { readMseedRecords } from '../../src/formats/mseed/decoder.js';
import { NS_PER_SECOND, parseInstant } from '../../src/seismogram/time.js';
import { STATE_FILE } from '../../src/store/index.js';
import { seededRandom } from '../support/random.js';
import { startStandin, type Standin } from '../support/fdsn-standin/index.js';

const EVENTS = 40;
const CHANNELS = 50;
const KILLS = 20;
// the built command, as users run it (npm test builds dist/ first): it starts in a third of tsx's time
const CLI = fileURLToPath(new URL('../../bin/sod.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/sod.js', import.meta.url));

let standin: Standin;
let work: string;

beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first (npm test does)`);
  work = join(tmpdir(), `sod-run-crash-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const archive = makeArchive(work, CHANNELS, EVENTS, EVENTS);
  // a slow data centre, so that a kill lands while requests are in flight
  standin = await startStandin({ archive: archive.dir, faults: [{ path: '/fdsnws/dataselect/1/query', delayMs: 250 }] });
}, 120_000);
afterAll(() => standin?.close());

function sodChild(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

interface PairRow {
  key: string;
  state: string;
  done_count: number;
}

/** Pair key as the requests name it: channel and window start (origin + the recipe's begin offset). */
function pairRows(runDir: string): PairRow[] {
  const path = join(runDir, STATE_FILE);
  if (!existsSync(path)) return [];
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    const rows = db
      .prepare(
        `SELECT c.network || '.' || c.station || '.' || c.location || '.' || c.channel AS ch, e.origin_time_ns AS t, p.state, p.done_count
         FROM pairs p JOIN events e ON e.id = p.event_id JOIN channels c ON c.id = p.channel_id`,
      )
      .safeIntegers(true)
      .all() as { ch: string; t: bigint; state: string; done_count: bigint }[];
    return rows.map((r) => ({ key: `${r.ch}|${r.t + BigInt(LAYOUT.windowBeginSeconds) * NS_PER_SECOND}`, state: r.state, done_count: Number(r.done_count) }));
  } finally {
    db.close();
  }
}

function doneCount(runDir: string): number {
  try {
    return pairRows(runDir).filter((r) => r.state === 'done').length;
  } catch {
    return 0; // the child is creating the file
  }
}

/** Selection lines of the dataselect requests from index `from` on, as pair keys. */
function requestedSince(from: number): string[] {
  const keys: string[] = [];
  for (const r of standin.stats.requests.slice(from)) {
    if (r.path !== '/fdsnws/dataselect/1/query' || r.method !== 'POST') continue;
    for (const line of r.body.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length !== 6 || f[0]!.includes('=')) continue;
      keys.push(`${f[0]}.${f[1]}.${f[2] === '--' ? '' : f[2]}.${f[3]}|${parseInstant(f[4]!)}`);
    }
  }
  return keys;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sod run killed at random moments', () => {
  it(`ends with every pair done exactly once after ${KILLS} kills, nothing fetched twice, no partial file`, async () => {
    const dir = join(work, 'run-dir');
    const runDir = join(dir, 'run');
    mkdirSync(dir, { recursive: true });
    const recipe = waveformRecipe(Number(new URL(standin.origin).port), EVENTS, false)
      .replace('<rMean/>', '<rMean/>\n        <mseedWriter><workingDir>out</workingDir></mseedWriter>\n        <csvWriter><location>seismograms.csv</location></csvWriter>')
      .replace('<sod>', '<sod>\n    <properties><waveformWorkerThreads>1</waveformWorkerThreads></properties>');
    writeFileSync(join(dir, 'recipe.xml'), recipe);
    const random = seededRandom(20261204);
    const args = ['run', join(dir, 'recipe.xml'), '--out', runDir, '--once', '--quiet'];

    let kills = 0;
    let rounds = 0;
    const finishedBy = new Map<string, number>(); // pair -> round at whose end it was done
    while (kills < KILLS) {
      rounds++;
      expect(rounds, 'the run finished before enough kills landed: make the work larger').toBeLessThan(KILLS * 3);
      const before = doneCount(runDir);
      const from = standin.stats.requests.length;
      const child = sodChild(args);
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const ended = exited(child);
      let endedEarly = false;
      void ended.then(() => (endedEarly = true));
      if (random() < 0.25) {
        // a moment anywhere in start-up
        await sleep(200 + random() * 1000);
      } else {
        // a moment while pairs are being finished
        const t0 = Date.now();
        while (!endedEarly && doneCount(runDir) <= before && Date.now() - t0 < 30_000) await sleep(20);
        await sleep(random() * 400);
      }
      if (endedEarly) {
        const r = await ended;
        expect(r.code, stderr).toBe(0);
        break; // the work ran out: the final run below checks the rest
      }
      child.kill('SIGKILL');
      await ended;
      kills++;
      // nothing an earlier child finished was asked for again
      const again = requestedSince(from).filter((k) => finishedBy.has(k));
      expect(again, `round ${rounds} fetched pairs finished in earlier rounds`).toEqual([]);
      for (const r of pairRows(runDir)) if (r.state === 'done' && !finishedBy.has(r.key)) finishedBy.set(r.key, rounds);
    }
    expect(kills).toBe(KILLS);

    // the last run goes to the end
    const from = standin.stats.requests.length;
    const last = sodChild(args);
    let stderr = '';
    last.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    expect((await exited(last)).code, stderr).toBe(0);
    expect(requestedSince(from).filter((k) => finishedBy.has(k))).toEqual([]);

    const rows = pairRows(runDir);
    expect(rows).toHaveLength(EVENTS * CHANNELS);
    // stations beyond 170 degrees are turned away by distanceRange; every other pair is kept, once
    const done = rows.filter((r) => r.state === 'done');
    expect(rows.filter((r) => r.state !== 'done' && r.state !== 'rejected')).toEqual([]);
    expect(done.length).toBeGreaterThan(EVENTS * CHANNELS * 0.9);
    expect(done.filter((r) => r.done_count !== 1)).toEqual([]);
    const reasons = new Database(join(runDir, STATE_FILE), { readonly: true });
    const rejectedBy = reasons.prepare("SELECT DISTINCT r.ingredient FROM pairs p JOIN reasons r ON r.id = p.reason_id WHERE p.state = 'rejected'").pluck().all();
    reasons.close();
    expect(rejectedBy.filter((i) => i !== 'distanceRange')).toEqual([]);

    // every file complete, none under a temporary name, and exactly the files the state lists
    const db = new Database(join(runDir, STATE_FILE), { readonly: true });
    const listed = (db.prepare("SELECT path FROM outputs WHERE state = 'committed'").pluck().all() as string[]).sort();
    db.close();
    const files = filesUnder(join(runDir, 'out'));
    expect(files.filter((f) => isTempName(basename(f)))).toEqual([]);
    expect(files.sort()).toEqual(listed);
    expect(files).toHaveLength(done.length);
    for (const f of files) {
      const recs = readMseedRecords(new Uint8Array(readFileSync(f)));
      expect(recs.length, f).toBeGreaterThan(0);
      const samples = recs.reduce((n, r) => n + r.sampleCount, 0);
      expect(samples, f).toBeGreaterThan(100);
    }
    // the CSV rows of done pairs were on disk before the pairs were recorded done: none lost, none twice
    const csv = readFileSync(join(runDir, 'seismograms.csv'), 'utf8').trim().split(/\r?\n/);
    const header = csv[0]!.split(',');
    const ev = header.indexOf('event_id');
    const id = header.indexOf('seismogram_id');
    const seen = csv.slice(1).map((line) => {
      const cells = line.split(',');
      return `${cells[ev]}|${cells[id]}`;
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(done.length);
    // and the run report lists every pair once
    const report = readFileSync(join(runDir, 'run-report.csv'), 'utf8').trim().split(/\r?\n/);
    expect(report).toHaveLength(1 + EVENTS * CHANNELS);
  }, 600_000);

  it('stops cleanly on Ctrl-C: requests in flight end, the state is saved, and the next run goes on from there', async () => {
    const dir = join(work, 'interrupt-dir');
    const runDir = join(dir, 'run');
    mkdirSync(dir, { recursive: true });
    const recipe = waveformRecipe(Number(new URL(standin.origin).port), EVENTS, false)
      .replace('<rMean/>', '<rMean/>\n        <mseedWriter><workingDir>out</workingDir></mseedWriter>')
      .replace('<sod>', '<sod>\n    <properties><waveformWorkerThreads>1</waveformWorkerThreads></properties>');
    writeFileSync(join(dir, 'recipe.xml'), recipe);
    const args = ['run', join(dir, 'recipe.xml'), '--out', runDir, '--once'];
    const child = sodChild(args);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = exited(child);
    const t0 = Date.now();
    while (doneCount(runDir) === 0 && Date.now() - t0 < 60_000) await sleep(20);
    child.kill('SIGINT');
    const r = await ended;
    expect(r.code, stderr).toBe(130);
    expect(stderr).toMatch(/stopping: requests in flight finish/);
    expect(stderr).toMatch(/run the same command again to go on/);
    const afterStop = pairRows(runDir);
    const doneAtStop = afterStop.filter((p) => p.state === 'done').length;
    expect(doneAtStop).toBeGreaterThan(0);
    // stopped before the end: some pairs were never reached
    expect(doneAtStop).toBeLessThan(EVENTS * CHANNELS * 0.9);
    expect(filesUnder(join(runDir, 'out')).filter((f) => isTempName(basename(f)))).toEqual([]);

    const from = standin.stats.requests.length;
    const again = sodChild(args);
    let err2 = '';
    again.stderr!.on('data', (d: Buffer) => (err2 += d.toString()));
    expect((await exited(again)).code, err2).toBe(0);
    const doneBefore = new Set(afterStop.filter((p) => p.state === 'done').map((p) => p.key));
    expect(requestedSince(from).filter((k) => doneBefore.has(k))).toEqual([]);
    const rows = pairRows(runDir);
    expect(rows.filter((p) => p.state !== 'done' && p.state !== 'rejected')).toEqual([]);
    const settled = afterStop.filter((p) => p.state === 'done' || p.state === 'rejected').length;
    expect(err2).toMatch(new RegExp(`${settled} pairs? settled by an earlier run`));
  }, 300_000);
});
