/**
 * Turns SQLite and file-system failures into RunStoreErrors that name the file and say what to
 * do. Anything not recognised becomes kind 'io' with the original message.
 */
import Database from './sqlite-driver.js';
import {
  CorruptDatabaseError,
  DatabaseLockedError,
  ReadOnlyFolderError,
  RunStoreError,
} from './errors.js';

function codeOf(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** `doing` completes "while ..." in the message, e.g. 'opening the run state'. */
export function translateStoreError(e: unknown, path: string, doing: string): RunStoreError {
  if (e instanceof RunStoreError) return e;
  const code = codeOf(e) ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof Database.SqliteError || code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_NOTADB') return new CorruptDatabaseError(path, `it is not an SQLite database (${message})`, e);
    if (code.startsWith('SQLITE_CORRUPT')) return new CorruptDatabaseError(path, message, e);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new DatabaseLockedError(path, undefined, undefined, `SQLite says the database is busy while ${doing}`);
    }
    if (code.startsWith('SQLITE_READONLY')) return new ReadOnlyFolderError(path, `${message} (while ${doing})`, e);
    if (code.startsWith('SQLITE_CANTOPEN')) {
      return new ReadOnlyFolderError(path, `SQLite cannot open the file (${message}) while ${doing}`, e);
    }
    if (code === 'SQLITE_FULL') {
      return new RunStoreError('io', path, `the disk is full (while ${doing})`, 'Free some space and run again; nothing saved so far is lost.', { cause: e });
    }
    if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR')) {
      return new RunStoreError('io', path, `input/output error while ${doing}: ${message}`, 'Check the disk; output files already written are kept.', { cause: e });
    }
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ReadOnlyFolderError(path, `${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'} while ${doing}`, e);
  }
  if (code === 'ENOSPC') {
    return new RunStoreError('io', path, `the disk is full (while ${doing})`, 'Free some space and run again; nothing saved so far is lost.', { cause: e });
  }
  return new RunStoreError('io', path, `failed while ${doing}: ${message}`, '', { cause: e });
}
