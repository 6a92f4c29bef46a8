/**
 * `sod` run in-process as the command line would, with its output captured line by line (no
 * colour, not a terminal), for tests of the commands.
 */
import { Chalk } from 'chalk';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

export async function runSod(cwd: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (t) => out.push(t), err: (t) => err.push(t), color: new Chalk({ level: 0 }), isTTY: false, cwd };
  const code = await main(args, io);
  return { code, out, err };
}
