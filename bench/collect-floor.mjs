#!/usr/bin/env node
// The collector benchmark's floor (bench/collect.mjs): reads every .json
// file of a folder and JSON.parses it, nothing else. Prints
// {"ms": wall time, "rss": peak resident bytes, "files": n}.
//
//   node bench/collect-floor.mjs DIR

import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const t0 = performance.now();
let n = 0;
const kept = [];
for (const f of fs.readdirSync(dir)) {
  if (!f.endsWith('.json')) continue;
  // Kept, as the collector keeps what it read.
  kept.push(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  n++;
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024, files: n, kept: kept.length }));
