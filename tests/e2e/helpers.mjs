// Shared harness and page object for the end-to-end tests (node --test tests/e2e/).
//
// Per test file (call setupFile() once at the top of the file):
// - a static server over dist/ (built by scripts/build.sh) on a free port, and
//   with { csp: true } a second one sending the strict Content-Security-Policy;
// - one Chromium (/usr/bin/chromium, via playwright-core), launched on first
//   use and closed when the file ends.
// Per test: openBrowser(t) gives a NEW browser context (an empty profile: no
// localStorage, no cache, no cookies), closed when the test ends, and fails the
// test if a page logged a console error, a page error or an HTTP error.
//
// Time: nothing here sleeps. Waits poll for a condition (a generous timeout,
// never a threshold), and a test that checks that something does NOT happen
// (e.g. no save) opens its context with { clock: true } and advances the
// page's clock past the save debounce (settle(page)) instead of sleeping.
//
// Page object: radio, item, answer, setNote, setFile, view, openWidget,
// openMini (the mini catalog fixture, tests/fixtures/mini-catalog.json),
// shownAnswers, storedAnswers, waitForStoredAnswers, until, waitForCount.
// Elements are found with Playwright locators, which pierce open shadow roots,
// so the same selectors work for the standalone page and the embedded widget;
// every helper taking a `scope` accepts a page, a locator or a frame locator.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Repository root. */
export const ROOT = path.resolve(here, '..', '..');
/** The built site. */
export const DIST = path.join(ROOT, 'dist');
/** Where screenshots and downloads go. */
export const RESULTS = path.join(ROOT, 'test-results');

/** Chromium flags: headless, root-safe, and no traffic of the browser's own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of the Chromium binary (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Default timeout for waits, ms (the machine is small and shared). */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 30000);

/** Items of the shipped JAMA/JAPIA catalog (the default catalog). */
export const JAMA_ITEMS = 90;

/** The save debounce of the widget (src/storage.rs SAVE_DELAY_MS), ms. */
export const SAVE_DELAY_MS = 250;

// ------------------------------------------------------------ the file

const servers = { plain: null, strict: null };
let browser = null;
let hooked = false;

/**
 * Registers the file's hooks: before, the static server(s); after, the shared
 * Chromium and the servers are closed. Returns `env` with `env.url` (the
 * plain server's base URL), `env.strictUrl` (with `csp: true`), filled in by
 * the before hook.
 */
export function setupFile({ csp = false } = {}) {
  hooked = true;
  const env = { url: null, strictUrl: null };
  before(async () => {
    servers.plain = await serveDist(null);
    env.url = servers.plain.url;
    if (csp) {
      servers.strict = await serveDist(null, { csp: true });
      env.strictUrl = servers.strict.url;
    }
  });
  after(async () => {
    const b = browser;
    browser = null;
    if (b) await (await b).close().catch(() => {});
    await servers.plain?.close();
    await servers.strict?.close();
  });
  return env;
}

/** An absolute URL on the file's plain server (`p` relative to its root). */
export function appUrl(p = '', base = servers.plain?.url) {
  if (!base) throw new Error('no server: call setupFile() at the top of the test file');
  return new URL(p.startsWith('?') ? `/${p}` : p, base).href;
}

/**
 * Serves dist/ (or `root`) on 127.0.0.1 and a free port; stopped when `t`
 * ends if `t` is given. Options: { csp: true | "policy", root }.
 * Resolves to { url, port, close }.
 */
export async function serveDist(t, { csp = false, root = DIST } = {}) {
  if (!fs.existsSync(path.join(root, 'pkg'))) {
    throw new Error(`${root}/pkg is missing: run scripts/build.sh first`);
  }
  const srv = await startServer({ root, port: 0, csp });
  if (t && typeof t.after === 'function') t.after(() => srv.close());
  return srv;
}

function sharedBrowser() {
  if (!hooked) throw new Error('call setupFile() at the top of the test file (it closes the browser)');
  browser ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: TIMEOUT });
  return browser;
}

// ----------------------------------------------------------- the mini catalog

