/**
 * What continuous mode adds to the engine's build and run contexts. The runner builds the recipe
 * with a ContinuousBuildContext, so the continuous-only ingredients (dailyStatisticsWriter) can
 * tell they are in continuous mode and hand themselves to the runner; at run time the run context
 * carries the --start/--end clip that dayRequest applies.
 */
import type { EngineBuildContext, RunContext } from '../context.js';
import type { BuildContext } from '../../ingredients/declaration.js';
import type { GlobalRange } from '../../archive/day-windows.js';
import type { DailyStatisticsWriter } from './daily-statistics.js';

export interface ContinuousBuildContext extends EngineBuildContext {
  continuous: {
    /** every dailyStatisticsWriter built for this run, in recipe order */
    statisticsWriters: DailyStatisticsWriter[];
  };
}

export interface ContinuousRunContext extends RunContext {
  /** the run's --start / --end */
  continuousRange: GlobalRange;
}

export function continuousBuild(context: BuildContext): ContinuousBuildContext | undefined {
  const c = context as Partial<ContinuousBuildContext>;
  return c.continuous !== undefined ? (context as ContinuousBuildContext) : undefined;
}

export function continuousRun(ctx: RunContext): ContinuousRunContext | undefined {
  const c = ctx as Partial<ContinuousRunContext>;
  return c.continuousRange !== undefined ? (ctx as ContinuousRunContext) : undefined;
}
