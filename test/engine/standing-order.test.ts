/**
 * A standing order run in seconds with an injected clock: the stand-in serves the Maule 2010 event
 * and IU.COLA / IU.ANMO, but no data at first. COLA's data reach the stand-in on day 2, ANMO's
 * never; an aftershock appears in the catalogue on day 3. Expected: COLA is kept once its data
 * are there, ANMO (and every aftershock pair) waits, is tried again with growing delays, and is
 * rejected once seismogramLatency has passed; `sod status` counts agree at every stage.
 */
import { Chalk } from 'chalk';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '../../src/engine/logger.js';
import { runRecipe } from '../../src/engine/run.js';
import { nextTry, RETRY_BASE, type Sleep } from '../../src/engine/standing-order.js';
import type { QuakeEvent } from '../../src/formats/quakeml/model.js';
import { registry } from '../../src/ingredients/registry.js';
import { loadRecipeFile } from '../../src/recipe/load.js';
import { NS_PER_SECOND, parseInstant, type Instant } from '../../src/seismogram/time.js';
import { readRunStatus } from '../../src/store/index.js';
import { startStandin, type Standin } from '../support/fdsn-standin/index.js';

const DEMO = join(import.meta.dirname, '..', '..', 'recipes', 'demo-data');
const HOUR = 3600n * NS_PER_SECOND;
const DAY = 24n * HOUR;
const ORIGIN = parseInstant('2010-02-27T06:34:11.530Z');

let standin: Standin;
let port: string;
let archiveDir: string;

beforeAll(async () => {
  // the archive starts with the event and the stations only: the waveforms come later
  archiveDir = mkdtempSync(join(tmpdir(), 'sod-standing-archive-'));
  copyFileSync(join(DEMO, 'maule-2010.quakeml.xml'), join(archiveDir, 'events.xml'));
  copyFileSync(join(DEMO, 'stations.xml'), join(archiveDir, 'stations.xml'));
  standin = await startStandin({ archive: archiveDir });
  port = new URL(standin.origin).port;
});
afterAll(() => standin.close());

function recipe(dir: string): string {
  const xml = `<sod>
  <properties>
    <eventRefreshInterval><unit>HOUR</unit><value>6</value></eventRefreshInterval>
    <seismogramLatency><unit>DAY</unit><value>5</value></seismogramLatency>
    <maxRetryDelay><unit>HOUR</unit><value>12</value></maxRetryDelay>
  </properties>
  <eventArm>
    <fdsnEvent>
      <host>127.0.0.1</host><port>${port}</port>
      <originTimeRange>
        <startTime><year>2010</year><month>2</month><day>27</day></startTime>
        <endTime><later><unit>DAY</unit><value>10</value></later></endTime>
      </originTimeRange>
      <magnitudeRange><min>6</min></magnitudeRange>
    </fdsnEvent>
  </eventArm>
  <networkArm>
    <fdsnStation><host>127.0.0.1</host><port>${port}</port></fdsnStation>
    <networkCode>IU</networkCode>
  </networkArm>
  <waveformArm>
    <phaseRequest>
      <model>prem</model>
      <beginPhase>tts</beginPhase>
      <beginOffset><unit>SECOND</unit><value>-120</value></beginOffset>
      <endPhase>tts</endPhase>
      <endOffset><unit>SECOND</unit><value>600</value></endOffset>
    </phaseRequest>
    <fdsnDataSelect><host>127.0.0.1</host><port>${port}</port></fdsnDataSelect>
    <fullCoverage/>
    <mseedWriter><workingDir>seismograms</workingDir></mseedWriter>
  </waveformArm>
</sod>`;
  const path = join(dir, 'recipe.xml');
  writeFileSync(path, xml);
  return path;
}

/** The Maule event moved three days on: an aftershock the catalogue learns about on day 3. */
function aftershock(): QuakeEvent {
  const main = standin.archive.events[0]!;
  const o = main.origins[0]!;
  const shifted = { ...o, publicId: `${o.publicId}-aftershock`, time: o.time + 3n * DAY };
  return { ...main, publicId: `${main.publicId}-aftershock`, origins: [shifted], preferredOriginId: shifted.publicId, magnitudes: main.magnitudes.map((m) => ({ ...m, publicId: `${m.publicId}-as`, value: 6.5 })), preferredMagnitudeId: main.magnitudes[0] ? `${main.magnitudes[0].publicId}-as` : undefined } as QuakeEvent;
}

