// Issue 15, parts 8-11: what a new user sees first on a phone and on a
// desktop, and the labels of the results and data views.
// - 8: at 375 x 812 the first item's whole box is on the first screen (ja
//   and en); the bar that stays in view while scrolling is small (phone and
//   1280 x 900); the filters are folded on phones behind a button that says
//   whether they are open (aria-expanded) and works from the keyboard.
// - 9: the level table's headers break no Japanese word (レベ/ル, 一部達/成)
//   and it has a 未達成 column; "Requirement" is one piece at 1280 px.
// - 10: the radar's axes carry the group number and a short name, inside
//   the chart, not overlapping, the full name as the axis's title.
// - 11: the data view labels the open entity's name field and the new one's
//   differently, tells same-name entities apart, explains the repair notes
//   in Japanese, and says "this browser's storage" with the key folded.
//
// Run: scripts/build.sh && node --test tests/e2e/ui-layout.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, setupFile, openBrowser, openWidget, item, answer, view, until, screenshot, download, setFile } from './helpers.mjs';

setupFile();

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const CATALOG = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));

/**
 * In the page: for each element matching `selector` (inside the widget's
 * shadow root), the words of its text that the layout cut across two lines
 * (a word is the whole text for Japanese, else a run without spaces), found
 * with Range.getClientRects on each word's characters.
 */
