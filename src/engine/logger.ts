/**
 * The run's voice. Data the recipe asks to print (printline processes, CSV to the console) go to
 * `out` (stdout); everything about the run itself (progress, rejections, failures, the summary)
 * goes to `err` (stderr), coloured with chalk on a terminal, plain lines otherwise, one JSON object
 * per line with --log-json, nothing but errors with --quiet.
 *
 * A live status line (engine/progress.ts) registers itself with setLiveLine: every line printed
 * here first clears it and then has it redrawn, so log lines never land in the middle of it.
 */
import type { ChalkInstance } from 'chalk';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LoggerOptions {
  out: (line: string) => void;
  err: (line: string) => void;
  color: ChalkInstance;
  quiet?: boolean;
  verbose?: boolean;
  json?: boolean;
  /** wall clock for JSON lines; injectable for tests */
  time?: () => string;
}

/** A line kept at the bottom of the terminal, cleared around every printed line. */
export interface LiveLine {
  clear(): void;
  redraw(): void;
}

export class Logger {
  private readonly threshold: number;
  private live: LiveLine | undefined;

  constructor(private readonly o: LoggerOptions) {
    this.threshold = o.quiet ? RANK.error : o.verbose ? RANK.debug : RANK.info;
  }

  get color(): ChalkInstance {
    return this.o.color;
  }

  /** Registers (or with undefined, removes) the live line that printed lines must step around. */
  setLiveLine(live: LiveLine | undefined): void {
    this.live = live;
  }

  /** a line of the recipe's own output (always printed, --quiet included) */
  data(line: string): void {
    // stdout is usually the same terminal as stderr, where the live line is
    this.around(() => this.o.out(line));
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.emit('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.emit('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.emit('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.emit('error', msg, fields);
  }

  private emit(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (RANK[level] < this.threshold) return;
    if (this.o.json) {
      const time = this.o.time ? this.o.time() : new Date().toISOString();
      const line = JSON.stringify({ time, level, msg, ...jsonSafe(fields ?? {}) });
      this.around(() => this.o.err(line));
      return;
    }
    const c = this.o.color;
    const tag = level === 'error' ? c.red.bold('error') : level === 'warn' ? c.yellow('warn') : level === 'debug' ? c.dim('debug') : c.cyan('info');
    this.around(() => this.o.err(`${tag}: ${msg}`));
  }

  private around(print: () => void): void {
    const live = this.live;
    if (!live) return print();
    live.clear();
    try {
      print();
    } finally {
      live.redraw();
    }
  }
}

/** bigint instants and nested values as JSON can carry them */
function jsonSafe(fields: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(fields, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}
