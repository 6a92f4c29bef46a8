/** Small builders for store tests: real records, real files in a fresh temp folder per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant } from '../../src/seismogram/time.js';
import { onTestFinished } from 'vitest';
import { RunStore, type ChannelRecord, type EventRecord, type PairRef, type RunStoreOptions } from '../../src/store/index.js';

export function tempRunDir(prefix = 'sod-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A run store in a fresh temp folder (recipe 'r', clock at 1 ns unless told), closed and removed when the test ends. */
export function tempStore(options: Partial<RunStoreOptions> = {}): { store: RunStore; dir: string } {
  const { dir, cleanup } = tempRunDir();
  const store = RunStore.open(dir, { recipeHash: 'r', clock: () => 1n, ...options });
  onTestFinished(() => {
    store.close(); // a no-op when the test closed it
    cleanup();
  });
  return { store, dir };
}

export const MAULE: EventRecord = {
  publicId: 'smi:local/maule-2010',
  originTime: parseInstant('2010-02-27T06:34:11.530Z'),
  latitude: -36.122,
  longitude: -72.898,
  depthKm: 22.9,
  magnitude: 8.8,
  magnitudeType: 'Mw',
  extra: { region: 'Offshore Bio-Bio, Chile' },
};

export function event(i: number): EventRecord {
  return {
    publicId: `smi:test/event/${i}`,
    originTime: parseInstant('2020-01-01T00:00:00Z') + BigInt(i) * 3_600_000_000_000n,
    latitude: (i % 180) - 90,
    longitude: (i % 360) - 180,
    depthKm: 10 + (i % 600),
    magnitude: 5 + (i % 40) / 10,
  };
}

export function channel(i: number, code = 'BHZ'): ChannelRecord {
  return {
    id: { network: 'XX', station: `S${String(i).padStart(4, '0')}`, location: '00', channel: code },
    start: parseInstant('2000-01-01T00:00:00Z'),
    latitude: (i % 170) - 85,
    longitude: (i % 350) - 175,
    elevationM: 100 + i,
    depthM: 0,
    azimuth: 0,
    dip: -90,
    sampleRate: 40,
  };
}

export function pair(e: EventRecord, c: ChannelRecord): PairRef {
  return { event: e.publicId, channel: { id: c.id, start: c.start } };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TSX_LOADER = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** Runs a TypeScript file of test/store/children/ in a separate node process (node + tsx, no shell). */
export function spawnChild(name: string, args: string[]): ChildProcess {
  const script = fileURLToPath(new URL(`./children/${name}`, import.meta.url));
  return spawn(process.execPath, ['--import', TSX_LOADER, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves when the child prints `line`; rejects if it exits first. */
export function waitForLine(child: ChildProcess, line: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`child did not print '${line}' in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code ?? signal}) before printing '${line}'; stderr: ${err}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
