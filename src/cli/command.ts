import type { ChalkInstance } from 'chalk';

/** Where a command writes, and how it may colour what it writes. Tests pass their own. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** chalk instance with colour on or off as the terminal, NO_COLOR and --no-color decide. */
  color: ChalkInstance;
  /** true when stdout is an interactive terminal (live progress lines may be drawn). */
  isTTY: boolean;
  /** true when stderr is an interactive terminal: `sod run` draws its live progress line there */
  errIsTTY?: boolean;
  /** working directory that relative paths on the command line are resolved against. */
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** the input (recipe, data file) is invalid or a run failed. */
  invalid: 1,
  /** the command line itself is wrong. */
  usage: 2,
} as const;

/** A usage mistake on the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One `sod <name>` subcommand. Each lives in src/cli/commands/<name>.ts and is listed in commands.ts. */
export interface Command {
  name: string;
  /** one line for `sod --help`. */
  summary: string;
  /** the full help text for `sod <name> --help`. */
  help: string;
  run(args: string[], io: CommandIO): Promise<number>;
}
