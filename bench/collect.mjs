#!/usr/bin/env node
// The collector's scale benchmark (issue 11 part 6). Run by bench/run.mjs
// (scripts/bench.sh), or alone after a release build:
//
//   node bench/collect.mjs [--files N] [--runs N]
//
// N generated exports of the JAMA/JAPIA catalog (default 4,000, the size of
// the real submission count; written by `cargo run --release --example
// bench_exports`, i.e. by the widget's own export code, with notes, evidence
// and a snapshot in every tenth file) are loaded into the collector page
// (dist/collect.html, parsing in its Web Worker) in headless Chromium, with a
// fresh profile per run:
//   - as one ZIP (`zip -r`, deflated) through the file picker, and
//   - as a folder (the folder picker, one File per export);
// measured:
//   - time to the first table: from the picker's `change` event (the moment
//     the user has chosen) to the first row of the respondents' table, in
//     the page's own clock;
//   - peak memory: the browser's whole process tree (PSS summed over every
//     Chromium process, sampled every 50 ms from /proc), and that of the
//     largest process (the page's renderer, which runs the worker), against
//     the same before loading;
// against the floor: a plain Node process that only reads the same files
// and JSON.parses each (`bench/collect-floor.mjs`), its wall time and peak
// RSS. Results go into bench/out/collect.json and are returned to run.mjs.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(here, 'out');
const TIMEOUT = Number(process.env.BENCH_COLLECT_TIMEOUT_MS || 600000);

function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
export function summary(xs) {
  const s = xs.filter(Number.isFinite);
  return s.length
    ? { median: quantile(s, 0.5), min: Math.min(...s), max: Math.max(...s), n: s.length }
    : { median: null, min: null, max: null, n: 0 };
}

/** The generated exports: `dir` with `count` files and `zip`, made once per count. */
export function prepareExports(count) {
  const base = path.join(OUT, `exports-${count}`);
  const dir = path.join(base, 'submissions');
  const zip = path.join(base, 'submissions.zip');
  const stamp = path.join(base, 'done');
  if (!fs.existsSync(stamp)) {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(base, { recursive: true });
    const catalog = path.join(ROOT, 'catalogs', 'jama-japia-v2.2.json');
    console.log(`collect: generating ${count} exports (cargo run --release --example bench_exports)`);
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench_exports', '--', catalog, String(count), dir], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    // A real ZIP (deflated), as an association would receive or make one.
    const r = spawnSync('zip', ['-q', '-r', zip, 'submissions'], { cwd: base, stdio: 'inherit' });
    if (r.status !== 0) {
      execFileSync('python3', ['-c', `
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir(sys.argv[2])):
        z.write(os.path.join(sys.argv[2], f), "submissions/" + f)
`, zip, dir]);
    }
    fs.writeFileSync(stamp, '');
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  return { dir, zip, files: files.length, bytes, zipBytes: fs.statSync(zip).size };
}

/** The floor: a Node process reading and JSON.parsing every file; {ms, rss}. */
function floorOnce(dir) {
  const out = execFileSync(process.execPath, [path.join(here, 'collect-floor.mjs'), dir], { encoding: 'utf8' });
  return JSON.parse(out);
}

// ---------------------------------------------------------------- memory

/** Pids of `root` and every descendant (from /proc). */
function tree(root) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of children.get(p) || []) walk(c);
  };
  walk(root);
  return out;
}

/** PSS in bytes of one process (0 when it is gone). */
function pss(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the tree of `pid` every `ms`; `stop()` returns {peakTotal, peakLargest}. */
function sampler(pid, ms = 50) {
  let peakTotal = 0;
  let peakLargest = 0;
  let pids = tree(pid);
  let ticks = 0;
  const sample = () => {
    if (ticks++ % 20 === 0) pids = tree(pid); // new processes (a worker's, a renderer's)
    const each = pids.map(pss);
    peakTotal = Math.max(peakTotal, each.reduce((a, b) => a + b, 0));
    peakLargest = Math.max(peakLargest, ...each);
  };
  sample();
  const timer = setInterval(sample, ms);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakTotal, peakLargest };
    },
  };
}

