// Issue 5, "never lose an answer": a fault suite in a real browser.
//
// Every test injects one or more faults (storage disabled, quota exceeded,
// corrupt or old stored data, two tabs, closing the page at once, hostile or
// broken files, printing) and checks, as a user would, that no answer is
// lost. The counters at the bottom are printed when the file ends:
//   faults injected: N, inputs tried: M, answers lost: 0
//
// Run: scripts/build.sh && node --test tests/e2e/faults.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer } from '../../scripts/static-server.mjs';
import {
  DIST,
  ROOT,
  RESULTS,
  openBrowser,
  waitForCount,
  download,
  readLocalStorage,
  storedAnswers,
  waitForStoredAnswers,
  TIMEOUT,
} from './helpers.mjs';

const JAMA_ITEMS = 90;
const NS = 'selfcheck';
const WS_KEY = `${NS}:v2:workspace`;
const CATALOG = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));

/** Figures for the summary line. */
const figures = { faults: 0, inputs: 0, answersChecked: 0, lost: 0 };

let srv;
before(async () => {
  srv = await startServer({ root: DIST, port: 0 });
});
after(() => {
  srv?.close();
  const line =
    `faults injected: ${figures.faults}, inputs tried: ${figures.inputs}, ` +
    `answers checked: ${figures.answersChecked}, answers lost: ${figures.lost}`;
  console.log(line);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'faults-summary.txt'), `${line}\n`);
});

// ---------------------------------------------------------------- helpers

const url = (query = '') => new URL(`/${query}`, srv.url).href;

const radio = (page, control, option) =>
  page.locator(`.sc-item[data-control="${control}"] input[type="radio"][name="ans-${control}"][value="${option}"]`);

/** Opens the standalone page and waits for the 90 items. */
async function openWidget(page, query = '') {
  await page.goto(url(query));
  await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);
}

/** Answers {control: option} through the radios. */
async function answer(page, answers) {
  for (const [control, option] of Object.entries(answers)) {
    await radio(page, control, option).check();
  }
}

/** The answers shown on screen: {control: option} of the checked radios. */
async function shownAnswers(page) {
  const checked = page.locator('.sc-item input[type="radio"]:checked');
  const n = await checked.count();
  const out = {};
  for (let i = 0; i < n; i++) {
    const r = checked.nth(i);
    const name = await r.getAttribute('name');
    out[name.replace(/^ans-/, '')] = await r.getAttribute('value');
  }
  return out;
}

/**
 * Counts every expected answer as checked and those missing (or different)
 * in `actual` as lost; then asserts that none was lost.
 */
function expectNoLoss(expected, actual, where) {
  const missing = Object.entries(expected).filter(([c, o]) => (actual || {})[c] !== o);
  figures.answersChecked += Object.keys(expected).length;
  figures.lost += missing.length;
  assert.deepEqual(missing, [], `answers lost (${where}): ${JSON.stringify(missing)}; seen ${JSON.stringify(actual)}`);
}

/** Writes a note on an item (the value is committed on blur). */
async function setNote(page, control, text) {
  const item = page.locator(`.sc-item[data-control="${control}"]`);
  const details = item.locator('details.sc-extra');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const area = item.locator('textarea[data-field="note"]');
  await area.fill(text);
  await area.blur();
}

/** The exported JSON (header button): {control: option}. */
async function exportedAnswers(page) {
  const file = await download(page, () => page.locator('button[data-action="export-json"]').click());
  assert.ok(file.json, `the export is JSON (${file.filename})`);
  return {
    file,
    answers: Object.fromEntries(Object.entries(file.json.answers || {}).map(([c, a]) => [c, a.option])),
  };
}

async function tab(page, view) {
  await page.locator(`button[role="tab"][data-view="${view}"]`).click();
}

/** Evaluates in the widget's shadow root (page.evaluate does not pierce it). */
function inShadow(page, fn, arg) {
  return page.evaluate(
    ([src, a]) => {
      const host = document.querySelector('#selfcheck');
      // eslint-disable-next-line no-new-func
      return new Function('root', 'arg', `return (${src})(root, arg);`)(host.shadowRoot, a);
    },
    [fn.toString(), arg],
  );
}

/** Only this namespace's keys (the seeding marker and the like are not the widget's). */
function nsKeys(all) {
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(`${NS}:`)));
}

