// Shared harness for the end-to-end tests (node --test tests/e2e/).
//
// - serveDist(t, opts): starts scripts/static-server.mjs on a free port over
//   dist/ (built by scripts/build.sh) and stops it when the test file ends.
// - openBrowser(t): Chromium (/usr/bin/chromium, via playwright-core) with a
//   FRESH user-data-dir, closed and deleted when the test ends. Call it in every
//   test: each test starts from an empty profile (no localStorage, no cache).
// - session.newPage(): a page that records every request and fails the test on
//   console errors and uncaught page errors (unless allowed by a pattern).
// - readLocalStorage, download, axeCheck, screenshot, waitForCount: helpers.
//
// Elements are found with Playwright locators, which pierce open shadow roots,
// so the same selectors work for the standalone page and the embedded widget.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

/**
 * Serves dist/ (or `root`) on 127.0.0.1 and a free port for the rest of the
 * test file (pass the `before`/suite context or a test context `t`).
 * Options: { csp: true | "policy", root }. Resolves to { url, port, close }.
 */
export async function serveDist(t, { csp = false, root = DIST } = {}) {
  if (!fs.existsSync(path.join(root, 'pkg'))) {
    throw new Error(`${root}/pkg is missing: run scripts/build.sh first`);
  }
  const srv = await startServer({ root, port: 0, csp });
  if (t && typeof t.after === 'function') t.after(() => srv.close());
  return srv;
}

/**
 * Launches Chromium with a fresh, empty profile. Closed (and the profile
 * deleted) when `t` ends. Resolves to a session { context, newPage, close }.
 */
export async function openBrowser(t, { viewport = { width: 1280, height: 900 }, locale = 'ja-JP' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'selfcheck-e2e-'));
  const downloads = path.join(RESULTS, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    acceptDownloads: true,
    downloadsPath: downloads,
    timeout: TIMEOUT,
  });
  context.setDefaultTimeout(TIMEOUT);
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
      fs.rmSync(profile, { recursive: true, force: true });
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
 * Waits (up to `timeout` ms) until the stored workspace of `namespace` holds
 * answers satisfying `pred(answers)` for its open entity, and returns them.
 * Saves are debounced (a few hundred ms), so tests poll rather than sleep.
 */
export async function waitForStoredAnswers(page, pred, { namespace = 'selfcheck', timeout = 5000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await storedAnswers(page, namespace);
    if (last && pred(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`stored answers never matched; last seen: ${JSON.stringify(last)}`);
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
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  const file = path.join(dir, `${name}-${width || vp.width}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * Waits until `locator.count()` equals `n` (polling; Playwright locators
 * pierce shadow roots). Throws with the last count seen on timeout.
 */
export async function waitForCount(locator, n, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last = -1;
  while (Date.now() < end) {
    last = await locator.count();
    if (last === n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${n} elements for ${locator}, found ${last} after ${timeout} ms`);
}

/** Requests of `page` that left the origin of `base` or were not GET. */
export function foreignOrNonGetRequests(page, base) {
  const origin = new URL(base).origin;
  return page.requests.filter((r) => {
    if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return r.method !== 'GET';
    return new URL(r.url).origin !== origin || r.method !== 'GET';
  });
}
