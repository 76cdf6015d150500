// Issue 14, "never lose or misread an answer, part 2": the browser deleting
// the data (persistent storage, keep-a-copy notice, export reminder), a
// catalog update that rewords items under answers (marked for review, also
// on import), links that swap the catalog, delete-all across tabs, a catalog
// version change under stored answers, embedding from another origin
// without CORS.
//
// The counters are printed when the file ends (and written to
// test-results/durability-summary.txt):
//   faults injected: N, answers checked: M, answers lost: 0,
//   deleted data resurrected: 0, stored assessments re-labelled by a catalog the user did not choose: 0
//
// Cross-origin cases use a second local origin: another port of 127.0.0.1
// (cross-origin, same site) and `localhost` (cross-site).
//
// Run: scripts/build.sh && node --test tests/e2e/durability.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';
import {
  ROOT,
  DIST,
  RESULTS,
  JAMA_ITEMS,
  MINI,
  setupFile,
  appUrl,
  openBrowser,
  openWidget,
  openMini,
  MINI_QUERY,
  item,
  setFile,
  download,
  waitForItems,
  waitForCount,
  answer,
  shownAnswers,
  view,
  until,
  settle,
  readLocalStorage,
  storedWorkspace,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
  screenshot,
  countLoss,
  axeCheck,
  formatViolations,
} from './helpers.mjs';

const env = setupFile();
const NS = 'selfcheck';
const JAMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));

/** A crafted catalog: the shipped JAMA/JAPIA id, another version, three items. */
const FAKE = { ...structuredClone(JAMA), version: '9.9', controls: JAMA.controls.slice(0, 3) };
const FAKE_PATH = '/test-fixtures/fake-jama.json';

const figures = { faults: 0, answersChecked: 0, lost: 0, resurrected: 0, relabelled: 0 };
after(() => {
  const line =
    `faults injected: ${figures.faults}, answers checked: ${figures.answersChecked}, answers lost: ${figures.lost}, ` +
    `deleted data resurrected: ${figures.resurrected}, ` +
    `stored assessments re-labelled by a catalog the user did not choose: ${figures.relabelled}`;
  console.log(line);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'durability-summary.txt'), `${line}\n`);
});

const hasJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

const expectNoLoss = (expected, actual, where) => countLoss(figures, expected, actual, where);

/** Every entity of the stored workspace as {id, catalog_id, catalog_version, answers: {control: option}}. */
async function storedEntities(page) {
  const ws = await storedWorkspace(page, NS);
  return (ws?.entities || []).map((e) => ({
    id: e.id,
    catalog_id: e.catalog_id,
    catalog_version: e.catalog_version,
    answers: Object.fromEntries(Object.entries(e.answers).filter(([, a]) => a.option).map(([c, a]) => [c, a.option])),
  }));
}

/** Counts (and asserts) stored assessments whose catalog id or version differ from `before`. */
function expectNotRelabelled(before, after, where) {
  const changed = before.filter((b) => {
    const a = after.find((x) => x.id === b.id);
    return !a || a.catalog_id !== b.catalog_id || a.catalog_version !== b.catalog_version;
  });
  figures.relabelled += changed.length;
  assert.deepEqual(changed, [], `stored assessments re-labelled (${where}): ${JSON.stringify(after)}`);
}

