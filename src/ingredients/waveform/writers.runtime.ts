/**
 * build() of the seismogram writers: the writers' own process (src/writers/process.ts) with the
 * recipe's settings mapped by src/writers/recipe-settings.ts, writing under the run folder; and
 * of csvWriter, rows appended through src/writers/seismogram-csv.ts.
 * A location template with unknown variables is a recipe error, reported before the run.
 */
import type { BuildContext } from '../declaration.js';
import { engineContext } from '../../engine/context.js';
import { SettingError } from '../../engine/quantities.js';
import { writerProcess } from '../../writers/process.js';
import { writerSettingsFromRecipe } from '../../writers/recipe-settings.js';
import { filesWrittenFor, type WriterKind } from '../../writers/seismogram-writer.js';
import { PASS, reject, type RequestWindow } from '../../engine/contracts.js';
import { UnsafeOutputPathError } from '../../writers/errors.js';
import { SeismogramCsvWriter, type SeismogramCsvSettings } from '../../writers/seismogram-csv.js';
import { segmentEnd } from '../../seismogram/segment.js';
import { MissingEventError } from '../../writers/template-variables.js';
import { NO_EXTRAS, type ArmProcess, type ArmSeismogram } from './seismogramProcess.runtime.js';

export function writerBuilder(kind: WriterKind) {
  return (settings: unknown, context: BuildContext) => {
    const ctx = engineContext(context);
    try {
      return writerProcess(kind, writerSettingsFromRecipe(kind, settings), ctx.runDir);
    } catch (e) {
      throw new SettingError(`${kind}: ${(e as Error).message}`);
    }
  };
}

/** The requested window a seismogram belongs to: the first it overlaps, else the pair's first. */
function windowOf(s: ArmSeismogram, windows: readonly RequestWindow[]): RequestWindow | undefined {
  const end = segmentEnd(s);
  return windows.find((w) => w.start <= end && s.start <= w.end) ?? windows[0];
}

export function buildCsvWriter(settings: SeismogramCsvSettings, context: BuildContext): ArmProcess {
  const ctx = engineContext(context);
  const own: SeismogramCsvSettings = {};
  if (typeof settings.workingDir === 'string' && settings.workingDir.trim() !== '') own.workingDir = settings.workingDir.trim();
  if (typeof settings.location === 'string' && settings.location.trim() !== '') own.location = settings.location.trim();
  let writer: SeismogramCsvWriter;
  try {
    writer = new SeismogramCsvWriter(own, ctx.runDir);
  } catch (e) {
    throw new SettingError(`csvWriter: ${(e as Error).message}`);
  }
  const process: ArmProcess = (pair, seismograms, _run, extras = NO_EXTRAS) => {
    if (seismograms.length === 0) return { verdict: PASS, seismograms };
    const contexts = seismograms.map((seismogram, index) => {
      const request = windowOf(seismogram, extras.requests);
      return { event: pair.event, channel: pair.channel, seismogram, index, ...(request ? { request } : {}) };
    });
    try {
      writer.write(contexts, (c) => filesWrittenFor(c.seismogram));
    } catch (e) {
      // a path or template the pair's values cannot fill refuses the pair; a file that cannot be appended to fails it
      if (e instanceof UnsafeOutputPathError || e instanceof MissingEventError) return { verdict: reject('csvWriter', e.message), seismograms };
      throw e;
    }
    return { verdict: PASS, seismograms };
  };
  process.close = async () => writer.close();
  return process;
}
