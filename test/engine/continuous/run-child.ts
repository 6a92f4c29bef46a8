/**
 * The continuous run the kill test kills: `node --import tsx run-child.ts <runDir> <recipe.json>`
 * runs the recipe in the run folder (as continuous-support.ts does in-process) and exits.
 */
import { readFileSync } from 'node:fs';
import { runContinuousIn } from './continuous-support.js';

const [runDir, recipePath, perCentre] = process.argv.slice(2) as [string, string, string];
const recipe = JSON.parse(readFileSync(recipePath, 'utf8')) as Record<string, unknown>;
const { summary } = await runContinuousIn(runDir, recipe, { concurrencyPerDataCenter: Number(perCentre) });
process.stdout.write(`done ${summary.pairs?.accepted ?? 0} kept, ${summary.failures.length} failed\n`);
