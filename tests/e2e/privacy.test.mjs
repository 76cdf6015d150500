// Issue 6, the privacy promise, proven: during a full session (load, answer,
// results, compare, snapshot, export JSON and CSV, import, delete all) the
// browser makes only same-origin GET requests for the widget's own files and
// catalogs; no other origin, no POST, no cookie set or sent, no beacon, no
// WebSocket. "Delete all my data" removes every key of the namespace and no
// other. And the widget works under a strict Content-Security-Policy with no
// violation reported.
//
// Everything is recorded at the browser-context level, so requests of the
// demo page's iframe (and of any worker) are included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CSP } from '../../scripts/static-server.mjs';
import {
  JAMA_ITEMS,
  setupFile,
  appUrl,
  openBrowser,
  waitForCount,
  waitForStoredAnswers,
  readLocalStorage,
  download,
  radio,
  view,
  until,
  settle,
} from './helpers.mjs';

// Every test runs on a test-controlled page clock, so "nothing comes back
// after the debounce" is checked by advancing it (settle), not by sleeping.
const env = setupFile({ csp: true });
const CLOCK = { clock: true };

/**
 * Runs in every document (pages and iframes) before the widget: counts
 * navigator.sendBeacon calls and document.cookie writes, and records CSP
 * violation events (they are composed, so one capturing listener on the
 * document sees those of elements in shadow roots too).
 */
function recorderScript() {
  const rec = { beacons: 0, cookieWrites: [], violations: [] };
  Object.defineProperty(window, '__privacy', { value: rec });
  const beacon = navigator.sendBeacon && navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = function (...args) {
    rec.beacons += 1;
    return beacon ? beacon(...args) : false;
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      return cookie.get.call(this);
    },
    set(v) {
      rec.cookieWrites.push(String(v));
      cookie.set.call(this, v);
    },
  });
  const onViolation = (e) =>
    rec.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample || ''} at ${e.sourceFile}:${e.lineNumber}`);
  document.addEventListener('securitypolicyviolation', onViolation, true);
}

/**
 * Records, for the whole browser context: every request (pages, frames,
 * workers), every Set-Cookie response header, every WebSocket.
 */
function recordTraffic(session) {
  const log = { requests: [], setCookies: [], websockets: [] };
  session.context.on('request', (r) => {
    log.requests.push({ url: r.url(), method: r.method(), type: r.resourceType(), frame: frameName(r) });
  });
  session.context.on('response', async (r) => {
    const headers = await r.headersArray().catch(() => []);
    for (const h of headers) {
      if (h.name.toLowerCase() === 'set-cookie') log.setCookies.push(`${r.url()}: ${h.value}`);
    }
  });
  session.context.on('page', (p) => p.on('websocket', (ws) => log.websockets.push(ws.url())));
  for (const p of session.context.pages()) p.on('websocket', (ws) => log.websockets.push(ws.url()));
  return log;
}

function frameName(r) {
  try {
    const f = r.frame();
    return f.parentFrame() ? 'iframe' : 'page';
  } catch {
    return 'worker';
  }
}

/** Paths the widget may load: its pages, scripts, wasm, styles, icons and catalogs. */
const OWN_FILES = [
  /^\/$/,
  /^\/index\.html$/,
  /^\/standalone\.js$/,
  /^\/embed\.js$/,
  /^\/page\.css$/,
  /^\/first-screen\.(js|html)$/,
  /^\/selfcheck\.css$/,
  /^\/favicon\.(svg|ico)$/,
  /^\/pkg\/selfcheck(\.js|_bg\.wasm)$/,
  // The format modules (CSV, OSCAL, sheets, comparison; XLSX), imported on first use, and their loader snippet.
  /^\/pkg\/selfcheck_(formats|workbook)(\.js|_bg\.wasm)$/,
  /^\/pkg\/snippets\/selfcheck-[0-9a-f]+\/inline[0-9]+\.js$/,
  /^\/catalogs\/[a-z0-9.-]+\.json$/,
  /^\/demo\/[a-z-]+\.(html|css)$/,
];

/** Requests that break the promise, with a reason each. */
function badRequests(log, base) {
  const origin = new URL(base).origin;
  const bad = [];
  for (const r of log.requests) {
    if (r.method !== 'GET') {
      bad.push(`${r.method} ${r.url}`);
      continue;
    }
    if (r.url.startsWith('blob:') || r.url.startsWith('data:')) continue; // local downloads
    const u = new URL(r.url);
    if (u.origin !== origin) bad.push(`foreign origin: ${r.url}`);
    else if (!OWN_FILES.some((re) => re.test(u.pathname))) bad.push(`not a widget file: ${r.url}`);
  }
  return bad;
}

/** "GET /path (type) xN" lines: the request log in short. */
function summary(log, base) {
  const origin = new URL(base).origin;
  const counts = new Map();
  for (const r of log.requests) {
    const where = r.url.startsWith(origin) ? r.url.slice(origin.length).replace(/\?.*$/, '?…') : r.url.replace(/^(blob:[^/]+\/\/[^/]+\/).*/, '$1…');
    const k = `${r.method} ${where} [${r.type}, ${r.frame}]`;
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} x${n}` : k));
}

