/**
 * `sod run` end to end: recipes with only an event arm, only a network arm, or both, against the
 * FDSN stand-in on 127.0.0.1 (and the offline example recipe); outputs checked on disk; a failing
 * source reported with its URL and exit code 1; an ingredient the engine cannot run refused by name.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSod } from '../support/cli.js';
import { startStandin, type Standin } from '../support/fdsn-standin/index.js';

let standin: Standin;
let port: string;
beforeAll(async () => {
  standin = await startStandin();
  port = new URL(standin.origin).port;
});
afterAll(() => standin.close());
afterEach(() => {
  standin.clearFaults();
  standin.resetStats();
});

const sod = runSod;

function recipe(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sod-run-'));
  writeFileSync(join(dir, 'recipe.xml'), xml.replaceAll('PORT', port));
  return dir;
}

const SERVICE = '<host>127.0.0.1</host><port>PORT</port>';
const EVENT_ARM = `<eventArm>
  <fdsnEvent>${SERVICE}
    <originTimeRange><startTime>2006-01-01T00:00:00Z</startTime><endTime>2015-01-01T00:00:00Z</endTime></originTimeRange>
    <magnitudeRange><min>5</min></magnitudeRange>
  </fdsnEvent>
  <printlineEventProcess><template>$event.id $event.magnitude</template></printlineEventProcess>
  <CSVEventPrinter><filename>events.csv</filename></CSVEventPrinter>
</eventArm>`;
const NETWORK_ARM = `<networkArm>
  <fdsnStation>${SERVICE}</fdsnStation>
  <orientationCode>Z</orientationCode>
  <printlineChannelProcess/>
  <sacPoleZeroWriter/>
</networkArm>`;

describe('sod run', () => {
  it('runs an event arm alone: prints, writes the CSV, sums up', async () => {
    const dir = recipe(`<sod>${EVENT_ARM}</sod>`);
    const r = await sod(dir, 'run', 'recipe.xml', '--out', 'out');
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['2318174 9.8 MS', '3279407 9.1 MW']);
    const csv = readFileSync(join(dir, 'out/events.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(3);
    expect(csv[1]).toMatch(/^2006-09-10T04:26:33\.610000Z,9\.614,121\.961,/);
    expect(r.err.join('\n')).toContain('event arm: 2 events accepted, 0 rejected');
    // the query asked the service for the magnitude
    expect(standin.stats.requests[0]!.query).toContain('minmagnitude=5');
  });

  it('runs a network arm alone, asking for responses when a writer needs them', async () => {
    const dir = recipe(`<sod>${NETWORK_ARM}</sod>`);
    const r = await sod(dir, 'run', join(dir, 'recipe.xml'), '--out', join(dir, 'run'));
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['Channel: IU.ANMO.10.BHZ', 'Channel: CO.JSC.00.HHZ']);
    // the orientation test goes into the query (AU.MEEK.--.SHE is never sent); responses are asked for
    expect(standin.stats.requests[0]!.query).toBe('channel=??Z&level=response&includerestricted=false');
    expect(readdirSync(join(dir, 'run/polezero')).sort()).toEqual(['SAC_PZs_CO_JSC_HHZ_00', 'SAC_PZs_IU_ANMO_BHZ_10']);
    expect(r.err.join('\n')).toContain('network arm: 2 channels accepted, 0 rejected');
  });

  it('asks the station service for responses when a waveform process removes them', async () => {
    const dir = recipe(`<sod>${EVENT_ARM}
<networkArm><fdsnStation>${SERVICE}</fdsnStation><orientationCode>Z</orientationCode></networkArm>
<waveformArm>
  <originOffsetRequest>
    <beginOffset><unit>MINUTE</unit><value>-1</value></beginOffset>
    <endOffset><unit>MINUTE</unit><value>10</value></endOffset>
  </originOffsetRequest>
  <fdsnDataSelect>${SERVICE}</fdsnDataSelect>
  <transferResponse/>
</waveformArm>
</sod>`);
    await sod(dir, 'run', 'recipe.xml', '--out', 'out');
    const station = standin.stats.requests.filter((q) => q.path.includes('/station/'));
    expect(station.length).toBeGreaterThan(0);
    for (const q of station) expect(q.query).toContain('level=response');
  });

  it('runs both arms; <networkTimeRange/> takes the span of the channels found', async () => {
    const dir = recipe(`<sod>
<eventArm>
  <fdsnEvent>${SERVICE}<networkTimeRange/></fdsnEvent>
  <printlineEventProcess><template>$event.id</template></printlineEventProcess>
</eventArm>
<networkArm>
  <fdsnStation>${SERVICE}<networkCode>CO</networkCode></fdsnStation>
  <printlineChannelProcess/>
</networkArm>
</sod>`);
    const r = await sod(dir, 'run', 'recipe.xml', '--out', 'out');
    expect(r.code).toBe(0);
    // CO.JSC.00.HHZ ran 2017-06-08T20:42:30 - 2019-02-08T16:20:00: no event in the archive falls in it
    expect(r.out).toEqual(['Channel: CO.JSC.00.HHZ']);
    const ev = standin.stats.requests.filter((q) => q.path.includes('/event/'));
    // asked in weekly chunks (the default eventQueryIncrement) from the first to the last instant
    expect(ev[0]!.query).toContain('starttime=2017-06-08T20:42:30.000000&endtime=2017-06-15T20:42:29.999999');
    expect(ev.at(-1)!.query).toContain('endtime=2019-02-08T16:20:00.000000');
    expect(ev.length).toBe(88);
  });

  it('reports a failing source with its URL, runs the others, and exits 1', async () => {
    standin.addFault({ path: '/fdsnws/station/1/query', status: 503, retryAfter: '0' });
    const dir = recipe(`<sod>${EVENT_ARM}${NETWORK_ARM}</sod>`);
    const r = await sod(dir, 'run', 'recipe.xml', '--out', 'out');
    expect(r.code).toBe(1);
    expect(r.out).toEqual(['2318174 9.8 MS', '3279407 9.1 MW']);
    const err = r.err.join('\n');
    expect(err).toContain('missed 1 source or row:');
    expect(err).toMatch(new RegExp(`fdsnStation \\(http://127\\.0\\.0\\.1:${port}/fdsnws/station/1/query\\?channel=\\?\\?Z&level=response&includerestricted=false\\): GET .* 503`));
  }, 30_000);

  it('refuses, before any request, a recipe with an ingredient the engine cannot run, naming it', async () => {
    const dir = recipe(`<sod>${EVENT_ARM.replace('</eventArm>', '<originScript type="javascript">result = true;</originScript></eventArm>')}</sod>`);
    const r = await sod(dir, 'run', 'recipe.xml');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('recipe.xml: <originScript> is not run by the engine yet');
    expect(standin.stats.requests).toEqual([]);
  });

  it('refuses an invalid recipe with the place of the mistake', async () => {
    const dir = recipe(`<sod>\n<eventArm>\n  <magnitudeRange><min>five</min></magnitudeRange>\n</eventArm>\n</sod>`);
    const r = await sod(dir, 'run', 'recipe.xml');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/recipe\.xml:3:\d+: error/);
  });

  it('--log-json writes one JSON object per line; --quiet only errors', async () => {
    const dir = recipe(`<sod>${EVENT_ARM}</sod>`);
    const j = await sod(dir, 'run', 'recipe.xml', '--out', 'o1', '--log-json');
    expect(j.code).toBe(0);
    const lines = j.err.map((l) => JSON.parse(l) as { level: string; msg: string; lines?: string[]; events?: unknown; failures?: unknown[] });
    expect(lines.at(-1)!.msg).toBe('summary');
    expect(lines.at(-1)!.lines![0]).toBe('event arm: 2 events accepted, 0 rejected');
    expect(lines.at(-1)!.events).toEqual({ accepted: 2, rejected: {} });
    expect(lines.at(-1)!.failures).toEqual([]);
    const q = await sod(dir, 'run', 'recipe.xml', '--out', 'o2', '--quiet');
    expect(q.err).toEqual([]);
    expect(q.out.length).toBe(2);
  });

  it('runs the offline example recipe', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sod-offline-'));
    const r = await sod(join(import.meta.dirname, '../..'), 'run', 'recipes/offline-event-network.xml', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['2010-02-27 06:34 M8.8 OFFSHORE BIO-BIO, CHILE', '2011-03-11 05:46 M9.1 NEAR EAST COAST OF HONSHU, JAPAN']);
    expect(readFileSync(join(out, 'channels.txt'), 'utf8')).toBe('IU.ANMO.00.BHZ 20 Hz\nIU.ANMO.00.LHZ 1 Hz\nIU.COLA.00.LHZ 1 Hz\n');
  });

  it('usage errors', async () => {
    expect((await sod(tmpdir(), 'run')).code).toBe(2);
    expect((await sod(tmpdir(), 'run', 'a.xml', '--bogus')).code).toBe(2);
  });
});

describe('sod run through a proxy', () => {
  it('sends its requests through the proxy the <properties> name', async () => {
    const { createServer } = await import('node:http');
    const { connect } = await import('node:net');
    const tunnels: string[] = [];
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      const [host, p] = (req.url ?? '').split(':');
      const upstream = connect(Number(p), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyPort = (proxy.address() as { port: number }).port;
    try {
      const dir = recipe(`<sod><properties><proxyHost>127.0.0.1</proxyHost><proxyPort>${proxyPort}</proxyPort></properties>${NETWORK_ARM.replace('<sacPoleZeroWriter/>', '')}</sod>`);
      const r = await sod(dir, 'run', 'recipe.xml', '--out', 'out');
      expect(r.code).toBe(0);
      expect(r.out).toEqual(['Channel: IU.ANMO.10.BHZ', 'Channel: CO.JSC.00.HHZ']);
      expect(tunnels).toEqual([`127.0.0.1:${port}`]);
    } finally {
      proxy.closeAllConnections?.();
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe('sod run with an output folder it cannot use', () => {
  it('says so without a stack trace', async () => {
    const dir = recipe(`<sod>${EVENT_ARM}</sod>`);
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const r = await sod(dir, 'run', 'recipe.xml', '--out', 'a-file/out');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/recipe\.xml: the run stopped: ENOTDIR: not a directory, mkdir '.*a-file\/out'/);
  });
});
