import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  durationFromSeconds,
  durationToSeconds,
  elapsedNanoseconds,
  elapsedSeconds,
  formatInstant,
  formatSeedTime,
  instantFromParts,
  instantToParts,
  LEAP_SECONDS,
  parseInstant,
  sampleTime,
  taiMinusUtc,
  TimeFormatError,
} from '../../src/seismogram/time.js';

// 2010-02-27T06:34:11Z (the Maule earthquake origin), counted by hand:
// 14667 days from 1970-01-01 to 2010-02-27, plus 6h34m11s.
const MAULE = (14667n * 86400n + 6n * 3600n + 34n * 60n + 11n) * 1_000_000_000n;

describe('parseInstant', () => {
  it.each([
    ['2010-02-27T06:34:11Z', MAULE],
    ['2010-02-27T06:34:11.53Z', MAULE + 530_000_000n],
    ['2010-02-27 06:34:11.530000001', MAULE + 530_000_001n],
    ['2010-058T06:34:11Z', MAULE],
    ['2010-02-27T08:34:11+02:00', MAULE],
    ['2010-02-27T01:04:11-05:30', MAULE],
    ['2010-02-27T06:34:11+0000', MAULE],
    ['2010,058,06:34:11', MAULE],
    ['2010,058,06:34:11.5300', MAULE + 530_000_000n],
    ['2010,058', MAULE - (6n * 3600n + 34n * 60n + 11n) * 1_000_000_000n],
    ['20100227T06:34:11.000Z', MAULE],
    ['20100227T063411Z', MAULE],
    ['2010-02-27t06:34:11z', MAULE],
    ['1970-01-01T00:00:00Z', 0n],
    ['1969-12-31T23:59:59.999999999Z', -1n],
  ])('%s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it('maps a leap second 60 onto the start of the next second', () => {
    expect(parseInstant('2016-12-31T23:59:60Z')).toBe(parseInstant('2017-01-01T00:00:00Z'));
    expect(parseInstant('2016,366,23:59:60.5')).toBe(parseInstant('2017-01-01T00:00:00.5Z'));
  });

  it.each([
    ['', /empty/],
    ['yesterday', /expected ISO-8601/],
    ['2010-13-01', /month 13 is out of range/],
    ['2010-02-29', /day 29 is out of range 1\.\.28/],
    ['2010-366', /day of year 366 is out of range 1\.\.365/],
    ['2010-02-27T24:00:00Z', /hour 24/],
    ['2010-02-27T06:60:00Z', /minute 60/],
    ['2010-02-27T06:00:61Z', /second 61/],
    ['2010-02-27T06:00:00.1234567891Z', /expected ISO-8601/],
    ['2010,400', /day of year 400/],
    ['2010-02-27T06:00:00+25:00', /offset/],
  ])('rejects %j', (text, why) => {
    let err: unknown;
    try {
      parseInstant(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TimeFormatError);
    expect((err as Error).message).toContain(`'${text}'`);
    expect((err as Error).message).toMatch(why);
  });
});