function brokenWords(selector) {
  const host = document.getElementById('selfcheck');
  const root = host.shadowRoot || document;
  const out = [];
  for (const el of root.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent;
      const re = /[^\s]+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}

for (const lang of ['ja', 'en']) {
  test(`8 phone (${lang}): the first item is whole on the first screen, the filters are folded until asked for`, async (t) => {
    const s = await openBrowser(t, { viewport: PHONE, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
    const page = await s.newPage();
    await openWidget(page, `?lang=${lang}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await item(page, '1').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= PHONE.height, `item 1 spans ${Math.round(box.y)}-${Math.round(box.y + box.height)} px of ${PHONE.height}`);
    // Its answer choices are there too (not hidden under anything).
    const choice = await page.locator('.sc-item[data-control="1"] label.sc-choice').last().boundingBox();
    assert.ok(choice.y + choice.height <= PHONE.height, 'the last choice of item 1 is on the first screen');

    // The filters: folded behind a button; the keyboard opens and closes them.
    const toggle = page.locator('button[data-action="toggle-filters"]');
    const search = page.locator('input[data-field="search"]');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await search.isVisible(), false, 'the search field is folded');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await until(async () => (await toggle.getAttribute('aria-expanded')) === 'true', 'the filters to open');
    assert.ok(await search.isVisible(), 'the search field is shown once asked for');
    assert.ok(await page.locator('select[data-field="status"]').isVisible(), 'the status filter too');
    await page.locator('select[data-field="status"]').selectOption('unanswered');
    await page.keyboard.press('Shift+Tab'); // back towards the button
    await toggle.focus();
    await page.keyboard.press('Space');
    await until(async () => (await toggle.getAttribute('aria-expanded')) === 'false', 'the filters to fold');
    assert.equal(await search.isVisible(), false);
    // A filter that is on says so on the folded button.
    assert.match(await toggle.innerText(), lang === 'ja' ? /適用中/ : /\bon\b/);
    await screenshot(page, `ui-first-screen-${lang}`, 375, { fullPage: false });
  });
}

test('8 the bar that stays in view while scrolling is small, on a phone and at 1280 x 900', async (t) => {
  const figures = {};
  for (const vp of [PHONE, DESKTOP]) {
    const s = await openBrowser(t, { viewport: vp });
    const page = await s.newPage();
    await openWidget(page, '?lang=ja');
    const header = await page.locator('.sc-header').boundingBox();
    await page.locator('.sc-item').nth(29).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 400));
    const bar = page.locator('[data-sticky]');
    const b = await bar.boundingBox();
    assert.ok(Math.abs(b.y) < 1, `the bar is at the top after scrolling (y ${b.y})`);
    assert.ok(await page.locator('button[role="tab"][data-view="results"]').isVisible(), 'the tabs are in view');
    assert.ok(await page.locator('[role="progressbar"][data-testid="progress"]').isVisible(), 'the progress is in view');
    const limit = vp.width < 600 ? 90 : 60;
    assert.ok(b.height <= limit, `the bar is ${b.height} px high at ${vp.width} px (at most ${limit})`);
    figures[vp.width] = { header: Math.round(header.height), sticky: Math.round(b.height) };
    // An item jumped to is not hidden under the bar.
    await page.locator('button[role="tab"][data-view="results"]').click();
    await page.locator('button[data-action="jump-unanswered"]').click();
    await until(async () => {
      const i = await item(page, '1').boundingBox();
      return i && i.y >= b.height - 1;
    }, 'the jumped-to item below the bar');
  }
  console.log(`# header / sticky bar heights (px): ${JSON.stringify(figures)}`);
});

test('9 the level table breaks no Japanese word at 375 px and counts the not achieved', async (t) => {
  const s = await openBrowser(t, { viewport: PHONE });
  const page = await s.newPage();
  await openWidget(page, '?lang=ja');
  const [a, b, c] = CATALOG.controls.map((x) => x.id);
  await answer(page, { [a]: 'not_achieved', [b]: 'achieved', [c]: 'partial' });
  await view(page, 'results');
  const table = page.locator('table[data-table="levels"]');
  const heads = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(heads, ['レベル', '達成率', '達成', '一部達成', '未達成', '対象外', '未回答']);
  assert.deepEqual(await page.evaluate(brokenWords, 'table[data-table="levels"] thead th'), [], 'no header is cut inside a word');
  const lv = CATALOG.controls.find((x) => x.id === a).level;
  assert.equal(await table.locator(`tr[data-level="${lv}"] td[data-col="not_achieved"]`).innerText(), '1');
  const fits = await table.evaluate((tb) => tb.getBoundingClientRect().width <= tb.closest('.sc-card').clientWidth);
  assert.ok(fits, 'the table fits its card');
  await screenshot(page, 'ui-levels-ja', 375);
});

test('9 the item card keeps "Requirement" in one piece at 1280 px (en)', async (t) => {
  const s = await openBrowser(t, { viewport: DESKTOP, locale: 'en-US' });
  const page = await s.newPage();
  await openWidget(page, '?lang=en');
  const labels = await page.locator('.sc-item[data-control="1"] .sc-stmt dt').allInnerTexts();
  assert.ok(labels.includes('Requirement'), `the labels: ${labels}`);
  assert.deepEqual(await page.evaluate(brokenWords, '.sc-item .sc-stmt dt'), [], 'no statement label is cut inside a word');
});

for (const vp of [PHONE, DESKTOP]) {
  test(`10 the radar's axes carry short group names inside the chart, not overlapping (${vp.width} px)`, async (t) => {
    const s = await openBrowser(t, { viewport: vp });
    const page = await s.newPage();
    await openWidget(page, '?lang=ja');
    await view(page, 'results');
    const svg = page.locator('figure.sc-radar svg');
    await svg.waitFor();
    const got = await svg.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const axes = [...el.querySelectorAll('g.sc-radar-axis')].map((g) => {
        const r = g.querySelector('text').getBoundingClientRect();
        return { text: g.querySelector('text').textContent, title: g.querySelector('title').textContent, r: { l: r.left, t: r.top, rr: r.right, b: r.bottom } };
      });
      return { box: { l: box.left, t: box.top, rr: box.right, b: box.bottom }, axes };
    });
    const groups = CATALOG.groups.filter((g) => !g.parent && CATALOG.controls.some((c) => c.group === g.id));
    assert.equal(got.axes.length, groups.length, 'one label per group');
    for (const [i, g] of groups.entries()) {
      const a = got.axes[i];
      assert.equal(a.title, `${g.number} ${g.title.ja}`, 'the full name is the title');
      const [no, ...rest] = a.text.split(' ');
      assert.equal(no, g.number);
      assert.ok(rest.join(' ').length >= 2, `a name beside number ${g.number}: "${a.text}"`);
      const r = a.r;
      assert.ok(r.l >= got.box.l - 0.5 && r.rr <= got.box.rr + 0.5 && r.t >= got.box.t - 0.5 && r.b <= got.box.b + 0.5, `label "${a.text}" inside the chart`);
      assert.ok(r.b - r.t >= 10, `label "${a.text}" is legible (${(r.b - r.t).toFixed(1)} px high)`);
    }
    for (let i = 0; i < got.axes.length; i++) {
      for (let j = i + 1; j < got.axes.length; j++) {
        const [a, b] = [got.axes[i].r, got.axes[j].r];
        const overlap = a.l < b.rr && b.l < a.rr && a.t < b.b && b.t < a.b;
        assert.ok(!overlap, `"${got.axes[i].text}" and "${got.axes[j].text}" do not overlap`);
      }
    }
    await page.locator('.sc-radar-card').screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', `ui-radar-${vp.width}.png`) });
  });
}

for (const lang of ['ja', 'en']) {
  test(`11 data view (${lang}): labelled name fields, same-name entities told apart, repairs and storage in plain words`, async (t) => {
    const s = await openBrowser(t, { viewport: DESKTOP, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
    const page = await s.newPage();
    await openWidget(page, `?lang=${lang}`);
    await answer(page, { 1: 'achieved' });
    await view(page, 'data');
    // A second, unnamed entity: two "名称未設定" in the list.
    await page.locator('button[data-action="create-entity"]').click();
    const rows = page.locator('li.sc-entity');
    await until(async () => (await rows.count()) === 2, 'two entities');
    const labelOf = async (input) => {
      const id = await input.getAttribute('id');
      const label = page.locator(`label[for="${id}"]`);
      assert.ok(await label.isVisible(), `the field ${id} has a visible label`);
      return label.innerText();
    };
    const open = page.locator('li.sc-entity-on input[data-field="entity-name"]');
    const openLabel = await labelOf(open);
    assert.equal(openLabel, lang === 'ja' ? '表示中の評価対象の名称' : 'Name of the open entity');
    const newField = page.locator('input[data-field="new-entity"]');
    const newLabel = (await newField.locator('xpath=ancestor::label[1]').innerText()).trim();
    assert.equal(newLabel, lang === 'ja' ? '新しい評価対象の名称(任意)' : 'Name of a new entity (optional)');
    assert.notEqual(openLabel, newLabel, 'the two fields are labelled differently');
    // Same name, told apart: the lines under the names differ.
    const names = await rows.locator('input[data-field="entity-name"]').evaluateAll((is) => is.map((i) => i.value || i.placeholder));
    assert.equal(names[0], names[1], 'both have the same shown name');
    const about = await rows.locator('[data-about]').allInnerTexts();
    assert.notEqual(about[0], about[1], `the lines tell them apart: ${about.join(' | ')}`);
    assert.match(about[0], lang === 'ja' ? /回答済み 1 \/ 90 件/ : /Answered 1 \/ 90 items/);
    assert.match(about[0], lang === 'ja' ? /作成 \d{4}-\d\d-\d\d \d\d:\d\d/ : /Created \d{4}-\d\d-\d\d \d\d:\d\d/);
    // The answers count belongs to the field (screen readers hear it with the name).
    assert.equal(await open.getAttribute('aria-describedby'), await page.locator('li.sc-entity-on [data-about]').getAttribute('id'));
    // An entity imported from a file says which file: the export of the open
    // entity imported again as a new entity.
    const exported = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
    await setFile(page, 'import', 'from-subsidiary.json', exported.text);
    await page.locator('[data-import="preview"] button[data-action="import-new"]').click();
    await until(async () => (await rows.count()) === 3, 'three entities after the import');
    const imported = await page.locator('li.sc-entity-on [data-about]').innerText();
    assert.match(imported, lang === 'ja' ? /読み込み元 from-subsidiary\.json/ : /Imported from from-subsidiary\.json/);
    const others = await page.locator('li.sc-entity:not(.sc-entity-on) [data-about]').allInnerTexts();
    for (const o of others) assert.doesNotMatch(o, /from-subsidiary/, 'only the imported entity names the file');

    // Repairs: a line in the user's language first; the English record marked as English.
    const repairs = page.locator('details.sc-repairs');
    await repairs.locator('summary').click();
    const help = await repairs.locator('[data-help="repairs"]').innerText();
    if (lang === 'ja') assert.match(help, /英語のまま/);
    const first = repairs.locator('li[data-repair]').first();
    assert.equal(await first.locator('span[lang="en"]').count(), 1, 'the reason is marked as English');
    assert.match(await first.locator('.sc-repair-change').innerText(), /「.+」→/);

    // Storage in plain words; the key for administrators, folded.
    const privacy = page.locator('section[aria-labelledby="sc-priv-h"]');
    const said = await privacy.locator('p').first().innerText();
    assert.match(said, lang === 'ja' ? /このブラウザーの保存領域/ : /this browser's storage/);
    assert.doesNotMatch(said, /localStorage/);
    const key = privacy.locator('details[data-detail="storage-key"]');
    assert.equal(await key.locator('code').isVisible(), false, 'the key is folded');
    await key.locator('summary').click();
    assert.match(await key.locator('code').innerText(), /^localStorage: selfcheck:\*$/);
    await screenshot(page, `ui-data-${lang}`, 1280);
  });
}