/** The recorder's findings in every frame of `page`. */
async function recorded(page) {
  const out = { beacons: 0, cookieWrites: [], violations: [], cookies: [] };
  for (const f of page.frames()) {
    const r = await f.evaluate(() => ({ ...window.__privacy, cookie: document.cookie })).catch(() => null);
    if (!r) continue;
    out.beacons += r.beacons;
    out.cookieWrites.push(...r.cookieWrites);
    out.violations.push(...r.violations);
    if (r.cookie) out.cookies.push(`${f.url()}: ${r.cookie}`);
  }
  return out;
}

async function assertPrivate(t, session, page, log, base) {
  t.diagnostic(`requests (${log.requests.length}):\n  ${summary(log, base).join('\n  ')}`);
  assert.deepEqual(badRequests(log, base), [], 'only same-origin GET requests for the widget files');
  assert.deepEqual(log.setCookies, [], 'no Set-Cookie header');
  assert.deepEqual(log.websockets, [], 'no WebSocket');
  assert.deepEqual(await session.context.cookies(), [], 'no cookie in the browser');
  const rec = await recorded(page);
  assert.equal(rec.beacons, 0, 'no navigator.sendBeacon call');
  assert.deepEqual(rec.cookieWrites, [], 'no document.cookie write');
  assert.deepEqual(rec.cookies, [], 'document.cookie is empty');
  return rec;
}


/** Keys of another site / another widget that "delete all" must leave alone. */
const OTHERS = {
  'other-site:v2:workspace': '{"keep":true}',
  'selfcheck-other:v2:pref-lang': 'en',
  theme: 'dark',
};


/**
 * The full session on the standalone page: answer, note, language, results
 * (radar), snapshot, compare, exports, import, delete all.
 */
