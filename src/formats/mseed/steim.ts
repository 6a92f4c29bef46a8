/**
 * Steim-1 and Steim-2 compression (SEED 2.4 manual, appendix B).
 *
 * Data come in 64-byte frames of 16 32-bit words. Word 0 of each frame holds 2-bit codes saying how
 * each of the other 15 words is packed. In the first frame, words 1 and 2 are the forward and
 * reverse integration constants: the first sample and the last one. Each word holds first
 * differences; sample[i] = sample[i-1] + diff[i] and the first difference is ignored (it links to
 * the previous record). The hot loops work on int32 values only: no per-sample allocation.
 */
import { MseedDataError } from './errors.js';
import { newInt32Samples } from '../../seismogram/sample-slab.js';

export interface SteimDecodeResult {
  samples: Int32Array;
  /** set when the last sample disagrees with the reverse integration constant and `onMismatch` was 'warn'. */
  warning?: string;
}

/**
 * Decode `count` samples from Steim frames in buf[from, to) (a multiple of 64 bytes; a trailing partial
 * frame is ignored). `littleEndian` is the word order (miniSEED 2 blockette 1000; big in miniSEED 3).
 */
export function decodeSteim(
  level: 1 | 2,
  buf: Uint8Array,
  from: number,
  to: number,
  count: number,
  littleEndian: boolean,
  onMismatch: 'error' | 'warn' = 'error',
): SteimDecodeResult {
  if (count === 0) return { samples: new Int32Array(0) };
  const frames = (to - from) >>> 6;
  if (frames === 0) throw new MseedDataError(`Steim-${level} data area of ${to - from} bytes holds no 64-byte frame`);
  const view = new DataView(buf.buffer, buf.byteOffset + from, frames << 6);
  const x0 = view.getInt32(4, littleEndian);
  const xn = view.getInt32(8, littleEndian);
  const d0 = firstDifference(level, view, littleEndian);
  const samples = newInt32Samples(count);
  // Integrate as we unpack: starting from x0 - d0, adding the first difference gives x0. The fast
  // loop stops while a whole word still fits in `samples`; the tail goes difference by difference.
  let n =
    level === 1
      ? steim1Integrate(view, frames, littleEndian, samples, count, (x0 - d0) | 0)
      : steim2Integrate(view, frames, littleEndian, samples, count, (x0 - d0) | 0);
  if (n < count) n = integrateTail(level, view, frames, littleEndian, samples, n, count);
  if (n < count) {
    throw new MseedDataError(`Steim-${level} frames hold ${n} differences but the header declares ${count} samples`);
  }
  const last = samples[count - 1]!;
  if (last !== xn) {
    const msg = `Steim-${level} last sample ${last} disagrees with the reverse integration constant ${xn}`;
    if (onMismatch === 'error') throw new MseedDataError(msg);
    return { samples, warning: msg };
  }
  return { samples };
}

/** The first difference of the first frame (it links to the previous record and is not used). */
function firstDifference(level: 1 | 2, view: DataView, le: boolean): number {
  const ctrl = view.getUint32(0, le);
  for (let w = 3; w < 16; w++) {
    const code = (ctrl >>> (30 - 2 * w)) & 3;
    if (code === 0) continue;
    const pos = w << 2;
    if (code === 1) return view.getInt8(pos);
    if (level === 1) return code === 2 ? view.getInt16(pos, le) : view.getInt32(pos, le);
    const word = view.getInt32(pos, le);
    const dnib = word >>> 30;
    if (code === 2) return dnib === 1 ? (word << 2) >> 2 : dnib === 2 ? (word << 2) >> 17 : (word << 2) >> 22;
    return dnib === 0 ? (word << 2) >> 26 : dnib === 1 ? (word << 2) >> 27 : (word << 4) >> 28;
  }
  return 0;
}

/** Unpack Steim-1 differences and integrate them into `out`; returns how many were read (>= limit when complete). */
function steim1Integrate(view: DataView, frames: number, le: boolean, out: Int32Array, limit: number, x: number): number {
  let n = 0;
  const safe = limit - 4;
  let f = 0;
  let w = 3;
  frameLoop: for (; f < frames; f++) {
    const base = f << 6;
    const ctrl = view.getUint32(base, le);
    for (w = f === 0 ? 3 : 1; w < 16; w++) {
      if (n > safe) break frameLoop;
      const code = (ctrl >>> (30 - 2 * w)) & 3;
      if (code === 0) continue;
      const pos = base + (w << 2);
      if (code === 1) {
        out[n] = x = (x + view.getInt8(pos)) | 0;
        out[n + 1] = x = (x + view.getInt8(pos + 1)) | 0;
        out[n + 2] = x = (x + view.getInt8(pos + 2)) | 0;
        out[n + 3] = x = (x + view.getInt8(pos + 3)) | 0;
        n += 4;
      } else if (code === 2) {
        // each 16-bit difference is its own value in the stated byte order
        out[n] = x = (x + view.getInt16(pos, le)) | 0;
        out[n + 1] = x = (x + view.getInt16(pos + 2, le)) | 0;
        n += 2;
      } else {
        out[n++] = x = (x + view.getInt32(pos, le)) | 0;
      }
    }
  }
  resumeFrame = f;
  resumeWord = w;
  resumeX = x;
  return n;
}

