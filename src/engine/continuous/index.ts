/**
 * Continuous mode (issue 8): every day of every channel of a network arm, with no event arm.
 * `sod run` calls runContinuous when the recipe has no <eventArm>.
 */
export { runContinuous, type ContinuousOptions } from './run-continuous.js';
export { DailyStatisticsWriter, DAILY_STATISTICS_COLUMNS, traceFigures, type StationColumns, type TraceFigures } from './daily-statistics.js';
export { dayEvent, dayIdOf, daysOf, packRequests, BYTES_PER_SAMPLE } from './day-plan.js';
export { DEFAULT_CHANNEL_CODES } from './station-list.js';
