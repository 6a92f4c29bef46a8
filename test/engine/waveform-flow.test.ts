/**
 * The waveform arm's pull-based plumbing: batches by size or after a quiet spell, and a bounded
 * merge of workers. No test here depends on how fast the machine is: a quiet spell is made by a
 * source that waits for the consumer to have seen the batch (it would hang, and the test time
 * out, if the batch never came).
 */
import { describe, expect, it } from 'vitest';
import { batchBySizeOrTime, mergeMapBounded, rebatchBySizeOrTime } from '../../src/engine/waveform-flow.js';

async function* counting(n: number, log: { pulled: number; ended: boolean }): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) {
      log.pulled++;
      yield i;
    }
  } finally {
    log.ended = true;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('batchBySizeOrTime', () => {
  it('a fast source fills batches to the size, the rest goes out at the end', async () => {
    const log = { pulled: 0, ended: false };
    const batches = await collect(batchBySizeOrTime(counting(10, log), 3, 10_000));
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(log.ended).toBe(true);
  });

  it('a source that goes quiet gets its partial batch sent, and the next items form new batches', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* trickle(): AsyncGenerator<string> {
      yield 'a';
      yield 'b';
      await gate; // quiet until the consumer has received [a, b]
      yield 'c';
      await new Promise((r) => setTimeout(r, 1));
      yield 'd';
    }
    const seen: string[][] = [];
    for await (const b of batchBySizeOrTime(trickle(), 100, 20)) {
      seen.push(b);
      if (seen.length === 1) release();
    }
    expect(seen[0]).toEqual(['a', 'b']);
    expect(seen.flat()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('many quiet spells in a row: every item arrives once, in order, no batch empty or over size', async () => {
    const waits: Array<() => void> = [];
    async function* stop_and_go(): AsyncGenerator<number> {
      for (let i = 0; i < 40; i++) {
        if (i % 7 === 6) await new Promise<void>((r) => waits.push(r));
        yield i;
      }
    }
    const seen: number[][] = [];
    for await (const b of batchBySizeOrTime(stop_and_go(), 4, 5)) {
      seen.push(b);
      // the source is parked: a batch can only have come out by the timer; let it go on
      waits.shift()?.();
    }
    expect(seen.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(seen.every((b) => b.length >= 1 && b.length <= 4)).toBe(true);
  });

  it('a consumer that stops early ends the source', async () => {
    const log = { pulled: 0, ended: false };
    for await (const b of batchBySizeOrTime(counting(1000, log), 5, 10_000)) {
      expect(b).toEqual([0, 1, 2, 3, 4]);
      break;
    }
    expect(log.ended).toBe(true);
    expect(log.pulled).toBeLessThan(20);
  });
});

describe('rebatchBySizeOrTime (items handed over in chunks)', () => {
  it('chunks of any size, empty ones too, come out as batches of the size, in order', async () => {
    const sizes = [0, 1, 7, 0, 250, 3, 99, 100, 1, 0, 42];
    async function* chunks(): AsyncGenerator<number[]> {
      let next = 0;
      for (const n of sizes) yield Array.from({ length: n }, () => next++);
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    const batches = await collect(rebatchBySizeOrTime(chunks(), 100, 10_000));
    expect(batches.flat()).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(batches.slice(0, -1).every((b) => b.length === 100)).toBe(true);
    expect(batches.at(-1)!.length).toBe(total % 100 || 100);
  });

  it('what is left of a chunk goes out when the source goes quiet', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* bursts(): AsyncGenerator<string[]> {
      yield ['a', 'b', 'c', 'd', 'e'];
      await gate; // quiet until the consumer has received the leftover [e]
      yield ['f'];
    }
    const seen: string[][] = [];
    for await (const b of rebatchBySizeOrTime(bursts(), 2, 20)) {
      seen.push(b);
      if (b.includes('e')) release();
    }
    expect(seen).toEqual([['a', 'b'], ['c', 'd'], ['e'], ['f']]);
  });
});

describe('mergeMapBounded', () => {
  it('every output of every input arrives once', async () => {
    const log = { pulled: 0, ended: false };
    const out = await collect(
      mergeMapBounded(counting(50, log), 4, async function* (i) {
        await new Promise((r) => setTimeout(r, i % 3));
        for (let k = 0; k < 3; k++) yield `${i}.${k}`;
      }),
    );
    expect(out.sort()).toEqual(Array.from({ length: 50 }, (_, i) => [0, 1, 2].map((k) => `${i}.${k}`)).flat().sort());
  });

  it('pulls inputs only as workers and the buffer have room', async () => {
    const log = { pulled: 0, ended: false };
    const merged = mergeMapBounded(
      counting(1000, log),
      2,
      async function* (i) {
        for (let k = 0; k < 10; k++) yield i * 10 + k;
      },
      8,
    );
    const first = await merged.next();
    expect(first.done).toBe(false);
    // give the workers every chance to run ahead of a consumer that does not pull
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    // 2 workers, each holding one input, and a buffer of 8 outputs (one input's worth and a bit)
    expect(log.pulled).toBeLessThanOrEqual(4);
    await merged.return(undefined);
  });

  it('a failing worker fails the merge with its error', async () => {
    const log = { pulled: 0, ended: false };
    const merged = mergeMapBounded(counting(10, log), 3, async function* (i) {
      if (i === 4) throw new Error('input 4 broke');
      yield i;
    });
    await expect(collect(merged)).rejects.toThrow('input 4 broke');
  });
});