/** Waits `ms` (only to let a debounced save that must NOT happen have its chance). */
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Longer than the save debounce (250 ms), with margin for a slow machine. */
const SAVE_WINDOW_MS = 900;

/** Init script: seed localStorage once per browser profile (not again on reload). */
function seedOnce(values) {
  return {
    content: `(() => {
      try {
        if (localStorage.getItem('test:seeded')) return;
        const v = ${JSON.stringify(values)};
        for (const [k, x] of Object.entries(v)) localStorage.setItem(k, x);
        localStorage.setItem('test:seeded', '1');
      } catch (e) {}
    })();`,
  };
}

/** Like waitForStoredAnswers, but a stored value that is not (yet) a readable workspace counts as none. */
async function waitForReadableAnswers(page, pred, timeout = 5000) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    last = await storedAnswers(page).catch(() => null);
    if (last && pred(last)) return last;
    await pause(50);
  }
  throw new Error(`stored answers never matched; last seen: ${JSON.stringify(last)}`);
}

const hasJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

// ------------------------------------------------------------------ tests

test('1 storage disabled: works in memory, banner, export holds the answers, prompt before leaving', async (t) => {
  const session = await openBrowser(t);
  // localStorage throws on access, as with blocked site data or a sandboxed iframe.
  await session.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  figures.faults++;
  const page = await session.newPage();
  await openWidget(page);
  await page.locator('[data-banner="unavailable"]').waitFor();
  assert.ok(hasJapanese(await page.locator('[data-banner="unavailable"]').innerText()), 'the banner is in Japanese');

  const ANSWERS = { 1: 'achieved', 4: 'partial', 5: 'not_achieved', 6: 'achieved' };
  await answer(page, ANSWERS);
  await setNote(page, '4', 'メモ: ストレージなし');
  await pause(SAVE_WINDOW_MS); // the debounced save runs (and fails) in between
  expectNoLoss(ANSWERS, await shownAnswers(page), 'on screen, storage disabled');
  assert.equal(await page.locator('[data-banner="unavailable"]').count(), 1, 'the banner stays');

  const { file, answers } = await exportedAnswers(page);
  expectNoLoss(ANSWERS, answers, 'export, storage disabled');
  assert.equal(file.json.answers['4'].note, 'メモ: ストレージなし', 'the note is exported');

  // Leaving the page asks first (the answers exist only in this page).
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.accept().catch(() => {});
  });
  await page.close({ runBeforeUnload: true });
  const end = Date.now() + 5000;
  while (!dialogs.length && Date.now() < end) await pause(50);
  assert.deepEqual(dialogs, ['beforeunload'], 'a beforeunload prompt was shown');
});

test('2 quota exceeded: banner, answers stay on screen and in the export', async (t) => {
  const session = await openBrowser(t);
  // The first write of the workspace succeeds; every later one hits the quota.
  await session.context.addInitScript(() => {
    const orig = Storage.prototype.setItem;
    let writes = 0;
    Storage.prototype.setItem = function setItem(k, v) {
      if (String(k).endsWith(':v2:workspace') && writes++ >= 1) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return orig.call(this, k, v);
    };
  });
  figures.faults++;
  const page = await session.newPage();
  await openWidget(page);
  // The first write holds the first answer; the next one fails.
  await answer(page, { 1: 'achieved' });
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');
  await answer(page, { 4: 'not_achieved' });
  await page.locator('[data-banner="quota"]').waitFor();
  assert.ok(hasJapanese(await page.locator('[data-banner="quota"]').innerText()), 'the banner is in Japanese');

  const ANSWERS = { 1: 'achieved', 4: 'not_achieved', 5: 'not_applicable', 13: 'partial' };
  await answer(page, ANSWERS);
  await page.locator('.sc-item[data-control="5"] input[data-field="reason"]').fill('自社に該当設備なし');
  await page.locator('.sc-item[data-control="5"] input[data-field="reason"]').blur();
  await pause(SAVE_WINDOW_MS);
  expectNoLoss(ANSWERS, await shownAnswers(page), 'on screen, quota exceeded');
  assert.equal(await page.locator('[data-banner="quota"]').count(), 1, 'the banner stays');
  const { answers } = await exportedAnswers(page);
  expectNoLoss(ANSWERS, answers, 'export, quota exceeded');

  // Leaving asks first: the answers are not all kept.
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.accept().catch(() => {});
  });
  await page.close({ runBeforeUnload: true });
  const end = Date.now() + 5000;
  while (!dialogs.length && Date.now() < end) await pause(50);
  assert.deepEqual(dialogs, ['beforeunload'], 'a beforeunload prompt was shown');
});