/** The mini catalog fixture: a few JAMA/JAPIA items (ids kept) over three levels and five groups. */
export const MINI_FILE = path.join(ROOT, 'tests', 'fixtures', 'mini-catalog.json');
/** Its parsed content. */
export const MINI = JSON.parse(fs.readFileSync(MINI_FILE, 'utf8'));
/** Where the page finds it (answered by the context's route, see openBrowser's `mini`). */
export const MINI_PATH = '/test-fixtures/mini-catalog.json';
/** The query string that opens it. */
export const MINI_QUERY = `?catalog=${MINI_PATH}`;

/**
 * A new browser context of the file's Chromium: an empty profile, closed when
 * `t` ends (then the test fails if a page reported a problem). Options:
 * viewport, locale; `clock: true` installs a test-controlled clock in every
 * page (time flows until the test pauses or advances it); `mini: true`
 * answers MINI_PATH with the mini catalog fixture.
 * Resolves to a session { context, pages, newPage, assertNoProblems, close }.
 */
export async function openBrowser(t, { viewport = { width: 1280, height: 900 }, locale = 'ja-JP', clock = false, mini = false } = {}) {
  const context = await (await sharedBrowser()).newContext({ viewport, locale, acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT);
  if (clock) await context.clock.install();
  if (mini) {
    // By path (a glob would also match the page's own URL, whose query names the file).
    await context.route(
      (u) => u.pathname === MINI_PATH,
      (route) => route.fulfill({ path: MINI_FILE, contentType: 'application/json' }),
    );
  }
  const pages = [];
  const session = {
    context,
    pages,
    /**
     * A new page that records requests in `page.requests` ({url, method,
     * resourceType}) and console errors, page errors and HTTP error
     * responses (status >= 400, with their URL) in `page.problems`.
     * `allow`: regexps of console error texts / failing URLs that are expected.
     */
    async newPage({ allow = [] } = {}) {
      const page = await context.newPage();
      attachRecorders(page, allow);
      pages.push(page);
      return page;
    },
    /** Throws if any page of the session logged an unexpected error. */
    assertNoProblems() {
      const all = pages.flatMap((p) => p.problems);
      if (all.length) {
        throw new Error(`browser reported ${all.length} problem(s):\n  ${all.join('\n  ')}`);
      }
    },
    async close() {
      await context.close().catch(() => {});
    },
  };
  if (t && typeof t.after === 'function') {
    t.after(async () => {
      await session.close();
      session.assertNoProblems();
    });
  }
  return session;
}

function attachRecorders(page, allow) {
  page.requests = [];
  page.problems = [];
  page.on('request', (r) => {
    page.requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType() });
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const url = r.url();
    // Browsers ask for /favicon.ico on their own; a missing one is not the widget's error.
    if (new URL(url).pathname === '/favicon.ico') return;
    if (allow.some((re) => re.test(url))) return;
    page.problems.push(`HTTP ${r.status()} for ${r.request().method()} ${url}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Reported with its URL by the response listener above.
    if (text.startsWith('Failed to load resource:')) return;
    if (allow.some((re) => re.test(text))) return;
    page.problems.push(`console.error: ${text}`);
  });
  page.on('pageerror', (err) => {
    const text = String(err && err.stack ? err.stack : err);
    if (allow.some((re) => re.test(text))) return;
    page.problems.push(`page error: ${text}`);
  });
}

/** The page's whole localStorage as a plain object {key: string value}. */
export async function readLocalStorage(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/**
 * Waits until the stored workspace of `namespace` holds answers satisfying
 * `pred(answers)` for its open entity, and returns them. Saves are debounced,
 * so tests poll rather than sleep. A stored value that is not (yet) a
 * readable workspace counts as none.
 */
export async function waitForStoredAnswers(page, pred, { namespace = 'selfcheck', timeout = TIMEOUT } = {}) {
  let last = null;
  return until(
    async () => {
      last = await storedAnswers(page, namespace).catch(() => null);
      return last && pred(last) ? last : null;
    },
    'stored answers to match',
    { timeout, describe: () => JSON.stringify(last) },
  );
}

/** The open entity's answers as stored under `namespace` (option id by control id), or null. */
export async function storedAnswers(page, namespace = 'selfcheck') {
  return page.evaluate((ns) => {
    const raw = localStorage.getItem(`${ns}:v2:workspace`);
    if (!raw) return null;
    const stored = JSON.parse(raw);
    const ws = stored.workspace;
    const e = ws.entities.find((x) => x.id === ws.active);
    if (!e) return null;
    return Object.fromEntries(Object.entries(e.answers).filter(([, a]) => a.option).map(([k, a]) => [k, a.option]));
  }, namespace);
}

/** The stored workspace of `namespace` (null if none yet). */
export async function storedWorkspace(page, namespace = 'selfcheck') {
  return page.evaluate((ns) => {
    const raw = localStorage.getItem(`${ns}:v2:workspace`);
    return raw ? JSON.parse(raw).workspace : null;
  }, namespace);
}

/**
 * Runs `action` (e.g. () => page.click(...)) and resolves to the download it
 * triggers: { filename, text, json (parsed, or undefined), path }.
 */
export async function download(page, action) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), action()]);
  const failure = await dl.failure();
  if (failure) throw new Error(`download failed: ${failure}`);
  const dir = path.join(RESULTS, 'downloads');
  fs.mkdirSync(dir, { recursive: true });
  const filename = dl.suggestedFilename();
  const file = path.join(dir, filename);
  await dl.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { filename, text, json, path: file };
}

/**
 * Runs axe-core on the page (optionally limited to a selector) and returns the
 * violations with impact "serious" or "critical" (each {id, impact, help, nodes}).
 */
export async function axeCheck(page, { include, impacts = ['serious', 'critical'] } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) {
    // Evaluated through the DevTools protocol rather than page.addScriptTag:
    // an injected <script> is (rightly) blocked by the strict CSP.
    const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(`${source}\n;void 0`);
  }
  const result = await page.evaluate(async (sel) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(sel ? { include: [sel] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, include || null);
  return result.filter((v) => impacts.includes(v.impact));
}

/** Human-readable axe violations, for assertion messages. */
export function formatViolations(vs) {
  return vs.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.join(', ')}`).join('\n');
}

/**
 * Sets the viewport width (height kept) and writes a screenshot to
 * test-results/screenshots/NAME-WIDTH.png (the whole page unless
 * `fullPage: false`, then the viewport). Resolves to the file path.
 */
export async function screenshot(page, name, width, { fullPage = true } = {}) {
  const dir = path.join(RESULTS, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const vp = page.viewportSize() || { width: 1280, height: 900 };
  if (width && width !== vp.width) {
    await page.setViewportSize({ width, height: vp.height });
    await frames(page, 2);
  }
  const file = path.join(dir, `${name}-${width || vp.width}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Polls `fn` until it returns a truthy value, which it resolves to (throws after the timeout, with the last value). */
export async function until(fn, what, { timeout = TIMEOUT, describe } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() >= end) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const d = describe ? await describe() : '';
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}${d ? `; ${typeof d === 'string' ? d : JSON.stringify(d)}` : ''}`);
}

/** Waits until `locator.count()` equals `n`. Throws with the last count seen on timeout. */
export async function waitForCount(locator, n, timeout = TIMEOUT) {
  let last = -1;
  await until(async () => (last = await locator.count()) === n, `${n} elements for ${locator}`, {
    timeout,
    describe: () => `found ${last}`,
  });
}

/**
 * Advances the page's test-controlled clock (openBrowser(t, { clock: true }))
 * past the save debounce, firing every timer due in between: whatever save
 * the last action scheduled has run when this resolves. Used to check that
 * something does NOT happen, without sleeping.
 */
export async function settle(page, ms = 4 * SAVE_DELAY_MS) {
  await page.clock.runFor(ms);
}

/** Resolves after `n` animation frames of the page (scrolling, layout and intersection observers have run). */
export function frames(page, n = 2) {
  return page.evaluate(
    (k) => new Promise((r) => {
      const step = (i) => (i === 0 ? r() : requestAnimationFrame(() => step(i - 1)));
      step(k);
    }),
    n,
  );
}

// ----------------------------------------------------------- page object

/** One item of the answer list. */
export const item = (scope, control) => scope.locator(`.sc-item[data-control="${control}"]`);

/** The radio of `option` in the radio group of item `control`. */
export const radio = (scope, control, option) =>
  item(scope, control).locator(`[role="radiogroup"] input[type="radio"][name="ans-${control}"][value="${option}"]`);

/** Waits until the answer list of `scope` shows `n` items. */
export const waitForItems = (scope, n = JAMA_ITEMS) => waitForCount(scope.locator('.sc-item'), n);

/** Opens the standalone page (query string `query`, on `base`) and waits for its `items` items. */
export async function openWidget(page, query = '', { items = JAMA_ITEMS, base } = {}) {
  await page.goto(appUrl(query, base));
  await waitForItems(page, items);
  return page;
}

/** Opens the mini catalog (needs openBrowser(t, { mini: true })); `more`: further query parameters. */
export function openMini(page, more = '') {
  return openWidget(page, `${MINI_QUERY}${more}`, { items: MINI.controls.length });
}

/** Answers {control: option} through the radios; `reasons` {control: text} fills N/A reasons (committed on blur). */
export async function answer(scope, answers, reasons = {}) {
  for (const [control, option] of Object.entries(answers)) {
    await radio(scope, control, option).check();
    if (reasons[control]) {
      const reason = item(scope, control).locator('input[data-field="reason"]');
      await reason.fill(reasons[control]);
      await reason.blur();
    }
  }
}

/** The answers shown on screen: {control: option} of the checked radios. */
export async function shownAnswers(scope) {
  const pairs = await scope
    .locator('.sc-item input[type="radio"]:checked')
    .evaluateAll((rs) => rs.map((r) => [r.name.replace(/^ans-/, ''), r.value]));
  return Object.fromEntries(pairs);
}

/** The checked option of each of `ids` (null when unanswered). */
export async function checkedOptions(scope, ids) {
  const shown = await shownAnswers(scope);
  return Object.fromEntries(ids.map((id) => [id, shown[id] ?? null]));
}

/** Writes a note on an item (unfolding its notes first; the value is committed on blur). */
export async function setNote(scope, control, text) {
  const it = item(scope, control);
  const details = it.locator('details.sc-extra');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const area = it.locator('textarea[data-field="note"]');
  await area.fill(text);
  await area.blur();
}

/** Hands `content` (string or Buffer) to the file input `data-field=field` as a file named `name`. */
export async function setFile(scope, field, name, content) {
  await scope.locator(`input[type="file"][data-field="${field}"]`).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
  });
}

