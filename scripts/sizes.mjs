#!/usr/bin/env node
// Prints the raw, gzip and brotli sizes of every file under a directory
// (default dist/), as a markdown table. Used at the end of scripts/build.sh.
//
//   node scripts/sizes.mjs [DIR] [--json]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** gzip (level 9) and brotli (quality 11) of a buffer: what the build writes next to a file. */
export function compressedBuffers(buf) {
  return {
    gzip: zlib.gzipSync(buf, { level: 9 }),
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }),
  };
}

/** gzip (level 9) and brotli (quality 11) sizes of a buffer, in bytes. */
export function compressedSizes(buf) {
  const c = compressedBuffers(buf);
  return { raw: buf.length, gzip: c.gzip.length, brotli: c.brotli.length };
}

function walk(dir, base = dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    // The build's precompressed copies (FILE.gz, FILE.br) are FILE's sizes.
    else if (e.isFile() && !/\.(gz|br)$/.test(e.name)) out.push(path.relative(base, p));
  }
  return out.sort();
}

const kb = (n) => (n / 1024).toFixed(1);

if (import.meta.url === `file://${path.resolve(process.argv[1] || '')}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) || 'dist';
  const rows = walk(dir).map((f) => ({ file: f, ...compressedSizes(fs.readFileSync(path.join(dir, f))) }));
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log('| file | raw KB | gzip KB | brotli KB |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  }
}
