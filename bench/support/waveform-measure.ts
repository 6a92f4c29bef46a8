/**
 * Measuring tools of the end-to-end waveform benchmark: a child process timed with its peak memory
 * (VmHWM from /proc, polled), the curl reference (Debian's curl replaying the same requests with
 * the same concurrency: one curl process per lane, each reusing its connection through --next), and
 * the top self-time functions of a V8 CPU profile.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export interface ChildRun {
  seconds: number;
  /** peak resident memory of the child, MB (VmHWM) */
  peakMb: number;
  /** CPU time of the child (user + system), seconds, as last seen in /proc before it ended */
  cpuSeconds: number;
  code: number | null;
  stderr: string;
}

/** utime + stime of a live process, in clock ticks (100 a second on Linux) */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

function vmHwmKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // the child has just ended
  }
}

export function runChild(command: string, args: string[], cwd: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-20_000);
    });
    let peakKb = 0;
    let ticks = 0;
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const kb = vmHwmKb(child.pid);
      if (kb !== undefined && kb > peakKb) peakKb = kb;
      const t = cpuTicks(child.pid);
      if (t !== undefined && t > ticks) ticks = t;
    }, 50);
    child.on('error', (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ seconds: (performance.now() - t0) / 1000, peakMb: peakKb / 1024, cpuSeconds: ticks / 100, code, stderr });
    });
  });
}

export interface ReplayRequest {
  method: 'GET' | 'POST';
  /** path and query */
  target: string;
  body: string;
  /** ask for gzip (as sod did for this request) */
  compressed: boolean;
}

/** Fails clearly when Debian's curl is not there: the reference cannot be skipped. */
export function requireCurl(): string {
  const r = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error('the waveform benchmark needs curl as its reference (Debian: apt-get install curl); it was not found on PATH');
  return r.stdout.split('\n')[0]!;
}

function quoted(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * curl fetching `requests` from `origin` over `lanes` parallel curl processes (requests dealt
 * round-robin), gzip asked for where sod's request got a gzipped answer (sod asks it for XML and
 * text, not for miniSEED), bodies discarded. Resolves with the wall time.
 */
export async function curlReplay(origin: string, requests: readonly ReplayRequest[], lanes: number, workDir: string): Promise<number> {
  mkdirSync(workDir, { recursive: true });
  const configs: string[][] = Array.from({ length: Math.min(lanes, requests.length) }, () => []);
  requests.forEach((r, i) => {
    const lane = configs[i % configs.length]!;
    if (lane.length > 0) lane.push('next');
    lane.push(`url = ${quoted(origin + r.target)}`, 'silent', 'show-error', 'fail', 'output = "/dev/null"');
    if (r.compressed) lane.push('compressed');
    if (r.method === 'POST') {
      const file = join(workDir, `body-${i}.txt`);
      writeFileSync(file, r.body);
      lane.push(`data-binary = ${quoted('@' + file)}`);
    }
  });
  const files = configs.map((lines, i) => {
    const f = join(workDir, `lane-${i}.curlrc`);
    writeFileSync(f, lines.join('\n') + '\n');
    return f;
  });
  const t0 = performance.now();
  const codes = await Promise.all(
    files.map(
      (f) =>
        new Promise<{ code: number | null; err: string }>((resolve, reject) => {
          const c = spawn('curl', ['-K', f], { stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          c.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
          c.on('error', reject);
          c.on('exit', (code) => resolve({ code, err }));
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const bad = codes.find((c) => c.code !== 0);
  if (bad) throw new Error(`curl failed (exit ${bad.code}): ${bad.err.trim().slice(0, 500)}`);
  return seconds;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** Where a compiled line came from, through the .js.map tsc wrote beside it (0-based line and column in, "file:line" out). */
function sourcePlace(jsFile: string, line: number, column: number, maps: Map<string, SourceMap | null>, repo: string): string {
  let map = maps.get(jsFile);
  if (map === undefined) {
    const mapFile = `${jsFile}.map`;
    map = existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null;
    maps.set(jsFile, map);
  }
  const entry = map?.findEntry(line, column);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return `${relative(repo, jsFile)}:${line + 1}`;
  const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(dirname(jsFile), entry.originalSource);
  return `${relative(repo, src)}:${entry.originalLine + 1}`;
}

/**
 * A profile frame's source file, through the source maps ("src/formats/mseed/steim.ts:112"), or its
 * URL as it is for Node's own modules. One `maps` cache per profile read.
 */
export function framePlace(f: ProfileNode['callFrame'], maps: Map<string, SourceMap | null>, repo: string): string {
  if (f.url.startsWith('file://')) return sourcePlace(fileURLToPath(f.url), f.lineNumber, f.columnNumber, maps, repo);
  return f.url ? `${f.url}:${f.lineNumber + 1}` : '';
}

/** The functions with the most self time in the newest .cpuprofile of `dir`, as "share  time  name  file:line" (source lines through the source maps). */
export function topSelfTime(dir: string, repo: string, n: number): string[] {
  const newest = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  if (!newest) return [`no .cpuprofile in ${dir}`];
  const prof = JSON.parse(readFileSync(join(dir, newest), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const selfUs = new Map<number, number>();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const byPlace = new Map<string, number>();
  const maps = new Map<string, SourceMap | null>();
  let total = 0;
  for (const node of prof.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    if (us === 0) continue;
    const f = node.callFrame;
    const where = framePlace(f, maps, repo);
    const key = `${f.functionName || '(anonymous)'}  ${where}`.trim();
    byPlace.set(key, (byPlace.get(key) ?? 0) + us);
  }
  const line = ([k, us]: [string, number]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`;
  // the same self time summed per source file: where a module's many small costs add up
  const byFile = new Map<string, number>();
  for (const [k, us] of byPlace) {
    const m = /\s(\S+):\d+$/.exec(k);
    const file = m ? m[1]! : k;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(line);
  return ['by function:', ...top(byPlace), 'by file:', ...top(byFile)];
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/**
 * Where the memory still held when the process ended was allocated, from the newest .heapprofile
 * of `dir` (node --heap-prof: a sampling profile of the objects alive at exit), summed per function.
 */
export function topRetained(dir: string, repo: string, n: number): string[] {
  const newest = readdirSync(dir).filter((f) => f.endsWith('.heapprofile')).sort().pop();
  if (!newest) return [`no .heapprofile in ${dir}`];
  const prof = JSON.parse(readFileSync(join(dir, newest), 'utf8')) as { head: HeapNode };
  const maps = new Map<string, SourceMap | null>();
  const byPlace = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode): void => {
    if (node.selfSize > 0) {
      const f = node.callFrame;
      let where = f.url;
      if (where.startsWith('file://')) where = sourcePlace(fileURLToPath(where), f.lineNumber, f.columnNumber, maps, repo);
      else if (where) where = `${where}:${f.lineNumber + 1}`;
      const key = `${f.functionName || '(anonymous)'}  ${where}`.trim();
      byPlace.set(key, (byPlace.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const c of node.children) walk(c);
  };
  walk(prof.head);
  return [
    `${(total / 1e6).toFixed(0)} MB sampled alive at exit, by allocating function:`,
    ...[...byPlace.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, b]) => `${((100 * b) / total).toFixed(1).padStart(5)}%  ${(b / 1e6).toFixed(1).padStart(6)} MB  ${k}`),
  ];
}