const CORRUPT_VALUES = {
  'broken JSON': '{"schema":2,"saved":1,"workspace":{"entities":[{"id":"a","answers":{"1":',
  'wrong shape': '{"schema":2,"saved":1,"workspace":{"entities":"not a list","active":5}}',
  'not an object': '[1,2,3]',
  'unknown version 0': '{"schema":0,"workspace":{}}',
  'binary junk': '\u0000\u0001\uFFFD<script>alert(1)</script>',
};

for (const [name, raw] of Object.entries(CORRUPT_VALUES)) {
  test(`3 corrupt stored value (${name}): backup kept and offered, clean start, new answers save`, async (t) => {
    const session = await openBrowser(t);
    await session.context.addInitScript(seedOnce({ [WS_KEY]: raw }));
    figures.faults++;
    figures.inputs++;
    const page = await session.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await openWidget(page);
    const banner = page.locator('[data-banner="notice"]');
    await banner.waitFor();
    assert.ok(hasJapanese(await banner.innerText()), 'the notice is in Japanese');

    // The raw value is kept under a backup key...
    const all = await readLocalStorage(page);
    const backups = Object.entries(all).filter(([k]) => k.startsWith(`${NS}:v2:corrupt-`));
    assert.equal(backups.length, 1, `one backup key (${Object.keys(all).join(', ')})`);
    assert.equal(backups[0][1], raw, 'the backup holds the exact raw value');
    // ... and offered for download, byte for byte.
    const file = await download(page, () => banner.locator('button[data-action="download-backup"]').click());
    assert.equal(file.text, raw, 'the download holds the exact raw value');

    // A clean start: nothing answered; new answers are saved.
    assert.equal(await page.locator('.sc-item input[type="radio"]:checked').count(), 0);
    const ANSWERS = { 1: 'achieved', 7: 'not_achieved' };
    await answer(page, ANSWERS);
    expectNoLoss(ANSWERS, await waitForReadableAnswers(page, (a) => Object.keys(a).length === 2), 'stored after corrupt');
    const after1 = await readLocalStorage(page);
    assert.equal(after1[backups[0][0]], raw, 'the backup is still there after saving');
    await page.reload();
    await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);
    expectNoLoss(ANSWERS, await shownAnswers(page), 'after reload');
    assert.equal(await page.locator('[data-banner="notice"]').count(), 0, 'no notice once the data is readable');
    assert.deepEqual(dialogs, [], 'no dialog (nothing in the value ran)');
  });
}

test('4 older stored schema (v1): answers migrate, shown, and saved under v2 after a change', async (t) => {
  const session = await openBrowser(t);
  const v1 = '{"version":1,"catalog":"jama-japia-v2.2","answers":{"1":"achieved","4":"not_achieved"}}';
  await session.context.addInitScript(seedOnce({ [`${NS}:v1:answers`]: v1 }));
  figures.faults++;
  const page = await session.newPage();
  await openWidget(page);
  const OLD = { 1: 'achieved', 4: 'not_achieved' };
  expectNoLoss(OLD, await shownAnswers(page), 'v1 answers on screen');
  await answer(page, { 5: 'partial' });
  const stored = await waitForStoredAnswers(page, (a) => a['5'] === 'partial');
  expectNoLoss({ ...OLD, 5: 'partial' }, stored, 'v2 key after a change');
  await page.reload();
  await waitForCount(page.locator('.sc-item'), JAMA_ITEMS);
  expectNoLoss({ ...OLD, 5: 'partial' }, await shownAnswers(page), 'after reload');
});

