/**
 * libmseed 2.x's C reader as a reference (bench/support/libmseed-bench.c, built with the system's
 * libmseed-dev): how long parsing and decoding a file's records takes in C.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function buildLibmseedBench(): string {
  const exe = join(mkdtempSync(join(tmpdir(), 'sod-bench-')), 'libmseed-bench');
  execFileSync('cc', ['-O2', '-o', exe, join(import.meta.dirname, 'libmseed-bench.c'), '-lmseed'], { stdio: 'inherit' });
  return exe;
}

/** Samples and seconds for the best of `repeats` runs of `mode` over `file`. */
export function runLibmseedBench(exe: string, mode: 'decode' | 'encode', file: string, repeats: number): { samples: number; seconds: number } {
  const [n, s] = execFileSync(exe, [mode, file, String(repeats)]).toString().trim().split(' ');
  return { samples: Number(n), seconds: Number(s) };
}