/** A folder with `files` ({relative path: text}), removed when `t` ends. */
function tempRoot(t, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfcheck-e2e-'));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Answers the shipped JAMA/JAPIA catalog and waits until they are stored; returns the stored entities. */
async function answerOfficial(page, answers) {
  await openWidget(page);
  await answer(page, answers);
  await waitForStoredAnswers(page, (a) => Object.keys(answers).every((c) => a[c] === answers[c]));
  return storedEntities(page);
}

// ------------------------------------------------------------ 4 links that swap the catalog

for (const [name, host] of [
  ['another port (cross-origin)', '127.0.0.1'],
  ['localhost (cross-site)', 'localhost'],
]) {
  test(`4a a link naming a catalog on ${name} is refused before any request; stored answers untouched`, async (t) => {
    const other = await startServer({ root: tempRoot(t, { 'fake.json': JSON.stringify(FAKE) }), port: 0 });
    t.after(() => other.close());
    const fakeUrl = `http://${host}:${other.port}/fake.json`;
    const session = await openBrowser(t);
    const page = await session.newPage();
    const OFFICIAL = { 1: 'achieved', 4: 'partial' };
    const before = await answerOfficial(page, OFFICIAL);

    figures.faults++;
    const phish = await session.newPage();
    await phish.goto(appUrl(`?catalog=${encodeURIComponent(fakeUrl)}`));
    const error = phish.locator('.sc-error[role="alert"]');
    await error.waitFor();
    const said = await error.innerText();
    assert.ok(hasJapanese(said), `the message is in Japanese: ${said}`);
    assert.ok(said.includes(fakeUrl), `the message names the refused URL: ${said}`);
    assert.equal(await phish.locator('.sc-item').count(), 0, 'no item of the crafted catalog is shown');
    assert.deepEqual(foreignOrNonGetRequests(phish, env.url), [], 'no request to the other origin (or any non-GET)');

    // English too.
    const en = await session.newPage();
    await en.goto(appUrl(`?lang=en&catalog=${encodeURIComponent(fakeUrl)}`));
    const enSaid = await en.locator('.sc-error[role="alert"]').innerText();
    assert.ok(!hasJapanese(enSaid) && /another site|other sites/i.test(enSaid), `English message: ${enSaid}`);

    await openWidget(page);
    expectNoLoss(OFFICIAL, await shownAnswers(page), 'official catalog after the refused link');
    expectNotRelabelled(before, await storedEntities(page), 'refused link');
  });
}

test('4b a same-origin catalog that claims the shipped id with other content is kept apart, marked, and its source shown', async (t) => {
  const session = await openBrowser(t, { clock: true });
  await session.context.route(
    (u) => u.pathname === FAKE_PATH,
    (route) => route.fulfill({ body: JSON.stringify(FAKE), contentType: 'application/json' }),
  );
  const page = await session.newPage();
  const OFFICIAL = { 1: 'achieved', 4: 'partial', 5: 'not_achieved' };
  const before = await answerOfficial(page, OFFICIAL);

  figures.faults++;
  await openWidget(page, `?catalog=${FAKE_PATH}`, { items: 3 });
  const mark = page.locator('[data-provenance="imitation"][role="alert"]');
  await mark.waitFor();
  const text = await mark.innerText();
  assert.ok(text.includes(FAKE_PATH), `the source is shown: ${text}`);
  assert.ok(text.includes('jama-japia-v2.2') && hasJapanese(text), `says which shipped id it claims: ${text}`);
  // Its answers are not the official assessment's.
  assert.deepEqual(await shownAnswers(page), {}, "the official answers are not shown under the crafted catalog");
  await settle(page);
  expectNotRelabelled(before, await storedEntities(page), 'crafted catalog opened');
  // The data view does not mark the shipped catalog as the open one.
  await view(page, 'data');
  await page.locator('button[data-action="load-catalog"][data-catalog="jama-japia-v2.2"]').waitFor();
  await screenshot(page, 'durability-imitation', 375);
  await screenshot(page, 'durability-imitation', 1280);
  await view(page, 'answer');
  // Answering it writes to an assessment of its own.
  await answer(page, { [FAKE.controls[0].id]: 'not_achieved' });
  await settle(page);
  const after1 = await storedEntities(page);
  expectNotRelabelled(before, after1, 'crafted catalog answered');
  const own = after1.filter((e) => e.catalog_id !== 'jama-japia-v2.2');
  assert.equal(own.length, 1, `one assessment of the crafted catalog: ${JSON.stringify(after1)}`);
  assert.match(own[0].catalog_id, /^jama-japia-v2\.2~[0-9a-f]{8}$/, 'its own identity');

  await openWidget(page);
  expectNoLoss(OFFICIAL, await shownAnswers(page), 'official catalog after the crafted one');
  assert.equal(await page.locator('[data-provenance]').count(), 0, 'the shipped catalog is not marked');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GETs');
});

test('4c a new version of a catalog is not written over the stored assessment until the user changes something', async (t) => {
  const session = await openBrowser(t, { clock: true, mini: true });
  const old = {
    schema: 2,
    saved: 1,
    workspace: {
      entities: [
        {
          id: 'old1',
          name: '',
          catalog_id: MINI.id,
          catalog_version: '0',
          answers: { 1: { option: 'achieved', changed: 1 }, gone: { option: 'partial', changed: 1 } },
          created: 1,
          updated: 1,
        },
      ],
      active: 'old1',
    },
  };
  await session.context.addInitScript((v) => {
    if (!localStorage.getItem('test:seeded')) {
      localStorage.setItem('selfcheck:v2:workspace', v);
      localStorage.setItem('test:seeded', '1');
    }
  }, JSON.stringify(old));
  figures.faults++;
  const page = await session.newPage();
  await openMini(page);
  const notice = page.locator('[data-banner="notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /gone/, 'the notice lists the answer to a removed item');
  expectNoLoss({ 1: 'achieved' }, await shownAnswers(page), 'carried over on screen');
  await settle(page);
  const stored = await storedEntities(page);
  assert.equal(stored[0].catalog_version, '0', 'the stored version is not rewritten by opening the catalog');
  figures.relabelled += stored[0].catalog_version === '0' ? 0 : 1;
  await answer(page, { 4: 'partial' });
  await settle(page);
  const after1 = await storedEntities(page);
  assert.equal(after1[0].catalog_version, MINI.version, 'written with the new version once the user answered');
  expectNoLoss({ 1: 'achieved', gone: 'partial', 4: 'partial' }, after1[0].answers, 'stored after the change');
});

// ------------------------------------------------------------ 3 delete all across tabs

test('3 delete all in one tab: the other tab stops showing and saving the deleted data, and says so', async (t) => {
  const session = await openBrowser(t, { clock: true, mini: true });
  const tab1 = await session.newPage();
  const tab2 = await session.newPage();
  tab1.on('dialog', (d) => d.accept().catch(() => {}));
  await openMini(tab1);
  await waitForStoredAnswers(tab1, () => true);
  await openMini(tab2);
  await answer(tab1, { 1: 'achieved', 4: 'partial' });
  await until(async () => (await shownAnswers(tab2))['4'] === 'partial', 'tab 2 to show tab 1 answers');
  // Tab 2 changes an item; its save is still pending (the page clock is held) when tab 1 deletes everything.
  await answer(tab2, { 5: 'not_achieved' });
  figures.faults++;
  await view(tab1, 'data');
  await tab1.locator('button[data-action="delete-all"]').click();
  const notice = tab2.locator('[data-banner="notice"][role="alert"]');
  await notice.waitFor();
  assert.ok(hasJapanese(await notice.innerText()), 'tab 2 says so, in Japanese');
  await waitForCount(tab2.locator('.sc-item input[type="radio"]:checked'), 0);
  await settle(tab2);
  await settle(tab1);
  const keys = Object.keys(await readLocalStorage(tab2)).filter((k) => k.startsWith(`${NS}:`));
  figures.resurrected += keys.length;
  assert.deepEqual(keys, [], 'nothing of the deleted data is written back');
  // Answering again in tab 2 saves that answer only.
  await answer(tab2, { 6: 'achieved' });
  const stored = await waitForStoredAnswers(tab2, (a) => a['6'] === 'achieved');
  const back = Object.keys(stored).filter((c) => c !== '6');
  figures.resurrected += back.length;
  assert.deepEqual(stored, { 6: 'achieved' }, 'only the new answer is stored');
  await tab2.evaluate(() => window.scrollTo(0, 0));
  await screenshot(tab2, 'durability-deleted-elsewhere', 375, { fullPage: false });
});

// ------------------------------------------------------------ 5 embedding from another origin

/** A host page on `localhost` embedding the widget from the file's 127.0.0.1 server (another site). */
function hostPage(t, widgetBase, lang) {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>host</title>
<script src="${widgetBase}embed.js" defer></script></head>
<body><h1>Association</h1><div id="w" data-selfcheck data-namespace="assoc"></div></body></html>`;
  return tempRoot(t, { 'index.html': html });
}

for (const lang of ['ja', 'en']) {
  test(`5 embedded from another site without CORS: a message in the container (${lang}), not an empty box`, async (t) => {
    const widget = await startServer({ root: DIST, port: 0 });
    t.after(() => widget.close());
    const host = await startServer({ root: hostPage(t, widget.url, lang), port: 0 });
    t.after(() => host.close());
    const session = await openBrowser(t);
    figures.faults++;
    // The browser reports the blocked module (CORS) and the loader says what to fix.
    const page = await session.newPage({ allow: [/CORS|Access-Control-Allow-Origin|selfcheck: could not load/] });
    await page.goto(`http://localhost:${host.port}/`);
    const box = page.locator('#w[role="alert"]');
    await box.waitFor();
    const said = await box.innerText();
    if (lang === 'ja') assert.ok(hasJapanese(said), `in Japanese: ${said}`);
    else assert.ok(!hasJapanese(said) && /could not be loaded/.test(said), `in English: ${said}`);
    assert.ok(said.includes(new URL(widget.url).origin), `names the widget's origin: ${said}`);
  });
}