describe('a standing order with an injected clock', () => {
  it('keeps data that arrive on day 2, rejects what never comes after seismogramLatency, and picks up a new event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sod-standing-'));
    const runDir = join(dir, 'run');
    const path = recipe(dir);
    const loaded = loadRecipeFile(path, registry);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);

    let now: Instant = ORIGIN + HOUR;
    const start = now;
    const sleeps: bigint[] = [];
    const snapshots: { at: Instant; retrying: number; done: number; rejected: number }[] = [];
    let colaArrived = false;
    let aftershockAnnounced = false;
    const sleep: Sleep = async (ms) => {
      // what `sod status` sees while the order waits
      const s = readRunStatus(runDir, { now });
      snapshots.push({ at: now, retrying: s.counts.pairs.retrying, done: s.counts.pairs.done, rejected: s.counts.pairs.rejected });
      sleeps.push(BigInt(ms) * 1_000_000n);
      now += BigInt(ms) * 1_000_000n;
      if (!colaArrived && now >= ORIGIN + 2n * DAY) {
        colaArrived = true;
        await standin.archive.waveforms.addFile(join(DEMO, 'mseed', 'IU.COLA.00.LHZ.2010.058.mseed'));
      }
      if (!aftershockAnnounced && now >= ORIGIN + 3n * DAY + HOUR) {
        aftershockAnnounced = true;
        standin.archive.events.push(aftershock());
      }
      if (sleeps.length > 500) throw new Error('the standing order does not end');
    };
    const err: string[] = [];
    const log = new Logger({ out: () => {}, err: (l) => err.push(l), color: new Chalk({ level: 0 }) });
    const summary = await runRecipe({ recipe: loaded.recipe!, recipeDir: dir, runDir, log, now: start, clock: () => now, sleep });
    expect(summary.refused).toBeUndefined();
    expect(summary.failures).toEqual([]);

    // the run ended when nothing could come any more: the event range (10 days after the start) is over
    expect(now).toBeGreaterThanOrEqual(start + 10n * DAY);
    const status = readRunStatus(runDir, { now });
    expect(status.counts.events.total).toBe(2);
    expect(status.counts.pairs).toMatchObject({ total: 4, done: 1, rejected: 3, retrying: 0, pending: 0, failed: 0 });
    // the data fetched are the miniSEED bytes the stand-in sent: COLA's records, in the one answer with data
    const sent = standin.stats.requests.filter((r) => r.path.includes('/dataselect/') && r.status === 200);
    expect(sent.length).toBe(1);
    expect(sent[0]!.gzipped).toBe(false);
    expect(status.counts.bytesFetched).toBe(sent[0]!.bytes);
    expect(new Set(status.topRejections.map((r) => r.ingredient))).toEqual(new Set(['fullCoverage']));
    expect(status.topRejections.reduce((n, r) => n + r.count, 0)).toBe(3);

    // COLA kept only after its data came (day 2), ANMO waited its five days
    const beforeDay2 = snapshots.filter((s) => s.at < ORIGIN + 2n * DAY);
    expect(beforeDay2.length).toBeGreaterThan(3);
    for (const s of beforeDay2) expect(s).toMatchObject({ retrying: 2, done: 0, rejected: 0 });
    const firstDone = snapshots.find((s) => s.done === 1)!;
    expect(firstDone.at).toBeGreaterThanOrEqual(ORIGIN + 2n * DAY);
    // the longest wait is 12 h (maxRetryDelay), so the data are found within 12 h of arriving
    expect(firstDone.at).toBeLessThanOrEqual(ORIGIN + 2n * DAY + 12n * HOUR);
    const mainRejected = snapshots.find((s) => s.rejected >= 1)!;
    expect(mainRejected.at).toBeGreaterThanOrEqual(ORIGIN + 5n * DAY);
    // the aftershock's two pairs waited too, until five days after their own origin
    const aftershockPairs = snapshots.filter((s) => s.retrying === 2 && s.done === 1 && s.rejected === 1);
    expect(aftershockPairs.length).toBeGreaterThan(0);
    expect(aftershockPairs[aftershockPairs.length - 1]!.at).toBeLessThan(ORIGIN + 8n * DAY);
    expect(snapshots.some((s) => s.at >= ORIGIN + 8n * DAY && s.rejected === 3)).toBe(true);

    const report = readFileSync(join(runDir, 'run-report.csv'), 'utf8').trim().split(/\r?\n/).slice(1).sort();
    expect(report).toHaveLength(4);
    expect(report.filter((r) => r.includes(',kept,'))).toHaveLength(1);
    expect(report.find((r) => r.includes(',kept,'))).toMatch(/IU\.COLA\.00\.LHZ,kept,,,seismograms\/.+\.mseed$/);
    expect(err.join('\n')).toMatch(/waiting until \d{4}-\d\d-\d\dT/);
  });

  it('waits twice as long after each try, never longer than maxRetryDelay, never past the latency', () => {
    const policy = { latency: 5n * DAY, maxDelay: 12n * HOUR, refresh: HOUR };
    const t0 = ORIGIN + HOUR;
    expect(nextTry(t0, 0, ORIGIN, policy)).toBe(t0 + RETRY_BASE);
    expect(nextTry(t0, 1, ORIGIN, policy)).toBe(t0 + 2n * RETRY_BASE);
    expect(nextTry(t0, 3, ORIGIN, policy)).toBe(t0 + 8n * RETRY_BASE);
    expect(nextTry(t0, 40, ORIGIN, policy)).toBe(t0 + 12n * HOUR);
    expect(nextTry(ORIGIN + 5n * DAY - HOUR, 40, ORIGIN, policy)).toBe(ORIGIN + 5n * DAY);
    expect(nextTry(ORIGIN + 5n * DAY, 0, ORIGIN, policy)).toBeUndefined();
  });
});

