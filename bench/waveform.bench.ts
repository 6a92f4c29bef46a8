/**
 * The waveform arm end to end (issue 6 targets: wall time <= 1.25x curl fetching the same bulk
 * requests with the same concurrency; peak memory < 300 MB however many pairs).
 *
 * An archive generated from the real fixtures (bench/support/waveform-archive.ts: QuakeML events,
 * StationXML channels, real LHZ miniSEED records repeated with shifted times behind every window)
 * is served by sod's own FDSN server on 127.0.0.1 in this process; `sod run` runs a recipe with
 * fdsnEvent, fdsnStation and a waveform arm (distanceRange, originOffsetRequest, fdsnDataSelect,
 * someCoverage, rMean) as a child process, timed, with its peak RSS (VmHWM). The reference, in
 * the same run: curl replaying the very requests the server received from sod (the event and
 * station queries, then the bulk POST bodies, 4 at once as sod sends them by default). Then again
 * at 10x the events (10x the pairs, same archive) to show the memory stays flat. sod is compiled
 * by tsc into bench/data/sod-build-<pid> first (bench/support/waveform-build.ts), so the child starts as
 * an installed sod does. Diagnostics beside the figures: CPU of sod and of the server, TCP
 * connections each client opened, sod's time after its last answer. When the ratio misses the goal (or with
 * --profile), the child runs once more under --cpu-prof and the functions and files with the most
 * self time are printed with file:line (through tsc's source maps); with --profile, also once
 * under --heap-prof for what it still holds at exit.
 *
 * Run: npm run bench -- waveform, or npx tsx bench/waveform.bench.ts [--quick] [--profile] [--no-10x]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFdsnServer, type RequestRecord } from '../src/fdsn/server/index.js';
import { makeArchive } from './support/waveform-archive.js';
import { bareClientReplay, type BareMode, type BareRun } from './support/bare-client.js';
import { buildSod } from './support/waveform-build.js';
import { curlReplay, requireCurl, runChild, topRetained, topSelfTime, type ReplayRequest } from './support/waveform-measure.js';
import { miniseedBytesOf } from './support/waveform-payload.js';
import { waveformRecipe } from './support/waveform-recipe.js';

const REPO = join(import.meta.dirname, '..');
const DATA = join(REPO, 'bench', 'data');
const DATASELECT = '/fdsnws/dataselect/1/query';
const RATIO_GOAL = 1.25;
const MEMORY_GOAL_MB = 300;
/**
 * Requests sod has going at once with the recipe's defaults (4 batches at once, 4 requests per
 * host), which curl's replay uses. Not what the server sees: it answers a POST within one turn of
 * its event loop, so two rarely overlap there even when sod has four outstanding.
 */
const SOD_CONCURRENCY = 4;

interface Size {
  events: number;
  channels: number;
}

interface Counted {
  pairs: number;
  kept: number;
}

/** Rows of the run report (every pair once) and how many were kept. */
function countReport(path: string): Counted {
  const text = readFileSync(path, 'utf8');
  let pairs = 0;
  let kept = 0;
  let at = text.indexOf('\n') + 1; // past the header
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl);
    if (line.length > 0) {
      pairs++;
      if (line.includes(',kept,')) kept++;
    }
    at = nl < 0 ? text.length : nl + 1;
  }
  return { pairs, kept };
}

const mb = (bytes: number) => bytes / 1e6;

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