test('5b embedded from another site with Access-Control-Allow-Origin: the widget works, answers stored in the page origin', async (t) => {
  const widget = await startServer({ root: DIST, port: 0, headers: { 'Access-Control-Allow-Origin': '*' } });
  t.after(() => widget.close());
  const host = await startServer({ root: hostPage(t, widget.url, 'ja'), port: 0 });
  t.after(() => host.close());
  const session = await openBrowser(t);
  const page = await session.newPage();
  await page.goto(`http://localhost:${host.port}/`);
  const w = page.locator('#w');
  await waitForItems(w, JAMA_ITEMS);
  await answer(w, { 1: 'achieved' });
  const stored = await waitForStoredAnswers(page, (a) => a['1'] === 'achieved', { namespace: 'assoc' });
  expectNoLoss({ 1: 'achieved' }, stored, 'embedded across sites with CORS');
  // Only GETs, to the page and the widget host the page's author chose.
  const origins = new Set(page.requests.map((r) => new URL(r.url).origin));
  assert.deepEqual([...origins].sort(), [new URL(widget.url).origin, `http://localhost:${host.port}`].sort());
  assert.ok(page.requests.every((r) => r.method === 'GET'), 'only GETs');
});

// ------------------------------------------------------------ 2 a catalog update changes items under answers

