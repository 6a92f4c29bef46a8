import chalk, { Chalk } from 'chalk';
import { EXIT, UsageError, type CommandIO } from './command.js';
import { COMMANDS } from './commands.js';
import { packageVersion } from '../files/package-root.js';

export function version(): string {
  return packageVersion();
}

/** Colour is on for a terminal unless NO_COLOR is set (any value) or --no-color is given. */
export function wantsColor(args: string[], env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (args.includes('--no-color')) return false;
  if (args.includes('--color')) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

export function defaultIO(args: string[]): CommandIO {
  const isTTY = Boolean(process.stdout.isTTY);
  const color = wantsColor(args, process.env, isTTY) ? new Chalk({ level: chalk.level || 1 }) : new Chalk({ level: 0 });
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    color,
    isTTY,
    errIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/** Entry point: returns the process exit code. Never throws for expected failures. */
export async function main(argv: string[], io: CommandIO = defaultIO(argv)): Promise<number> {
  const args = argv.filter((a) => a !== '--no-color' && a !== '--color');
  const commands = COMMANDS;
  const [name, ...rest] = args;
  if (name === '--version' || name === '-V') {
    io.out(`sod ${version()}`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const width = Math.max(0, ...commands.map((c) => c.name.length));
    io.out(
      [
        `sod ${version()}: standing orders for seismic data`,
        '',
        'Usage: sod <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
        '',
        'Every command takes --help. Global options: --no-color, --version.',
      ].join('\n'),
    );
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`sod: unknown command '${name}'. Run 'sod --help' for the list.`);
    return EXIT.usage;
  }
  const { command } = await entry.load();
  // `-h` means help only as the first argument: subcommands use it for other things (`taup time -h 10` is a depth).
  if (rest.includes('--help') || rest[0] === '-h') {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sod ${command.name}: ${e.message}\n\n${command.help}`);
      return EXIT.usage;
    }
    throw e;
  }
}
