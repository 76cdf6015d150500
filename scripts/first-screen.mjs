#!/usr/bin/env node
// Build step: writes the app's own first screen into dist/index.html.
//
//   node scripts/first-screen.mjs [DIST]
//
// Opens the built standalone page (default options: the JAMA/JAPIA catalog,
// Japanese) in headless Chromium under the strict CSP, captures the widget's
// shadow root twice — while the catalog is held back (the loading notice)
// and once the catalog is shown (the header and the first ITEMS items) — and
// writes both into `<div id="selfcheck">` as a declarative shadow root
// (`<template shadowrootmode="open">`), marked `data-sc-static`. The markup
// is whatever the app renders: nothing here knows its layout beyond the item
// and list-end selectors. The same markup goes into dist/first-screen.html,
// which the embed loader (www/embed.js) puts into each widget's shadow root.
// www/first-screen.js makes it honest until the wasm takes over
// (src/web/first_screen.rs).
//
// Reproducible: the page's clock is fixed and its random source seeded, so
// the ids the app makes up for the fresh assessment are the same each build.
// Fails (exit 1, with the reason) when Chromium is missing or the page does
// not render.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(process.argv[2] || path.join(here, '..', 'dist'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Items on the static first screen (more than a phone or a desktop shows at once). */
const ITEMS = 5;
/** The namespace of a page without options (src/core/stored.rs DEFAULT_NAMESPACE). */
const NAMESPACE = 'selfcheck';
const HOST = '<div id="selfcheck"></div>';
const TIMEOUT = 120000;

function fail(msg) {
  console.error(`first-screen: ${msg}`);
  process.exit(1);
}

/** In the page: the widget's shadow root as static markup (`keep` items at most). */
function capture({ keep, mark, attrs }) {
  const shadow = document.getElementById('selfcheck').shadowRoot;
  const top = [...shadow.children];
  const links = top.filter((el) => el.localName === 'link').map((l) => l.outerHTML).join('');
  const root = top.find((el) => el.classList.contains('sc-root')).cloneNode(true);
  if (keep !== null) {
    root.querySelectorAll('.sc-item').forEach((el, i) => {
      if (i >= keep) el.remove();
    });
    // Whatever followed the kept items (sub-group headings, sections left
    // empty, the list's end and "show more") belongs to the full list.
    const last = [...root.querySelectorAll('.sc-item')].pop();
    const list = last && last.closest('.sc-answer-view');
    if (list) {
      const after = (el) =>
        last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !el.contains(last) && !last.contains(el);
      [...list.querySelectorAll('*')].filter(after).forEach((el) => el.remove());
    }
  }
  root.setAttribute('data-sc-static', mark);
  for (const [k, v] of Object.entries(attrs)) root.setAttribute(k, v);
  return { links, html: root.outerHTML };
}

async function main() {
  const indexFile = path.join(DIST, 'index.html');
  if (!fs.existsSync(indexFile)) fail(`${indexFile} is missing (run scripts/build.sh)`);
  const index = fs.readFileSync(indexFile, 'utf8');
  if (index.split(HOST).length !== 2) fail(`dist/index.html must hold exactly one ${HOST}`);
  if (!fs.existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM}: the build renders the first screen in it (scripts/common.sh ensure_chromium installs it)`);

  const srv = await startServer({ root: DIST, port: 0, csp: true });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: TIMEOUT });
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(() => {
      // A seeded random source: the fresh assessment's id is the same each build.
      let s = 0x2545f491;
      const next = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 24);
      crypto.getRandomValues = (a) => {
        for (let i = 0; i < a.length; i++) a[i] = next();
        return a;
      };
      Math.random = () => next() / 256;
    });
    await context.clock.setFixedTime(new Date('2026-01-01T00:00:00Z'));
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    // Hold the catalog back until the loading notice is captured.
    let release;
    const held = new Promise((r) => (release = r));
    let catalogUrl = null;
    await page.route(
      (u) => u.pathname.startsWith('/catalogs/') && u.pathname.endsWith('.json'),
      async (route) => {
        catalogUrl ??= new URL(route.request().url()).pathname.slice(1);
        await held;
        await route.continue();
      },
    );
    await page.goto(srv.url);
    await page.locator('.sc-loading').waitFor();
    const loading = await page.evaluate(capture, { keep: null, mark: 'loading', attrs: {} });
    release();
    await page.locator('.sc-item').first().waitFor();
    await page.locator('[role="progressbar"]').first().waitFor();
    if (!catalogUrl) fail('the page did not fetch a catalog');
    const lang = await page.locator('.sc-app').first().getAttribute('lang');
    const screen = await page.evaluate(capture, {
      keep: ITEMS,
      mark: 'screen',
      attrs: { 'data-sc-lang': lang, 'data-sc-catalog': catalogUrl, 'data-sc-namespace': NAMESPACE },
    });
    if (problems.length) fail(`the page reported: ${problems.join(' | ')}`);
    // The loading root starts hidden: the script shows it when the screen does not apply.
    const loadingHtml = loading.html.replace(/^<div /, '<div hidden="" ');
    const markup = `${screen.links}${loadingHtml}${screen.html}`;
    const template = `<div id="selfcheck"><template shadowrootmode="open">${markup}</template></div>`;
    fs.writeFileSync(indexFile, index.replace(HOST, template));
    // The same markup for the embed loader, which puts it into each
    // widget's shadow root (www/embed.js); its addresses are relative to
    // the widget's folder.
    fs.writeFileSync(path.join(DIST, 'first-screen.html'), `${markup}\n`);
    const items = (screen.html.match(/class="sc-item[ "]/g) || []).length;
    console.log(`first-screen: ${items} items of ${catalogUrl} written into ${path.relative(process.cwd(), indexFile)} (${(Buffer.byteLength(template) / 1024).toFixed(1)} KB)`);
  } finally {
    await browser?.close().catch(() => {});
    await srv.close();
  }
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
