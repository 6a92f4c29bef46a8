/**
 * The continuous tests' fixture for a whole test file: the generated archive (several days of real
 * records with gaps) served by a stand-in FDSN server, started before all tests and closed after.
 */
import { afterAll, beforeAll } from 'vitest';
import { startStandin, type Standin } from '../../support/fdsn-standin/index.js';
import { buildContinuousArchive, type ContinuousArchive } from './continuous-archive.js';

export interface ContinuousSession {
  /** set once beforeAll has run */
  archive: ContinuousArchive;
  standin: Standin;
}

export function useContinuousStandin(): ContinuousSession {
  const session = {} as ContinuousSession;
  beforeAll(async () => {
    session.archive = buildContinuousArchive();
    session.standin = await startStandin({ archive: session.archive.dir });
  });
  afterAll(async () => {
    await session.standin.close();
  });
  return session;
}