export async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const forceProfile = process.argv.includes('--profile');
  const tenfold = !process.argv.includes('--no-10x');
  const curl = requireCurl();
  const base: Size = quick ? { events: 40, channels: 50 } : { events: 200, channels: 500 };
  const sizes: Size[] = tenfold ? [base, { events: base.events * 10, channels: base.channels }] : [base];
  mkdirSync(DATA, { recursive: true });
  console.log(`waveform arm end to end, ${quick ? 'quick' : 'full'} size; reference: ${curl.split(' (')[0]} replaying the same requests with the same concurrency`);
  const tb = performance.now();
  const sodEntry = buildSod(REPO, DATA);
  console.log(`  sod compiled from the working tree by tsc in ${((performance.now() - tb) / 1000).toFixed(1)} s (${relative(REPO, dirname(sodEntry))})`);
  const t0 = performance.now();
  const archive = makeArchive(DATA, base.channels, base.events * 10, base.events);
  console.log(
    `  archive: ${base.channels} channels, up to ${base.events * 10} events, ${archive.records} real LHZ records (${mb(archive.mseedBytes).toFixed(1)} MB miniSEED), ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (cached in ${archive.dir})`,
  );

  // completion times of the requests, to time the fetch phase (after the event and station queries)
  let lastMeta = 0;
  let lastData = 0;
  const server = await startFdsnServer({
    archive: archive.dir,
    host: '127.0.0.1',
    port: 0,
    log: (line) => {
      if (line.includes('/dataselect/')) lastData = performance.now();
      else lastMeta = performance.now();
    },
  });
  try {
    const startup = await runChild(process.execPath, [sodEntry, '--version'], REPO);
    console.log(`  fixed cost of starting node and sod (\`sod --version\`): ${startup.seconds.toFixed(2)} s`);
    for (const size of sizes) {
      const runDir = join(DATA, `waveform-run-${size.events}ev-${size.channels}ch`);
      rmSync(runDir, { recursive: true, force: true });
      mkdirSync(runDir, { recursive: true });
      const recipe = join(runDir, 'recipe.xml');
      writeFileSync(recipe, waveformRecipe(server.port, base.events * 10, size !== sizes[1]));
      const args = (extra: string[]) => [...extra, sodEntry, 'run', recipe, '--out', join(runDir, 'out'), '--quiet'];

      server.resetStats();
      lastMeta = lastData = 0;
      const startedAt = performance.now();
      const serverCpu0 = process.cpuUsage();
      const sod = await runChild(process.execPath, args([]), REPO);
      const serverCpuSod = cpuSecondsSince(serverCpu0);
      const sodConnections = server.stats.connections;
      if (sod.code !== 0) throw new Error(`sod run exited ${sod.code}:\n${sod.stderr.trim().slice(-3000)}`);
      const metaEndedAt = lastMeta;
      const sodFetch = (lastData - metaEndedAt) / 1000;
      const sodTail = sod.seconds - (lastData - startedAt) / 1000;
      const asked: RequestRecord[] = server.stats.requests.slice();
      const maxInFlight = server.stats.maxInFlight;
      const counted = countReport(join(runDir, 'out', 'run-report.csv'));
      const posts = asked.filter((r) => r.path === DATASELECT);
      const meta = asked.filter((r) => r.path !== DATASELECT);
      const sodBytes = posts.reduce((s, r) => s + r.bytes, 0);
      const payload = miniseedBytesOf(posts.map((r) => r.body), server.archive.waveforms);
      if (posts.some((r) => r.method !== 'POST' || r.status !== 200)) throw new Error('sod asked dataselect something other than a bulk POST answered 200');
      if (counted.pairs !== size.events * size.channels) throw new Error(`the run report has ${counted.pairs} pairs, expected ${size.events} x ${size.channels}`);
      const lines = posts.reduce((s, r) => s + r.body.trim().split('\n').filter((l) => !l.includes('=')).length, 0);

      // the reference: the same requests, the metadata queries one after the other, then the POSTs as many at once as sod had
      server.resetStats();
      const replay = (rs: RequestRecord[]): ReplayRequest[] => rs.map((r) => ({ method: r.method === 'POST' ? 'POST' : 'GET', target: r.path + (r.query ? `?${r.query}` : ''), body: r.body, compressed: r.gzipped }));
      const work = join(runDir, 'curl');
      const serverCpu1 = process.cpuUsage();
      const curlMeta = await curlReplay(server.origin, replay(meta), 1, join(work, 'meta'));
      const curlFetch = await curlReplay(server.origin, replay(posts), SOD_CONCURRENCY, join(work, 'posts'));
      const serverCpuCurl = cpuSecondsSince(serverCpu1);
      const curlConnections = server.stats.connections;
      const curlPosts = server.stats.requests.filter((r) => r.path === DATASELECT);
      const curlBytes = curlPosts.reduce((s, r) => s + r.bytes, 0);
      if (curlPosts.length !== posts.length || curlPosts.some((r) => r.status !== 200)) throw new Error(`curl's replay got ${curlPosts.length} answers (${curlPosts.filter((r) => r.status !== 200).length} not 200) for ${posts.length} POSTs`);
      rmSync(work, { recursive: true, force: true });
      // between curl and sod: a bare node client, the same POSTs through undici, bodies dropped or
      // decoded (base size only; one after the other, as they share the server)
      const bare: (BareRun & { mode: BareMode })[] = [];
      if (size === base) {
        for (const mode of ['download', 'decode'] as const) bare.push({ mode, ...(await bareClientReplay(sodEntry, REPO, server.origin + DATASELECT, posts.map((r) => r.body), SOD_CONCURRENCY, mode)) });
      }

      const curlTotal = curlMeta + curlFetch;
      const ratio = sod.seconds / curlTotal;
      const fetchRatio = sodFetch / curlFetch;
      const memOk = sod.peakMb < MEMORY_GOAL_MB;
      console.log(`\n  ${size.events} events x ${size.channels} channels = ${counted.pairs} pairs (${counted.kept} kept, ${counted.pairs - counted.kept} turned away by distanceRange/someCoverage)`);
      console.log(
        `    sod run: ${sod.seconds.toFixed(2)} s wall, ${(counted.pairs / sod.seconds).toFixed(0)} pairs/s, ${mb(payload).toFixed(1)} MB of miniSEED received = ${(mb(payload) / sod.seconds).toFixed(1)} MB/s ` +
          `(${(mb(payload) / sodFetch).toFixed(1)} MB/s over the fetch phase; ${mb(sodBytes).toFixed(1)} MB on the wire, ${posts.some((r) => r.gzipped) ? 'gzip' : 'not compressed'}); ` +
          `${posts.length} bulk POSTs (${lines} lines), the server saw at most ${maxInFlight} at once; peak RSS ${sod.peakMb.toFixed(0)} MB, target < ${MEMORY_GOAL_MB}: ${memOk ? 'met' : 'MISSED'}`,
      );
      console.log(
        `    curl: ${meta.length} metadata queries ${curlMeta.toFixed(2)} s + ${posts.length} POSTs ${SOD_CONCURRENCY} at once ${curlFetch.toFixed(2)} s = ${curlTotal.toFixed(2)} s, ${mb(curlBytes).toFixed(1)} MB received`,
      );
      console.log(
        `    sod/curl wall time ${ratio.toFixed(2)}x, target <= ${RATIO_GOAL}: ${ratio <= RATIO_GOAL ? 'met' : 'MISSED'}; ` +
          `fetch phase alone (after the event and station queries) sod ${sodFetch.toFixed(2)} s vs curl ${curlFetch.toFixed(2)} s = ${fetchRatio.toFixed(2)}x; ` +
          `sod's event+station part ${((metaEndedAt - startedAt) / 1000).toFixed(2)} s (startup included)`,
      );
      for (const b of bare) {
        if (b.bytes !== curlBytes) throw new Error(`the bare client (${b.mode}) received ${b.bytes} bytes, curl ${curlBytes}`);
      }
      const [d, c] = bare;
      if (d && c) {
        console.log(
          `    bare node client (undici, the same POSTs ${SOD_CONCURRENCY} at once, node's start included): download only ${d.seconds.toFixed(2)} s (${d.cpuSeconds.toFixed(1)} s CPU) = ${(d.seconds / curlFetch).toFixed(2)}x curl's POSTs; ` +
            `with sod's decoder and records joined into segments ${c.seconds.toFixed(2)} s (${c.cpuSeconds.toFixed(1)} s CPU, ${c.records} records) = ${(c.seconds / curlFetch).toFixed(2)}x`,
        );
      }
      console.log(
        `    CPU: sod ${sod.cpuSeconds.toFixed(1)} s; the server (this process, one thread) ${serverCpuSod.toFixed(1)} s while sod ran, ${serverCpuCurl.toFixed(1)} s while curl ran; ` +
          `machine load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; TCP connections opened: sod ${sodConnections}, curl ${curlConnections}; ` +
          `sod's time after its last answer (run report, closing) ${sodTail.toFixed(2)} s`,
      );

      if (size === base && forceProfile) {
        // what is still held at the end of the run (not the peak: what was freed before exit does not show)
        const heapDir = join(runDir, 'heap-profile');
        rmSync(heapDir, { recursive: true, force: true });
        rmSync(join(runDir, 'out'), { recursive: true, force: true });
        const heap = await runChild(process.execPath, args(['--heap-prof', '--heap-prof-dir', heapDir]), REPO);
        if (heap.code !== 0) throw new Error(`sod run under --heap-prof exited ${heap.code}:\n${heap.stderr.trim().slice(-3000)}`);
        console.log(`    memory held at the end of the sod run (node --heap-prof; profile in ${heapDir}):`);
        for (const l of topRetained(heapDir, REPO, 10)) console.log(`      ${l}`);
      }
      if (size === base && (forceProfile || ratio > RATIO_GOAL)) {
        const profDir = join(runDir, 'profile');
        rmSync(profDir, { recursive: true, force: true });
        rmSync(join(runDir, 'out'), { recursive: true, force: true });
        const prof = await runChild(process.execPath, args(['--cpu-prof', '--cpu-prof-dir', profDir]), REPO);
        if (prof.code !== 0) throw new Error(`sod run under --cpu-prof exited ${prof.code}:\n${prof.stderr.trim().slice(-3000)}`);
        console.log(`    top self time of the sod run (node --cpu-prof, ${prof.seconds.toFixed(2)} s under the profiler; profile in ${profDir}):`);
        for (const l of topSelfTime(profDir, REPO, 15)) console.log(`      ${l}`);
      }
      rmSync(join(runDir, 'out'), { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
