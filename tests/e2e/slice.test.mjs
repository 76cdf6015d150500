// Issue 2, the vertical slice, as a user meets it: load the JAMA/JAPIA
// catalog, answer three items, reload, find the answers kept, export them.
//
// DOM contract (implemented by the UI):
//   .sc-root                                     the widget's root
//   article.sc-item[data-control="{id}"]         one per control (90 for JAMA/JAPIA)
//   [role=radiogroup] input[type=radio][name="ans-{id}"][value="{option id}"]
//   [role=progressbar] aria-valuenow = answered, aria-valuemax = total
//   button[data-action="export-json"]            downloads {catalog:{id,version}, answers:{id:{option}}}
//   [role=alert].sc-error                        catalog load/parse error, naming the file

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/static-server.mjs';
import {
  DIST,
  openBrowser,
  waitForCount,
  download,
  screenshot,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
  TIMEOUT,
} from './helpers.mjs';

const JAMA_ITEMS = 90;
const ANSWERS = { 1: 'achieved', 4: 'not_achieved', 5: 'not_applicable' };

let srv;
before(async () => {
  srv = await startServer({ root: DIST, port: 0 });
});
after(() => srv?.close());

const radio = (page, control, option) =>
  page.locator(`.sc-item[data-control="${control}"] [role="radiogroup"] input[type="radio"][name="ans-${control}"][value="${option}"]`);

async function progress(page) {
  const bar = page.locator('[role="progressbar"]').first();
  return {
    now: await bar.getAttribute('aria-valuenow'),
    max: await bar.getAttribute('aria-valuemax'),
  };
}

async function waitForProgress(page, now) {
  const end = Date.now() + TIMEOUT;
  let seen;
  while (Date.now() < end) {
    seen = await progress(page);
    if (seen.now === String(now)) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`progress stayed at ${JSON.stringify(seen)}, expected aria-valuenow=${now}`);
}

test('answers three items, keeps them across a reload, exports them', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  await page.goto(srv.url);
  await page.locator('.sc-root').first().waitFor();
  await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);

  // Every item offers the three answers, each with an accessible name.
  for (const [control, option] of Object.entries(ANSWERS)) {
    const input = radio(page, control, option);
    assert.equal(await input.count(), 1, `item ${control} has a "${option}" radio`);
  }
  assert.deepEqual(await progress(page), { now: '0', max: String(JAMA_ITEMS) });

  for (const [control, option] of Object.entries(ANSWERS)) {
    await radio(page, control, option).check();
  }
  await waitForProgress(page, 3);
  // Saved (debounced) under the namespaced, versioned key.
  const stored = await waitForStoredAnswers(page, (a) => Object.keys(a).length === 3);
  assert.deepEqual(stored, ANSWERS, 'the three answers are saved in localStorage');

  // The first screen at desktop and phone width (issue 2: look at them).
  await screenshot(page, 'slice', 1280, { fullPage: false });
  await screenshot(page, 'slice', 375, { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.reload();
  await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);
  for (const [control, option] of Object.entries(ANSWERS)) {
    assert.equal(await radio(page, control, option).isChecked(), true, `item ${control} still "${option}" after reload`);
  }
  // Nothing else got an answer.
  assert.equal(await page.locator('.sc-item input[type="radio"]:checked').count(), 3);
  assert.deepEqual(await progress(page), { now: '3', max: String(JAMA_ITEMS) });

  const file = await download(page, () => page.locator('button[data-action="export-json"]').first().click());
  assert.ok(file.json, `export is JSON (${file.filename})`);
  assert.equal(file.json.catalog?.id, 'jama-japia-v2.2');
  assert.equal(typeof file.json.catalog?.version, 'string');
  assert.ok(file.json.catalog.version.length > 0, 'catalog version is given');
  const answers = file.json.answers || {};
  assert.deepEqual(Object.keys(answers).sort(), Object.keys(ANSWERS).sort(), 'exactly the three answers');
  for (const [control, option] of Object.entries(ANSWERS)) {
    assert.equal(answers[control]?.option, option, `exported answer of item ${control}`);
  }

  // The promise of the widget: nothing leaves the browser.
  assert.deepEqual(foreignOrNonGetRequests(page, srv.url), [], 'only same-origin GET requests');
});

test('a catalog that cannot be loaded shows an alert naming the file', async (t) => {
  const session = await openBrowser(t);
  // The 404 for the missing file is expected; the widget may also log it.
  const page = await session.newPage({ allow: [/missing\.json/] });
  await page.goto(new URL('/?catalog=catalogs/missing.json', srv.url).href);
  const alert = page.locator('[role="alert"].sc-error').first();
  await alert.waitFor({ state: 'visible' });
  const text = await alert.innerText();
  assert.match(text, /missing\.json/, 'the message names the file');
  assert.equal(await page.locator('.sc-item').count(), 0, 'no items are shown');
});