async function fullSession(page, base) {
  await page.goto(base);
  await page.evaluate((others) => {
    for (const [k, v] of Object.entries(others)) localStorage.setItem(k, v);
  }, OTHERS);
  await page.reload();
  await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);

  await radio(page, '1', 'achieved').check();
  await radio(page, '4', 'not_achieved').check();
  await radio(page, '5', 'not_applicable').check();
  await page.locator('.sc-item[data-control="5"] input[data-field="reason"]').fill('工場を持たないため');
  await page.locator('.sc-item[data-control="5"] input[data-field="reason"]').blur();
  await page.locator('.sc-item[data-control="1"] details.sc-extra summary').click();
  await page.locator('.sc-item[data-control="1"] textarea[data-field="note"]').fill('規程は2024年改訂');
  await page.locator('.sc-item[data-control="1"] textarea[data-field="note"]').blur();
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 3);
  // The language preference is stored too (and must go with "delete all").
  await page.locator('button[data-action="lang"]').click();
  await page.locator('button[data-action="lang"]').click();

  await view(page, 'results');
  await page.locator('figure.sc-radar svg').waitFor();
  assert.equal(await page.locator('[data-count="achieved"]').innerText(), '1');

  await view(page, 'data');
  await page.locator('input[data-field="snapshot-label"]').fill('before');
  await page.locator('button[data-action="take-snapshot"]').click();
  await waitForCount(page.locator('li.sc-snapshot'), 1);
  await view(page, 'answer');
  await radio(page, '4', 'achieved').check();
  await view(page, 'compare');
  await page.locator('table[data-table="compare"]').waitFor();
  await page.locator('ul[data-list="changed"] > li[data-control="4"]').waitFor();

  const header = await download(page, () => page.locator('button[data-action="export-json"]').click());
  assert.equal(header.json?.catalog?.id, 'jama-japia-v2.2');
  await view(page, 'data');
  const json = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  assert.ok(json.json, 'JSON export');
  const csv = await download(page, () => page.locator('button[data-action="export-csv"]').click());
  assert.match(csv.filename, /\.csv$/);
  assert.match(csv.text, /工場を持たないため/, 'the CSV holds the N/A reason');

  await page.locator('input[type="file"][data-field="import"]').setInputFiles(json.path);
  await page.locator('[data-import="preview"]').waitFor();
  await page.locator('button[data-action="import-new"]').click();
  await waitForCount(page.locator('li.sc-entity'), 2);

  // Delete all my data: after confirming, no key of the namespace is left.
  page.once('dialog', (d) => d.accept());
  await page.locator('button[data-action="delete-all"]').click();
  let keys;
  await until(
    async () => (keys = Object.keys(await readLocalStorage(page)).filter((k) => k.startsWith('selfcheck:'))).length === 0,
    'the namespace to be empty',
  ).catch(() => {});
  assert.deepEqual(keys, [], 'no selfcheck: key right after "delete all"');
  // Nothing comes back once the debounced save has had its turn (page clock advanced).
  await settle(page);
  const after = await readLocalStorage(page);
  assert.deepEqual(
    Object.keys(after).filter((k) => k.startsWith('selfcheck:')),
    [],
    'still no selfcheck: key a second later',
  );
  for (const [k, v] of Object.entries(OTHERS)) assert.equal(after[k], v, `${k} is left alone`);
  await view(page, 'answer');
  assert.equal(await page.locator('.sc-item input[type="radio"]:checked').count(), 0, 'the answers are gone from the screen');
  assert.equal(await page.locator('[data-testid="progress"]').getAttribute('aria-valuenow'), '0');
}

test('a full session makes only same-origin GET requests for the widget files, sets no cookie, sends no beacon; delete all empties the namespace', async (t) => {
  const session = await openBrowser(t, CLOCK);
  const log = recordTraffic(session);
  await session.context.addInitScript(recorderScript);
  const page = await session.newPage();
  await fullSession(page, env.url);
  await assertPrivate(t, session, page, log, env.url);
  const paths = log.requests.map((r) => r.url);
  assert.ok(paths.some((u) => u.endsWith('/catalogs/jama-japia-v2.2.json')), 'the catalog was fetched (the log is real)');
});

test('the demo page (two embedded widgets and an iframe) makes only same-origin GET requests, no cookie, no beacon', async (t) => {
  const session = await openBrowser(t, CLOCK);
  const log = recordTraffic(session);
  await session.context.addInitScript(recorderScript);
  const page = await session.newPage();
  await page.goto(appUrl('demo/index.html'));
  await waitForCount(page.locator('#widget-a .sc-item'), JAMA_ITEMS);
  await waitForCount(page.locator('#widget-b .sc-item'), JAMA_ITEMS);
  const frame = page.frameLocator('iframe#widget-frame');
  await waitForCount(frame.locator('.sc-item'), JAMA_ITEMS);

  await radio(page.locator('#widget-a'), '1', 'achieved').check();
  await radio(page.locator('#widget-b'), '1', 'partial').check();
  await radio(frame, '1', 'not_achieved').check();
  await page.locator('#widget-b button[data-view="results"]').click();
  await page.locator('#widget-b figure.sc-radar svg').waitFor();
  await download(page, () => page.locator('#widget-a button[data-action="export-json"]').click());
  await download(page, () => frame.locator('button[data-action="export-json"]').click());
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved', { namespace: 'demo-a' });

  await assertPrivate(t, session, page, log, env.url);
  assert.ok(log.requests.some((r) => r.frame === 'iframe'), "the iframe's requests are in the log");
});

test('strict CSP: the widget works (answer, results with radar, compare, export, import) and no violation is reported', async (t) => {
  const session = await openBrowser(t, CLOCK);
  const log = recordTraffic(session);
  await session.context.addInitScript(recorderScript);
  // Any "Refused to ..." console error also fails the test (helpers: page.problems).
  const page = await session.newPage();
  const resp = await page.goto(env.strictUrl);
  assert.equal(resp.headers()['content-security-policy'], DEFAULT_CSP, 'served with the strict policy');
  await fullSession(page, env.strictUrl);
  const rec = await assertPrivate(t, session, page, log, env.strictUrl);
  assert.deepEqual(rec.violations, [], 'no securitypolicyviolation event');
});

