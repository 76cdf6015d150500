// Issue 13: the first load. The build writes the app's first screen of the
// default catalog into index.html (scripts/first-screen.mjs); its radios work
// before the wasm has arrived, and the app takes over without losing what
// was answered meanwhile (src/web/first_screen.rs, www/first-screen.js).
//
// The wasm is held back with page.route, so "before the app started" is a
// state the test controls, not a race. The size check adds up what the page
// fetched until its first item could be answered (no timing: sizes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST,
  JAMA_ITEMS,
  setupFile,
  appUrl,
  openBrowser,
  openWidget,
  waitForItems,
  radio,
  item,
  progress,
  until,
  screenshot,
  shownAnswers,
  storedAnswers,
  waitForStoredAnswers,
} from './helpers.mjs';
import { compressedSizes } from '../../scripts/sizes.mjs';

/** The first-load budget of the JAMA/JAPIA page (issue 13), gzip. */
const BUDGET_GZIP = 200 * 1024;

const env = setupFile({ csp: true });
const CATALOG = JSON.parse(fs.readFileSync(path.join(DIST, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));

/**
 * Holds back every request of `page` matching `pred` until the returned
 * `release()` is called (the held requests then go on as usual).
 */
async function holdBack(page, pred) {
  let release;
  const gate = new Promise((r) => (release = r));
  const held = [];
  await page.route(
    (u) => pred(u),
    async (route) => {
      held.push(route.request().url());
      await gate;
      await route.continue().catch(() => {});
    },
  );
  return { release, held };
}

const isWasm = (u) => u.pathname.endsWith('.wasm');
/** The static first screen (before the app took over). */
const staticScreen = (page) => page.locator('[data-sc-static="screen"]');

test('an answer given before the wasm has arrived is kept, saved and focused when the app takes over', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  const wasm = await holdBack(page, isWasm);
  await page.goto(env.url, { waitUntil: 'commit' });

  // The static screen: the default catalog's title and version, its first
  // items in catalog order, answerable; the app is not there yet.
  await staticScreen(page).waitFor();
  await until(() => wasm.held.length > 0, 'the wasm to be requested');
  const header = page.locator('.sc-header h1');
  assert.equal(await header.textContent(), CATALOG.title.ja);
  assert.match(await page.locator('.sc-meta').textContent(), new RegExp(`v${CATALOG.version.replace('.', '\\.')}`));
  const ids = await staticScreen(page).locator('.sc-item').evaluateAll((els) => els.map((e) => e.dataset.control));
  assert.ok(ids.length >= 3 && ids.length < JAMA_ITEMS, `a few items, not the whole catalog (got ${ids.length})`);
  assert.deepEqual(ids, CATALOG.controls.slice(0, ids.length).map((c) => c.id), 'the first items, in order');
  for (const id of ids) {
    const headline = await item(page, id).locator('h3.sc-headline').textContent();
    const control = CATALOG.controls.find((c) => c.id === id);
    assert.ok(control.statements.some((s) => s.text === headline), `item ${id} shows its own text`);
  }
  // What needs the app waits for it instead of ignoring a click.
  assert.equal(await page.locator('button[data-action="export-json"]').isDisabled(), true);
  assert.equal(await page.locator('button[role="tab"][data-view="results"]').isDisabled(), true);
  await screenshot(page, 'first-load-static', 375, { fullPage: false });
  await screenshot(page, 'first-load-static', 1280, { fullPage: false });

  await radio(page, '4', 'partial').check();
  await radio(page, '1', 'achieved').check();
  assert.equal(await radio(page, '1', 'achieved').evaluate((el) => el === el.getRootNode().activeElement), true);
  // The progress bar counts them already.
  assert.deepEqual(await progress(page), { now: '2', max: String(JAMA_ITEMS) });
  assert.equal(await storedAnswers(page), null, 'nothing can be saved before the app runs');

  wasm.release();
  await waitForItems(page);
  assert.equal(await page.locator('[data-sc-static]').count(), 0, 'the static markup is gone');
  assert.deepEqual(await shownAnswers(page), { 1: 'achieved', 4: 'partial' });
  assert.equal(await radio(page, '1', 'achieved').isChecked(), true);
  assert.equal(
    await radio(page, '1', 'achieved').evaluate((el) => el === el.getRootNode().activeElement),
    true,
    'the focus stays on the radio clicked last',
  );
  await until(async () => (await progress(page)).now === '2', 'the app to count both answers');
  const stored = await waitForStoredAnswers(page, (a) => Object.keys(a).length === 2);
  assert.deepEqual(stored, { 1: 'achieved', 4: 'partial' }, 'both answers are saved');
  // And they are the app's answers from now on: the next click is saved too.
  await radio(page, '5', 'not_achieved').check();
  await waitForStoredAnswers(page, (a) => a['5'] === 'not_achieved');
});

test('a returning visitor is not shown their answered items as unanswered', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  await openWidget(page);
  await radio(page, '1', 'not_achieved').check();
  await waitForStoredAnswers(page, (a) => a['1'] === 'not_achieved');

  const again = await session.newPage();
  const wasm = await holdBack(again, isWasm);
  await again.goto(env.url, { waitUntil: 'commit' });
  await until(() => wasm.held.length > 0, 'the wasm to be requested');
  // The page says it is loading; no item to answer against an unknown state.
  await again.locator('.sc-loading').waitFor();
  assert.equal(await again.locator('.sc-item').count(), 0);
  wasm.release();
  await waitForItems(again);
  assert.equal(await radio(again, '1', 'not_achieved').isChecked(), true);
  assert.equal(await again.locator('.sc-loading').count(), 0);
});

