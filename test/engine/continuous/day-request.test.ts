/**
 * dayRequest's windows: aligned to UTC midnight, stretched by the overlap, clipped to the
 * channel's dates, to the run's --start/--end and to now; a window the channel does not reach
 * gives no request, saying why. And the day plan: day ids, the days a set of channels covers,
 * and requests packed under the byte cap (a channel-day too big alone cut into pieces in time).
 */
import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../../src/engine/context.js';
import type { ChannelRecord, EventChannelPair } from '../../../src/engine/contracts.js';
import { dayEvent, dayIdOf, daysOf, packRequests } from '../../../src/engine/continuous/day-plan.js';
import type { ContinuousRunContext } from '../../../src/engine/continuous/context.js';
import { whyEmpty } from '../../../src/engine/waveform-requests.js';
import { buildDayRequest } from '../../../src/ingredients/waveform/continuous.runtime.js';
import { parseInstant as t } from '../../../src/seismogram/time.js';
import { stationChannels } from '../waveform-support.js';

const H = 3_600_000_000_000n;
const DAY = 24n * H;
const now = t('2024-02-01T00:00:00Z');

function channel(start: string, end?: string): ChannelRecord {
  const c = stationChannels({ net: 'XX', sta: 'A', lat: 0, lon: 0, start, channels: [{ cha: 'BHZ', rate: 20 }] })[0]!;
  return end === undefined ? c : { ...c, channel: { ...c.channel, end: t(end) } };
}

function ctx(range: { start?: bigint; end?: bigint } = {}): ContinuousRunContext {
  return { now, continuousRange: range } as unknown as ContinuousRunContext;
}

async function windows(settings: Parameters<typeof buildDayRequest>[0], c: ChannelRecord, day: string, run: RunContext) {
  const g = buildDayRequest(settings);
  const pair: EventChannelPair = { event: dayEvent(t(`${day}Z`), g.dayRequest.windows.length), channel: c, distanceDeg: 0, azimuth: 0, backAzimuth: 0 };
  return g(pair, run);
}

describe('dayRequest', () => {
  it('asks for the whole UTC day, plus the overlap into the next', async () => {
    const c = channel('2024-01-01T00:00:00Z');
    expect(await windows({}, c, '2024-01-05T00:00:00', ctx())).toEqual([{ start: t('2024-01-05T00:00:00Z'), end: t('2024-01-06T00:00:00Z') }]);
    expect(await windows({ overlap: { unit: 'MINUTE', value: 5 } }, c, '2024-01-05T00:00:00', ctx())).toEqual([{ start: t('2024-01-05T00:00:00Z'), end: t('2024-01-06T00:05:00Z') }]);
  });

  it('clips to the channel epoch and to --start/--end, and says why a day has no window', async () => {
    const c = channel('2024-01-05T06:30:00Z', '2024-01-07T12:00:00Z');
    expect(await windows({}, c, '2024-01-05T00:00:00', ctx())).toEqual([{ start: t('2024-01-05T06:30:00Z'), end: t('2024-01-06T00:00:00Z') }]);
    expect(await windows({}, c, '2024-01-07T00:00:00', ctx())).toEqual([{ start: t('2024-01-07T00:00:00Z'), end: t('2024-01-07T12:00:00Z') }]);
    expect(await windows({}, c, '2024-01-06T00:00:00', ctx({ start: t('2024-01-06T10:00:00Z'), end: t('2024-01-06T11:00:00Z') }))).toEqual([
      { start: t('2024-01-06T10:00:00Z'), end: t('2024-01-06T11:00:00Z') },
    ]);
    const none = await windows({}, c, '2024-01-08T00:00:00', ctx());
    expect(none).toEqual([]);
    expect(whyEmpty(none)).toMatch(/XX\.A\.00\.BHZ has no time in the window starting 2024-01-08T00:00:00Z/);
  });

  it('cuts days into windows of a fraction of a day and refuses lengths that drift off midnight', async () => {
    const c = channel('2024-01-01T00:00:00Z');
    expect(await windows({ windowLength: { unit: 'HOUR', value: 6 } }, c, '2024-01-05T18:00:00', ctx())).toEqual([{ start: t('2024-01-05T18:00:00Z'), end: t('2024-01-06T00:00:00Z') }]);
    expect(() => buildDayRequest({ windowLength: { unit: 'HOUR', value: 5 } })).toThrow(/whole fraction of a day/);
    expect(() => buildDayRequest({ overlap: { unit: 'SECOND', value: -1 } })).toThrow(/negative/);
  });
});

describe('the day plan', () => {
  it('names days by date, shorter windows by their start', () => {
    expect(dayIdOf(t('2024-01-05T00:00:00Z'), DAY)).toBe('day:2024-01-05');
    expect(dayIdOf(t('2024-01-05T06:00:00Z'), 6n * H)).toBe('day:2024-01-05T06:00:00');
  });

  it('lists the days each channel has time in, cut to the range', () => {
    const a = channel('2024-01-05T12:00:00Z', '2024-01-07T00:00:00Z');
    const b = channel('2024-01-06T00:00:00Z');
    const days = [...daysOf([a, b], { end: t('2024-01-08T00:00:00Z') }, now, { length: DAY, overlap: 0n })];
    expect(days.map((d) => [d.event.id, d.channels.length])).toEqual([
      ['day:2024-01-05', 1],
      ['day:2024-01-06', 2],
      ['day:2024-01-07', 1],
    ]);
  });

  it('packs requests under the byte cap and cuts a too-big item into pieces that cover it exactly', () => {
    const w = (s: string, e: string) => ({ start: t(s), end: t(e) });
    const items = [
      { pair: 'a', requests: [w('2024-01-05T00:00:00Z', '2024-01-06T00:00:00Z')], bytes: 40 },
      { pair: 'b', requests: [w('2024-01-05T00:00:00Z', '2024-01-06T00:00:00Z')], bytes: 50 },
      { pair: 'c', requests: [w('2024-01-05T00:00:00Z', '2024-01-06T00:00:00Z')], bytes: 250 },
      { pair: 'd', requests: [w('2024-01-05T00:00:00Z', '2024-01-06T00:00:00Z')], bytes: 10 },
    ];
    const packed = packRequests(items, 100);
    expect(packed.map((b) => b.map((i) => i.pair).join(''))).toEqual(['ab', 'c', 'c', 'c', 'd']);
    const pieces = packed.filter((b) => b[0]!.pair === 'c').map((b) => b[0]!.requests[0]!);
    expect(pieces[0]!.start).toBe(t('2024-01-05T00:00:00Z'));
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
    expect(pieces.at(-1)!.end).toBe(t('2024-01-06T00:00:00Z'));
    for (const b of packed) expect(b.reduce((n, i) => n + i.bytes, 0)).toBeLessThanOrEqual(100);
  });
});
