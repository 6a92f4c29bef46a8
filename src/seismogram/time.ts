/**
 * Instants and durations as integer nanoseconds (bigint).
 *
 * An Instant counts nanoseconds since 1970-01-01T00:00:00Z on the POSIX scale: every day has
 * exactly 86400 seconds and leap seconds are not counted, which is how SEED, SAC and the FDSN web
 * services count time. A leap second written as second 60 lands on the start of the next second
 * (as libmseed does). Use `elapsedNanoseconds` when the true SI interval across a leap second matters.
 */

export type Instant = bigint;
export type Duration = bigint;

export const NS_PER_SECOND = 1_000_000_000n;
export const NS_PER_MILLISECOND = 1_000_000n;
export const NS_PER_MICROSECOND = 1_000n;
const NS_PER_DAY = 86_400n * NS_PER_SECOND;

export interface InstantParts {
  year: number;
  month: number;
  day: number;
  dayOfYear: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
}

export interface InstantFields {
  year: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour?: number;
  minute?: number;
  second?: number;
  nanosecond?: number;
}

/** A time text or set of time fields that cannot be an instant. */
export class TimeFormatError extends Error {
  constructor(
    message: string,
    readonly text?: string,
  ) {
    super(message);
    this.name = 'TimeFormatError';
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TimeFormatError(`${name} ${value} is out of range ${min}..${max}`);
  }
}

/** Build an instant from calendar (month/day) or ordinal (dayOfYear) fields, checking every range. */
export function instantFromParts(p: InstantFields): Instant {
  checkRange('year', p.year, -9999, 9999);
  let days: number;
  if (p.dayOfYear !== undefined) {
    if (p.month !== undefined || p.day !== undefined) {
      // Accept both only when they agree.
      const fromCal = instantFromParts({ year: p.year, month: p.month ?? 1, day: p.day ?? 1 });
      const fromOrd = instantFromParts({ year: p.year, dayOfYear: p.dayOfYear });
      if (fromCal !== fromOrd) throw new TimeFormatError(`day of year ${p.dayOfYear} disagrees with month ${p.month} day ${p.day}`);
    }
    checkRange('day of year', p.dayOfYear, 1, isLeapYear(p.year) ? 366 : 365);
    days = daysFromCivil(p.year, 1, 1) + p.dayOfYear - 1;
  } else {
    const month = p.month ?? 1;
    const day = p.day ?? 1;
    checkRange('month', month, 1, 12);
    checkRange('day', day, 1, daysInMonth(p.year, month));
    days = daysFromCivil(p.year, month, day);
  }
  const hour = p.hour ?? 0;
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  const nanosecond = p.nanosecond ?? 0;
  checkRange('hour', hour, 0, 23);
  checkRange('minute', minute, 0, 59);
  checkRange('second', second, 0, 60);
  checkRange('nanosecond', nanosecond, 0, 999_999_999);
  const secondsOfDay = hour * 3600 + minute * 60 + second;
  return BigInt(days) * NS_PER_DAY + BigInt(secondsOfDay) * NS_PER_SECOND + BigInt(nanosecond);
}