/** Version 2 of the mini catalog: item 4's requirement reworded, item 21 removed, item 99 added. */
function miniV2() {
  const v2 = structuredClone(MINI);
  v2.version = '2';
  const four = v2.controls.find((c) => c.id === '4');
  const req = four.statements.find((s) => s.kind === 'requirement');
  req.text = `${req.text}(2025年改訂: 委託先を含む)`;
  v2.controls = v2.controls.filter((c) => c.id !== '21');
  const added = structuredClone(v2.controls.find((c) => c.id === '1'));
  added.id = '99';
  added.number = '99';
  added.statements = [{ kind: 'requirement', text: '新設: クラウドサービスの利用規程を定めている' }];
  v2.controls.push(added);
  return v2;
}

/** Serves the mini catalog path with `served.doc` (switchable between versions). */
async function serveSwitchable(session, doc) {
  const served = { doc };
  await session.context.route(
    (u) => u.pathname === '/test-fixtures/mini-catalog.json',
    (route) => route.fulfill({ body: JSON.stringify(served.doc), contentType: 'application/json' }),
  );
  return served;
}

test('2 a catalog update rewords an answered item: it is marked, counted, filterable and confirmed; added and removed items listed; nothing lost', async (t) => {
  const session = await openBrowser(t, { clock: true });
  const served = await serveSwitchable(session, MINI);
  const page = await session.newPage();
  await openMini(page);
  const ANSWERS = { 1: 'achieved', 4: 'partial', 21: 'achieved' };
  await answer(page, ANSWERS);
  await waitForStoredAnswers(page, (a) => a['21'] === 'achieved' && a['4'] === 'partial');
  const before = await storedEntities(page);
  // A copy made under version 1, for the import below.
  await view(page, 'data');
  const file = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  assert.equal(file.json.version, 2, 'export format 2');
  assert.match(file.json.answers['4'].fp, /^[0-9a-f]{8}$/, 'each answer carries the fingerprint of its text');

  figures.faults++;
  const V2 = miniV2();
  served.doc = V2;
  await page.reload();
  await waitForItems(page, V2.controls.length);
  const notice = page.locator('[data-banner="notice"]');
  await notice.waitFor();
  assert.match(await notice.locator('[data-news="added"]').innerText(), /No\. 99/, 'the added item is listed');
  assert.match(await notice.locator('[data-news="changed"]').innerText(), /No\. 4\b/, 'the reworded answered item is listed');
  assert.match(await notice.locator('[data-news="removed"]').innerText(), /21/, 'the answer to the removed item is named (and kept)');
  // The reworded item is marked, the others are not; the answers are kept.
  const tag = '[data-tag="review"]';
  await item(page, '4').locator(tag).waitFor();
  assert.equal(await page.locator(`.sc-item ${tag}`).count(), 1, 'only the reworded item is marked');
  assert.equal(await page.locator('.sc-review-tally').getAttribute('data-review-tally'), '1');
  expectNoLoss({ 1: 'achieved', 4: 'partial' }, await shownAnswers(page), 'shown after the update');
  await settle(page);
  expectNotRelabelled(before, await storedEntities(page), 'update opened, nothing changed by the user');
  expectNoLoss(ANSWERS, (await storedEntities(page))[0].answers, 'stored after the update (removed item kept)');
  // Filterable: the status filter's "to review" shows that item only.
  await page.locator('select[data-field="status"]').selectOption('review');
  await waitForCount(page.locator('.sc-item'), 1);
  assert.equal(await page.locator('.sc-item').getAttribute('data-control'), '4');
  await screenshot(page, 'durability-review', 375);
  await screenshot(page, 'durability-review', 1280, { fullPage: false });
  const violations = await axeCheck(page);
  assert.deepEqual(violations, [], `axe on the review marks: ${formatViolations(violations)}`);
  // Confirming keeps the answer and clears the mark.
  await item(page, '4').locator('button[data-action="confirm-review"]').click();
  await waitForCount(page.locator(`.sc-item ${tag}`), 0);
  await page.locator('button[data-action="clear-filters"]').click();
  await waitForItems(page, V2.controls.length);
  expectNoLoss({ 1: 'achieved', 4: 'partial' }, await shownAnswers(page), 'after confirming');
  await settle(page);
  const stored = await storedWorkspace(page, NS);
  expectNoLoss(ANSWERS, (await storedEntities(page))[0].answers, 'stored after confirming');
  assert.deepEqual(stored.seen[MINI.id].includes('99'), true, 'the added item is recorded as seen');
  // Next visit: nothing to review, nothing listed as added.
  await page.reload();
  await waitForItems(page, V2.controls.length);
  assert.equal(await page.locator(`.sc-item ${tag}`).count(), 0);
  assert.equal(await page.locator('[data-news="added"]').count(), 0);

  // The version-1 file imported into a fresh browser that has version 2: the same marking.
  figures.faults++;
  const other = await openBrowser(t, { clock: true });
  await serveSwitchable(other, V2);
  const fresh = await other.newPage();
  await openWidget(fresh, MINI_QUERY, { items: V2.controls.length });
  await view(fresh, 'data');
  await setFile(fresh, 'import', file.filename, file.text);
  await fresh.locator('button[data-action="import-confirm"]').click();
  await fresh.locator('[data-import="message"][role="status"]').waitFor();
  await view(fresh, 'answer');
  await item(fresh, '4').locator(tag).waitFor();
  assert.equal(await fresh.locator(`.sc-item ${tag}`).count(), 1, 'imported: only the reworded item is marked');
  expectNoLoss({ 1: 'achieved', 4: 'partial' }, await shownAnswers(fresh), 'imported under version 2');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GETs');
});