/** Switches to a view (answer, results, compare, data) and waits until its tab is selected. */
export async function view(scope, name) {
  await scope.locator(`button[role="tab"][data-view="${name}"]`).click();
  await scope.locator(`button[role="tab"][data-view="${name}"][aria-selected="true"]`).waitFor();
}

/** The progress bar `testid` (progress, progress-all): {now, max} as strings. */
export async function progress(scope, testid = 'progress') {
  const b = scope.locator(`[role="progressbar"][data-testid="${testid}"]`);
  return { now: await b.getAttribute('aria-valuenow'), max: await b.getAttribute('aria-valuemax') };
}

/**
 * Counts every answer of `expected` ({control: option}) in `figures.answersChecked`
 * and those missing or different in `actual` in `figures.lost` (the fault
 * figures), then asserts that none was lost.
 */
export function countLoss(figures, expected, actual, where) {
  const missing = Object.entries(expected).filter(([c, o]) => (actual || {})[c] !== o);
  figures.answersChecked += Object.keys(expected).length;
  figures.lost += missing.length;
  assert.deepEqual(missing, [], `answers lost (${where}): ${JSON.stringify(missing)}; seen ${JSON.stringify(actual)}`);
}

/** Requests of `page` that left the origin of `base` or were not GET. */
export function foreignOrNonGetRequests(page, base) {
  const origin = new URL(base).origin;
  return page.requests.filter((r) => {
    if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return r.method !== 'GET';
    return new URL(r.url).origin !== origin || r.method !== 'GET';
  });
}
