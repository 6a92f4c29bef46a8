import { dirname, resolve } from 'node:path';
import { Logger } from '../../engine/logger.js';
import { createProgress } from '../../engine/progress.js';
import { runRecipe } from '../../engine/run.js';
import { summaryData, summaryLines } from '../../engine/summary.js';
import { registry } from '../../ingredients/registry.js';
import { isValid, loadRecipeFile } from '../../recipe/load.js';
import { formatProblem } from '../../recipe/problems.js';
import { RunStoreError } from '../../store/errors.js';
import { parseInstant, type Instant } from '../../seismogram/time.js';
import { EXIT, UsageError, type Command } from '../command.js';

export const command: Command = {
  name: 'run',
  summary: 'Run a recipe: its event, network and waveform arms',
  help: `Usage: sod run <recipe> [--out DIR] [--restart | --continue] [--once] [--start TIME] [--end TIME]
               [--quiet] [--verbose] [--log-json]

Runs the recipe's event arm (finds events), network arm (finds channels) and waveform arm (pairs
them, fetches and processes seismograms; every pair and what became of it goes to run-report.csv
in the run folder), printing what the
printline processes ask for on standard output and writing the files the recipe names. Messages
about the run go to standard error; at the end a summary says what each arm accepted, which
ingredient turned what away, and which sources failed (with the URL or file and the reason).

  --out DIR     run folder: output paths of the recipe are relative to it (default: the current folder)
  --restart     start the run afresh: the run state (sod-state.sqlite) is moved aside, output files are kept
  --continue    the recipe changed since the run was started: go on with the new one, keeping what is settled
  --once        one pass: do not wait for late data or new events (what waits is kept for the next run)
  --start TIME, --end TIME
                continuous mode (a recipe with a network and a waveform arm but no event arm): only
                the days from TIME on / before TIME (2024-01-05, 2024-01-05T12:00:00Z)
  --quiet       only errors on standard error (printed data still go to standard output)
  --verbose     also say why each event, network, station and channel was turned away
  --log-json    messages as one JSON object per line

A run with a waveform arm keeps its state in sod-state.sqlite in the run folder: run the same
command again and it goes on where it stopped (pairs already done are not fetched again, pairs
that failed are tried again). Pairs whose data are not at the data centre yet are tried again,
with growing delays up to maxRetryDelay, until seismogramLatency (4 weeks by default) has passed
since the origin; while the event time range reaches into the future, new events are looked for
every eventRefreshInterval. \`sod status DIR\` reports on a run, also while it goes on.
Ctrl-C stops cleanly (requests in flight finish, the state is saved); a second Ctrl-C stops at once.

A recipe with a <waveformVectorArm> is refused for now: this version runs single-channel waveform arms.

Exit status: 0 the run went through; 1 the recipe is invalid or cannot run, or some source failed
(the others still ran); 2 usage error.`,
  async run(args, io) {
    let out: string | undefined;
    let quiet = false;
    let verbose = false;
    let json = false;
    let restart = false;
    let acceptRecipeChange = false;
    let once = false;
    let start: Instant | undefined;
    let end: Instant | undefined;
    const time = (flag: string, v: string | undefined): Instant => {
      if (v === undefined) throw new UsageError(`${flag} needs a time, such as 2024-01-05 or 2024-01-05T12:00:00Z`);
      try {
        return parseInstant(v);
      } catch (e) {
        throw new UsageError(`${flag} ${v}: ${(e as Error).message}`);
      }
    };
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--out' || a === '-o') {
        out = args[++i];
        if (out === undefined) throw new UsageError('--out needs a folder');
      } else if (a.startsWith('--out=')) out = a.slice(6);
      else if (a === '--quiet' || a === '-q') quiet = true;
      else if (a === '--verbose' || a === '-v') verbose = true;
      else if (a === '--log-json') json = true;
      else if (a === '--restart') restart = true;
      else if (a === '--continue') acceptRecipeChange = true;
      else if (a === '--once') once = true;
      else if (a === '--start') start = time(a, args[++i]);
      else if (a.startsWith('--start=')) start = time('--start', a.slice(8));
      else if (a === '--end') end = time(a, args[++i]);
      else if (a.startsWith('--end=')) end = time('--end', a.slice(6));
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError('name exactly one recipe file');
    if (start !== undefined && end !== undefined && end <= start) throw new UsageError('--end must be after --start');
    if (restart && acceptRecipeChange) throw new UsageError('--restart and --continue contradict each other: choose one');
    const file = files[0]!;
    const path = resolve(io.cwd, file);
    const log = new Logger({ out: io.out, err: io.err, color: io.color, quiet, verbose, json });
    const loaded = loadRecipeFile(path, registry, file);
    const c = io.color;
    for (const p of loaded.problems) if (p.severity === 'error' || !quiet) io.err(formatProblem(p, { bold: c.bold, red: c.red, yellow: c.yellow }));
    if (!isValid(loaded)) return EXIT.invalid;
    const runDir = resolve(io.cwd, out ?? '.');
    log.info(`running ${file} into ${runDir}`);
    // Ctrl-C: stop taking new work, let what is in flight end, save the state; a second one stops at once
    const stop = new AbortController();
    let interrupts = 0;
    const onSignal = () => {
      interrupts++;
      if (interrupts === 1) {
        log.warn('stopping: requests in flight finish and the run state is saved (Ctrl-C again to stop at once)');
        stop.abort();
      } else {
        process.exit(130);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let summary;
    try {
      summary = await runRecipe({
        recipe: loaded.recipe!,
        recipeDir: dirname(path),
        runDir,
        log,
        signal: stop.signal,
        // a live line on a terminal, a log line every 10 s otherwise, JSON with --log-json
        progress: createProgress({ log, mode: quiet ? 'quiet' : json ? 'json' : io.errIsTTY ? 'tty' : 'lines' }),
        ...(restart ? { restart } : {}),
        ...(acceptRecipeChange ? { acceptRecipeChange } : {}),
        ...(once ? { once } : {}),
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
      });
    } catch (e) {
      // a locked, corrupt or changed run state: its message says which file and what to do
      if (e instanceof RunStoreError) {
        log.error(`${file}: ${e.message}`);
        return EXIT.invalid;
      }
      // the run folder cannot be made or written, and the like: say what, not where in our code
      const err = e as NodeJS.ErrnoException;
      if (err.code !== undefined || err.name === 'UnsafePathError') {
        log.error(`${file}: the run stopped: ${err.message}`);
        return EXIT.invalid;
      }
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (summary.refused) {
      log.error(`${file}: ${summary.refused}`);
      return EXIT.invalid;
    }
    const lines = summaryLines(summary, c);
    if (json) log.info('summary', { ...summaryData(summary), lines: lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')) });
    else if (!quiet || summary.failures.length > 0) for (const l of lines) io.err(l);
    if (stop.signal.aborted) {
      log.warn(`stopped by a signal: run the same command again to go on${summary.state ? ` (state in ${summary.state})` : ''}`);
      return 130;
    }
    return summary.failures.length > 0 ? EXIT.invalid : EXIT.ok;
  },
};
