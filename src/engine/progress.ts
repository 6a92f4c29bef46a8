/**
 * What a run is doing, while it does it (issue 7, item 4).
 *
 * - 'tty': one status line at the bottom of the terminal, redrawn in place at most 4 times a
 *   second and cut to the terminal's width; the logger clears it before each line it prints and
 *   has it redrawn after (Logger.setLiveLine).
 * - 'lines': standard error is a file or a pipe: a plain log line at most every 10 s, and only
 *   when the counts moved since the last one (a standing order waiting days for late data stays
 *   quiet instead of repeating itself), and one at the end.
 * - 'json': the same moments as 'lines', the counts as fields of a JSON log object.
 * - 'quiet': nothing.
 *
 * update() is cheap (a comparison of the clock and, once a second, a sample for the rate), so the
 * engine calls it on every change. When an update is not shown because it came too soon, a timer
 * shows it when its turn comes, so the display never stays behind the run.
 *
 * Time left is pending pairs divided by the rate at which pairs were settled (done, rejected or
 * failed) over the last minute; it is shown only once that rate rests on at least 5 s of run.
 * Retrying pairs are not in it: when they settle depends on when the data centres get the data.
 */
import type { Logger } from './logger.js';

export interface ProgressCounts {
  events: number;
  channels: number;
  pending: number;
  retrying: number;
  done: number;
  rejected: number;
  failed: number;
  bytes: number;
}

export type ProgressMode = 'tty' | 'lines' | 'json' | 'quiet';

export interface ProgressOptions {
  log: Logger;
  mode: ProgressMode;
  /** where the live line goes (tty mode); standard error by default */
  write?: (s: string) => void;
  /** terminal width (tty mode); standard error's by default */
  columns?: () => number;
  /** milliseconds; Date.now by default */
  clock?: () => number;
  /** runs fn after ms and returns a cancel function; an unref'd setTimeout by default */
  timer?: (fn: () => void, ms: number) => () => void;
}

export interface Progress {
  /** cheap: call as often as you like */
  update(c: ProgressCounts): void;
  /** the last counts: shown once more as a log line; later updates are ignored */
  finish(c: ProgressCounts): void;
}

export const TTY_INTERVAL_MS = 250;
export const LINE_INTERVAL_MS = 10_000;
const RATE_WINDOW_MS = 60_000;
const RATE_MIN_SPAN_MS = 5_000;
const SAMPLE_EVERY_MS = 1_000;

export function createProgress(o: ProgressOptions): Progress {
  if (o.mode === 'quiet') return { update() {}, finish() {} };
  const clock = o.clock ?? Date.now;
  const timer = o.timer ?? defaultTimer;
  if (o.mode === 'tty') {
    const write = o.write ?? ((s: string) => void process.stderr.write(s));
    const columns = o.columns ?? (() => process.stderr.columns ?? 80);
    return new LiveProgress(o.log, write, columns, clock, timer);
  }
  return new LoggedProgress(o.log, o.mode === 'json', clock, timer);
}

function defaultTimer(fn: () => void, ms: number): () => void {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
}

export interface Rates {
  /** pairs settled (done, rejected, failed) per second over the last minute */
  pairsPerSecond?: number;
  bytesPerSecond?: number;
  /** pending / pairsPerSecond */
  secondsLeft?: number;
}

/** Samples of the counts, at most one a second, reaching back one minute. */
class RecentRate {
  private samples: { t: number; settled: number; bytes: number }[] = [];

  add(t: number, c: ProgressCounts): void {
    const last = this.samples[this.samples.length - 1];
    if (last && t - last.t < SAMPLE_EVERY_MS) return;
    this.samples.push({ t, settled: settled(c), bytes: c.bytes });
    // keep the newest sample at or before the window's start, so the rate spans the whole window
    while (this.samples.length > 1 && this.samples[1]!.t <= t - RATE_WINDOW_MS) this.samples.shift();
  }

