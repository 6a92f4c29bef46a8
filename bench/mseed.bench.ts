/**
 * miniSEED codec benchmark, every figure measured in this run on the same bytes:
 *  - Steim-2 decode, samples/s: ours vs libmseed 2.x's C API (msr_parse with data unpacking) vs
 *    seisplotjs's miniSEED reader (loaded through its Node entry with inert DOM globals);
 *  - Steim-2 encode, samples/s: our Mseed2Writer vs libmseed's msr_pack (4096-byte records);
 *  - streaming a ~1 GB file through the streaming decoder in a child process: peak RSS.
 * Targets (issue 3): decode >= 0.7x libmseed, encode >= 0.5x msr_pack, streaming peak RSS < 200 MB.
 * Run: npm run bench, or npx tsx bench/mseed.bench.ts [--quick].
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Mseed2Writer, MseedStreamDecoder, readMseedRecords } from '../src/formats/mseed/index.js';
import { concatSamples } from '../src/seismogram/segment.js';
import { loadSeisplotjsMiniseed } from './support/seisplotjs-loader.js';
import { buildLibmseedBench, runLibmseedBench } from './support/libmseed.js';
import { bigStreamFile, steim2File } from './support/steim2-file.js';

const here = fileURLToPath(new URL('.', import.meta.url));

function best<T>(repeats: number, f: () => T): { value: T; seconds: number } {
  let seconds = Infinity;
  let value!: T;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    value = f();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { value, seconds };
}

const ms = (samples: number, seconds: number) => `${(samples / seconds / 1e6).toFixed(1)} Msamples/s`;

export async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const megabytes = quick ? 16 : 64;
  const file = steim2File(megabytes);
  const bytes = new Uint8Array(readFileSync(file));
  console.log(`miniSEED benchmark: ${file} (${(bytes.length / 1e6).toFixed(1)} MB of real Steim-2 records, 512 and 4096 bytes)`);
  const exe = buildLibmseedBench();

  // Decode: ours, fed in 1 MB chunks through the streaming decoder, keeping nothing (as the C loop does).
  const decodeOurs = () => {
    const d = new MseedStreamDecoder();
    let n = 0;
    for (let i = 0; i < bytes.length; i += 1 << 20) for (const r of d.push(bytes.subarray(i, i + (1 << 20)))) n += r.samples.length;
    for (const r of d.end()) n += r.samples.length;
    return n;
  };
  // Alternate ours and libmseed round by round and keep each one's best, so that load from other
  // processes on the machine falls on both alike.
  const rounds = quick ? 4 : 7;
  decodeOurs(); // warm up the JIT
  decodeOurs();
  const ours = { value: 0, seconds: Infinity };
  const lib = { samples: 0, seconds: Infinity };
  for (let r = 0; r < rounds; r++) {
    const o = best(1, decodeOurs);
    if (o.seconds < ours.seconds) Object.assign(ours, o);
    const c = runLibmseedBench(exe, 'decode', file, 1);
    if (c.seconds < lib.seconds) Object.assign(lib, c);
  }
  if (lib.samples !== ours.value) throw new Error(`sample counts differ: ours ${ours.value}, libmseed ${lib.samples}`);

  // seisplotjs on a slice (it is much slower); its records are whole, so cut at a record boundary.
  const sp = await loadSeisplotjsMiniseed();
  const sliceRecords = readMseedRecords(bytes.subarray(0, 8 << 20), { decodeSamples: false, skipBadRecords: true });
  const sliceEnd = sliceRecords.length > 1 ? sliceRecords[sliceRecords.length - 1]!.offset : bytes.length;
  const slice = bytes.slice(0, sliceEnd).buffer;
  const spRun = () => sp.parseDataRecords(slice).reduce((n, dr) => n + dr.decompress().length, 0);
  spRun();
  const spBest = best(2, spRun);

  console.log('\nSteim-2 decode');
  console.log(`  libmseed (C, msr_parse)   ${ms(lib.samples, lib.seconds)}`);
  console.log(`  sod                       ${ms(ours.value, ours.seconds)}   ratio to libmseed ${(ours.seconds ? lib.seconds / ours.seconds : 0).toFixed(2)}x (target >= 0.7x)`);
  console.log(`  seisplotjs 3 (miniseed)   ${ms(spBest.value, spBest.seconds)}   ratio to libmseed ${((spBest.value / spBest.seconds) / (lib.samples / lib.seconds)).toFixed(2)}x`);

  // Encode: the samples of the first 16 MB as one series, Steim-2 in 4096-byte records.
  const encInput = steim2File(16);
  const encSamples = concatSamples(readMseedRecords(new Uint8Array(readFileSync(encInput))).map((r) => r.samples)) as Int32Array;
  const seg = { id: { network: 'XX', station: 'BENCH', location: '00', channel: 'BHZ' }, start: 0n, sampleRate: 40, samples: encSamples };
  const encodeOurs = () => {
    let n = 0;
    for (const rec of new Mseed2Writer({ encoding: 'steim2', recordLength: 4096 }).records(seg)) n += rec.length;
    return n;
  };
  encodeOurs();
  encodeOurs();
  const enc = { value: 0, seconds: Infinity };
  const libEnc = { samples: 0, seconds: Infinity };
  for (let r = 0; r < rounds; r++) {
    const o = best(1, encodeOurs);
    if (o.seconds < enc.seconds) Object.assign(enc, o);
    const c = runLibmseedBench(exe, 'encode', encInput, 1);
    if (c.seconds < libEnc.seconds) Object.assign(libEnc, c);
  }
  if (libEnc.samples !== encSamples.length) throw new Error(`encode sample counts differ: ${libEnc.samples} vs ${encSamples.length}`);
  console.log('\nSteim-2 encode (4096-byte records)');
  console.log(`  libmseed (C, msr_pack)    ${ms(libEnc.samples, libEnc.seconds)}`);
  console.log(`  sod (Mseed2Writer)        ${ms(encSamples.length, enc.seconds)}   ratio to msr_pack ${(libEnc.seconds / enc.seconds).toFixed(2)}x (target >= 0.5x)   ${(enc.value / 1e6).toFixed(1)} MB written`);

  // Streaming ~1 GB with bounded memory, in a child process so that its peak RSS is its own.
  const gb = quick ? 0.25 : 1;
  const big = await bigStreamFile(gb, file);
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'support', 'stream-file.ts'), big], { maxBuffer: 1 << 20 }).toString().trim().split('\n').pop()!;
  const [records, samples, seconds, rss] = out.split(' ').map(Number) as [number, number, number, number];
  console.log(`\nStreaming ${(statSync(big).size / 1e9).toFixed(2)} GB through the streaming decoder (file stream, 256 KB chunks)`);
  console.log(`  ${records} records, ${samples} samples in ${seconds.toFixed(1)} s (${ms(samples, seconds)}); peak RSS ${(rss / 1e6).toFixed(0)} MB (target < 200 MB)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
