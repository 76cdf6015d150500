#!/usr/bin/env node
// The performance benchmark (issue 7). Run it with scripts/bench.sh, which
// builds the release dist/ first; this file only measures.
//
//   node bench/run.mjs [--runs N] [--clicks N] [--controls N] [--collect-files N]
//                      [--only jama,embed,nisc,sp800-53,synthetic,collect]
//
// For each catalog (JAMA/JAPIA on the standalone page and embedded in a demo
// host page, NISC when catalogs/ has it, and a synthetic catalog of 2,000
// controls generated here) it measures, in headless Chromium
// with a fresh profile per run, against a local static server:
//   - transfer: raw, gzip and brotli bytes of every response the first load
//     needed (HTML, JS, wasm, CSS, catalog), compressed here with node's zlib,
//     and of what the page needs before its first item is answerable (loaded
//     once more with the wasm, its glue and the catalogs held back);
//   - interactive: ms from navigation start until the first
//     `.sc-item input[type=radio]` is shown and enabled (on the standalone
//     page, the build's static first screen: its radios work before the app);
//   - app: ms until the app runs (its own radio is shown: the static first
//     screen has been taken over);
//   - click: ms from an answer click to the DOM update (the progress bar's
//     aria-valuenow changed, or another mutation for a re-answer), p50 and p95
//     over --clicks clicks (default 200), measured in the page;
//   - storage: main-thread ms spent inside localStorage.setItem per click, and
//     the delay from the last click to the last write;
//   - heap: JS heap used (CDP) and wasm linear memory, after load and after
//     answering every item.
// The same is measured for a "floor": a plain static HTML page listing the
// same items (generated here), no script. Results: median, min and max over
// the runs, and the ratio of the widget's median to the floor's.
// Output: bench/out/results.json and bench/out/results.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/static-server.mjs';
import { syntheticCatalog } from './gen-catalog.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/helpers.mjs';
import { benchCollect, collectMarkdown, collectBudgets } from './collect.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(here, 'out');
const SITE = path.join(OUT, 'site');
// The same browser and flags as the end-to-end tests.
const CHROMIUM = CHROMIUM_PATH;
const ARGS = CHROMIUM_ARGS;
const LOAD_TIMEOUT = Number(process.env.BENCH_LOAD_TIMEOUT_MS || 60000);

function parseArgs(argv) {
  const o = { runs: 5, clicks: 200, controls: 2000, only: null, collectFiles: 4000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--runs') o.runs = Number(next());
    else if (a === '--clicks') o.clicks = Number(next());
    else if (a === '--controls') o.controls = Number(next());
    else if (a === '--only') o.only = next().split(',');
    else if (a === '--collect-files') o.collectFiles = Number(next());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/run.mjs [--runs N] [--clicks N] [--controls N] [--collect-files N] [--only jama,embed,nisc,sp800-53,synthetic,collect]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  for (const k of ['runs', 'clicks', 'controls', 'collectFiles']) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`--${k} must be a positive integer`);
  }
  return o;
}

// ---------------------------------------------------------------- statistics

