/** The logger's live-line hook: every printed line steps around the live line, and only those. */
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { Logger, type LiveLine } from '../../src/engine/logger.js';

function capture(o: { json?: boolean; quiet?: boolean; verbose?: boolean } = {}) {
  const seen: string[] = [];
  const log = new Logger({
    out: (l) => seen.push(`out ${l}`),
    err: (l) => seen.push(`err ${l}`),
    color: new Chalk({ level: 0 }),
    time: () => '2026-12-04T00:00:00.000Z',
    ...o,
  });
  const live: LiveLine = { clear: () => seen.push('clear'), redraw: () => seen.push('redraw') };
  return { log, live, seen };
}

describe('Logger.setLiveLine', () => {
  it('clears the live line before each log line and data line, and redraws it after', () => {
    const { log, live, seen } = capture();
    log.setLiveLine(live);
    log.info('fetched 3 seismograms');
    log.error('HTTP 500');
    log.data('IU.ANMO.00.BHZ 2010-02-27');
    expect(seen).toEqual([
      'clear',
      'err info: fetched 3 seismograms',
      'redraw',
      'clear',
      'err error: HTTP 500',
      'redraw',
      'clear',
      'out IU.ANMO.00.BHZ 2010-02-27',
      'redraw',
    ]);
  });

  it('does the same for JSON lines', () => {
    const { log, live, seen } = capture({ json: true });
    log.setLiveLine(live);
    log.warn('slow', { host: 'example' });
    expect(seen).toEqual(['clear', 'err {"time":"2026-12-04T00:00:00.000Z","level":"warn","msg":"slow","host":"example"}', 'redraw']);
  });

  it('leaves the live line alone for lines below the level, and once it is removed', () => {
    const { log, live, seen } = capture({ quiet: true });
    log.setLiveLine(live);
    log.info('not shown with --quiet');
    log.debug('nor this');
    expect(seen).toEqual([]);
    log.setLiveLine(undefined);
    log.error('shown');
    expect(seen).toEqual(['err error: shown']);
  });

  it('redraws even when printing throws', () => {
    const seen: string[] = [];
    const log = new Logger({
      out: () => {},
      err: () => {
        throw new Error('EPIPE');
      },
      color: new Chalk({ level: 0 }),
    });
    log.setLiveLine({ clear: () => seen.push('clear'), redraw: () => seen.push('redraw') });
    expect(() => log.info('x')).toThrow('EPIPE');
    expect(seen).toEqual(['clear', 'redraw']);
  });
});
