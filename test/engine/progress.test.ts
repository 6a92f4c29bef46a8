/**
 * The progress display with an injected clock, an injected timer and captured output: what is
 * shown, when, how wide, and how it steps around log lines. Nothing here waits on real time.
 */
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { Logger } from '../../src/engine/logger.js';
import {
  createProgress,
  fitProgressLine,
  formatBytes,
  formatDuration,
  LINE_INTERVAL_MS,
  TTY_INTERVAL_MS,
  type ProgressCounts,
  type ProgressMode,
} from '../../src/engine/progress.js';

/** A terminal stand-in: one ordered record of what the live line and the logger wrote. */
function rig(mode: ProgressMode, o: { columns?: number; json?: boolean; quiet?: boolean } = {}) {
  let now = 1_000_000;
  const timers: { due: number; fn: () => void; cancelled: boolean }[] = [];
  const writes: string[] = [];
  const log = new Logger({
    out: (l) => writes.push(`out:${l}`),
    err: (l) => writes.push(`err:${l}`),
    color: new Chalk({ level: 0 }),
    json: o.json,
    quiet: o.quiet,
    time: () => new Date(now).toISOString(),
  });
  const progress = createProgress({
    log,
    mode,
    write: (s) => writes.push(`tty:${s}`),
    columns: () => o.columns ?? 200,
    clock: () => now,
    timer: (fn, ms) => {
      const t = { due: now + ms, fn, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
  });
  return {
    log,
    progress,
    writes,
    /** moves the clock on, running each timer that falls due on the way, in order */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => !t.cancelled && t.due <= end).sort((a, b) => a.due - b.due)[0];
        if (!next) break;
        now = Math.max(now, next.due);
        next.cancelled = true;
        next.fn();
      }
      now = end;
    },
    pendingTimers: () => timers.filter((t) => !t.cancelled).length,
    /** the live-line texts drawn so far (clears left out) */
    drawn: () => writes.filter((w) => w.startsWith('tty:\r') && w !== 'tty:\r\x1b[K').map((w) => w.slice('tty:\r'.length).replace(/\x1b\[K$/, '')),
    errLines: () => writes.filter((w) => w.startsWith('err:')).map((w) => w.slice(4)),
  };
}

function counts(over: Partial<ProgressCounts> = {}): ProgressCounts {
  return { events: 3, channels: 40, pending: 100, retrying: 2, done: 10, rejected: 5, failed: 1, bytes: 123_456, ...over };
}

