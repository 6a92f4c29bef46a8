/**
 * Small sample arrays (decoded records, the segments joined from them, the float64 copies the
 * processes make), carved out of shared 256 KB slabs. A fresh ArrayBuffer costs V8 1.5-3 us to
 * allocate, more than decoding a 512-byte record; a view on a slab costs under 0.1 us. The price:
 * an array's `.buffer` is shared with its neighbours (mind `byteOffset`), and a kept array keeps
 * its slab alive. Arrays over 32 KB get their own buffer.
 */
const SLAB_BYTES = 256 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

function carve(bytes: number): number {
  const aligned = (bytes + 7) & ~7;
  if (used + aligned > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += aligned;
  return at;
}

/** A zeroed sample array of the same kind as `like`. */
export function newSamplesLike(like: Int32Array | Float32Array | Float64Array, count: number): Int32Array | Float32Array | Float64Array {
  if (like instanceof Int32Array) return newInt32Samples(count);
  if (like instanceof Float64Array) return newFloat64Samples(count);
  return newFloat32Samples(count);
}

export function newInt32Samples(count: number): Int32Array {
  if (count * 4 > SLAB_BYTES / 8) return new Int32Array(count);
  const at = carve(count * 4);
  return new Int32Array(slab, at, count);
}

export function newFloat32Samples(count: number): Float32Array {
  if (count * 4 > SLAB_BYTES / 8) return new Float32Array(count);
  const at = carve(count * 4);
  return new Float32Array(slab, at, count);
}

export function newFloat64Samples(count: number): Float64Array {
  if (count * 8 > SLAB_BYTES / 8) return new Float64Array(count);
  const at = carve(count * 8);
  return new Float64Array(slab, at, count);
}
