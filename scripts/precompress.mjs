#!/usr/bin/env node
// Build step: writes FILE.gz (gzip -9) and FILE.br (brotli 11) next to every
// compressible file of dist/ larger than 1 KB, for servers that serve
// precompressed files (scripts/static-server.mjs does, by Accept-Encoding).
// Deterministic: no file name or time goes into the compressed data.
//
//   node scripts/precompress.mjs [DIST]

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressedBuffers } from './sizes.mjs';

/** Extensions worth compressing (the rest is already compressed or tiny). */
export const COMPRESSIBLE = ['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg'];
const MIN_BYTES = 1024;

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

if (import.meta.url === `file://${path.resolve(process.argv[1] || '')}`) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dist = path.resolve(process.argv[2] || path.join(here, '..', 'dist'));
  let n = 0;
  for (const f of walk(dist)) {
    if (!COMPRESSIBLE.includes(path.extname(f).toLowerCase())) continue;
    const buf = fs.readFileSync(f);
    if (buf.length < MIN_BYTES) continue;
    const { gzip, brotli } = compressedBuffers(buf);
    fs.writeFileSync(`${f}.gz`, gzip);
    fs.writeFileSync(`${f}.br`, brotli);
    n++;
  }
  console.log(`precompress: .gz and .br for ${n} files`);
}
