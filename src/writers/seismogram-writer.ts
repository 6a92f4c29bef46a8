/**
 * The seismogram writers (sacWriter, mseedWriter, asciiWriter) as one shape: settings are checked
 * and the location compiled once; `plan` turns a pair's seismograms into final paths and bytes,
 * every path checked to stay inside the writer's folder (and a miniSEED day file already there
 * merged or appended to, see day-file.ts). Writing is left to the caller so a run
 * can stage all of a pair's files in its store (writeOutputsAtomically) and a tool can use
 * writeFilesAtomically.
 */
import { relative, resolve } from 'node:path';
import { asciiBytesFor } from './ascii.js';
import type { PlannedFile } from './atomic-files.js';
import { describeSeismogram, type SeismogramContext } from './context.js';
import { WriterInputError } from './errors.js';
import { combineWithExisting, type ExistingFilePolicy } from './day-file.js';
import { mseedBytesFor, type MseedWriteOptions } from './mseed.js';
import { sacBytesFor, type SacWriteOptions } from './sac.js';
import { FolderGuard } from './path-safety.js';
import { compileLocation, SOD_DEFAULT_LOCATION, SOD_DEFAULT_WORKING_DIR, type CompiledTemplate } from './template.js';

export type WriterKind = 'sacWriter' | 'mseedWriter' | 'asciiWriter';

const EXTENSIONS: Record<WriterKind, string> = { sacWriter: '.sac', mseedWriter: '.mseed', asciiWriter: '.txt' };

export interface WriterSettings extends SacWriteOptions, MseedWriteOptions {
  /** folder below the run folder (or absolute); default "seismograms" */
  workingDir?: string;
  /** template or preset name; default SOD's Event_${...}/${channel.codes}${index}.<ext> */
  location?: string;
  /**
   * mseedWriter: what to do with a file that is already there (day-file.ts); default 'merge' for
   * the sds and observed layouts, 'replace' otherwise
   */
  existing?: ExistingFilePolicy;
}

const ARCHIVE_LAYOUTS = new Set(['sds', 'observed']);

/**
 * The files writers made of each seismogram object, relative to their run folder, for a later
 * csvWriter's `files` column. A seismogram a process changes is a new object, so only files of
 * the very samples a row describes are listed; entries go when the seismogram is collected.
 */
const writtenOf = new WeakMap<object, string[]>();

/** Files written so far of this seismogram (as it is), relative to the run folder. */
export function filesWrittenFor(seismogram: object): readonly string[] {
  return writtenOf.get(seismogram) ?? [];
}

export class SeismogramWriter {
  readonly folder: string;
  readonly location: CompiledTemplate;

  /** Throws TemplateError for a location that uses unknown variables. */
  constructor(
    readonly kind: WriterKind,
    readonly settings: WriterSettings,
    private readonly runDir: string,
  ) {
    this.folder = resolve(runDir, settings.workingDir ?? SOD_DEFAULT_WORKING_DIR);
    const ext = EXTENSIONS[kind];
    this.location = compileLocation(settings.location ?? SOD_DEFAULT_LOCATION + ext, ext);
    this.guard = new FolderGuard(this.folder);
  }

  private readonly guard: FolderGuard;

  /** The file one seismogram goes to (absolute, inside the folder). */
  pathFor(c: SeismogramContext): string {
    return this.guard.resolve(this.location.relativePath(c));
  }

  /** The policy for files already in place (only miniSEED files are combined). */
  get existingPolicy(): ExistingFilePolicy {
    if (this.kind !== 'mseedWriter') return 'replace';
    return this.settings.existing ?? (ARCHIVE_LAYOUTS.has(this.settings.location ?? '') ? 'merge' : 'replace');
  }

  /** The file's new content; `path` is where it goes (a miniSEED day file there may be merged). */
  bytesFor(c: SeismogramContext, path?: string): Uint8Array {
    switch (this.kind) {
      case 'sacWriter':
        return sacBytesFor(c, this.settings);
      case 'mseedWriter': {
        const fresh = mseedBytesFor(c, this.settings);
        return path === undefined ? fresh : combineWithExisting(path, c.seismogram, fresh, this.existingPolicy, this.settings);
      }
      case 'asciiWriter':
        return asciiBytesFor(c);
    }
  }

  /**
   * Plans a pair's files and hands them to `commit` (the store's writeOutputsAtomically, or
   * writeFilesAtomically) while holding this writer's lock on their paths, so two pairs that
   * share a day file take turns reading and rewriting it instead of losing each other's data.
   */
  async withFiles<T>(contexts: readonly SeismogramContext[], commit: (files: PlannedFile[]) => Promise<T>): Promise<T> {
    const each = contexts.map((c) => this.pathFor(c));
    const paths = [...new Set(each)].sort();
    const release = await this.locks.acquire(paths);
    try {
      const result = await commit(this.plan(contexts));
      contexts.forEach((c, i) => {
        const list = writtenOf.get(c.seismogram) ?? [];
        list.push(relative(this.runDir, each[i]!));
        writtenOf.set(c.seismogram, list);
      });
      return result;
    } finally {
      release();
    }
  }

  private readonly locks = new PathLocks();

  /** Paths and bytes of every seismogram of a pair; two pieces may not share a path. */
  plan(contexts: readonly SeismogramContext[]): PlannedFile[] {
    const out: PlannedFile[] = [];
    const seen = new Map<string, SeismogramContext>();
    for (const c of contexts) {
      const path = this.pathFor(c);
      const before = seen.get(path);
      if (before) {
        throw new WriterInputError(
          this.kind,
          describeSeismogram(c.seismogram),
          `its location ${path} is also that of ${describeSeismogram(before.seismogram)}: put \${index} (or a time) in the location template`,
        );
      }
      seen.set(path, c);
      out.push({ path, data: this.bytesFor(c, path) });
    }
    return out;
  }
}

/** In-process locks on file paths, taken in sorted order so two holders cannot wait on each other. */
class PathLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(sortedPaths: readonly string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const p of sortedPaths) {
      const before = this.tails.get(p) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const tail = before.then(() => mine);
      this.tails.set(p, tail);
      await before;
      releases.push(() => {
        release();
        if (this.tails.get(p) === tail) this.tails.delete(p);
      });
    }
    return () => releases.forEach((r) => r());
  }
}