function steim2Integrate(view: DataView, frames: number, le: boolean, out: Int32Array, limit: number, x: number): number {
  let n = 0;
  const safe = limit - 7;
  let f = 0;
  let w = 3;
  frameLoop: for (; f < frames; f++) {
    const base = f << 6;
    const ctrl = view.getUint32(base, le);
    for (w = f === 0 ? 3 : 1; w < 16; w++) {
      if (n > safe) break frameLoop;
      const code = (ctrl >>> (30 - 2 * w)) & 3;
      if (code === 0) continue;
      const pos = base + (w << 2);
      if (code === 1) {
        // four single bytes: their order does not depend on the word order
        out[n] = x = (x + view.getInt8(pos)) | 0;
        out[n + 1] = x = (x + view.getInt8(pos + 1)) | 0;
        out[n + 2] = x = (x + view.getInt8(pos + 2)) | 0;
        out[n + 3] = x = (x + view.getInt8(pos + 3)) | 0;
        n += 4;
        continue;
      }
      const word = view.getInt32(pos, le);
      const dnib = word >>> 30;
      if (code === 2) {
        if (dnib === 1) {
          out[n++] = x = (x + ((word << 2) >> 2)) | 0;
        } else if (dnib === 2) {
          out[n] = x = (x + ((word << 2) >> 17)) | 0;
          out[n + 1] = x = (x + ((word << 17) >> 17)) | 0;
          n += 2;
        } else if (dnib === 3) {
          out[n] = x = (x + ((word << 2) >> 22)) | 0;
          out[n + 1] = x = (x + ((word << 12) >> 22)) | 0;
          out[n + 2] = x = (x + ((word << 22) >> 22)) | 0;
          n += 3;
        } else {
          throw new MseedDataError(`Steim-2 frame ${f} word ${w}: invalid sub-code 0 for code 2`);
        }
      } else if (dnib === 0) {
        out[n] = x = (x + ((word << 2) >> 26)) | 0;
        out[n + 1] = x = (x + ((word << 8) >> 26)) | 0;
        out[n + 2] = x = (x + ((word << 14) >> 26)) | 0;
        out[n + 3] = x = (x + ((word << 20) >> 26)) | 0;
        out[n + 4] = x = (x + ((word << 26) >> 26)) | 0;
        n += 5;
      } else if (dnib === 1) {
        out[n] = x = (x + ((word << 2) >> 27)) | 0;
        out[n + 1] = x = (x + ((word << 7) >> 27)) | 0;
        out[n + 2] = x = (x + ((word << 12) >> 27)) | 0;
        out[n + 3] = x = (x + ((word << 17) >> 27)) | 0;
        out[n + 4] = x = (x + ((word << 22) >> 27)) | 0;
        out[n + 5] = x = (x + ((word << 27) >> 27)) | 0;
        n += 6;
      } else if (dnib === 2) {
        out[n] = x = (x + ((word << 4) >> 28)) | 0;
        out[n + 1] = x = (x + ((word << 8) >> 28)) | 0;
        out[n + 2] = x = (x + ((word << 12) >> 28)) | 0;
        out[n + 3] = x = (x + ((word << 16) >> 28)) | 0;
        out[n + 4] = x = (x + ((word << 20) >> 28)) | 0;
        out[n + 5] = x = (x + ((word << 24) >> 28)) | 0;
        out[n + 6] = x = (x + ((word << 28) >> 28)) | 0;
        n += 7;
      } else {
        throw new MseedDataError(`Steim-2 frame ${f} word ${w}: invalid sub-code 3 for code 3`);
      }
    }
  }
  resumeFrame = f;
  resumeWord = w;
  resumeX = x;
  return n;
}

// Where the fast loop stopped (module state rather than an object per record).
let resumeFrame = 0;
let resumeWord = 0;
let resumeX = 0;
const tailDiffs = new Int32Array(8);

