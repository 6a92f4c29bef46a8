/**
 * Runtime of fdsnEvent: the settings become an FDSN event query (time span cut into
 * eventQueryIncrement chunks, asked oldest first), and every event that comes back is checked
 * again locally with the same tests, so a service that ignores a parameter cannot let a wrong
 * event through. A chunk that fails is reported with its URL and the others still run.
 */
import type { BuildContext } from '../declaration.js';
import { Box, PointRange, type BoxSetting, type PointRangeSetting } from '../../engine/areas.js';
import { engineContext, type RunContext } from '../../engine/context.js';
import type { EventRecord, EventSource, OriginSubsetter } from '../../engine/contracts.js';
import { eventRecord } from '../../engine/event-record.js';
import { intervalNs, resolveTime, type RangeSetting, type TimeIntervalSetting } from '../../engine/quantities.js';
import type { ServiceLocation } from '../../fdsn/endpoint.js';
import { isFdsnError } from '../../fdsn/errors.js';
import { queryEvents, type EventQuery } from '../../fdsn/event.js';
import { NS_PER_SECOND, type Instant } from '../../seismogram/time.js';
import { catalogCheck, contributorCheck } from './originAttributes.runtime.js';
import { boxCheck, pointDistanceCheck } from './originPlace.runtime.js';
import { depthCheck, depthQuery, magnitudeCheck, magnitudeQuery, originTimeCheck, type MagnitudeRangeSetting, type OriginTimeRangeSetting } from './originRanges.runtime.js';

export interface FdsnEventSettings extends ServiceLocation {
  name?: string;
  globalArea?: object;
  boxArea?: BoxSetting;
  pointDistance?: PointRangeSetting;
  originDepthRange?: RangeSetting;
  originTimeRange?: OriginTimeRangeSetting;
  networkTimeRange?: object;
  magnitudeRange?: MagnitudeRangeSetting;
  catalog?: string[];
  contributor?: string[];
  eventQueryIncrement?: TimeIntervalSetting;
  eventRefreshInterval?: TimeIntervalSetting;
  eventLag?: TimeIntervalSetting;
}

const DEFAULT_INCREMENT = 7n * 86_400n * NS_PER_SECOND;
/** FDSN times go out with microseconds: chunk i ends one microsecond before chunk i+1 starts. */
const MICROSECOND = 1000n;

/** Time chunks [start, end] of at most `step`, covering [from, to] without overlap. */
export function timeChunks(from: Instant, to: Instant, step: bigint): { start: Instant; end: Instant }[] {
  if (step <= 0n) throw new RangeError('eventQueryIncrement must be positive');
  const out: { start: Instant; end: Instant }[] = [];
  for (let s = from; s <= to; s += step) {
    const next = s + step;
    out.push({ start: s, end: next > to ? to : next - MICROSECOND });
    if (next > to) break;
  }
  return out;
}

