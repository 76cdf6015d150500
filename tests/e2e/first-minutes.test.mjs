// Issue 15, "what a security officer meets in the first ten minutes": the
// integrity of what is submitted, errors a person can act on, and a first
// screen that shows the first question. Each test is what a user would notice.
//
// Run: scripts/build.sh && node --test tests/e2e/first-minutes.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MINI,
  setupFile,
  appUrl,
  openBrowser,
  openMini,
  waitForItems,
  item,
  answer,
  shownAnswers,
  setFile,
  view,
  until,
  download,
  waitForStoredAnswers,
} from './helpers.mjs';

setupFile();

const N = MINI.controls.length;

/** The results view's "achieved x / applicable" line. */
async function achievedOf(page) {
  const sub = await page.locator('.sc-summary .sc-sub').innerText();
  const m = sub.match(/(\d+)\s*\/\s*(\d+)/);
  assert.ok(m, `figures in "${sub}"`);
  return [Number(m[1]), Number(m[2])];
}

test('1 N/A without a reason stays in the denominator, is listed as needing a reason, and the export marks it', async (t) => {
  const s = await openBrowser(t, { mini: true });
  const page = await s.newPage();
  await openMini(page);
  await answer(page, { 1: 'achieved', 4: 'not_applicable' });
  // The item says it is incomplete.
  await item(page, '4').locator('[data-tag="needs-reason"]').waitFor();
  await view(page, 'results');
  assert.deepEqual(await achievedOf(page), [1, N], `item 4 stays in the denominator (1 / ${N}, not 1 / ${N - 1})`);
  assert.equal(await page.locator('[data-count="needs_reason"]').innerText(), '1');
  assert.equal(await page.locator('[data-count="not_applicable"]').innerText(), '0');
  assert.match(await page.locator('[data-help="needs-reason"]').innerText(), /理由/);
  const gap = page.locator('[data-list="gaps"] li[data-control="4"]');
  assert.equal(await gap.locator('.sc-gap-status').innerText(), '対象外(理由未記入)');
  // The exported file says so.
  const { json } = await download(page, () => page.click('[data-action="export-json"]'));
  assert.deepEqual(json.summary.needs_reason, ['4']);
  assert.equal(json.summary.applicable, N);
  assert.equal(json.summary.not_applicable, 0);
  assert.ok(json.summary.gaps.includes('4'), 'listed in the exported gap list');
  assert.ok(json.summary.gaps.every((g) => typeof g === 'string'), 'the gap list holds ids only');
  // With a reason, the item leaves the denominator.
  await view(page, 'answer');
  const reason = item(page, '4').locator('input[data-field="reason"]');
  await reason.fill('該当する設備がない');
  await reason.blur();
  await until(async () => (await item(page, '4').locator('[data-tag="needs-reason"]').count()) === 0, 'the tag to go');
  await view(page, 'results');
  assert.deepEqual(await achievedOf(page), [1, N - 1]);
  assert.equal(await page.locator('[data-count="needs_reason"]').count(), 0);
});

test('3 every item\'s radio group is named with its number (items 4/5 and 13/14 share a headline)', async (t) => {
  const s = await openBrowser(t, { mini: true });
  const page = await s.newPage();
  await openMini(page);
  const names = {};
  for (const c of MINI.controls) {
    const snap = await item(page, c.id).locator('[role="radiogroup"]').ariaSnapshot();
    const m = snap.match(/radiogroup "([^"]*)"/);
    assert.ok(m, `an accessible name for item ${c.id}: ${snap}`);
    names[c.id] = m[1];
    assert.ok(m[1].startsWith(`No. ${c.number}`), `item ${c.id}: "${m[1]}" starts with its number`);
  }
  assert.notEqual(names['4'], names['5']);
  assert.notEqual(names['13'], names['14']);
  assert.equal(new Set(Object.values(names)).size, N, 'every name differs');
  // A screen-reader user finds item 5 by its number.
  await page.getByRole('radiogroup', { name: /^No\. 5 / }).getByRole('radio', { name: '達成', exact: true }).check();
  assert.equal((await shownAnswers(page))['5'], 'achieved');
});

test('4 a bad catalog shows the way back; going back loses nothing', async (t) => {
  const s = await openBrowser(t, { mini: true });
  const page = await s.newPage();
  await openMini(page);
  await answer(page, { 1: 'achieved', 8: 'partial' });
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved' && a['8'] === 'partial');
  await view(page, 'data');
  await setFile(page, 'catalog-file', 'broken.json', '{"format": 1, "id": ');
  const err = page.locator('[data-error="catalog"]');
  await err.waitFor();
  assert.match(await err.innerText(), /broken\.json/);
  await err.locator('[data-action="catalog-back"]').click();
  await waitForItems(page, N);
  assert.deepEqual(await shownAnswers(page), { 1: 'achieved', 8: 'partial' }, 'the answers are back');

  // A first load that fails has no "previous" catalog: the shipped one is offered.
  const p2 = await s.newPage({ allow: [/missing-catalog\.json/] });
  await p2.goto(appUrl('?catalog=/missing-catalog.json'));
  const err2 = p2.locator('[data-error="catalog"]');
  await err2.waitFor();
  assert.equal(await err2.locator('[data-action="catalog-back"]').count(), 0);
  await err2.locator('[data-action="catalog-shipped"]').click();
  await waitForItems(p2);
});