// ---------------------------------------------------------------- one run

/** In the page, before its scripts: the pick time and the first row's. */
function initScript() {
  window.__collect = { picked: null, firstTable: null };
  document.addEventListener(
    'change',
    (e) => {
      if (e.target && e.target.type === 'file' && window.__collect.picked === null) window.__collect.picked = performance.now();
    },
    true,
  );
  const check = () => {
    if (window.__collect.picked !== null && window.__collect.firstTable === null && document.querySelector('#rows tbody tr')) {
      window.__collect.firstTable = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => {
    if (check()) obs.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

async function collectOnce(url, input, target, expected) {
  // A browser server, so that its process (and its tree) is known.
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: TIMEOUT });
  const pid = server.process()?.pid;
  const browser = await chromium.connect(server.wsEndpoint(), { timeout: TIMEOUT });
  try {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(initScript);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.locator('#collect[data-ready="true"]').waitFor();
    const before = pid ? sampler(pid).stop() : null;
    const mem = pid ? sampler(pid) : null;
    await page.locator(input).setInputFiles(target);
    await page.waitForFunction(() => window.__collect.firstTable !== null, null, { timeout: TIMEOUT, polling: 100 });
    const peak = mem ? mem.stop() : null;
    const { picked, firstTable } = await page.evaluate(() => window.__collect);
    const accepted = Number(await page.locator('[data-count="accepted"]').textContent());
    if (accepted !== expected) throw new Error(`accepted ${accepted} of ${expected} files`);
    if (errors.length) throw new Error(`page errors: ${errors.slice(0, 3).join(' | ')}`);
    return {
      first_table_ms: firstTable - picked,
      peak_total: peak?.peakTotal ?? null,
      peak_largest: peak?.peakLargest ?? null,
      before_total: before?.peakTotal ?? null,
      accepted,
    };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- main

export async function benchCollect({ files = 4000, runs = 5 } = {}) {
  if (!fs.existsSync(path.join(DIST, 'collect.html'))) throw new Error('dist/collect.html is missing: run scripts/build.sh');
  const ex = prepareExports(files);
  console.log(`collect: ${ex.files} files, ${(ex.bytes / 2 ** 20).toFixed(1)} MB; ZIP ${(ex.zipBytes / 2 ** 20).toFixed(1)} MB`);
  const srv = await startServer({ root: DIST, port: 0 });
  const url = new URL('collect.html', srv.url).href;
  const result = { files: ex.files, bytes: ex.bytes, zip_bytes: ex.zipBytes, floor: [], zip: [], folder: [] };
  try {
    for (let run = 0; run < runs; run++) {
      // Alternated, so that drifts in the machine's load hit every side.
      const f = floorOnce(ex.dir);
      result.floor.push(f);
      console.log(`collect floor run ${run + 1}/${runs}: ${f.ms.toFixed(0)} ms, peak RSS ${(f.rss / 2 ** 20).toFixed(0)} MB`);
      for (const [side, input, target] of [
        ['zip', '#pick-files', ex.zip],
        ['folder', '#pick-folder', ex.dir],
      ]) {
        try {
          const r = await collectOnce(url, input, target, ex.files);
          result[side].push(r);
          console.log(
            `collect ${side} run ${run + 1}/${runs}: first table ${r.first_table_ms.toFixed(0)} ms, peak ${(r.peak_total / 2 ** 20).toFixed(0)} MB (largest process ${(r.peak_largest / 2 ** 20).toFixed(0)} MB, before ${(r.before_total / 2 ** 20).toFixed(0)} MB)`,
          );
        } catch (e) {
          result[side].push({ error: String(e.message || e).split('\n')[0] });
          console.log(`collect ${side} run ${run + 1}/${runs}: FAILED: ${String(e.message || e).split('\n')[0]}`);
        }
      }
    }
  } finally {
    await srv.close();
  }
  const ok = (xs) => xs.filter((r) => !r.error);
  const MB = 2 ** 20;
  result.summary = {
    floor_ms: summary(result.floor.map((r) => r.ms)),
    floor_rss_mb: summary(result.floor.map((r) => r.rss / MB)),
  };
  for (const side of ['zip', 'folder']) {
    result.summary[`${side}_ms`] = summary(ok(result[side]).map((r) => r.first_table_ms));
    result.summary[`${side}_peak_mb`] = summary(ok(result[side]).map((r) => r.peak_total / MB));
    result.summary[`${side}_largest_mb`] = summary(ok(result[side]).map((r) => r.peak_largest / MB));
    result.summary[`${side}_before_mb`] = summary(ok(result[side]).map((r) => r.before_total / MB));
  }
  result.machine = `${os.cpus().length} CPU, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`;
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'collect.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

const fmt = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const cell = (s, d = 0) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;

/** The markdown section of the results. */
export function collectMarkdown(r) {
  const s = r.summary;
  const ratio = (a) => (s[a].median !== null && s.floor_ms.median ? s[a].median / s.floor_ms.median : null);
  const lines = [
    `## collect: ${r.files} exports of JAMA/JAPIA (${fmt(r.bytes / 2 ** 20)} MB; ZIP ${fmt(r.zip_bytes / 2 ** 20)} MB)`,
    '',
    '| metric | unit | ZIP | folder | floor (Node: read + JSON.parse) |',
    '|---|---|---:|---:|---:|',
    `| pick → first table | ms | ${cell(s.zip_ms)} | ${cell(s.folder_ms)} | ${cell(s.floor_ms)} |`,
    `| × floor | | ${fmt(ratio('zip_ms'), 2)} | ${fmt(ratio('folder_ms'), 2)} | 1 |`,
    `| peak memory, whole browser (PSS) | MB | ${cell(s.zip_peak_mb)} | ${cell(s.folder_peak_mb)} | ${cell(s.floor_rss_mb)} (RSS) |`,
    `| peak memory, largest process (PSS) | MB | ${cell(s.zip_largest_mb)} | ${cell(s.folder_largest_mb)} | |`,
    `| whole browser before loading (PSS) | MB | ${cell(s.zip_before_mb)} | ${cell(s.folder_before_mb)} | |`,
    '',
  ];
  const errs = [...r.zip, ...r.folder].filter((x) => x.error);
  if (errs.length) lines.push(`Failed runs: ${errs.length}`, ...errs.slice(0, 5).map((e) => `- ${e.error}`), '');
  return lines.join('\n');
}

/** The collector's budgets (issue 11 part 6): ≤ 3× floor and < 1 GB. */
export function collectBudgets(r) {
  const s = r.summary;
  const out = [];
  for (const side of ['zip', 'folder']) {
    const ratio = s[`${side}_ms`].median !== null && s.floor_ms.median ? s[`${side}_ms`].median / s.floor_ms.median : null;
    const peak = s[`${side}_peak_mb`].median;
    out.push({ text: `collector, ${r.files} exports as ${side === 'zip' ? 'one ZIP' : 'a folder'}: first table ≤ 3× floor`, now: `${fmt(ratio, 2)}×`, ok: ratio === null ? null : ratio <= 3 });
    out.push({ text: `collector, ${r.files} exports as ${side === 'zip' ? 'one ZIP' : 'a folder'}: peak memory < 1 GB`, now: `${fmt(peak, 0)} MB`, ok: peak === null ? null : peak < 1024 });
  }
  return out;
}

if (import.meta.url === `file://${path.resolve(process.argv[1] || '')}`) {
  const args = process.argv.slice(2);
  const opt = (k, d) => {
    const i = args.indexOf(k);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const r = await benchCollect({ files: opt('--files', 4000), runs: opt('--runs', 5) });
  console.log('\n' + collectMarkdown(r));
  for (const b of collectBudgets(r)) console.log(`- ${b.ok === null ? '?' : b.ok ? 'met' : 'NOT met'}: ${b.text} (now ${b.now})`);
}
