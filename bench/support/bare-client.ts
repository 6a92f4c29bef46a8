/**
 * A second reference for the waveform bench, between curl and sod: a bare node client replaying
 * the same bulk POSTs through undici, as many at once as sod has, in a child started from the
 * bench's build of sod. 'download' reads the bodies and drops them (what node's HTTP costs);
 * 'decode' also runs them through sod's miniSEED decoder and joins each channel's records into
 * segments (what any node client that looks at the samples must do). It has no recipe, no
 * pairing, no run state and no report: the gap between it and sod is sod's own bookkeeping.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runChild } from './waveform-measure.js';

export type BareMode = 'download' | 'decode';

export interface BareRun {
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  records: number;
}

/** The child's script: plain ESM, importing undici from the repository and the decoder from the build. */
function script(undiciEntry: string, distDir: string): string {
  return `import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const { request, Agent } = createRequire(import.meta.url)(${JSON.stringify(undiciEntry)});
const { MseedStreamDecoder } = await import(${JSON.stringify(join(distDir, 'formats', 'mseed', 'decoder.js'))});
const { recordsToSegments } = await import(${JSON.stringify(join(distDir, 'formats', 'mseed', 'segments.js'))});
const [url, bodiesFile, mode, lanesText] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
const agent = new Agent({ connections: Number(lanesText) });
let next = 0;
let bytes = 0;
let records = 0;
async function lane() {
  for (;;) {
    const i = next++;
    if (i >= bodies.length) return;
    const res = await request(url, { method: 'POST', body: bodies[i], dispatcher: agent, headers: { 'content-type': 'text/plain' } });
    if (res.statusCode !== 200) throw new Error('HTTP ' + res.statusCode);
    const decoder = mode === 'decode' ? new MseedStreamDecoder({ source: url }) : undefined;
    const byChannel = new Map();
    for await (const chunk of res.body) {
      bytes += chunk.length;
      if (!decoder) continue;
      for (const r of decoder.push(chunk)) {
        records++;
        const list = byChannel.get(r.id);
        if (list) list.push(r);
        else byChannel.set(r.id, [r]);
      }
    }
    for (const list of byChannel.values()) recordsToSegments(list);
  }
}
await Promise.all(Array.from({ length: Number(lanesText) }, lane));
await agent.close();
process.stderr.write(JSON.stringify({ bytes, records }) + '\\n');
`;
}

/** Replays `bodies` as POSTs to `url`, `lanes` at once, in a child node; its wall and CPU time. */
export async function bareClientReplay(sodEntry: string, repo: string, url: string, bodies: readonly string[], lanes: number, mode: BareMode): Promise<BareRun> {
  const home = dirname(sodEntry);
  const file = join(home, 'bare-client.mjs');
  const bodiesFile = join(home, 'bare-client-bodies.json');
  const undiciEntry = createRequire(join(repo, 'package.json')).resolve('undici');
  writeFileSync(file, script(undiciEntry, join(home, 'dist')));
  writeFileSync(bodiesFile, JSON.stringify(bodies));
  const r = await runChild(process.execPath, [file, url, bodiesFile, mode, String(lanes)], repo);
  if (r.code !== 0) throw new Error(`the bare client (${mode}) exited ${r.code}:\n${r.stderr.trim().slice(-2000)}`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const { bytes, records } = JSON.parse(last) as { bytes: number; records: number };
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds, bytes, records };
}
