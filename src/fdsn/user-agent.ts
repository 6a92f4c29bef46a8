import { packageVersion } from '../files/package-root.js';

let cached: string | undefined;

/** `sod/<version>`, from sod's package.json. */
export function sodUserAgent(): string {
  if (cached === undefined) {
    let v = 'unknown';
    try {
      v = packageVersion();
    } catch {
      // a missing package.json must not stop a download; the version is only informative
    }
    cached = `sod/${v}`;
  }
  return cached;
}