function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** {median, min, max, n} of the finite values. */
function summary(xs) {
  const s = xs.filter((x) => Number.isFinite(x));
  if (!s.length) return { median: null, min: null, max: null, n: 0 };
  return { median: quantile(s, 0.5), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

// ---------------------------------------------------------------- the site

const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function blocksHtml(blocks = []) {
  return blocks
    .map((b) => {
      if (b.type === 'list') return `<ul>${(b.items || []).map((it) => `<li>${esc(it.text)}</li>`).join('')}</ul>`;
      if (b.type === 'heading') return `<h4>${esc(b.text)}</h4>`;
      return `<p>${esc(b.text)}</p>`;
    })
    .join('');
}

/** The floor: the same items as plain HTML with native radios, no script, no CSS file. */
function floorPage(catalog) {
  const options = catalog.scale?.options || [];
  const items = (catalog.controls || [])
    .map((c) => {
      const statements = (c.statements || []).map((s) => `<p>${esc(s.text)}</p>`).join('');
      const criteria = (c.criteria || [])
        .map((p) => `<section>${p.tag ? `<h4>【${esc(p.tag)}】</h4>` : ''}${blocksHtml(p.blocks)}</section>`)
        .join('');
      const radios = options
        .map(
          (o) =>
            `<label><input type="radio" name="ans-${esc(c.id)}" value="${esc(o.id)}"> ${esc(o.label?.ja ?? o.id)}</label>`,
        )
        .join(' ');
      return `<article class="sc-item" data-control="${esc(c.id)}"><h3>No.${esc(c.number ?? c.id)} ${esc(c.level ?? '')}</h3>${statements}${criteria}<div role="radiogroup">${radios}</div></article>`;
    })
    .join('\n');
  return `<!doctype html><html lang="${esc(catalog.language || 'ja')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(catalog.title?.ja || catalog.id)}</title></head><body><main class="sc-root"><h1>${esc(catalog.title?.ja || catalog.id)}</h1>${items}</main></body></html>\n`;
}

/** What the floor page needs of an OSCAL catalog, in the widget's catalog shape:
 * every control and enhancement not withdrawn, in document order, its
 * statement prose (parameters as their labels or choices) and the status scale
 * the widget answers OSCAL controls with. Only the floor uses it: the widget
 * converts the OSCAL file itself. */
function oscalForFloor(cat) {
  const params = new Map();
  const prose = (t = '') =>
    t.replace(/\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}/g, (_, id) => {
      const p = params.get(id);
      return `[${p?.label ?? p?.select?.choice?.join(' / ') ?? id}]`;
    });
  const partText = (parts = []) =>
    parts.flatMap((p) => [p.prose ? prose(p.prose) : null, ...partText(p.parts)]).filter(Boolean);
  const controls = [];
  const walkControls = (cs = []) => {
    for (const c of cs) {
      for (const p of c.params || []) params.set(p.id, p);
      const label = (c.props || []).find((p) => p.name === 'label')?.value ?? c.id;
      if (!(c.props || []).some((p) => p.name === 'status' && p.value === 'withdrawn')) {
        const statement = (c.parts || []).filter((p) => p.name === 'statement');
        controls.push({ id: c.id, number: `${label} ${c.title}`, statements: partText(statement).map((text) => ({ text })) });
      }
      walkControls(c.controls);
    }
  };
  const walkGroups = (gs = []) => {
    for (const g of gs) {
      walkControls(g.controls);
      walkGroups(g.groups);
    }
  };
  walkControls(cat.controls);
  walkGroups(cat.groups);
  const o = (id, ja) => ({ id, label: { ja } });
  return {
    id: cat.uuid,
    language: 'en',
    title: { ja: cat.metadata.title },
    scale: { options: [o('achieved', '達成'), o('partial', '一部達成'), o('not_achieved', '未達成'), o('not_applicable', '対象外')] },
    controls,
  };
}

/** Copies dist/ to bench/out/site and adds the synthetic catalog and the floor pages. */
function prepareSite(opts) {
  if (!fs.existsSync(path.join(DIST, 'pkg'))) throw new Error('dist/pkg is missing: run scripts/build.sh (scripts/bench.sh does)');
  fs.rmSync(SITE, { recursive: true, force: true });
  fs.cpSync(DIST, SITE, { recursive: true });
  fs.mkdirSync(path.join(SITE, 'catalogs'), { recursive: true });
  const targets = [];
  const catalogsDir = path.join(ROOT, 'catalogs');
  const files = fs.existsSync(catalogsDir) ? fs.readdirSync(catalogsDir).filter((f) => f.endsWith('.json')) : [];
  const byId = (pred) => {
    for (const f of files.sort()) {
      try {
        const c = JSON.parse(fs.readFileSync(path.join(catalogsDir, f), 'utf8'));
        if (c && typeof c.id === 'string' && pred(c.id, f)) return { file: f, catalog: c };
      } catch {
        /* not a catalog */
      }
    }
    return null;
  };
  const jama = byId((id) => id.startsWith('jama-japia'));
  // The standalone page with no option: the default catalog, the page the
  // build renders a static first screen for.
  if (jama) targets.push({ name: 'jama', ...jama, widgetPath: '/' });
  // The same catalog embedded (shadow root, embed.js) in a host page like
  // dist/demo/index.html: its hostile CSS, one widget (the demo's second
  // widget and iframe would be measured too).
  if (jama) {
    const host = `<!doctype html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Demo association page (bench)</title>
  <link rel="icon" href="../favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="hostile.css">
  <link rel="stylesheet" href="demo.css">
  <script type="module" src="../embed.js"></script>
</head>
<body>
  <h1>架空の工業会 会員ページ (bench)</h1>
  <div id="widget-a" class="themed" data-selfcheck data-catalog="jama-japia-v2.2" data-namespace="bench" data-lang="ja"></div>
</body>
</html>
`;
    fs.writeFileSync(path.join(SITE, 'demo', 'bench-embed.html'), host);
    targets.push({ name: 'embed', ...jama, widgetPath: '/demo/bench-embed.html' });
  }
  if (!jama) console.warn('bench: no JAMA/JAPIA catalog (id jama-japia-*) in catalogs/; skipped');
  const nisc = byId((id, f) => f === 'nisc-2023.json' || id.startsWith('nisc'));
  if (nisc) targets.push({ name: 'nisc', ...nisc });
  else console.warn('bench: no NISC catalog in catalogs/; skipped');
  // NIST SP 800-53 (the LOW baseline, an OSCAL catalog the widget converts in
  // its lazily loaded format module; issue 12): loaded by URL like any catalog.
  const lowFile = path.join(ROOT, 'tests', 'fixtures', 'oscal', 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json');
  if (fs.existsSync(lowFile)) {
    const file = 'sp800-53-low.json';
    fs.copyFileSync(lowFile, path.join(SITE, 'catalogs', file));
    targets.push({ name: 'sp800-53', file, catalog: oscalForFloor(JSON.parse(fs.readFileSync(lowFile, 'utf8')).catalog) });
  } else console.warn('bench: no SP 800-53 fixture in tests/fixtures/oscal; skipped');
  const synth = syntheticCatalog(opts.controls);
  const synthFile = `synthetic-${opts.controls}.json`;
  fs.writeFileSync(path.join(SITE, 'catalogs', synthFile), JSON.stringify(synth));
  targets.push({ name: 'synthetic', file: synthFile, catalog: synth });
  for (const t of targets) {
    t.floor = `floor-${t.name}.html`;
    fs.writeFileSync(path.join(SITE, t.floor), floorPage(t.catalog));
    // The widget is pointed at the catalog by the same query parameter the
    // catalog-error e2e test uses; the default catalog needs none.
    t.widgetPath ??= `/?catalog=${encodeURIComponent(`catalogs/${t.file}`)}`;
    t.controls = t.catalog.controls.length;
  }
  return opts.only ? targets.filter((t) => opts.only.includes(t.name)) : targets;
}

// ---------------------------------------------------------------- in the page

/** Installed before any page script: timestamps the first interactive radio
 * of the catalog's first control (`first`: its id), counts localStorage writes
 * and their main-thread time, keeps wasm instances. */
function initScript({ first }) {
  const w = window;
  w.__bench = { firstInteractive: null, appReady: null, fcp: null, writes: [], wasm: [] };
  const deepFind = (root, sel) => {
    const hit = root.querySelector(sel);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const h = deepFind(el.shadowRoot, sel);
        if (h) return h;
      }
    }
    return null;
  };
  // A radio one can click: shown (not in a hidden root) and enabled. The
  // build's static first screen (index.html) has such radios before the app
  // runs; the app's own are those outside [data-sc-static]. Only the measured
  // catalog's first item counts: the standalone page holds the default
  // catalog's static screen until first-screen.js has removed it from a page
  // opened for another catalog.
  const radio = `.sc-item[data-control="${CSS.escape(first)}"] input[type="radio"]`;
  const usable = (el) => el && !el.disabled && (!el.checkVisibility || el.checkVisibility());
  // Checked once per rendering frame, on both the widget and the floor: a
  // radio is answerable when a frame is made with it. (A MutationObserver
  // would time the floor's radio when the parser inserts it, before any
  // frame, and cannot see into the widget's shadow root: two different
  // clocks. Until issue 13's fix the floor was timed that way.)
  const check = (now) => {
    const b = w.__bench;
    const el = deepFind(document, radio);
    if (b.firstInteractive === null && usable(el)) b.firstInteractive = now;
    if (b.appReady === null) {
      const app = deepFind(document, `.sc-root:not([data-sc-static]) ${radio}`);
      if (usable(app)) b.appReady = now;
    }
    return b.firstInteractive !== null && b.appReady !== null;
  };
  const poll = () => {
    if (!check(performance.now())) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.__bench.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    /* no paint timing */
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const t0 = performance.now();
    const r = setItem.call(this, k, v);
    w.__bench.writes.push({ at: t0, ms: performance.now() - t0, bytes: String(v).length });
    return r;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = function (...args) {
      return orig.apply(this, args).then((res) => {
        const inst = res && res.instance ? res.instance : res;
        if (inst && inst.exports) w.__bench.wasm.push(inst);
        return res;
      });
    };
  }
}