test('5 two tabs: answers of both tabs kept, the later change of one item wins', async (t) => {
  const session = await openBrowser(t);
  figures.faults++;
  const tab1 = await session.newPage();
  await openWidget(tab1);
  // The first tab saves its (empty) assessment; the second opens the same one.
  await waitForStoredAnswers(tab1, () => true);
  const tab2 = await session.newPage();
  await openWidget(tab2);
  const entity1 = await tab1.locator('select[data-field="entity"]').inputValue();
  assert.equal(await tab2.locator('select[data-field="entity"]').inputValue(), entity1, 'both tabs open the same assessment');

  await answer(tab1, { 1: 'achieved' }); // A in tab 1
  await answer(tab2, { 4: 'partial' }); // B in tab 2
  // C in both, before either save has run: tab 2's change is the later one.
  await radio(tab1, '5', 'not_achieved').check();
  await pause(30);
  await radio(tab2, '5', 'achieved').check();
  const EXPECTED = { 1: 'achieved', 4: 'partial', 5: 'achieved' };

  const stored = await waitForStoredAnswers(tab1, (a) => Object.keys(a).length === 3 && a['5'] === 'achieved', {
    timeout: 10000,
  });
  expectNoLoss(EXPECTED, stored, 'stored value');
  // Both tabs converge without a reload (storage event).
  for (const [i, p] of [tab1, tab2].entries()) {
    const end = Date.now() + 10000;
    let seen;
    while (Date.now() < end) {
      seen = await shownAnswers(p);
      if (JSON.stringify(seen) === JSON.stringify(EXPECTED)) break;
      await pause(100);
    }
    expectNoLoss(EXPECTED, seen, `tab ${i + 1} before reload`);
  }
  await tab1.reload();
  await tab2.reload();
  for (const [i, p] of [tab1, tab2].entries()) {
    await waitForCount(p.locator('.sc-item'), JAMA_ITEMS);
    expectNoLoss(EXPECTED, await shownAnswers(p), `tab ${i + 1} after reload`);
  }
  await pause(SAVE_WINDOW_MS);
  expectNoLoss(EXPECTED, await storedAnswers(tab2), 'stored value after both reloads');
});

test('5b two tabs opened at once on an empty profile: no answer lost across the workspace', async (t) => {
  const session = await openBrowser(t);
  figures.faults++;
  const [tab1, tab2] = [await session.newPage(), await session.newPage()];
  await Promise.all([openWidget(tab1), openWidget(tab2)]);
  await answer(tab1, { 1: 'achieved', 8: 'partial' });
  await answer(tab2, { 9: 'not_achieved' });
  await pause(SAVE_WINDOW_MS * 2);
  await tab1.reload();
  await waitForCount(tab1.locator('.sc-item'), JAMA_ITEMS);
  // Every answer of either tab is somewhere in the stored workspace.
  const all = await tab1.evaluate((k) => {
    const ws = JSON.parse(localStorage.getItem(k)).workspace;
    const out = {};
    for (const e of ws.entities) for (const [c, a] of Object.entries(e.answers)) if (a.option) out[c] = a.option;
    return out;
  }, WS_KEY);
  expectNoLoss({ 1: 'achieved', 8: 'partial', 9: 'not_achieved' }, all, 'workspace of two fresh tabs');
});

const CLOSE_WAYS = {
  'close with beforeunload': (page) => page.close({ runBeforeUnload: true }),
  'close without beforeunload': (page) => page.close(),
  'navigate away': (page) => page.goto('about:blank'),
  reload: (page) => page.reload(),
};

for (const [how, leave] of Object.entries(CLOSE_WAYS)) {
  test(`6 leaving right after an answer (${how}): the answer is kept`, async (t) => {
    const session = await openBrowser(t);
    figures.faults++;
    const page = await session.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      d.accept().catch(() => {});
    });
    await openWidget(page);
    await answer(page, { 1: 'achieved' });
    // The last answer, then leave at once (well inside the 250 ms debounce).
    const t0 = Date.now();
    await page.locator('.sc-item[data-control="4"] input[value="partial"]').evaluate((el) => el.click());
    const clicked = Date.now();
    await leave(page);
    assert.ok(clicked - t0 < 50, `left within 50 ms of the answer (${clicked - t0} ms)`);
    assert.deepEqual(dialogs, [], 'no prompt: the answer could be saved');
    const next = how === 'reload' || how === 'navigate away' ? page : await session.newPage();
    if (next !== page || how === 'navigate away') await openWidget(next);
    else await waitForCount(next.locator('.sc-item'), JAMA_ITEMS);
    expectNoLoss({ 1: 'achieved', 4: 'partial' }, await shownAnswers(next), `after ${how}`);
  });
}