/** Imports `text` as `name` in the data view and returns the message's visible text and its detail element. */
async function importRefused(page, name, text) {
  await setFile(page, 'import', name, text);
  const msg = page.locator('[data-import="message"][role="alert"]');
  await until(async () => (await msg.count()) > 0 && (await msg.innerText()).includes(name), `a message about ${name}`);
  return { text: await msg.locator('[data-problem="text"]').innerText(), detail: msg.locator('[data-problem="detail"]') };
}

test('5 import errors are in the user\'s language, the parser\'s words folded away, places short', async (t) => {
  const s = await openBrowser(t, { mini: true });
  const page = await s.newPage();
  await openMini(page);
  await answer(page, { 1: 'achieved' });
  await view(page, 'data');
  const { json } = await download(page, () => page.click('[data-action="export-json-data"]'));

  const html = await importRefused(page, 'page.json', '<!DOCTYPE html>\n<html><body>Not found</body></html>');
  assert.match(html.text, /HTMLページのようです/);
  const empty = await importRefused(page, 'empty.json', '');
  assert.match(empty.text, /ファイルが空です/);
  assert.doesNotMatch(empty.text, /行|列/, 'no line and column for an empty file');
  const unknown = await importRefused(page, 'device.json', JSON.stringify({ ...json, device_id: 'abc' }));
  assert.match(unknown.text, /「device_id」はこの形式にない項目です/);
  assert.doesNotMatch(unknown.text, /expected|unknown field/, `no parser English in the message: ${unknown.text}`);
  // The parser's own words are there for the administrator, folded.
  assert.equal(await unknown.detail.evaluate((d) => d.open), false);
  assert.match(await unknown.detail.textContent(), /unknown field `device_id`/);
  const wrong = JSON.parse(JSON.stringify(json));
  wrong.answers['1'].note = 123;
  const typed = await importRefused(page, 'typed.json', JSON.stringify(wrong));
  assert.match(typed.text, /「answers\.1\.note」.*値の種類が違います/);
  assert.doesNotMatch(typed.text, /invalid type/);
  const deep = await importRefused(page, 'deep.json', `${'['.repeat(10000)}${']'.repeat(10000)}`);
  assert.ok(deep.text.length < 80, `a short message for deep nesting: ${deep.text.length} characters`);
  assert.match(deep.text, /入れ子が深すぎ/);

  // In English, the same file reads in English.
  const en = await s.newPage();
  await openMini(en, '&lang=en');
  await view(en, 'data');
  const enHtml = await importRefused(en, 'page.json', '<html></html>');
  assert.match(enHtml.text, /not a JSON file \(it looks like an HTML page\)/);
});

test('6 an export whose summary is malformed still imports (the summary is ignored, as documented)', async (t) => {
  const s = await openBrowser(t, { mini: true });
  const page = await s.newPage();
  await openMini(page);
  await answer(page, { 1: 'achieved', 9: 'not_achieved' });
  await view(page, 'data');
  const { json } = await download(page, () => page.click('[data-action="export-json-data"]'));
  for (const summary of ['broken', { gaps: 5, total: 'many' }, [1, 2, 3]]) {
    await setFile(page, 'import', 'summary.json', JSON.stringify({ ...json, summary }));
    const preview = page.locator('[data-import="preview"]');
    await preview.waitFor();
    assert.match(await preview.innerText(), /2 /, `the preview counts the file's 2 answers (summary ${JSON.stringify(summary)})`);
    await preview.locator('[data-action="import-cancel"]').click();
    await preview.waitFor({ state: 'detached' });
  }
});

test('7 a catalog with a 100,000-character title is refused with its place, and the way back works', async (t) => {
  const s = await openBrowser(t, { mini: true });
  const page = await s.newPage();
  await openMini(page);
  await view(page, 'data');
  const huge = JSON.parse(JSON.stringify(MINI));
  huge.title.ja = 'あ'.repeat(100000);
  await setFile(page, 'catalog-file', 'huge-title.json', JSON.stringify(huge));
  const err = page.locator('[data-error="catalog"]');
  await err.waitFor();
  const text = await err.innerText();
  assert.match(text, /「title\.ja」/);
  assert.match(text, /100000 文字、上限 300/);
  const box = await err.boundingBox();
  assert.ok(box && box.height < 900, `the message fits the screen (${box?.height} px)`);
  await err.locator('[data-action="catalog-back"]').click();
  await waitForItems(page, N);
  const header = await page.locator('.sc-header').boundingBox();
  assert.ok(header.height < 300, `the header is short (${header.height} px)`);
});
