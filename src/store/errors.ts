/**
 * Every failure of the run-state store is a RunStoreError: it names the file and says what to do,
 * so the CLI can print `message` and exit without a stack trace. `kind` lets callers decide without
 * parsing text. Nothing here ever deletes or touches output files.
 */
export type RunStoreErrorKind =
  /** the state file is not SQLite, or SQLite reports it malformed */
  | 'corrupt'
  /** another process holds the run (lock file) or keeps the database busy */
  | 'locked'
  /** the run folder or the state file cannot be written */
  | 'read-only'
  /** the recipe's hash differs from the one the run was started with */
  | 'recipe-changed'
  /** the state file was written by a newer sod with a schema this one does not know */
  | 'newer-schema'
  /** there is no state file where one was expected (e.g. `sod status` on a folder without a run) */
  | 'missing'
  /** a transition the state rules forbid (e.g. writing outputs for a pair already done) */
  | 'transition'
  /** any other I/O or SQLite failure */
  | 'io';

export class RunStoreError extends Error {
  constructor(
    readonly kind: RunStoreErrorKind,
    /** the file or folder concerned */
    readonly path: string,
    /** what went wrong, in a sentence */
    readonly what: string,
    /** what the user can do about it */
    readonly advice: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${what}${advice ? `\n  ${advice}` : ''}`, options);
    this.name = 'RunStoreError';
  }
}

export class RecipeChangedError extends RunStoreError {
  constructor(
    path: string,
    readonly storedHash: string,
    readonly newHash: string,
    /** the recipe text the run was started with, when it was recorded */
    readonly storedRecipeText: string | undefined,
  ) {
    super(
      'recipe-changed',
      path,
      `the recipe has changed since this run was started (recipe hash was ${storedHash.slice(0, 12)}, is now ${newHash.slice(0, 12)})`,
      'Continue with the new recipe and keep what is done with --continue (pairs already done or rejected stay so), ' +
        'or start fresh with --restart (the old state file is moved aside; output files are kept).',
    );
    this.name = 'RecipeChangedError';
  }
}

export class DatabaseLockedError extends RunStoreError {
  constructor(
    path: string,
    /** the process holding the run, when known */
    readonly holderPid: number | undefined,
    readonly holderHost: string | undefined,
    detail?: string,
    /** the lock file, when the lock (not SQLite) is what refused */
    lockPath?: string,
  ) {
    const who = holderPid !== undefined ? `process ${holderPid}${holderHost ? ` on ${holderHost}` : ''}` : 'another process';
    super(
      'locked',
      path,
      `the run is in use by ${who}${detail ? ` (${detail})` : ''}`,
      holderPid !== undefined
        ? `Wait for it to finish or stop it (kill ${holderPid}); 'sod status' can read the run meanwhile.`
        : `Wait for the other process to finish, or stop it; then try again.${lockPath ? ` If no sod is working on this folder, remove ${lockPath}.` : ''}`,
    );
    this.name = 'DatabaseLockedError';
  }
}

export class CorruptDatabaseError extends RunStoreError {
  constructor(path: string, detail: string, cause?: unknown) {
    super(
      'corrupt',
      path,
      `the run-state database is damaged: ${detail}`,
      'Output files are not affected. Start the run afresh with --restart (the damaged file is moved aside, not deleted).',
      { cause },
    );
    this.name = 'CorruptDatabaseError';
  }
}

export class ReadOnlyFolderError extends RunStoreError {
  constructor(path: string, detail: string, cause?: unknown) {
    super(
      'read-only',
      path,
      `cannot write the run state: ${detail}`,
      'Give sod write permission on the run folder, or choose a run folder on a writable disk.',
      { cause },
    );
    this.name = 'ReadOnlyFolderError';
  }
}

export class TransitionError extends RunStoreError {
  constructor(path: string, what: string) {
    super('transition', path, what, 'Reopen the pair explicitly (RunStore.reopen) if it must be done again.');
    this.name = 'TransitionError';
  }
}