  at(t: number, c: ProgressCounts): Rates {
    const first = this.samples[0];
    if (!first || t - first.t < RATE_MIN_SPAN_MS) return {};
    const seconds = (t - first.t) / 1000;
    const pairsPerSecond = (settled(c) - first.settled) / seconds;
    const bytesPerSecond = (c.bytes - first.bytes) / seconds;
    const rates: Rates = {};
    if (pairsPerSecond >= 0) rates.pairsPerSecond = pairsPerSecond;
    if (bytesPerSecond >= 0) rates.bytesPerSecond = bytesPerSecond;
    if (pairsPerSecond > 0 && c.pending > 0) rates.secondsLeft = c.pending / pairsPerSecond;
    return rates;
  }
}

function settled(c: ProgressCounts): number {
  return c.done + c.rejected + c.failed;
}

function sameCounts(a: ProgressCounts | undefined, b: ProgressCounts): boolean {
  return (
    a !== undefined &&
    a.events === b.events &&
    a.channels === b.channels &&
    a.pending === b.pending &&
    a.retrying === b.retrying &&
    a.done === b.done &&
    a.rejected === b.rejected &&
    a.failed === b.failed &&
    a.bytes === b.bytes
  );
}

/** The parts of a status line, in the order they are shown. */
function segments(c: ProgressCounts, r: Rates): { text: string; keep: number }[] {
  const rate = [r.bytesPerSecond !== undefined ? `${formatBytes(r.bytesPerSecond)}/s` : '', r.pairsPerSecond !== undefined ? `${formatRate(r.pairsPerSecond)} pairs/s` : '']
    .filter(Boolean)
    .join(', ');
  // keep: the higher, the longer a part stays on a narrow terminal
  return [
    { text: `events ${c.events}, channels ${c.channels}`, keep: 1 },
    { text: `pairs: ${c.pending} pending, ${c.retrying} retrying, ${c.done} done, ${c.rejected} rejected, ${c.failed} failed`, keep: 5 },
    { text: formatBytes(c.bytes), keep: 3 },
    { text: rate, keep: 2 },
    { text: r.secondsLeft !== undefined ? `${formatDuration(r.secondsLeft)} left` : '', keep: 4 },
  ].filter((s) => s.text !== '');
}

const SEPARATOR = ' | ';

/** The whole line, for log lines. */
export function progressText(c: ProgressCounts, r: Rates): string {
  return segments(c, r)
    .map((s) => s.text)
    .join(SEPARATOR);
}

/**
 * The line cut to `width` characters: parts are dropped, least wanted first, until it fits; if
 * the pairs alone do not fit, they are cut short with an ellipsis.
 */
export function fitProgressLine(c: ProgressCounts, r: Rates, width: number): string {
  const parts = segments(c, r);
  const byKeep = [...parts].sort((a, b) => a.keep - b.keep);
  let shown = parts;
  for (const drop of byKeep) {
    const text = shown.map((s) => s.text).join(SEPARATOR);
    if (text.length <= width || shown.length === 1) break;
    shown = shown.filter((s) => s !== drop);
  }
  const text = shown.map((s) => s.text).join(SEPARATOR);
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, Math.max(0, width)) : `${text.slice(0, width - 1)}\u2026`;
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  // scale on the rounded value, so 999.96 kB reads 1.00 MB rather than 1000.0 kB
  while (v >= (u === 0 ? 999.5 : 999.95) && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  if (u === 0) return `${Math.round(v)} B`;
  return `${v.toFixed(v < 9.995 ? 2 : 1)} ${units[u]}`;
}

function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond));
}