describe('formatting and parts', () => {
  it('formats with 0..9 fraction digits', () => {
    expect(formatInstant(MAULE + 530_000_000n)).toBe('2010-02-27T06:34:11.530000Z');
    expect(formatInstant(MAULE, 0)).toBe('2010-02-27T06:34:11Z');
    expect(formatInstant(MAULE + 1n, 9)).toBe('2010-02-27T06:34:11.000000001Z');
    expect(formatInstant(-1n, 9)).toBe('1969-12-31T23:59:59.999999999Z');
    expect(formatSeedTime(MAULE + 530_000_000n, 4)).toBe('2010,058,06:34:11.5300');
  });

  it('round-trips parse(format(t)) across centuries and leap days', () => {
    let t = parseInstant('1899-12-31T23:59:59.999999999Z');
    for (let i = 0; i < 2000; i++) {
      expect(parseInstant(formatInstant(t, 9))).toBe(t);
      t += 86_399_999_999_937n + BigInt(i) * 1_234_567n;
    }
  });

  it('agrees with Date.toISOString to the millisecond, one day after another and back (the date part is cached)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 999_999 }), (msList, subMs) => {
        for (const ms of msList) {
          for (const t of [ms, ms + 1, ms + 86_400_000]) {
            const iso = new Date(t).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ for years 0..9999
            if (!/^\d{4}-/.test(iso)) continue;
            expect(formatInstant(BigInt(t) * 1_000_000n, 3)).toBe(iso);
            expect(formatInstant(BigInt(t) * 1_000_000n + BigInt(subMs), 9)).toBe(`${iso.slice(0, -1)}${String(subMs).padStart(6, '0')}Z`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('instantToParts gives calendar and ordinal fields', () => {
    expect(instantToParts(parseInstant('2012-12-31T01:02:03.4Z'))).toEqual({
      year: 2012, month: 12, day: 31, dayOfYear: 366, hour: 1, minute: 2, second: 3, nanosecond: 400_000_000,
    });
    expect(instantFromParts({ year: 2000, dayOfYear: 60 })).toBe(parseInstant('2000-02-29'));
    expect(() => instantFromParts({ year: 2001, month: 3, day: 1, dayOfYear: 59 })).toThrow(/disagrees/);
  });
});

describe('durations and sample times', () => {
  it('converts seconds to nanoseconds with rounding', () => {
    expect(durationFromSeconds(0.025)).toBe(25_000_000n);
    expect(durationFromSeconds(-1.5)).toBe(-1_500_000_000n);
    expect(durationFromSeconds(1e-10)).toBe(0n);
    expect(durationToSeconds(1_500_000_001n)).toBe(1.500000001);
  });

  it('computes sample times exactly, without accumulating error', () => {
    expect(sampleTime(0n, 3, 40)).toBe(75_000_000n);
    expect(sampleTime(0n, 1, 3)).toBe(333_333_333n);
    expect(sampleTime(0n, 2, 3)).toBe(666_666_667n);
    expect(sampleTime(0n, 86_400 * 100, 100)).toBe(86_400_000_000_000n);
    expect(sampleTime(0n, 10, 0.1)).toBe(100_000_000_000n);
    expect(sampleTime(5n, 0, 40)).toBe(5n);
  });

  it('at integer rates: index / rate seconds to the nearest nanosecond (half away from zero), whether or not the rate divides a second', () => {
    const exact = (start: bigint, index: number, rate: number): bigint => {
      const num = BigInt(index) * 1_000_000_000n;
      const r = BigInt(rate);
      let q = num / r;
      const rem = num % r;
      if (2n * (rem < 0n ? -rem : rem) >= r) q += num < 0n ? -1n : 1n;
      return start + q;
    };
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.oneof(fc.integer({ min: -20_000_000, max: 20_000_000 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
        fc.oneof(fc.constantFrom(1, 2, 3, 7, 20, 40, 50, 100, 128, 200, 250, 1000, 6000, 1_000_000), fc.integer({ min: 1, max: 100_000 })),
        (start, index, rate) => {
          expect(sampleTime(start, index, rate)).toBe(exact(start, index, rate));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('leap seconds', () => {
  it('has the 27 leap seconds from 1972 to 2016', () => {
    expect(LEAP_SECONDS.length).toBe(27);
    expect(LEAP_SECONDS[0]).toBe(parseInstant('1972-07-01T00:00:00Z'));
    expect(LEAP_SECONDS[26]).toBe(parseInstant('2017-01-01T00:00:00Z'));
    expect(taiMinusUtc(parseInstant('2020-01-01T00:00:00Z'))).toBe(37);
    expect(taiMinusUtc(parseInstant('1972-01-01T00:00:00Z'))).toBe(10);
  });

  it('counts them in elapsed time', () => {
    const a = parseInstant('2016-12-31T23:59:59Z');
    const b = parseInstant('2017-01-01T00:00:00Z');
    expect(b - a).toBe(1_000_000_000n); // POSIX difference
    expect(elapsedSeconds(a, b)).toBe(2); // SI seconds: 23:59:59 -> 23:59:60 -> 00:00:00
    expect(elapsedNanoseconds(b, a)).toBe(-2_000_000_000n);
    expect(elapsedSeconds(parseInstant('1972-01-01T00:00:00Z'), parseInstant('2020-01-01T00:00:00Z')) - durationToSeconds(parseInstant('2020-01-01T00:00:00Z') - parseInstant('1972-01-01T00:00:00Z'))).toBe(27);
    expect(elapsedSeconds(parseInstant('2017-01-01T00:00:00Z'), parseInstant('2017-01-01T00:00:10Z'))).toBe(10);
  });
});