// ------------------------------------------------------------ 1 the browser deletes the data

/** Makes navigator.storage answer as a browser would: not persisted until asked, then granted; counts the asks. */
async function stubPersist(session, { grant = true } = {}) {
  await session.context.addInitScript((g) => {
    let granted = false;
    window.__persistAsked = 0;
    const proto = Object.getPrototypeOf(navigator.storage);
    Object.defineProperty(proto, 'persisted', { configurable: true, value: async () => granted });
    Object.defineProperty(proto, 'persist', {
      configurable: true,
      value: async () => {
        window.__persistAsked++;
        granted = g;
        return granted;
      },
    });
  }, grant);
}

test('1 eviction: persistent storage asked after the first answer and shown; told once where answers live; last export shown; reminded at the next visit after 3 days', async (t) => {
  const session = await openBrowser(t, { clock: true });
  await session.context.route(
    (u) => u.pathname === '/test-fixtures/mini-catalog.json',
    (route) => route.fulfill({ body: JSON.stringify(MINI), contentType: 'application/json' }),
  );
  await stubPersist(session);
  const T0 = Date.UTC(2026, 10, 2, 1, 0, 0); // 2026-11-02 10:00 in Japan
  await session.context.clock.setSystemTime(T0);
  const page = await session.newPage();
  await openMini(page);
  await view(page, 'data');
  await page.locator('[data-persistence="notpersisted"]').waitFor();
  assert.equal(await page.evaluate(() => window.__persistAsked), 0, 'not asked before anything is answered');
  assert.equal(await page.locator('[data-keep]').count(), 0, 'nothing to tell before an answer');
  await view(page, 'answer');
  await answer(page, { 1: 'achieved' });
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');
  await until(async () => (await page.evaluate(() => window.__persistAsked)) === 1, 'persist() asked once');
  // Told once, in Japanese, how to keep a copy.
  const bar = page.locator('[data-keep="tell"][role="status"]');
  await bar.waitFor();
  assert.ok(hasJapanese(await bar.innerText()) && /JSON/.test(await bar.innerText()));
  await screenshot(page, 'durability-keep-tell', 375, { fullPage: false });
  await screenshot(page, 'durability-keep-tell', 1280, { fullPage: false });
  await answer(page, { 4: 'partial' });
  await settle(page);
  assert.equal(await page.evaluate(() => window.__persistAsked), 1, 'asked once per visit, not per answer');
  await view(page, 'data');
  await page.locator('[data-persistence="persisted"]').waitFor();
  await page.setViewportSize({ width: 375, height: 900 });
  await page.locator('section[aria-labelledby="sc-priv-h"]').screenshot({ path: path.join(RESULTS, 'screenshots', 'durability-privacy-card-375.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await view(page, 'answer');
  await bar.locator('button[data-action="keep-dismiss"]').click();
  await waitForCount(page.locator('[data-keep]'), 0);
  await settle(page);
  await page.reload();
  await waitForItems(page, MINI.controls.length);
  assert.equal(await page.locator('[data-keep]').count(), 0, 'told once: remembered');
  const footer = page.locator('.sc-footer .sc-exported');
  assert.match(await footer.innerText(), /まだ書き出していません.*2/, 'footer: not exported yet, 2 changes waiting');

  // Exported: the footer shows the date; a later visit has nothing to remind.
  const file = await download(page, () => page.locator('button[data-action="export-json"]').click());
  assert.equal(file.json.answers['1'].option, 'achieved');
  await until(async () => /最終書き出し: 2026-11-02/.test(await footer.innerText()), 'last exported date in the footer');
  await settle(page);
  assert.ok((await storedWorkspace(page, NS)).entities[0].exported >= T0, 'the export date is stored');

  // A change, then four days without exporting: the next visit reminds, once.
  figures.faults++;
  await answer(page, { 5: 'not_achieved' });
  await waitForStoredAnswers(page, (a) => a['5'] === 'not_achieved');
  await session.context.clock.setSystemTime(T0 + 4 * 24 * 3600 * 1000);
  await page.reload();
  await waitForItems(page, MINI.controls.length);
  const remind = page.locator('[data-keep="remind"]');
  await remind.waitFor();
  assert.match(await remind.innerText(), /書き出していない変更があります: 1/);
  await screenshot(page, 'durability-remind', 375, { fullPage: false });
  await remind.locator('button[data-action="keep-dismiss"]').click();
  await waitForCount(page.locator('[data-keep]'), 0);
  await page.reload();
  await waitForItems(page, MINI.controls.length);
  await remind.waitFor();
  await download(page, () => remind.locator('button[data-action="keep-export"]').click());
  await waitForCount(page.locator('[data-keep]'), 0);
  await settle(page);
  await page.reload();
  await waitForItems(page, MINI.controls.length);
  await settle(page);
  assert.equal(await page.locator('[data-keep]').count(), 0, 'nothing to remind after the export');
  expectNoLoss({ 1: 'achieved', 4: 'partial', 5: 'not_achieved' }, await shownAnswers(page), 'after the visits');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'persist() is not a request: only same-origin GETs');
});