/** In the page: answers `count` items one by one and times each DOM update. */
async function clickLoop({ count }) {
  const deepAll = (root, sel, out = []) => {
    out.push(...root.querySelectorAll(sel));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, sel, out);
    return out;
  };
  const items = deepAll(document, '.sc-item');
  const bar = deepAll(document, '[role="progressbar"]')[0] || null;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const dom = [];
  const paint = [];
  const writesBefore = window.__bench.writes.length;
  for (let i = 0; i < count; i++) {
    const item = items[i % items.length];
    const radios = [...item.querySelectorAll('input[type="radio"]')];
    if (!radios.length) throw new Error(`item ${i} has no radio`);
    // First pass: first option; later passes cycle so every click changes the answer.
    const pass = Math.floor(i / items.length);
    const input = radios[pass % radios.length];
    const before = bar ? bar.getAttribute('aria-valuenow') : null;
    let mutatedAt = null;
    const obs = new MutationObserver(() => {
      if (mutatedAt === null) {
        const nowVal = bar ? bar.getAttribute('aria-valuenow') : null;
        // A first answer must move the progress bar; a re-answer any mutation.
        if (!bar || pass > 0 || nowVal !== before) mutatedAt = performance.now();
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    if (bar) obs.observe(bar, { attributes: true });
    const t0 = performance.now();
    input.click();
    // Let microtasks and the framework's scheduler run, then wait for a frame.
    await new Promise((r) => setTimeout(r, 0));
    const t1 = await frame();
    // Wait for the progress bar of a first answer (up to ~30 frames); a
    // re-answer may change nothing visible, so give it two frames only.
    const maxFrames = !bar ? 0 : pass === 0 ? 30 : 2;
    let guard = 0;
    while (mutatedAt === null && guard++ < maxFrames) await frame();
    obs.disconnect();
    if (!input.checked) throw new Error(`click ${i}: the radio is not checked`);
    dom.push(mutatedAt !== null ? mutatedAt - t0 : NaN);
    paint.push(t1 - t0);
  }
  const lastClick = performance.now();
  await new Promise((r) => setTimeout(r, 1500));
  const writes = window.__bench.writes.slice(writesBefore);
  return { dom, paint, writes, lastClick };
}

/** In the page: answers every item not yet answered (for the heap figure). */
async function answerAll() {
  const deepAll = (root, sel, out = []) => {
    out.push(...root.querySelectorAll(sel));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, sel, out);
    return out;
  };
  // Long catalogs render in chunks: answer what is rendered, ask for the
  // next chunk ("show more"), until every item has been rendered and answered.
  let n = 0;
  for (let round = 0; round < 1000; round++) {
    const items = deepAll(document, '.sc-item');
    for (const item of items) {
      if (item.querySelector('input[type="radio"]:checked')) continue;
      const r = item.querySelector('input[type="radio"]');
      if (r) {
        r.click();
        n++;
        if (n % 50 === 0) await new Promise((res) => requestAnimationFrame(res));
      }
    }
    const more = deepAll(document, '[data-action="show-more"]')[0];
    if (!more) break;
    more.click();
    await new Promise((res) => requestAnimationFrame(res));
    await new Promise((res) => setTimeout(res, 0));
  }
  await new Promise((r) => setTimeout(r, 1500));
  return n;
}

// ---------------------------------------------------------------- one run

async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() =>
    (window.__bench?.wasm || []).reduce((s, inst) => {
      const mem = Object.values(inst.exports).find((e) => e instanceof WebAssembly.Memory);
      return s + (mem ? mem.buffer.byteLength : 0);
    }, 0),
  );
  return { js: usedSize, wasm };
}