export function buildFdsnEvent(settings: FdsnEventSettings, context: BuildContext): EventSource {
  const ctx = engineContext(context);
  const name = settings.name ? `fdsnEvent ${settings.name}` : 'fdsnEvent';
  const target: ServiceLocation = {};
  for (const k of ['baseurl', 'scheme', 'host', 'port', 'fdsnwsPath'] as const) if (settings[k] !== undefined) (target as Record<string, unknown>)[k] = settings[k];

  // the query the settings say, and the same tests to run locally
  const query: EventQuery = {};
  const checks: OriginSubsetter[] = [];
  if (settings.boxArea) {
    Object.assign(query, new Box(settings.boxArea).query());
    checks.push(boxCheck(name, settings.boxArea));
  }
  if (settings.pointDistance) {
    Object.assign(query, new PointRange(settings.pointDistance).query());
    checks.push(pointDistanceCheck(name, settings.pointDistance));
  }
  if (settings.originDepthRange) {
    Object.assign(query, depthQuery(settings.originDepthRange));
    const c = depthCheck(name, settings.originDepthRange);
    checks.push((ev) => c(ev));
  }
  if (settings.magnitudeRange) {
    Object.assign(query, magnitudeQuery(settings.magnitudeRange));
    const c = magnitudeCheck(name, settings.magnitudeRange);
    checks.push((ev) => c(ev));
    // types or agencies beyond what the service judges: ask for every magnitude to check them all
    if ((settings.magnitudeRange.magType?.length ?? 0) > 1 || (settings.magnitudeRange.contributor?.length ?? 0) > 0) query.includeallmagnitudes = true;
  }
  if (settings.catalog?.length) {
    const c = catalogCheck(name, settings.catalog);
    Object.assign(query, c.eventQuery);
    checks.push(c);
  }
  if (settings.contributor?.length) {
    const c = contributorCheck(name, settings.contributor);
    Object.assign(query, c.eventQuery);
    checks.push(c);
  }
  const timeSetting: OriginTimeRangeSetting | undefined = settings.originTimeRange;
  if (timeSetting) checks.push(originTimeCheck(name, timeSetting, ctx.now));
  const incrementSetting = settings.eventQueryIncrement ?? (ctx.properties.eventQueryIncrement as TimeIntervalSetting | undefined);
  const step = incrementSetting ? intervalNs(incrementSetting) : DEFAULT_INCREMENT;

  const span = (run: RunContext): { start: Instant; end: Instant } => {
    if (timeSetting) {
      return { start: resolveTime(timeSetting.startTime, { now: ctx.now, networkSpan: run.networkSpan }), end: resolveTime(timeSetting.endTime, { now: ctx.now, networkSpan: run.networkSpan }) };
    }
    // <networkTimeRange/>: the span of the channels the network arm found
    if (!run.networkSpan) throw new Error('<networkTimeRange/> needs a network arm that found channels');
    return run.networkSpan;
  };

  async function* events(run: RunContext, pushdown?: EventQuery): AsyncGenerator<EventRecord> {
    let window: { start: Instant; end: Instant };
    try {
      window = span(run);
    } catch (e) {
      run.fail({ where: name, message: (e as Error).message });
      return;
    }
    if (window.end < window.start) {
      run.fail({ where: name, message: 'the end of the origin time range is before its start' });
      return;
    }
    // the arm's own tests add what the settings leave open
    const base: EventQuery = { ...(pushdown ?? {}), ...query, orderby: 'time-asc' };
    const seen = new Set<string>();
    // no event has happened after the clock: a range open to the future is asked up to now
    const now = run.clock();
    const upTo = window.end > now ? now : window.end;
    if (upTo < window.start) return;
    for (const chunk of timeChunks(window.start, upTo, step)) {
      const q: EventQuery = { ...base, starttime: chunk.start, endtime: chunk.end };
      let found;
      try {
        found = await queryEvents(target, q, { http: run.http, signal: run.signal });
      } catch (e) {
        if (!isFdsnError(e)) throw e;
        run.fail({ where: name, location: e.url, message: e.message });
        continue;
      }
      run.log.debug(`${name}: ${found.noData ? 'no events' : `${found.events.length} events`} from ${found.url}`);
      for (const ev of found.events) {
        if (seen.has(ev.publicId)) continue;
        seen.add(ev.publicId);
        const rec = eventRecord(ev, name);
        if (!rec) {
          run.log.warn(`${name}: event ${ev.publicId} from ${found.url} has no origin; skipped`);
          continue;
        }
        let ok = true;
        for (const check of checks) {
          const v = await check(rec, run);
          if (!v.pass) {
            run.log.debug(`${name}: the service sent event ${rec.id} although ${v.reason}; dropped`);
            ok = false;
            break;
          }
        }
        if (ok) yield rec;
      }
    }
  }

  const source: EventSource = (run, pushdown) => events(run, pushdown);
  // a standing order: the range ends in the future, or late events may still come (eventLag)
  const lagSetting = settings.eventLag ?? (ctx.properties.eventLag as TimeIntervalSetting | undefined);
  const lag = lagSetting ? intervalNs(lagSetting) : 0n;
  source.liveUntil = (run) => {
    try {
      return span(run).end + lag;
    } catch {
      return undefined;
    }
  };
  return source;
}

