/**
 * Which better-sqlite3 this Node loads. package.json installs two lines side by side, both as
 * optional dependencies so that one failing to install does not fail `npm install`:
 *
 * - `better-sqlite3` 12: a binary compiled for one Node ABI (downloaded, or built from source when
 *   no download is possible). It is the line for Node 20. On Node 24 it aborts the process at exit
 *   ("RemoveEnvironmentCleanupHook: (env) != nullptr") once a database object has lived through a
 *   few garbage collections, even after close(): an upstream bug fixed in 13.
 * - `better-sqlite3-13`, an npm alias of better-sqlite3 13: Node-API 10 binaries shipped inside
 *   the package, no install script, no compiler. Its `engines` (node >= 22) make npm skip it on
 *   Node 20. Loading it on a Node without Node-API 10 (Node 20, Node 22 before 22.14) is a
 *   segmentation fault, not an error, so the choice below is made from process.versions.napi
 *   before anything is loaded.
 *
 * The default export stands in for better-sqlite3's default export (`new Database(path, options)`,
 * `Database.SqliteError`, the `Database.Database` type) and loads the chosen line on first use, so
 * commands that never open a database do not need either.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';

export const LEGACY_PACKAGE = 'better-sqlite3';
export const NAPI_PACKAGE = 'better-sqlite3-13';
/** the Node-API version better-sqlite3 13's binaries are compiled for */
export const NAPI_NEEDED = 10;

export type SqlitePackage = typeof LEGACY_PACKAGE | typeof NAPI_PACKAGE;

export interface DriverChoice {
  package: SqlitePackage;
  /** one sentence for logs and CI: why this line */
  why: string;
  /** set when the choice is known to misbehave on this Node (12 on a Node that needs 13) */
  warning?: string;
}

/** A driver that is missing or cannot be loaded; `advice` says what to run. */
export class SqliteDriverError extends Error {
  constructor(
    readonly what: string,
    readonly advice: string,
    options?: { cause?: unknown },
  ) {
    super(`${what}\n  ${advice}`, options);
    this.name = 'SqliteDriverError';
  }
}

function reinstallAdvice(nodeVersion: string): string {
  return (
    `Run \`npm install\` in sod's folder with Node ${nodeVersion} first in PATH ` +
    '(without network access to prebuilt binaries, better-sqlite3 12 is compiled, which needs python3, make and a C++ compiler).'
  );
}

/**
 * The choice alone, from the Node-API version and what is installed; no module is loaded.
 * Throws SqliteDriverError when neither line that works here is installed.
 */
export function chooseSqlitePackage(
  napi: number,
  isInstalled: (name: SqlitePackage) => boolean,
  nodeVersion: string = process.version,
): DriverChoice {
  if (napi >= NAPI_NEEDED && isInstalled(NAPI_PACKAGE)) {
    return { package: NAPI_PACKAGE, why: `Node-API ${napi} >= ${NAPI_NEEDED}: better-sqlite3 13 (prebuilt Node-API binary)` };
  }
  if (isInstalled(LEGACY_PACKAGE)) {
    if (napi < NAPI_NEEDED) {
      return { package: LEGACY_PACKAGE, why: `Node-API ${napi} < ${NAPI_NEEDED}: better-sqlite3 12 (binary for this Node's ABI)` };
    }
    return {
      package: LEGACY_PACKAGE,
      why: `better-sqlite3 13 is not installed: better-sqlite3 12`,
      warning:
        `better-sqlite3 13 is not installed, so ${nodeVersion} uses 12, which can abort at exit on this Node; ` +
        reinstallAdvice(nodeVersion),
    };
  }
  const wanted = napi >= NAPI_NEEDED ? 'better-sqlite3 13 (package better-sqlite3-13) or 12' : 'better-sqlite3 12';
  throw new SqliteDriverError(`${wanted} is not installed for Node ${nodeVersion} (Node-API ${napi})`, reinstallAdvice(nodeVersion));
}

export interface LoadedDriver extends DriverChoice {
  /** better-sqlite3's own version, from its package.json */
  version: string;
  Database: typeof BetterSqlite3;
}

const require = createRequire(import.meta.url);

function installed(name: string): boolean {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

let loaded: LoadedDriver | undefined;

/** The driver for this process, loaded once. */
export function sqliteDriver(): LoadedDriver {
  if (loaded) return loaded;
  const choice = chooseSqlitePackage(Number(process.versions.napi ?? 0), installed);
  const version = (require(`${choice.package}/package.json`) as { version: string }).version;
  const Database = require(choice.package) as typeof BetterSqlite3;
  loaded = { ...choice, version, Database };
  return loaded;
}

/**
 * A binary built for another Node (12 installed under Node 20, then run with Node 24, or the
 * other way round) fails when the first database is opened; say so and what to run.
 */
function explainLoadFailure(e: unknown, driver: LoadedDriver): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|Could not locate the bindings file/.test(message)) {
    return new SqliteDriverError(
      `better-sqlite3 ${driver.version} cannot be loaded by Node ${process.version}: ${message.split('\n')[0]}`,
      `Run \`npm rebuild better-sqlite3\` in sod's folder with Node ${process.version} first in PATH, or \`npm install\` there again.`,
      { cause: e },
    );
  }
  return e;
}

function openWithDriver(args: ConstructorParameters<typeof BetterSqlite3>): BetterSqlite3.Database {
  const driver = sqliteDriver();
  try {
    return new driver.Database(...args);
  } catch (e) {
    throw explainLoadFailure(e, driver);
  }
}

// A proxy rather than a wrapper class, so that `x instanceof Database` and the static members
// (`Database.SqliteError`) are those of the loaded line.
const Database = new Proxy(function Database() {} as unknown as typeof BetterSqlite3, {
  construct: (_target, args) => openWithDriver(args as ConstructorParameters<typeof BetterSqlite3>),
  apply: (_target, _this, args) => openWithDriver(args as ConstructorParameters<typeof BetterSqlite3>),
  get: (_target, key) => Reflect.get(sqliteDriver().Database, key),
  has: (_target, key) => Reflect.has(sqliteDriver().Database, key),
  getPrototypeOf: () => Reflect.getPrototypeOf(sqliteDriver().Database),
});

// the types that go with the value, as in better-sqlite3's own typings
declare namespace Database {
  type Database = BetterSqlite3.Database;
  type Options = BetterSqlite3.Options;
  type Statement<BindParameters extends unknown[] | {} = unknown[], Result = unknown> = BetterSqlite3.Statement<BindParameters, Result>;
  type RunResult = BetterSqlite3.RunResult;
  type SqliteError = BetterSqlite3.SqliteError;
}

export default Database;