/** Raw, gzip and brotli bytes of `bodies` ({url, type, body}), with the files. */
function total(bodies) {
  const acc = { raw: 0, gzip: 0, brotli: 0, files: [] };
  for (const b of bodies) {
    const s = sizes(b.body);
    acc.raw += s.raw;
    acc.gzip += s.gzip;
    acc.brotli += s.brotli;
    acc.files.push({ path: new URL(b.url).pathname, type: b.type, ...s });
  }
  return acc;
}

/**
 * What a page needs before its first item can be answered: loaded with the
 * app (the wasm, its JS glue) and the catalogs held back, the transfer of
 * what it fetched until an item is answerable; `null` when none becomes
 * answerable without the app (then the whole first load is needed). A size,
 * not a time: on a local server everything arrives at once, so which files
 * happened to finish first says nothing.
 */
async function neededBeforeAnswerable(url, first) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: LOAD_TIMEOUT });
  try {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route((u) => u.pathname.startsWith('/pkg/') || u.pathname.startsWith('/catalogs/'), () => {});
    const bodies = [];
    page.on('response', async (resp) => {
      try {
        bodies.push({ url: resp.url(), type: resp.request().resourceType(), body: await resp.body() });
      } catch {
        /* no body */
      }
    });
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT });
    const radio = page.locator(`.sc-item[data-control="${first.replace(/["\\]/g, '\\$&')}"] input[type="radio"]`).first();
    try {
      await radio.check({ timeout: 5000 });
    } catch {
      return null;
    }
    await page.waitForTimeout(200);
    return total(bodies);
  } finally {
    await browser.close().catch(() => {});
  }
}