export function instantToParts(t: Instant): InstantParts {
  let days = t / NS_PER_DAY;
  let rem = t % NS_PER_DAY;
  if (rem < 0n) {
    rem += NS_PER_DAY;
    days -= 1n;
  }
  const d = Number(days);
  const { year, month, day } = civilFromDays(d);
  const secOfDay = Number(rem / NS_PER_SECOND);
  const nanosecond = Number(rem % NS_PER_SECOND);
  const dayOfYear = d - daysFromCivil(year, 1, 1) + 1;
  return {
    year,
    month,
    day,
    dayOfYear,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    nanosecond,
  };
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** The date part 'YYYY-MM-DDT' of the last day formatted (bulk requests and reports format many instants of one day). */
let lastDay = Number.NaN;
let lastDate = '';

/** ISO-8601 in UTC with a 'Z', e.g. '2010-02-27T06:34:11.530000Z'; fractionDigits 0..9 (truncated, not rounded). */
export function formatInstant(t: Instant, fractionDigits = 6): string {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 9) {
    throw new RangeError(`fractionDigits must be 0..9, got ${fractionDigits}`);
  }
  let days = t / NS_PER_DAY;
  let rem = t - days * NS_PER_DAY;
  if (rem < 0n) {
    rem += NS_PER_DAY;
    days -= 1n;
  }
  const d = Number(days);
  if (d !== lastDay) {
    const { year, month, day } = civilFromDays(d);
    lastDate = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T`;
    lastDay = d;
  }
  // below 8.64e13 ns: exact as a double
  const r = Number(rem);
  const secOfDay = Math.floor(r / 1e9);
  const nanosecond = r - secOfDay * 1e9;
  const hour = Math.floor(secOfDay / 3600);
  const minute = Math.floor((secOfDay % 3600) / 60);
  const second = secOfDay % 60;
  const time = `${hour < 10 ? '0' : ''}${hour}:${minute < 10 ? '0' : ''}${minute}:${second < 10 ? '0' : ''}${second}`;
  const frac = fractionDigits > 0 ? '.' + String(nanosecond).padStart(9, '0').slice(0, fractionDigits) : '';
  return `${lastDate}${time}${frac}Z`;
}

/** SEED's 'YYYY,DDD,HH:MM:SS.FFFFFF' form. */
export function formatSeedTime(t: Instant, fractionDigits = 6): string {
  const p = instantToParts(t);
  const frac = fractionDigits > 0 ? '.' + pad(p.nanosecond, 9).slice(0, fractionDigits) : '';
  return `${pad(p.year, 4)},${pad(p.dayOfYear, 3)},${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${frac}`;
}

function fractionToNanos(frac: string | undefined): number {
  if (!frac) return 0;
  return Number(frac.padEnd(9, '0'));
}

// Date: YYYY-MM-DD | YYYY-DDD | YYYYMMDD | YYYYDDD; then optional time (extended or basic) and zone.
const ISO_RE =
  /^(\d{4})(?:-(\d{2})-(\d{2})|-(\d{3})|(\d{2})(\d{2})|(\d{3}))(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
// SEED: YYYY[,DDD[,HH[:MM[:SS[.FFFF]]]]]
const SEED_RE = /^(\d{4})(?:,(\d{1,3})(?:,(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?)?$/;

function toInt(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

/**
 * Parse ISO-8601 (calendar or ordinal date, 'T' or space, 'Z', an offset or nothing = UTC, a
 * fraction of up to 9 digits), SEED 'YYYY,DDD,HH:MM:SS.FFFF' (and its shorter forms) and SOD's
 * compact '20030101T00:00:00.001Z'.
 */
export function parseInstant(text: string): Instant {
  const s = text.trim().toUpperCase(); // ISO allows lower-case t and z
  const fail = (what: string): never => {
    throw new TimeFormatError(`cannot read time '${text}': ${what}`, text);
  };
  if (s === '') fail('the text is empty');
  const withRanges = (f: () => Instant): Instant => {
    try {
      return f();
    } catch (e) {
      if (e instanceof TimeFormatError && e.text === undefined) fail(e.message);
      throw e;
    }
  };
  if (/^\d{4}$/.test(s) || (s.includes(',') && !/[T ]\d{2}:\d{2}:\d{2},/.test(s))) {
    const m = SEED_RE.exec(s);
    if (!m) fail("expected SEED time 'YYYY,DDD,HH:MM:SS.FFFF'");
    return withRanges(() =>
      instantFromParts({
        year: Number(m![1]),
        dayOfYear: toInt(m![2]) ?? 1,
        hour: toInt(m![3]),
        minute: toInt(m![4]),
        second: toInt(m![5]),
        nanosecond: fractionToNanos(m![6]),
      }),
    );
  }
  const m = ISO_RE.exec(s);
  if (!m) fail("expected ISO-8601 such as '2010-02-27T06:34:11.53Z', '2010-058T06:34:11Z' or SEED '2010,058,06:34:11'");
  const [, year, month, day, doy, bmonth, bday, bdoy, hour, minute, second, frac, zone] = m!;
  let t = withRanges(() =>
    instantFromParts({
      year: Number(year),
      month: toInt(month ?? bmonth),
      day: toInt(day ?? bday),
      dayOfYear: toInt(doy ?? bdoy),
      hour: toInt(hour),
      minute: toInt(minute),
      second: toInt(second),
      nanosecond: fractionToNanos(frac),
    }),
  );
  if (zone && zone !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const zh = Number(zm[2]);
    const zmin = Number(zm[3] ?? '0');
    if (zh > 23 || zmin > 59) fail(`offset ${zone} is out of range`);
    const offset = BigInt(zh * 3600 + zmin * 60) * NS_PER_SECOND;
    // local = UTC + offset, so UTC = local - offset
    t = zm[1] === '+' ? t - offset : t + offset;
  }
  return t;
}

/** Seconds (float) to a duration, rounded to the nearest nanosecond. */
export function durationFromSeconds(s: number): Duration {
  if (!Number.isFinite(s)) throw new RangeError(`duration must be finite, got ${s}`);
  const whole = Math.trunc(s);
  const nanos = Math.round((s - whole) * 1e9);
  return BigInt(whole) * NS_PER_SECOND + BigInt(nanos);
}

export function durationToSeconds(d: Duration): number {
  const whole = d / NS_PER_SECOND;
  const rem = d % NS_PER_SECOND;
  return Number(whole) + Number(rem) / 1e9;
}

/**
 * Time of sample `index` of a series starting at `start`: start + round(index * 1e9 / rate).
 * Computed exactly for any index and any rate that is a whole number of Hz or a whole number of
 * seconds per sample; other rates are computed in double precision per sample offset (sub-ns error).
 */
export function sampleTime(start: Instant, index: number, sampleRate: number): Instant {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  if (index === 0) return start;
  if (Number.isInteger(sampleRate)) {
    // most rates divide a second into whole nanoseconds (1, 20, 40, 100, 200 Hz...): exact in
    // doubles below 2^53, and one BigInt instead of four
    const ns = index * 1e9;
    if (Math.abs(ns) <= Number.MAX_SAFE_INTEGER && ns % sampleRate === 0) return start + BigInt(ns / sampleRate);
    const num = BigInt(index) * NS_PER_SECOND;
    const r = BigInt(sampleRate);
    return start + roundedDiv(num, r);
  }
  const period = 1 / sampleRate;
  if (Number.isInteger(period)) return start + BigInt(index) * BigInt(period) * NS_PER_SECOND;
  const offset = (index * 1e9) / sampleRate;
  if (Math.abs(offset) < 2 ** 53) return start + BigInt(Math.round(offset));
  return start + BigInt(Math.round(offset / 1e9)) * NS_PER_SECOND; // beyond double ns precision
}

/** Sample period as a duration, rounded to the nearest nanosecond. */
export function samplePeriod(sampleRate: number): Duration {
  return sampleTime(0n, 1, sampleRate);
}

/** a / b rounded half away from zero, for bigints with b > 0. */
export function roundedDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * UTC days at whose end a positive leap second (23:59:60) was inserted, per IERS Bulletin C, from
 * 1972 through 2016; none since. Each entry is the POSIX instant at which the following day begins.
 */
export const LEAP_SECONDS: readonly Instant[] = [
  '1972-06-30', '1972-12-31', '1973-12-31', '1974-12-31', '1975-12-31', '1976-12-31', '1977-12-31',
  '1978-12-31', '1979-12-31', '1981-06-30', '1982-06-30', '1983-06-30', '1985-06-30', '1987-12-31',
  '1989-12-31', '1990-12-31', '1992-06-30', '1993-06-30', '1994-06-30', '1995-12-31', '1997-06-30',
  '1998-12-31', '2005-12-31', '2008-12-31', '2012-06-30', '2015-06-30', '2016-12-31',
].map((d) => parseInstant(d) + NS_PER_DAY);

/** TAI - UTC in seconds at an instant (10 s from 1972 plus each leap second); 0 before 1972. */
export function taiMinusUtc(t: Instant): number {
  if (t < parseInstant('1972-01-01')) return 0;
  let n = 10;
  for (const ls of LEAP_SECONDS) if (t >= ls) n++;
  return n;
}

/** Number of leap seconds inserted between a and b (negative when b < a). */
export function leapSecondsBetween(a: Instant, b: Instant): number {
  if (b < a) return -leapSecondsBetween(b, a);
  let n = 0;
  for (const ls of LEAP_SECONDS) if (ls > a && ls <= b) n++;
  return n;
}

/** True (SI) elapsed time from a to b, counting the leap seconds between them. */
export function elapsedNanoseconds(a: Instant, b: Instant): Duration {
  return b - a + BigInt(leapSecondsBetween(a, b)) * NS_PER_SECOND;
}

/** True (SI) elapsed seconds from a to b, counting the leap seconds between them. */
export function elapsedSeconds(a: Instant, b: Instant): number {
  return durationToSeconds(elapsedNanoseconds(a, b));
}

export function minInstant(a: Instant, b: Instant): Instant {
  return a < b ? a : b;
}

export function maxInstant(a: Instant, b: Instant): Instant {
  return a > b ? a : b;
}
