import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../files/package-root.js';
import { readModelFile } from './readModel.js';
import type { VelocityModel } from './velocityModel.js';

/** The models shipped in data/models/, by the name a recipe or `--mod` uses. */
export const BUNDLED_MODELS: Record<string, string> = {
  prem: 'prem.nd',
  iasp91: 'iasp91.tvel',
  ak135: 'ak135.tvel',
};

export class UnknownModelError extends Error {
  constructor(readonly requested: string) {
    super(`unknown model "${requested}": the bundled models are ${Object.keys(BUNDLED_MODELS).join(', ')}; or give a path to a .nd or .tvel file`);
    this.name = 'UnknownModelError';
  }
}

/** data/models/ of the package (with a trailing separator). */
export function bundledModelDir(): string {
  return join(packageRoot(), 'data', 'models') + '/';
}

/** A bundled model by name (case-insensitive), or a model file when given a path. */
export function loadVelocityModel(nameOrPath: string): VelocityModel {
  const file = BUNDLED_MODELS[nameOrPath.toLowerCase()];
  if (file !== undefined) {
    const model = readModelFile(bundledModelDir() + file);
    model.name = nameOrPath.toLowerCase();
    return model;
  }
  if (/\.(nd|tvel)$/i.test(nameOrPath) || nameOrPath.includes('/')) {
    if (!existsSync(nameOrPath)) throw new UnknownModelError(nameOrPath);
    return readModelFile(nameOrPath);
  }
  throw new UnknownModelError(nameOrPath);
}