async function measureOnce({ url, clicks, isFloor, controls, first }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'selfcheck-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, '--enable-precise-memory-info'],
    viewport: { width: 1280, height: 900 },
    // The respondents' language; the static first screen is rendered in it.
    locale: 'ja-JP',
    timeout: LOAD_TIMEOUT,
  });
  try {
    await context.addInitScript(initScript, { first });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource:')) errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    const bodies = [];
    page.on('response', async (resp) => {
      try {
        if (resp.status() >= 200 && resp.status() < 300 && resp.request().method() === 'GET') {
          bodies.push({ url: resp.url(), type: resp.request().resourceType(), body: await resp.body() });
        }
      } catch {
        /* body not available (e.g. navigated away) */
      }
    });
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT });
    // Both clocks are read once the first contentful paint has been reported
    // too (a plain page reaches its radio before its paint entry is
    // delivered; reading at once timed the floor without it).
    await page.waitForFunction(
      () =>
        window.__bench &&
        window.__bench.appReady !== null &&
        (window.__bench.fcp !== null || performance.now() - window.__bench.appReady > 3000),
      null,
      { timeout: LOAD_TIMEOUT, polling: 100 },
    );
    const { interactive, appReady, fcp } = await page.evaluate(() => ({
      interactive: window.__bench.firstInteractive,
      appReady: window.__bench.appReady,
      fcp: window.__bench.fcp,
    }));
    // The widget renders long catalogs in chunks (the first 150 items at once).
    const items = await page.locator('.sc-item').count();
    const expected = isFloor ? controls : Math.min(controls, 150);
    // (A floor has no app: its page is all there is.)
    if (items !== expected) throw new Error(`expected ${expected} .sc-item, found ${items}`);
    await page.waitForLoadState('load');
    await new Promise((r) => setTimeout(r, 500));
    // Everything the first load fetched (until the app runs).
    const transfer = total(bodies);
    const heapLoad = await heap(page, cdp);
    const loop = await page.evaluate(clickLoop, { count: clicks });
    const answeredAll = await page.evaluate(answerAll);
    const heapAll = await heap(page, cdp);
    const writeMs = loop.writes.map((w) => w.ms);
    const lastWrite = loop.writes.length ? Math.max(...loop.writes.map((w) => w.at)) : null;
    if (!isFloor && errors.length) throw new Error(`page errors: ${errors.slice(0, 3).join(' | ')}`);
    return {
      transfer,
      // Answerable = a frame holds a usable radio and the page has painted
      // content (headless Chromium runs frames before its first contentful
      // paint is presented; until then nothing is seen).
      interactive_ms: Math.max(interactive, fcp ?? 0),
      radio_frame_ms: interactive,
      fcp_ms: fcp,
      app_ms: appReady,
      click_dom_p50: quantile(loop.dom, 0.5),
      click_dom_p95: quantile(loop.dom, 0.95),
      click_dom_missing: loop.dom.filter((x) => !Number.isFinite(x)).length,
      click_frame_p50: quantile(loop.paint, 0.5),
      click_frame_p95: quantile(loop.paint, 0.95),
      storage_writes: loop.writes.length,
      storage_write_ms_p95: quantile(writeMs, 0.95),
      storage_write_ms_max: writeMs.length ? Math.max(...writeMs) : null,
      last_click_to_last_write_ms: lastWrite !== null ? Math.max(0, lastWrite - loop.lastClick) : null,
      heap_load_js: heapLoad.js,
      heap_load_wasm: heapLoad.wasm,
      answered_all: answeredAll,
      heap_all_js: heapAll.js,
      heap_all_wasm: heapAll.wasm,
    };
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const METRICS = [
  ['answerable_gzip', 'transfer needed before the first item is answerable, gzip', 'KB', (r) => (r.answerable ?? r.transfer).gzip / 1024],
  ['answerable_brotli', 'transfer needed before the first item is answerable, brotli', 'KB', (r) => (r.answerable ?? r.transfer).brotli / 1024],
  ['transfer_gzip', 'whole first load (until the app runs), gzip', 'KB', (r) => r.transfer.gzip / 1024],
  ['transfer_brotli', 'whole first load (until the app runs), brotli', 'KB', (r) => r.transfer.brotli / 1024],
  ['interactive_ms', 'navigation → first item answerable (the later of the two below)', 'ms', (r) => r.interactive_ms],
  ['radio_frame_ms', 'navigation → first frame holding a usable radio', 'ms', (r) => r.radio_frame_ms],
  ['fcp_ms', 'navigation → first contentful paint', 'ms', (r) => r.fcp_ms],
  ['app_ms', 'navigation → the app runs (static screen taken over)', 'ms', (r) => r.app_ms],
  ['click_dom_p50', 'click → DOM updated, p50', 'ms', (r) => r.click_dom_p50],
  ['click_dom_p95', 'click → DOM updated, p95', 'ms', (r) => r.click_dom_p95],
  ['click_frame_p95', 'click → next frame, p95', 'ms', (r) => r.click_frame_p95],
  ['storage_write_ms_max', 'longest localStorage write (main thread)', 'ms', (r) => r.storage_write_ms_max],
  ['last_save_ms', 'last click → last localStorage write', 'ms', (r) => r.last_click_to_last_write_ms],
  ['heap_load', 'JS heap + wasm memory after load', 'MB', (r) => (r.heap_load_js + r.heap_load_wasm) / 2 ** 20],
  ['heap_all', 'JS heap + wasm memory after answering all', 'MB', (r) => (r.heap_all_js + r.heap_all_wasm) / 2 ** 20],
];