/** Finish decoding from where the fast loop stopped, never writing past `limit`. */
function integrateTail(level: 1 | 2, view: DataView, frames: number, le: boolean, out: Int32Array, n: number, limit: number): number {
  let x = resumeX;
  let w = resumeWord;
  for (let f = resumeFrame; f < frames && n < limit; f++, w = 1) {
    const base = f << 6;
    const ctrl = view.getUint32(base, le);
    for (; w < 16 && n < limit; w++) {
      const code = (ctrl >>> (30 - 2 * w)) & 3;
      if (code === 0) continue;
      const k = wordDifferences(level, code, view, base + (w << 2), le, tailDiffs, f, w);
      for (let i = 0; i < k && n < limit; i++) out[n++] = x = (x + tailDiffs[i]!) | 0;
    }
  }
  return n;
}

/** The differences held by one data word (slow path: the last word of a record). */
function wordDifferences(level: 1 | 2, code: number, view: DataView, pos: number, le: boolean, d: Int32Array, f: number, w: number): number {
  if (code === 1) {
    for (let i = 0; i < 4; i++) d[i] = view.getInt8(pos + i);
    return 4;
  }
  if (level === 1) {
    if (code === 2) {
      d[0] = view.getInt16(pos, le);
      d[1] = view.getInt16(pos + 2, le);
      return 2;
    }
    d[0] = view.getInt32(pos, le);
    return 1;
  }
  const word = view.getInt32(pos, le);
  const dnib = word >>> 30;
  // [count, bits] of each (code, dnib) layout of Steim-2
  let k: number;
  let bits: number;
  if (code === 2) {
    if (dnib === 0) throw new MseedDataError(`Steim-2 frame ${f} word ${w}: invalid sub-code 0 for code 2`);
    [k, bits] = dnib === 1 ? [1, 30] : dnib === 2 ? [2, 15] : [3, 10];
  } else {
    if (dnib === 3) throw new MseedDataError(`Steim-2 frame ${f} word ${w}: invalid sub-code 3 for code 3`);
    [k, bits] = dnib === 0 ? [5, 6] : dnib === 1 ? [6, 5] : [7, 4];
  }
  for (let i = 0; i < k; i++) {
    const shift = 32 - bits * (k - i);
    d[i] = (word << shift) >> (32 - bits);
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Result of packing samples [from, from+count) into one record's frames. */
export interface SteimPackResult {
  /** samples packed. */
  count: number;
  /** 64-byte frames used. */
  frames: number;
}

/** Bits needed to hold v as a two's complement number. */
function bitsNeeded(v: number): number {
  return 33 - Math.clz32(v ^ (v >> 31));
}

/**
 * Pack samples starting at `from` into at most `maxFrames` frames written big-endian into `out`
 * at `outOffset`. `previous` is the sample before `from` (its difference links the records; use
 * samples[from] itself for a first record so the first difference is 0). Writes the integration
 * constants and returns how many samples went in.
 */
export function encodeSteim(
  level: 1 | 2,
  samples: Int32Array,
  from: number,
  previous: number,
  out: Uint8Array,
  outOffset: number,
  maxFrames: number,
): SteimPackResult {
  const view = new DataView(out.buffer, out.byteOffset + outOffset, maxFrames << 6);
  const total = samples.length;
  let i = from; // next sample whose difference is to be packed
  let frame = 0;
  for (; frame < maxFrames && i < total; frame++) {
    const base = frame << 6;
    let ctrl = 0;
    let w = frame === 0 ? 3 : 1;
    for (; w < 16 && i < total; w++) {
      const pos = base + (w << 2);
      let code: number;
      if (level === 1) {
        code = packSteim1Word(samples, i, previous, total, view, pos);
      } else {
        code = packSteim2Word(samples, i, previous, total, view, pos);
      }
      const k = code >>> 2;
      const c = code & 3;
      ctrl |= c << (30 - 2 * w);
      previous = samples[i + k - 1]!;
      i += k;
    }
    // zero the unused words of the last frame
    for (; w < 16; w++) view.setInt32(base + (w << 2), 0, false);
    view.setUint32(base, ctrl >>> 0, false);
  }
  const count = i - from;
  view.setInt32(4, samples[from]!, false);
  view.setInt32(8, samples[from + count - 1]!, false);
  return { count, frames: frame };
}

/** Packs one Steim-1 word at `pos`; returns (number of differences << 2) | control code. */
function packSteim1Word(s: Int32Array, i: number, prev: number, total: number, view: DataView, pos: number): number {
  const d0 = (s[i]! - prev) | 0;
  const left = total - i;
  if (left >= 4) {
    const d1 = (s[i + 1]! - s[i]!) | 0;
    const d2 = (s[i + 2]! - s[i + 1]!) | 0;
    const d3 = (s[i + 3]! - s[i + 2]!) | 0;
    if (d0 >= -128 && d0 <= 127 && d1 >= -128 && d1 <= 127 && d2 >= -128 && d2 <= 127 && d3 >= -128 && d3 <= 127) {
      view.setInt32(pos, ((d0 & 0xff) << 24) | ((d1 & 0xff) << 16) | ((d2 & 0xff) << 8) | (d3 & 0xff), false);
      return (4 << 2) | 1;
    }
  }
  if (left >= 2) {
    const d1 = (s[i + 1]! - s[i]!) | 0;
    if (d0 >= -32768 && d0 <= 32767 && d1 >= -32768 && d1 <= 32767) {
      view.setInt32(pos, ((d0 & 0xffff) << 16) | (d1 & 0xffff), false);
      return (2 << 2) | 2;
    }
  }
  checkDifference(s, i, prev, d0, 32);
  view.setInt32(pos, d0, false);
  return (1 << 2) | 3;
}

function checkDifference(s: Int32Array, i: number, prev: number, d: number, bits: number): void {
  const exact = s[i]! - prev;
  if (exact !== d || bitsNeeded(d) > bits) {
    throw new MseedDataError(`sample ${i} differs from the one before by ${exact}, more than Steim can hold in ${bits} bits`);
  }
}

/** Packs one Steim-2 word at `pos`; returns (number of differences << 2) | control code. */
function packSteim2Word(s: Int32Array, i: number, prev: number, total: number, view: DataView, pos: number): number {
  const left = total - i;
  // `acc` ORs the magnitudes (d ^ d >> 31) of the differences taken so far: the group fits in b
  // bits exactly when acc < 2^(b-1). Cheaper than counting bits of each difference.
  const d0 = (s[i]! - prev) | 0;
  let acc = d0 ^ (d0 >> 31);
  if (left >= 2 && acc < 1 << 14) {
    const d1 = (s[i + 1]! - s[i]!) | 0;
    acc |= d1 ^ (d1 >> 31);
    if (left >= 3 && acc < 1 << 9) {
      const d2 = (s[i + 2]! - s[i + 1]!) | 0;
      acc |= d2 ^ (d2 >> 31);
      if (left >= 4 && acc < 1 << 7) {
        const d3 = (s[i + 3]! - s[i + 2]!) | 0;
        acc |= d3 ^ (d3 >> 31);
        if (left >= 5 && acc < 1 << 5) {
          const d4 = (s[i + 4]! - s[i + 3]!) | 0;
          acc |= d4 ^ (d4 >> 31);
          if (left >= 6 && acc < 1 << 4) {
            const d5 = (s[i + 5]! - s[i + 4]!) | 0;
            acc |= d5 ^ (d5 >> 31);
            if (left >= 7 && acc < 1 << 3) {
              const d6 = (s[i + 6]! - s[i + 5]!) | 0;
              if ((acc | (d6 ^ (d6 >> 31))) < 1 << 3) {
                view.setInt32(
                  pos,
                  (2 << 30) | ((d0 & 15) << 24) | ((d1 & 15) << 20) | ((d2 & 15) << 16) | ((d3 & 15) << 12) | ((d4 & 15) << 8) | ((d5 & 15) << 4) | (d6 & 15),
                  false,
                );
                return (7 << 2) | 3;
              }
            }
            if (acc < 1 << 4) {
              view.setInt32(
                pos,
                (1 << 30) | ((d0 & 31) << 25) | ((d1 & 31) << 20) | ((d2 & 31) << 15) | ((d3 & 31) << 10) | ((d4 & 31) << 5) | (d5 & 31),
                false,
              );
              return (6 << 2) | 3;
            }
          }
          if (acc < 1 << 5) {
            view.setInt32(pos, ((d0 & 63) << 24) | ((d1 & 63) << 18) | ((d2 & 63) << 12) | ((d3 & 63) << 6) | (d4 & 63), false);
            return (5 << 2) | 3;
          }
        }
        if (acc < 1 << 7) {
          view.setInt32(pos, ((d0 & 0xff) << 24) | ((d1 & 0xff) << 16) | ((d2 & 0xff) << 8) | (d3 & 0xff), false);
          return (4 << 2) | 1;
        }
      }
      if (acc < 1 << 9) {
        view.setInt32(pos, (3 << 30) | ((d0 & 1023) << 20) | ((d1 & 1023) << 10) | (d2 & 1023), false);
        return (3 << 2) | 2;
      }
    }
    if (acc < 1 << 14) {
      view.setInt32(pos, (2 << 30) | ((d0 & 0x7fff) << 15) | (d1 & 0x7fff), false);
      return (2 << 2) | 2;
    }
  }
  checkDifference(s, i, prev, d0, 30);
  view.setInt32(pos, (1 << 30) | (d0 & 0x3fffffff), false);
  return (1 << 2) | 2;
}
