/**
 * Decoding a record's data area into samples, for every supported encoding.
 */
import type { Samples } from '../../seismogram/segment.js';
import { encodingName, isSupportedEncoding } from './encoding.js';
import { MseedDataError } from './errors.js';
import { newFloat32Samples, newFloat64Samples, newInt32Samples } from '../../seismogram/sample-slab.js';
import { decodeSteim } from './steim.js';

export interface DecodedPayload {
  samples: Samples;
  text?: string;
  warning?: string;
}

const EMPTY = new Int32Array(0);
const PLATFORM_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Largest number of samples `dataBytes` bytes can hold in `encoding` (for header sanity checks). */
export function maxSamplesIn(encoding: number, dataBytes: number): number {
  switch (encoding) {
    case 0:
      return dataBytes;
    case 1:
      return dataBytes >> 1;
    case 3:
    case 4:
      return dataBytes >> 2;
    case 5:
      return dataBytes >> 3;
    case 10:
      return (dataBytes >> 6) * 60 - 2; // first frame: two words are the integration constants
    case 11:
      return (dataBytes >> 6) * 105 - 14;
    default:
      return Number.MAX_SAFE_INTEGER;
  }
}

/** Decode `count` samples from buf[from, to). */
export function decodePayload(
  encoding: number,
  buf: Uint8Array,
  from: number,
  to: number,
  count: number,
  littleEndian: boolean,
  onMismatch: 'error' | 'warn',
): DecodedPayload {
  if (!isSupportedEncoding(encoding)) {
    throw new MseedDataError(`encoding ${encoding} (${encodingName(encoding)}) is not supported; supported: ASCII text, int16, int32, float32, float64, Steim-1, Steim-2`);
  }
  if (count === 0) return { samples: EMPTY };
  if (count > maxSamplesIn(encoding, to - from)) {
    throw new MseedDataError(`${count} samples of ${encodingName(encoding)} cannot fit in a data area of ${to - from} bytes`);
  }
  if (encoding === 10 || encoding === 11) {
    const r = decodeSteim(encoding === 10 ? 1 : 2, buf, from, to, count, littleEndian, onMismatch);
    return r.warning ? { samples: r.samples, warning: r.warning } : { samples: r.samples };
  }
  const data = buf.subarray(from, to);
  switch (encoding) {
    case 0: {
      let text = '';
      for (let i = 0; i < count; i++) text += String.fromCharCode(data[i]!);
      return { samples: EMPTY, text };
    }
    case 1: {
      const out = newInt32Samples(count);
      const v = new DataView(data.buffer, data.byteOffset, count * 2);
      for (let i = 0; i < count; i++) out[i] = v.getInt16(i * 2, littleEndian);
      return { samples: out };
    }
    case 3: {
      const out = newInt32Samples(count);
      if (littleEndian === PLATFORM_LITTLE) {
        new Uint8Array(out.buffer, out.byteOffset, count * 4).set(data.subarray(0, count * 4));
        return { samples: out };
      }
      const v = new DataView(data.buffer, data.byteOffset, count * 4);
      for (let i = 0; i < count; i++) out[i] = v.getInt32(i * 4, littleEndian);
      return { samples: out };
    }
    case 4: {
      const out = newFloat32Samples(count);
      if (littleEndian === PLATFORM_LITTLE) {
        new Uint8Array(out.buffer, out.byteOffset, count * 4).set(data.subarray(0, count * 4));
        return { samples: out };
      }
      const v = new DataView(data.buffer, data.byteOffset, count * 4);
      for (let i = 0; i < count; i++) out[i] = v.getFloat32(i * 4, littleEndian);
      return { samples: out };
    }
    case 5: {
      const out = newFloat64Samples(count);
      if (littleEndian === PLATFORM_LITTLE) {
        new Uint8Array(out.buffer, out.byteOffset, count * 8).set(data.subarray(0, count * 8));
        return { samples: out };
      }
      const v = new DataView(data.buffer, data.byteOffset, count * 8);
      for (let i = 0; i < count; i++) out[i] = v.getFloat64(i * 8, littleEndian);
      return { samples: out };
    }
  }
  throw new MseedDataError(`encoding ${encoding} is not supported`);
}