function fmt(x, digits = 1) {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function aggregate(runs) {
  const ok = runs.filter((r) => !r.error);
  const out = {};
  for (const [key, , , get] of METRICS) out[key] = summary(ok.map(get));
  return out;
}

function markdown(results) {
  const lines = [];
  lines.push(`# selfcheck benchmark`, '');
  const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
  lines.push(`${results.date} · ${results.runs} runs per page · ${results.clicks} clicks · Chromium ${results.browser} · ${results.machine} · load average ${la(results.load.start)} at the start, ${la(results.load.end)} at the end`, '');
  lines.push('Median (min–max) over the runs; "× floor" is the widget median divided by the floor page median.', '');
  for (const t of results.catalogs) {
    lines.push(`## ${t.name}: ${t.title} (${t.controls} controls)`, '');
    lines.push('| metric | unit | widget | floor | × floor |', '|---|---|---:|---:|---:|');
    for (const [key, label, unit] of METRICS) {
      const w = t.widget.summary[key];
      const f = t.floor.summary[key];
      const ratio = w.median !== null && f.median ? w.median / f.median : null;
      lines.push(
        `| ${label} | ${unit} | ${fmt(w.median)} (${fmt(w.min)}–${fmt(w.max)}) | ${fmt(f.median)} (${fmt(f.min)}–${fmt(f.max)}) | ${fmt(ratio, 2)} |`,
      );
    }
    const errs = [...t.widget.runs, ...t.floor.runs].filter((r) => r.error);
    if (errs.length) {
      lines.push('', `Failed runs: ${errs.length}`);
      for (const e of errs.slice(0, 5)) lines.push(`- ${e.page}: ${e.error}`);
    }
    lines.push('');
  }
  if (results.collect) lines.push(collectMarkdown(results.collect));
  lines.push('## Budgets (issues 13 and 11)', '');
  for (const b of results.budgets) lines.push(`- ${b.ok === null ? '?' : b.ok ? 'met' : 'NOT met'}: ${b.text} (now ${b.now})`);
  lines.push('');
  return lines.join('\n');
}

function budgets(catalogs) {
  const get = (name, side, key) => catalogs.find((c) => c.name === name)?.[side].summary[key]?.median ?? null;
  const check = (v, limit) => (v === null ? null : v <= limit);
  const jamaGz = get('jama', 'widget', 'answerable_gzip');
  const jamaAll = get('jama', 'widget', 'transfer_gzip');
  const ti = (n) => {
    const w = get(n, 'widget', 'interactive_ms');
    const f = get(n, 'floor', 'interactive_ms');
    return w !== null && f ? w / f : null;
  };
  const synthP95 = get('synthetic', 'widget', 'click_dom_p95');
  const synthHeap = get('synthetic', 'widget', 'heap_all');
  return [
    { text: 'JAMA/JAPIA transfer before the first item is answerable ≤ 200 KB gzip', now: `${fmt(jamaGz)} KB`, ok: check(jamaGz, 200) },
    { text: 'JAMA/JAPIA whole first load (wasm, catalog: until the app runs) ≤ 200 KB gzip', now: `${fmt(jamaAll)} KB`, ok: check(jamaAll, 200) },
    { text: 'JAMA/JAPIA first item answerable ≤ 1.5× floor', now: `${fmt(ti('jama'), 2)}×`, ok: check(ti('jama'), 1.5) },
    { text: 'NISC first item answerable ≤ 1.5× floor', now: `${fmt(ti('nisc'), 2)}×`, ok: check(ti('nisc'), 1.5) },
    { text: 'SP 800-53 LOW (OSCAL, converted in the browser): first item answerable ≤ 1.5× floor', now: `${fmt(ti('sp800-53'), 2)}×`, ok: check(ti('sp800-53'), 1.5) },
    { text: '2,000 controls: first item answerable ≤ 2× floor', now: `${fmt(ti('synthetic'), 2)}×`, ok: check(ti('synthetic'), 2) },
    { text: 'embedded JAMA/JAPIA (demo host page): first item answerable ≤ 1.5× floor', now: `${fmt(ti('embed'), 2)}×`, ok: check(ti('embed'), 1.5) },
    { text: '2,000 controls: click → DOM p95 ≤ 16 ms', now: `${fmt(synthP95)} ms`, ok: check(synthP95, 16) },
    { text: '2,000 controls: heap ≤ 30 MB', now: `${fmt(synthHeap)} MB`, ok: check(synthHeap, 30) },
  ];
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // The machine's load (1, 5, 15 min averages) when the run started and ended.
  const loadStart = os.loadavg();
  fs.mkdirSync(OUT, { recursive: true });
  const targets = prepareSite(opts);
  const srv = await startServer({ root: SITE, port: 0 });
  let failed = 0;
  const catalogs = [];
  try {
    for (const t of targets) {
      const entry = {
        name: t.name,
        id: t.catalog.id,
        title: t.catalog.title?.ja ?? t.catalog.id,
        controls: t.controls,
        widget: { url: t.widgetPath, runs: [] },
        floor: { url: `/${t.floor}`, runs: [] },
      };
      const failures = { widget: 0, floor: 0 };
      // Sizes are the same every run: measured once per page.
      const needed = {};
      for (const side of ['widget', 'floor']) {
        needed[side] = await neededBeforeAnswerable(new URL(entry[side].url, srv.url).href, t.catalog.controls[0].id).catch((e) => {
          console.log(`${t.name} ${side}: could not measure what the first item needs: ${e.message}`);
          return null;
        });
      }
      for (let run = 0; run < opts.runs; run++) {
        // Alternate widget and floor so drifts in machine load hit both.
        for (const side of ['widget', 'floor']) {
          if (failures[side] >= 2) {
            // Two failures in a row: the page is broken, not slow; save the time.
            entry[side].runs.push({ run, page: side, error: 'skipped after two failed runs' });
            continue;
          }
          const url = new URL(entry[side].url, srv.url).href;
          const started = Date.now();
          try {
            const r = await measureOnce({
              url,
              clicks: opts.clicks,
              isFloor: side === 'floor',
              controls: t.controls,
              first: t.catalog.controls[0].id,
            });
            entry[side].runs.push({ run, ...r, answerable: needed[side] });
            failures[side] = 0;
            console.log(
              `${t.name} ${side} run ${run + 1}/${opts.runs}: interactive ${fmt(r.interactive_ms)} ms, click p95 ${fmt(r.click_dom_p95)} ms, gzip ${fmt(r.transfer.gzip / 1024)} KB (${((Date.now() - started) / 1000).toFixed(0)} s)`,
            );
          } catch (e) {
            failed++;
            failures[side]++;
            entry[side].runs.push({ run, page: side, error: String(e && e.message ? e.message : e).split('\n')[0] });
            console.log(`${t.name} ${side} run ${run + 1}/${opts.runs}: FAILED: ${String(e.message || e).split('\n')[0]}`);
          }
        }
      }
      entry.widget.summary = aggregate(entry.widget.runs);
      entry.floor.summary = aggregate(entry.floor.runs);
      catalogs.push(entry);
    }
  } finally {
    await srv.close();
  }
  // The collector at scale (issue 11 part 6): its own pages and floor.
  let collect = null;
  if (!opts.only || opts.only.includes('collect')) {
    try {
      collect = await benchCollect({ files: opts.collectFiles, runs: opts.runs });
    } catch (e) {
      failed++;
      console.log(`collect: FAILED: ${e.message || e}`);
    }
  }
  let browser = 'unknown';
  try {
    const b = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    browser = b.version();
    await b.close();
  } catch {
    /* reported as unknown */
  }
  const results = {
    date: new Date().toISOString(),
    load: { start: loadStart, end: os.loadavg() },
    runs: opts.runs,
    clicks: opts.clicks,
    browser,
    machine: `${os.cpus().length} CPU ${os.cpus()[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`.trim(),
    catalogs,
    collect,
  };
  results.budgets = budgets(catalogs);
  if (results.collect) results.budgets.push(...collectBudgets(results.collect));
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(OUT, 'results.md'), markdown(results));
  console.log('\n' + markdown(results));
  console.log(`wrote ${path.relative(ROOT, OUT)}/results.json and results.md`);
  if (failed) {
    console.error(`bench: ${failed} run(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e}`);
  process.exit(1);
});
