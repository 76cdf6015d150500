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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  JAMA_ITEMS,
  setupFile,
  appUrl,
  openBrowser,
  waitForItems,
  radio,
  answer,
  progress,
  until,
  download,
  screenshot,
  shownAnswers,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
} from './helpers.mjs';

const ANSWERS = { 1: 'achieved', 4: 'not_achieved', 5: 'not_applicable' };

const env = setupFile();

test('answers three items, keeps them across a reload, exports them', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  await page.goto(env.url);
  await page.locator('.sc-root').first().waitFor();
  await waitForItems(page);

  // Every item offers the three answers, each with an accessible name.
  for (const [control, option] of Object.entries(ANSWERS)) {
    const input = radio(page, control, option);
    assert.equal(await input.count(), 1, `item ${control} has a "${option}" radio`);
  }
  assert.deepEqual(await progress(page), { now: '0', max: String(JAMA_ITEMS) });

  // 対象外 counts as answered once its reason is given (issue 15: without one it is incomplete).
  await answer(page, ANSWERS, { 5: '該当する業務がない' });
  await until(async () => (await progress(page)).now === '3', 'progress to reach 3', { describe: () => progress(page) });
  // Saved (debounced) under the namespaced, versioned key.
  const stored = await waitForStoredAnswers(page, (a) => Object.keys(a).length === 3);
  assert.deepEqual(stored, ANSWERS, 'the three answers are saved in localStorage');

  // The first screen at desktop and phone width (issue 2: look at them).
  await screenshot(page, 'slice', 1280, { fullPage: false });
  await screenshot(page, 'slice', 375, { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.reload();
  await waitForItems(page);
  // The three answers, and nothing else, are shown.
  assert.deepEqual(await shownAnswers(page), ANSWERS, 'the answers after the reload');
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
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GET requests');
});

test('a catalog that cannot be loaded shows an alert naming the file', async (t) => {
  const session = await openBrowser(t);
  // The 404 for the missing file is expected; the widget may also log it.
  const page = await session.newPage({ allow: [/missing\.json/] });
  await page.goto(appUrl('?catalog=catalogs/missing.json'));
  const alert = page.locator('[role="alert"].sc-error').first();
  await alert.waitFor({ state: 'visible' });
  const text = await alert.innerText();
  assert.match(text, /missing\.json/, 'the message names the file');
  assert.equal(await page.locator('.sc-item').count(), 0, 'no items are shown');
});