describe('tty mode', () => {
  it('draws the first update at once, then at most once per 250 ms, and catches up with a timer', () => {
    const r = rig('tty');
    r.progress.update(counts({ done: 1 }));
    expect(r.drawn()).toHaveLength(1);
    expect(r.drawn()[0]).toContain('1 done');

    r.advance(100);
    r.progress.update(counts({ done: 2 }));
    r.advance(100);
    r.progress.update(counts({ done: 3 }));
    expect(r.drawn()).toHaveLength(1); // too soon: waits for its turn
    expect(r.pendingTimers()).toBe(1); // one timer, not one per update

    r.advance(50); // 250 ms after the first draw
    expect(r.drawn()).toHaveLength(2);
    expect(r.drawn()[1]).toContain('3 done');
    expect(r.pendingTimers()).toBe(0);
  });

  it('over 10 s of updates every 10 ms draws about 4 times a second and ends on the latest counts', () => {
    const r = rig('tty');
    for (let i = 1; i <= 1000; i++) {
      r.progress.update(counts({ done: i, pending: 1000 - i }));
      r.advance(10);
    }
    r.advance(TTY_INTERVAL_MS);
    const drawn = r.drawn();
    // 4 a second over 10 s, plus the first draw and the catch-up at the end
    expect(drawn.length).toBeLessThanOrEqual(42);
    expect(drawn.length).toBeGreaterThanOrEqual(39);
    expect(drawn[drawn.length - 1]).toContain('0 pending, 2 retrying, 1000 done');
  });

  it('does not redraw counts it already shows', () => {
    const r = rig('tty');
    r.progress.update(counts());
    r.advance(1000);
    r.progress.update(counts());
    r.progress.update(counts());
    r.advance(1000);
    expect(r.drawn()).toHaveLength(1);
    expect(r.pendingTimers()).toBe(0);
  });

  it('fits every line to the terminal width, dropping the least wanted parts first', () => {
    const c = counts({ events: 12345, channels: 6789, pending: 123456, done: 98765, bytes: 9.87e9 });
    const full = fitProgressLine(c, { pairsPerSecond: 12.5, bytesPerSecond: 2.5e6, secondsLeft: 9876 }, 1000);
    expect(full).toBe(
      'events 12345, channels 6789 | pairs: 123456 pending, 2 retrying, 98765 done, 5 rejected, 1 failed | 9.87 GB | 2.50 MB/s, 13 pairs/s | 2h44m left',
    );
    for (const columns of [10, 30, 60, 80, 100, 120, 160]) {
      const r = rig('tty', { columns });
      r.progress.update(c);
      const line = r.drawn()[0]!;
      expect(line.length, `columns ${columns}: '${line}'`).toBeLessThanOrEqual(columns - 1);
      expect(line.length).toBeGreaterThan(0);
    }
    // events and channels go first, then the rate, then the bytes; the pairs stay to the end
    const noEvents = fitProgressLine(c, { pairsPerSecond: 12.5, bytesPerSecond: 2.5e6, secondsLeft: 9876 }, full.length - 1);
    expect(noEvents).toBe('pairs: 123456 pending, 2 retrying, 98765 done, 5 rejected, 1 failed | 9.87 GB | 2.50 MB/s, 13 pairs/s | 2h44m left');
    const noRate = fitProgressLine(c, { pairsPerSecond: 12.5, bytesPerSecond: 2.5e6, secondsLeft: 9876 }, noEvents.length - 1);
    expect(noRate).toBe('pairs: 123456 pending, 2 retrying, 98765 done, 5 rejected, 1 failed | 9.87 GB | 2h44m left');
    const narrow = fitProgressLine(c, {}, 30);
    expect(narrow).toBe('pairs: 123456 pending, 2 retr\u2026');
  });

  it('clears itself before a log line and redraws after it', () => {
    const r = rig('tty');
    r.progress.update(counts({ done: 7 }));
    r.writes.length = 0;
    r.log.warn('HTTP 503 from the data centre, retrying');
    r.log.data('a printline line');
    expect(r.writes).toEqual([
      'tty:\r\x1b[K',
      'err:warn: HTTP 503 from the data centre, retrying',
      expect.stringMatching(/^tty:\r.*7 done.*\x1b\[K$/),
      'tty:\r\x1b[K',
      'out:a printline line',
      expect.stringMatching(/^tty:\r.*7 done.*\x1b\[K$/),
    ]);
  });

  it('on finish clears the line, logs the final counts once, and ignores later updates', () => {
    const r = rig('tty');
    r.progress.update(counts({ done: 1 }));
    r.advance(100);
    r.progress.update(counts({ done: 2 })); // leaves a timer waiting
    r.progress.finish(counts({ done: 50, pending: 0 }));
    expect(r.writes.slice(-2)).toEqual(['tty:\r\x1b[K', expect.stringMatching(/^err:info: finished: .*0 pending, 2 retrying, 50 done/)]);
    expect(r.pendingTimers()).toBe(0);
    const before = r.writes.length;
    r.progress.update(counts({ done: 60 }));
    r.advance(10_000);
    r.log.info('after the run');
    expect(r.writes.slice(before)).toEqual(['err:info: after the run']); // no clear, no redraw
  });

  it('shows rate and time left only once they rest on 5 s of run', () => {
    const r = rig('tty');
    // 20 pairs settled and 50 kB fetched per second
    for (let s = 0; s <= 30; s++) {
      r.progress.update(counts({ pending: 2000 - 20 * s, done: 20 * s, rejected: 0, failed: 0, bytes: 50_000 * s }));
      if (s === 4) expect(r.drawn().at(-1)).not.toContain('left');
      r.advance(1000);
    }
    const last = r.drawn().at(-1)!;
    expect(last).toContain('50.0 kB/s, 20 pairs/s');
    // 1400 pending at 20 pairs/s
    expect(last).toContain('1m10s left');
  });

  it('bases the rate on the last minute, not the whole run', () => {
    const r = rig('tty');
    // 10 minutes at 100 pairs/s, then 2 minutes at 1 pair/s
    let done = 0;
    for (let s = 0; s < 720; s++) {
      r.progress.update(counts({ pending: 1_000_000 - done, done, rejected: 0, failed: 0, bytes: 0 }));
      done += s < 600 ? 100 : 1;
      r.advance(1000);
    }
    r.progress.update(counts({ pending: 1_000_000 - done, done, rejected: 0, failed: 0, bytes: 0 }));
    r.advance(TTY_INTERVAL_MS);
    expect(r.drawn().at(-1)).toContain('1.0 pairs/s');
  });
});

describe('lines mode', () => {
  it('logs at most every 10 s, only when the counts moved, and once at the end', () => {
    const r = rig('lines');
    r.progress.update(counts({ done: 1 }));
    r.advance(5000);
    r.progress.update(counts({ done: 2 }));
    expect(r.errLines()).toEqual([]);
    r.advance(5000); // 10 s after the start
    expect(r.errLines()).toEqual([expect.stringMatching(/^info: progress: events 3, channels 40 \| pairs: 100 pending, 2 retrying, 2 done/)]);

    // nothing moves for an hour: nothing more is said
    r.advance(3_600_000);
    r.progress.update(counts({ done: 2 }));
    r.advance(60_000);
    expect(r.errLines()).toHaveLength(1);

    r.progress.update(counts({ done: 3 })); // long after the last line: logged at once
    expect(r.errLines()).toHaveLength(2);
    r.advance(1000);
    r.progress.update(counts({ done: 4 }));
    r.advance(LINE_INTERVAL_MS - 1001);
    expect(r.errLines()).toHaveLength(2);
    r.advance(1);
    expect(r.errLines()[2]).toContain('4 done');

    r.progress.finish(counts({ done: 4 }));
    expect(r.errLines()).toHaveLength(4);
    expect(r.errLines()[3]).toMatch(/^info: finished: .*4 done/);
    expect(r.writes.some((w) => w.startsWith('tty:'))).toBe(false);
  });
});

describe('json mode', () => {
  it('gives the counts as fields of JSON log objects at the same moments', () => {
    const r = rig('json', { json: true });
    for (let s = 0; s <= 10; s++) {
      r.progress.update(counts({ done: 10 * s, pending: 200 - 10 * s, bytes: 1000 * s }));
      r.advance(1000);
    }
    r.progress.finish(counts({ done: 200, pending: 0, bytes: 20_000 }));
    const objects = r.errLines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(2);
    // the timer's line, 10 s after the start, shows the update of second 9 (90 pairs in 10 s)
    expect(objects[0]).toMatchObject({ level: 'info', msg: 'progress', final: false, events: 3, channels: 40, pending: 110, retrying: 2, done: 90, rejected: 5, failed: 1, bytes: 9000 });
    expect(objects[0]!.pairsPerSecond).toBe(9);
    expect(objects[0]!.bytesPerSecond).toBe(900);
    expect(objects[0]!.secondsLeft).toBe(12);
    expect(objects[1]).toMatchObject({ msg: 'progress', final: true, pending: 0, done: 200, bytes: 20_000 });
    expect(objects[1]).not.toHaveProperty('secondsLeft');
  });
});

describe('quiet mode', () => {
  it('writes nothing at all', () => {
    const r = rig('quiet', { quiet: true });
    for (let s = 0; s < 100; s++) {
      r.progress.update(counts({ done: s }));
      r.advance(1000);
    }
    r.progress.finish(counts());
    r.log.info('not shown either');
    expect(r.writes).toEqual([]);
    expect(r.pendingTimers()).toBe(0);
  });
});

describe('formats', () => {
  it('durations and sizes', () => {
    expect([0, 45, 59.6, 200, 3599, 3600, 7500, 86_399, 273_600].map(formatDuration)).toEqual([
      '0s',
      '45s',
      '1m00s',
      '3m20s',
      '59m59s',
      '1h00m',
      '2h05m',
      '23h59m',
      '3d04h',
    ]);
    expect([0, 999, 1000, 12_345, 9_999_999, 1.5e12].map(formatBytes)).toEqual(['0 B', '999 B', '1.00 kB', '12.3 kB', '10.0 MB', '1.50 TB']);
  });
});
