#!/usr/bin/env node
// Thin launcher: the compiled CLI is the one-file bundle dist/sod.js (built by `npm run build`, which
// `npm install` runs through `prepare`).
import module from 'node:module';

// Node 22.1+ keeps the compiled code of the bundle on disk between runs (a faster start);
// Node 20 has no such cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const { main } = await import('../dist/sod.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() turns every expected failure into a message and an exit code; reaching here is a bug.
    console.error(`sod: internal error: ${err && err.stack ? err.stack : err}`);
    process.exitCode = 70;
  },
);