test('strict CSP: the demo page (script-tag widgets in shadow roots and the iframe) works with no violation', async (t) => {
  const session = await openBrowser(t, CLOCK);
  const log = recordTraffic(session);
  await session.context.addInitScript(recorderScript);
  const page = await session.newPage();
  const resp = await page.goto(appUrl('demo/index.html', env.strictUrl));
  assert.equal(resp.headers()['content-security-policy'], DEFAULT_CSP);
  await waitForCount(page.locator('#widget-a .sc-item'), JAMA_ITEMS);
  await waitForCount(page.locator('#widget-b .sc-item'), JAMA_ITEMS);
  const frame = page.frameLocator('iframe#widget-frame');
  await waitForCount(frame.locator('.sc-item'), JAMA_ITEMS);
  // The shadow-root stylesheet applied (a <link>, allowed by style-src 'self').
  const border = await page.locator('#widget-a .sc-item').first().evaluate((el) => getComputedStyle(el).borderLeftWidth);
  assert.equal(border, '4px', 'widget styles applied under the CSP');
  await radio(page.locator('#widget-a'), '1', 'achieved').check();
  await page.locator('#widget-a button[data-view="results"]').click();
  await page.locator('#widget-a figure.sc-radar svg').waitFor();
  await radio(frame, '1', 'achieved').check();
  await frame.locator('button[data-view="results"]').click();
  await frame.locator('figure.sc-radar svg').waitFor();
  const rec = await assertPrivate(t, session, page, log, env.strictUrl);
  assert.deepEqual(rec.violations, [], 'no securitypolicyviolation event');
});

test('delete all in one embedded widget removes its namespace only; the other widget keeps its answers', async (t) => {
  const session = await openBrowser(t, CLOCK);
  const page = await session.newPage();
  await page.goto(appUrl('demo/index.html'));
  await waitForCount(page.locator('#widget-a .sc-item'), JAMA_ITEMS);
  await waitForCount(page.locator('#widget-b .sc-item'), JAMA_ITEMS);
  const a = page.locator('#widget-a');
  const b = page.locator('#widget-b');
  await radio(a, '1', 'achieved').check();
  await radio(b, '1', 'partial').check();
  await waitForStoredAnswers(page, (x) => x['1'] === 'achieved', { namespace: 'demo-a' });
  await waitForStoredAnswers(page, (x) => x['1'] === 'partial', { namespace: 'demo-b' });
  await page.evaluate(() => localStorage.setItem('demo-a-old:v2:pref-lang', 'ja'));

  await view(a, 'data');
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  await a.locator('button[data-action="delete-all"]').click();
  await a.locator('.sc-ok-msg[role="status"]').waitFor();
  assert.match(asked, /削除/, 'the user was asked first (in Japanese: widget-a is ja)');
  await settle(page);
  const store = await readLocalStorage(page);
  const keys = Object.keys(store);
  assert.deepEqual(keys.filter((k) => k.startsWith('demo-a:')), [], 'no demo-a: key left');
  assert.ok(keys.includes('demo-b:v2:workspace'), "widget-b's data is kept");
  assert.equal(store['demo-a-old:v2:pref-lang'], 'ja', 'a namespace that merely starts with "demo-a" is kept');
  assert.equal(await radio(b, '1', 'partial').isChecked(), true, 'widget-b still shows its answer');
});

test('delete all does nothing when the user cancels the confirmation', async (t) => {
  const session = await openBrowser(t, CLOCK);
  const page = await session.newPage();
  await page.goto(env.url);
  await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);
  await radio(page, '1', 'achieved').check();
  await waitForStoredAnswers(page, (x) => x['1'] === 'achieved');
  await view(page, 'data');
  page.once('dialog', (d) => d.dismiss());
  await page.locator('button[data-action="delete-all"]').click();
  await settle(page);
  await view(page, 'answer');
  assert.equal(await radio(page, '1', 'achieved').isChecked(), true, 'the answer is still shown');
  await waitForStoredAnswers(page, (x) => x['1'] === 'achieved');
});