/** 45s, 3m20s, 2h05m, 3d04h */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d${pad(Math.floor((s % 86_400) / 3600))}h`;
}

/** Shared by both kinds: the latest counts, the rate, and the timer for a display that is due. */
abstract class ProgressBase implements Progress {
  protected latest: ProgressCounts | undefined;
  protected finished = false;
  protected readonly rate = new RecentRate();
  private cancelTimer: (() => void) | undefined;

  constructor(
    protected readonly log: Logger,
    protected readonly clock: () => number,
    private readonly timer: (fn: () => void, ms: number) => () => void,
    private readonly interval: number,
    /** when the display was last brought up to date */
    protected shownAt: number,
  ) {}

  update(c: ProgressCounts): void {
    if (this.finished) return;
    this.latest = { ...c };
    const now = this.clock();
    this.rate.add(now, c);
    if (!this.needsShowing()) return;
    if (now - this.shownAt >= this.interval) this.show(now);
    else this.showLater(this.shownAt + this.interval - now);
  }

  finish(c: ProgressCounts): void {
    if (this.finished) return;
    this.finished = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const now = this.clock();
    this.rate.add(now, c);
    this.end(c, this.rate.at(now, c));
  }

  private showLater(ms: number): void {
    if (this.cancelTimer) return;
    this.cancelTimer = this.timer(() => {
      this.cancelTimer = undefined;
      if (this.finished || !this.needsShowing()) return;
      const now = this.clock();
      if (now - this.shownAt >= this.interval) this.show(now);
      else this.showLater(this.shownAt + this.interval - now);
    }, Math.max(0, ms));
  }

  protected abstract needsShowing(): boolean;
  protected abstract show(now: number): void;
  protected abstract end(c: ProgressCounts, r: Rates): void;
}

class LiveProgress extends ProgressBase {
  private onScreen = false;
  private drawn: ProgressCounts | undefined;

  constructor(
    log: Logger,
    private readonly write: (s: string) => void,
    private readonly columns: () => number,
    clock: () => number,
    timer: (fn: () => void, ms: number) => () => void,
  ) {
    super(log, clock, timer, TTY_INTERVAL_MS, Number.NEGATIVE_INFINITY);
    log.setLiveLine({ clear: () => this.clear(), redraw: () => this.redraw() });
  }

  protected needsShowing(): boolean {
    return !sameCounts(this.drawn, this.latest!);
  }

  protected show(now: number): void {
    this.draw(now);
    this.shownAt = now;
  }

  private draw(now: number): void {
    const c = this.latest!;
    const width = this.columns();
    // one short of the width: writing the last column makes some terminals wrap
    const line = fitProgressLine(c, this.rate.at(now, c), (Number.isFinite(width) && width > 1 ? width : 80) - 1);
    this.write(`\r${line}\x1b[K`);
    this.onScreen = true;
    this.drawn = c;
  }

  private clear(): void {
    if (!this.onScreen) return;
    this.write('\r\x1b[K');
    this.onScreen = false;
  }

  private redraw(): void {
    if (!this.finished && this.latest) this.draw(this.clock());
  }

  protected end(c: ProgressCounts, r: Rates): void {
    this.clear();
    this.log.setLiveLine(undefined);
    this.log.info(`finished: ${progressText(c, r)}`);
  }
}

class LoggedProgress extends ProgressBase {
  private logged: ProgressCounts | undefined;

  constructor(
    log: Logger,
    private readonly json: boolean,
    clock: () => number,
    timer: (fn: () => void, ms: number) => () => void,
  ) {
    // the first line comes one interval after the start
    super(log, clock, timer, LINE_INTERVAL_MS, clock());
  }

  protected needsShowing(): boolean {
    return !sameCounts(this.logged, this.latest!);
  }

  protected show(now: number): void {
    const c = this.latest!;
    this.print('progress', c, this.rate.at(now, c), false);
    this.logged = c;
    this.shownAt = now;
  }

  protected end(c: ProgressCounts, r: Rates): void {
    this.print('finished', c, r, true);
  }

  private print(label: string, c: ProgressCounts, r: Rates, final: boolean): void {
    if (this.json) {
      const rates: Record<string, number> = {};
      if (r.pairsPerSecond !== undefined) rates.pairsPerSecond = round3(r.pairsPerSecond);
      if (r.bytesPerSecond !== undefined) rates.bytesPerSecond = Math.round(r.bytesPerSecond);
      if (r.secondsLeft !== undefined) rates.secondsLeft = Math.round(r.secondsLeft);
      this.log.info('progress', { ...c, ...rates, final });
    } else {
      this.log.info(`${label}: ${progressText(c, r)}`);
    }
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