test('the static screen is not shown for other options than it was rendered with', async (t) => {
  // (query string, browser locale)
  const cases = [
    ['?lang=en', 'ja-JP'],
    ['', 'en-US'],
    ['?catalog=nisc-2023', 'ja-JP'],
    ['?namespace=other', 'ja-JP'],
    ['?target=Lv2', 'ja-JP'],
    ['?theme=dark', 'ja-JP'],
  ];
  for (const [query, locale] of cases) {
    const session = await openBrowser(t, { locale });
    const page = await session.newPage();
    const wasm = await holdBack(page, isWasm);
    await page.goto(appUrl(query), { waitUntil: 'commit' });
    await until(() => wasm.held.length > 0, 'the wasm to be requested');
    await page.locator('.sc-loading').waitFor();
    assert.equal(await page.locator('.sc-item').count(), 0, `${query} (${locale}): no static items`);
    wasm.release();
    await page.locator('.sc-item').first().waitFor();
    assert.equal(await page.locator('[data-sc-static]').count(), 0, `${query} (${locale}): taken over`);
    await session.close();
  }
});

test('the static screen and its takeover work under the strict CSP', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  const wasm = await holdBack(page, isWasm);
  await page.goto(env.strictUrl, { waitUntil: 'commit' });
  await staticScreen(page).waitFor();
  await radio(page, '1', 'achieved').check();
  wasm.release();
  await waitForItems(page);
  assert.deepEqual(await waitForStoredAnswers(page, (a) => a['1'] === 'achieved'), { 1: 'achieved' });
});

test(`the JAMA/JAPIA page's first item is answerable after at most ${BUDGET_GZIP / 1024} KB gzip`, async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  // The app (wasm and its glue) and the catalog are held back: whatever the
  // page fetched by the time an item can be answered is all it needed.
  const app = await holdBack(page, (u) => u.pathname.startsWith('/pkg/') || u.pathname.startsWith('/catalogs/'));
  const done = [];
  page.on('requestfinished', (r) => done.push(new URL(r.url()).pathname));
  // (Not until "load": the held-back files keep the page from loading.)
  await page.goto(env.url, { waitUntil: 'commit' });
  const first = radio(page, CATALOG.controls[0].id, 'achieved');
  await first.check();
  assert.equal(await first.isChecked(), true, 'answerable with the app held back');
  const files = [...new Set(done)].map((p) => (p === '/' ? '/index.html' : p));
  let gzip = 0;
  const rows = [];
  for (const p of files) {
    const file = path.join(DIST, p);
    if (!fs.existsSync(file)) continue;
    const s = compressedSizes(fs.readFileSync(file));
    gzip += s.gzip;
    rows.push(`${p} ${(s.gzip / 1024).toFixed(1)} KB`);
  }
  t.diagnostic(`fetched before the first item was answerable: ${rows.join(', ')}; total ${(gzip / 1024).toFixed(1)} KB gzip`);
  assert.ok(files.includes('/index.html'), 'the page itself is counted');
  assert.ok(gzip <= BUDGET_GZIP, `first-load transfer ${(gzip / 1024).toFixed(1)} KB gzip exceeds ${BUDGET_GZIP / 1024} KB`);
  app.release();
  await waitForItems(page);
});

test('an embedded widget (embed.js) shows the same static screen, and an answer given before the wasm has arrived is kept and saved', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  const wasm = await holdBack(page, isWasm);
  await page.goto(appUrl('demo/minimal.html'), { waitUntil: 'commit' });
  const widget = page.locator('#widget');
  await widget.locator('[data-sc-static="screen"]').waitFor();
  assert.equal(await widget.getAttribute('data-selfcheck-static'), 'shown');
  await until(() => wasm.held.length > 0, 'the wasm to be requested');
  // Inside the widget's own shadow root, styled by its own sheet (the host's CSS cannot reach it).
  assert.equal(await widget.evaluate((el) => el.shadowRoot !== null && el.children.length === 0), true);
  assert.match(await widget.evaluate((el) => el.shadowRoot.querySelector('link[rel="stylesheet"]').href), /\/selfcheck\.css$/);
  assert.equal(await widget.locator('.sc-header h1').textContent(), CATALOG.title.ja);
  assert.ok(await radio(widget, '1', 'achieved').isVisible(), 'the hostile CSS does not hide the radios');
  await screenshot(page, 'first-load-embed-static', 375, { fullPage: false });
  await radio(widget, '1', 'partial').check();
  assert.equal(await storedAnswers(page, 'demo-min'), null, 'nothing can be saved before the app runs');

  wasm.release();
  await waitForItems(widget);
  assert.equal(await widget.locator('[data-sc-static]').count(), 0, 'the static markup is gone');
  assert.deepEqual(await shownAnswers(widget), { 1: 'partial' });
  assert.deepEqual(await waitForStoredAnswers(page, (a) => a['1'] === 'partial', { namespace: 'demo-min' }), { 1: 'partial' });
});

test('an embedded widget with options its static screen was not rendered with starts without it', async (t) => {
  // demo/index.html: widget A has a target level, widget B is in English.
  const session = await openBrowser(t);
  const page = await session.newPage();
  const wasm = await holdBack(page, isWasm);
  await page.goto(appUrl('demo/index.html'), { waitUntil: 'commit' });
  await until(() => wasm.held.length > 0, 'the wasm to be requested');
  for (const id of ['widget-a', 'widget-b']) {
    // The loader has decided (embed.js marks the container).
    await page.locator(`#${id}[data-selfcheck-static="no"]`).waitFor({ state: 'attached' });
    assert.equal(await page.locator(`#${id} .sc-item`).count(), 0, `${id}: no static items`);
  }
  wasm.release();
  await waitForItems(page.locator('#widget-a'));
  await waitForItems(page.locator('#widget-b'));
});
