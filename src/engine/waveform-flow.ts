/**
 * Pull-based plumbing for the waveform arm. Pairs are produced lazily (an async generator), so a
 * run of 10,000 events x 5,000 channels only ever holds a batch or two in memory: a consumer that
 * is busy simply stops pulling. RxJS's push model would buffer without bound behind a slow data
 * centre, so these few operators are written over async iterables instead.
 */

/**
 * Groups items into batches of at most `size`; a batch also goes out when the producer has been
 * quiet for `maxWaitMs` (a slow trickle of pairs is not held back waiting for company). One timer
 * per batch, not per item: it fires `maxWaitMs` after the batch's first item and, while items keep
 * coming, sets itself again for what is left of the quiet period after the latest one.
 */
export function batchBySizeOrTime<T>(source: AsyncIterable<T>, size: number, maxWaitMs: number): AsyncGenerator<T[]> {
  return rebatchBySizeOrTime(singles(source), size, maxWaitMs);
}

async function* singles<T>(source: AsyncIterable<T>): AsyncGenerator<readonly T[]> {
  for await (const item of source) yield [item];
}

/**
 * batchBySizeOrTime for a producer that hands items over in chunks (the pairs of an event at
 * once): the waits, timers and promises are paid per chunk, not per item.
 */
export async function* rebatchBySizeOrTime<T>(source: AsyncIterable<readonly T[]>, size: number, maxWaitMs: number): AsyncGenerator<T[]> {
  const it = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<readonly T[]>> | undefined;
  let batch: T[] = [];
  let lastItemAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let quiet: Promise<'timeout'> | undefined;
  const quietPeriod = (): Promise<'timeout'> =>
    (quiet ??= new Promise<'timeout'>((resolve) => {
      const check = (): void => {
        const left = lastItemAt + maxWaitMs - performance.now();
        if (left > 0) timer = setTimeout(check, left);
        else {
          timer = undefined;
          resolve('timeout');
        }
      };
      timer = setTimeout(check, Math.max(0, lastItemAt + maxWaitMs - performance.now()));
    }));
  const disarm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    quiet = undefined;
  };
  try {
    for (;;) {
      pending ??= it.next();
      const r: IteratorResult<readonly T[]> | 'timeout' = batch.length === 0 ? await pending : await Promise.race([pending, quietPeriod()]);
      if (r === 'timeout') {
        disarm();
        const out = batch;
        batch = [];
        yield out;
        continue;
      }
      pending = undefined;
      if (r.done) break;
      if (r.value.length === 0) continue;
      lastItemAt = performance.now();
      for (const item of r.value) {
        batch.push(item);
        if (batch.length >= size) {
          disarm();
          const out = batch;
          batch = [];
          yield out;
        }
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    disarm();
    if (pending === undefined) await it.return?.();
  }
}

/** A bounded hand-over queue: push waits while it is full, pull waits while it is empty. */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly waitingPull: ((v: IteratorResult<T>) => void)[] = [];
  private readonly waitingPush: (() => void)[] = [];
  private closed = false;
  private failure: unknown;

  constructor(readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.closed) await new Promise<void>((r) => this.waitingPush.push(r));
    const puller = this.waitingPull.shift();
    if (puller) puller({ value: item, done: false });
    else this.items.push(item);
  }

  close(failure?: unknown): void {
    this.closed = true;
    if (failure !== undefined) this.failure = failure;
    for (const p of this.waitingPull.splice(0)) p({ value: undefined, done: true });
    for (const p of this.waitingPush.splice(0)) p();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length > 0) {
        const v = this.items.shift()!;
        this.waitingPush.shift()?.();
        yield v;
        continue;
      }
      if (this.closed) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      const r = await new Promise<IteratorResult<T>>((res) => this.waitingPull.push(res));
      if (r.done) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      yield r.value;
    }
  }
}

/**
 * Runs `work` on up to `concurrency` inputs at once, each producing several outputs, and hands the
 * outputs on as they come (order not kept). Inputs are pulled only when a worker is free, and a
 * worker waits while the consumer is behind, so memory stays bounded.
 */
export async function* mergeMapBounded<I, O>(inputs: AsyncIterable<I>, concurrency: number, work: (input: I) => AsyncIterable<O>, buffer = 16): AsyncGenerator<O> {
  const queue = new BoundedQueue<O>(buffer);
  const it = inputs[Symbol.asyncIterator]();
  let pulling = Promise.resolve();
  // inputs are pulled one at a time even with several workers
  const nextInput = (): Promise<IteratorResult<I>> => {
    const p = pulling.then(() => it.next());
    pulling = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  };
  let stopped = false;
  const worker = async () => {
    for (;;) {
      if (stopped) return;
      const r = await nextInput();
      if (r.done) return;
      for await (const o of work(r.value)) {
        if (stopped) return;
        await queue.push(o);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, concurrency) }, worker);
  Promise.all(workers).then(
    () => queue.close(),
    (e) => queue.close(e ?? new Error('worker failed')),
  );
  try {
    yield* queue.drain();
  } finally {
    // the consumer stopped early (an error, a break): let the workers end instead of waiting to push
    stopped = true;
    queue.close();
  }
}
