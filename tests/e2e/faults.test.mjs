// Issue 5, "never lose an answer": a fault suite in a real browser.
//
// Every test injects one or more faults (storage disabled, quota exceeded,
// corrupt or old stored data, two tabs, closing the page at once, hostile or
// broken files, printing) and checks, as a user would, that no answer is
// lost. The counters at the bottom are printed when the file ends:
//   faults injected: N, inputs tried: M, answers lost: 0, deleted data resurrected: 0
// (tests/e2e/durability.test.mjs adds the cases of issue 14: links that swap
// the catalog, delete-all across tabs, embedding without CORS.)
//
// Run: scripts/build.sh && node --test tests/e2e/faults.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT,
  RESULTS,
  TIMEOUT,
  MINI,
  setupFile,
  appUrl,
  openBrowser,
  openWidget,
  openMini,
  waitForItems,
  waitForCount,
  radio,
  answer,
  shownAnswers,
  setNote,
  setFile,
  view,
  until,
  settle,
  download,
  readLocalStorage,
  storedAnswers,
  waitForStoredAnswers,
  countLoss,
} from './helpers.mjs';

// Most tests run on the mini catalog (tests/fixtures/mini-catalog.json: JAMA/JAPIA
// items 1, 4-10, 13, 14 and 21, ids kept); the print test on the real one.
const ITEMS = MINI.controls.length;
const CATALOG = MINI;
const JAMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));
const NS = 'selfcheck';
const WS_KEY = `${NS}:v2:workspace`;

/**
 * The fault tests' browser context: the mini catalog, and the page clock
 * under the test's control (settle(page) runs any pending save instead of a
 * sleep, so "nothing was saved" is checked after the debounce has fired).
 */
const FAULTS = { clock: true, mini: true };

/** Figures for the summary line. */
const figures = { faults: 0, inputs: 0, answersChecked: 0, lost: 0, resurrected: 0 };

setupFile();
after(() => {
  const line =
    `faults injected: ${figures.faults}, inputs tried: ${figures.inputs}, ` +
    `answers checked: ${figures.answersChecked}, answers lost: ${figures.lost}, ` +
    `deleted data resurrected: ${figures.resurrected} (across tabs and catalogs: durability.test.mjs)`;
  console.log(line);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'faults-summary.txt'), `${line}\n`);
});

// ---------------------------------------------------------------- helpers

/** Counts `expected` as checked and what `actual` misses as lost, then asserts none was (helpers.countLoss). */
const expectNoLoss = (expected, actual, where) => countLoss(figures, expected, actual, where);

/** The exported JSON (header button): {control: option}. */
async function exportedAnswers(page) {
  const file = await download(page, () => page.locator('button[data-action="export-json"]').click());
  assert.ok(file.json, `the export is JSON (${file.filename})`);
  return {
    file,
    answers: Object.fromEntries(Object.entries(file.json.answers || {}).map(([c, a]) => [c, a.option])),
  };
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

const hasJapanese = (s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

// ------------------------------------------------------------------ tests

test('1 storage disabled: works in memory, banner, export holds the answers, prompt before leaving', async (t) => {
  const session = await openBrowser(t, FAULTS);
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
  await openMini(page);
  await page.locator('[data-banner="unavailable"]').waitFor();
  assert.ok(hasJapanese(await page.locator('[data-banner="unavailable"]').innerText()), 'the banner is in Japanese');

  const ANSWERS = { 1: 'achieved', 4: 'partial', 5: 'not_achieved', 6: 'achieved' };
  await answer(page, ANSWERS);
  await setNote(page, '4', 'メモ: ストレージなし');
  await settle(page); // the debounced save runs (and fails) in between
  expectNoLoss(ANSWERS, await shownAnswers(page), 'on screen, storage disabled');
  assert.equal(await page.locator('[data-banner="unavailable"]').count(), 1, 'the banner stays');

  const { file, answers } = await exportedAnswers(page);
  expectNoLoss(ANSWERS, answers, 'export, storage disabled');
  assert.equal(file.json.answers['4'].note, 'メモ: ストレージなし', 'the note is exported');

  // Leaving the page asks first (the answers exist only in this page).
  await leaveAndExpectPrompt(page);
});

test('2 quota exceeded: banner, answers stay on screen and in the export', async (t) => {
  const session = await openBrowser(t, FAULTS);
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
  await openMini(page);
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
  await settle(page);
  expectNoLoss(ANSWERS, await shownAnswers(page), 'on screen, quota exceeded');
  assert.equal(await page.locator('[data-banner="quota"]').count(), 1, 'the banner stays');
  const { answers } = await exportedAnswers(page);
  expectNoLoss(ANSWERS, answers, 'export, quota exceeded');

  // Leaving asks first: the answers are not all kept.
  await leaveAndExpectPrompt(page);
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
    const session = await openBrowser(t, FAULTS);
    await session.context.addInitScript(seedOnce({ [WS_KEY]: raw }));
    figures.faults++;
    figures.inputs++;
    const page = await session.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await openMini(page);
    const banner = page.locator('[data-banner="notice"]');
    await banner.waitFor();
    assert.ok(hasJapanese(await banner.innerText()), 'the notice is in Japanese');

    // The raw value is kept under one backup key, also once the clean
    // start's first save has run (page clock advanced past the debounce)...
    await settle(page);
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
    expectNoLoss(ANSWERS, await waitForStoredAnswers(page, (a) => Object.keys(a).length === 2), 'stored after corrupt');
    const after1 = await readLocalStorage(page);
    assert.equal(after1[backups[0][0]], raw, 'the backup is still there after saving');
    await page.reload();
    await waitForItems(page, ITEMS);
    expectNoLoss(ANSWERS, await shownAnswers(page), 'after reload');
    assert.equal(await page.locator('[data-banner="notice"]').count(), 0, 'no notice once the data is readable');
    assert.deepEqual(dialogs, [], 'no dialog (nothing in the value ran)');
  });
}

test('4 older stored schema (v1): answers migrate, shown, and saved under v2 after a change', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const v1 = `{"version":1,"catalog":"${MINI.id}","answers":{"1":"achieved","4":"not_achieved"}}`;
  await session.context.addInitScript(seedOnce({ [`${NS}:v1:answers`]: v1 }));
  figures.faults++;
  const page = await session.newPage();
  await openMini(page);
  const OLD = { 1: 'achieved', 4: 'not_achieved' };
  expectNoLoss(OLD, await shownAnswers(page), 'v1 answers on screen');
  await answer(page, { 5: 'partial' });
  const stored = await waitForStoredAnswers(page, (a) => a['5'] === 'partial');
  expectNoLoss({ ...OLD, 5: 'partial' }, stored, 'v2 key after a change');
  await page.reload();
  await waitForItems(page, ITEMS);
  expectNoLoss({ ...OLD, 5: 'partial' }, await shownAnswers(page), 'after reload');
});

test('5 two tabs: answers of both tabs kept, the later change of one item wins', async (t) => {
  const session = await openBrowser(t, FAULTS);
  figures.faults++;
  const tab1 = await session.newPage();
  await openMini(tab1);
  // The first tab saves its (empty) assessment; the second opens the same one.
  await waitForStoredAnswers(tab1, () => true);
  const tab2 = await session.newPage();
  await openMini(tab2);
  const entity1 = await tab1.locator('select[data-field="entity"]').inputValue();
  assert.equal(await tab2.locator('select[data-field="entity"]').inputValue(), entity1, 'both tabs open the same assessment');

  await answer(tab1, { 1: 'achieved' }); // A in tab 1
  await answer(tab2, { 4: 'partial' }); // B in tab 2
  // C in both, before either save has run: tab 2's change is the later one.
  await radio(tab1, '5', 'not_achieved').check();
  // Tab 2's change is later on the (shared) page clock; no save is due yet.
  await tab1.clock.runFor(30);
  await radio(tab2, '5', 'achieved').check();
  const EXPECTED = { 1: 'achieved', 4: 'partial', 5: 'achieved' };

  const stored = await waitForStoredAnswers(tab1, (a) => Object.keys(a).length === 3 && a['5'] === 'achieved');
  expectNoLoss(EXPECTED, stored, 'stored value');
  // Both tabs converge without a reload (storage event).
  for (const [i, p] of [tab1, tab2].entries()) {
    let seen;
    await until(async () => JSON.stringify((seen = await shownAnswers(p))) === JSON.stringify(EXPECTED), 'the tabs to converge').catch(
      () => {},
    );
    expectNoLoss(EXPECTED, seen, `tab ${i + 1} before reload`);
  }
  await tab1.reload();
  await tab2.reload();
  for (const [i, p] of [tab1, tab2].entries()) {
    await waitForItems(p, ITEMS);
    expectNoLoss(EXPECTED, await shownAnswers(p), `tab ${i + 1} after reload`);
  }
  await settle(tab2);
  expectNoLoss(EXPECTED, await storedAnswers(tab2), 'stored value after both reloads');
});

test('5b two tabs opened at once on an empty profile: no answer lost across the workspace', async (t) => {
  const session = await openBrowser(t, FAULTS);
  figures.faults++;
  const [tab1, tab2] = [await session.newPage(), await session.newPage()];
  await Promise.all([openMini(tab1), openMini(tab2)]);
  await answer(tab1, { 1: 'achieved', 8: 'partial' });
  await answer(tab2, { 9: 'not_achieved' });
  await settle(tab1); // both tabs' saves have run
  await tab1.reload();
  await waitForItems(tab1, ITEMS);
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
    const session = await openBrowser(t, FAULTS);
    figures.faults++;
    const page = await session.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      d.accept().catch(() => {});
    });
    // The page's timers run on a clock the test controls (FAULTS), so
    // "right after" does not depend on how fast this machine is.
    await openMini(page);
    await answer(page, { 1: 'achieved' });
    await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');
    // Stop the page's clock: the 250 ms save debounce cannot fire any more,
    // so only the leave-time flush can keep the last answer.
    await page.clock.pauseAt(Date.now() + 1000);
    await page.locator('.sc-item[data-control="4"] input[value="partial"]').evaluate((el) => el.click());
    const pending = await storedAnswers(page);
    assert.notEqual(pending?.['4'], 'partial', 'the last answer is not saved yet when the page is left');
    await leave(page);
    // close({ runBeforeUnload }) does not wait for the page to go.
    if (how.startsWith('close')) await until(() => page.isClosed(), 'the page to close');
    assert.deepEqual(dialogs, [], 'no prompt: the answer could be saved');
    await session.context.clock.resume();
    const next = how === 'reload' || how === 'navigate away' ? page : await session.newPage();
    if (next !== page || how === 'navigate away') await openMini(next);
    else await waitForItems(next, ITEMS);
    expectNoLoss({ 1: 'achieved', 4: 'partial' }, await shownAnswers(next), `after ${how}`);
  });
}

// ------------------------------------------------------------ 7 import

/** Imports a file that must be refused: a clear alert, no preview, storage unchanged. */
async function importRefused(page, name, text, lang) {
  figures.inputs++;
  const before = nsKeys(await readLocalStorage(page));
  await setFile(page, 'import', name, text);
  const msg = page.locator('[data-import="message"][role="alert"]');
  await msg.waitFor();
  let said = '';
  await until(async () => (said = await msg.innerText()).includes(name), `the message to name ${name}`).catch(() => {});
  assert.ok(said.includes(name), `the message names the file ${name}: ${said}`);
  if (lang === 'ja') assert.ok(hasJapanese(said), `${name}: message in Japanese: ${said}`);
  else assert.ok(!hasJapanese(said) && /[a-z]{4}/i.test(said), `${name}: message in English: ${said}`);
  assert.equal(await page.locator('[data-import="preview"]').count(), 0, `${name}: no preview`);
  await settle(page);
  assert.deepEqual(nsKeys(await readLocalStorage(page)), before, `${name}: nothing stored changed`);
  return said;
}

/** Malformed, foreign and hostile import files built from a real export. */
function badImports(good) {
  const doc = JSON.parse(good);
  const withDoc = (f) => {
    const d = structuredClone(doc);
    f(d);
    return JSON.stringify(d);
  };
  return {
    'foreign.json': JSON.stringify({ hello: 'world', answers: { 1: 'achieved' } }),
    'broken.json': good.slice(0, Math.floor(good.length / 2)),
    'huge.json': withDoc((d) => {
      d.entity.name = 'x'.repeat(3 * 1024 * 1024);
    }),
    'other-catalog.json': withDoc((d) => {
      d.catalog.id = 'nisc-2023';
    }),
    'empty.json': '',
    'future-version.json': withDoc((d) => {
      d.version = 99;
    }),
    'wrong-types.json': withDoc((d) => {
      d.answers = 'achieved';
    }),
    'deep-nesting.json': `${'['.repeat(100000)}${']'.repeat(100000)}`,
    'unknown-option.json': withDoc((d) => {
      d.answers['1'].option = 'maybe';
    }),
    'long-note.json': withDoc((d) => {
      d.answers['1'].note = 'あ'.repeat(20000);
    }),
    'unknown-field.json': withDoc((d) => {
      d.device_id = 'abc';
    }),
    'null.json': 'null',
  };
}

test('7 import: export, delete all, import restores everything; bad files refused with a clear message', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const page = await session.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.accept().catch(() => {});
  });
  await openMini(page);
  const ANSWERS = { 1: 'achieved', 4: 'partial', 5: 'not_applicable', 6: 'not_achieved' };
  await answer(page, ANSWERS);
  const reason = page.locator('.sc-item[data-control="5"] input[data-field="reason"]');
  await reason.fill('該当する設備がない');
  await reason.blur();
  await setNote(page, '4', '手順書は作成中。\n次回見直し: 来月');
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 4);

  await view(page, 'data');
  const exported = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  assert.ok(exported.json, 'the export is JSON');
  assert.equal(exported.json.answers['4'].note, '手順書は作成中。\n次回見直し: 来月');

  // Delete all data (confirmed): storage holds nothing of the namespace.
  await page.locator('button[data-action="delete-all"]').click();
  await settle(page);
  const left = nsKeys(await readLocalStorage(page));
  figures.resurrected += Object.keys(left).length;
  assert.deepEqual(left, {}, 'nothing left after "delete all"');
  assert.ok(dialogs.includes('confirm'), 'delete-all asked first');

  // Import the file: shown as new, confirmed, everything back.
  figures.faults++;
  figures.inputs++;
  await setFile(page, 'import', exported.filename, exported.text);
  const preview = page.locator('[data-import="preview"]');
  await preview.waitFor();
  await preview.locator('button[data-action="import-confirm"]').click();
  await page.locator('[data-import="message"][role="status"]').waitFor();
  const again = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  assert.deepEqual(again.json.answers, exported.json.answers, 'the imported answers equal the exported ones');
  assert.deepEqual(again.json.entity.name, exported.json.entity.name);
  assert.deepEqual(again.json.snapshots, exported.json.snapshots);
  await view(page, 'answer');
  expectNoLoss(ANSWERS, await shownAnswers(page), 'after import');
  const stored = await waitForStoredAnswers(page, (a) => Object.keys(a).length === 4);
  expectNoLoss(ANSWERS, stored, 'stored after import');

  // Files that must be refused, in Japanese...
  await view(page, 'data');
  await settle(page); // the import's save has happened
  const bad = badImports(exported.text);
  const messages = {};
  for (const [name, text] of Object.entries(bad)) {
    figures.faults++;
    messages[name] = await importRefused(page, name, text, 'ja');
  }
  // ... and in English.
  const en = await session.newPage();
  en.on('dialog', (d) => d.dismiss().catch(() => {}));
  await openMini(en, '&lang=en');
  await view(en, 'data');
  await settle(en);
  for (const [name, text] of Object.entries(bad)) {
    figures.faults++;
    await importRefused(en, name, text, 'en');
  }
  t.diagnostic(`import messages (ja): ${JSON.stringify(messages, null, 1).slice(0, 3000)}`);
  // The refused files changed nothing.
  await view(page, 'answer');
  expectNoLoss(ANSWERS, await shownAnswers(page), 'after refused imports');
});

test('7b import of hostile text: rendered as text, nothing runs', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const page = await session.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await openMini(page);
  await answer(page, { 1: 'achieved', 4: 'partial' });
  await view(page, 'data');
  const exported = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  const doc = exported.json;
  const IMG = '<img src=x onerror=alert(1)>';
  const SCRIPT = '<script>alert(2)</script>';
  doc.entity.id = 'hostile-entity';
  doc.entity.name = `${IMG}${SCRIPT}`;
  doc.answers['4'].note = `${SCRIPT}\n${IMG}`;
  doc.answers['4'].evidence = ['javascript:alert(3)', IMG];
  figures.inputs++;
  await setFile(page, 'import', 'hostile.json', JSON.stringify(doc));
  const preview = page.locator('[data-import="preview"]');
  await preview.waitFor();
  assert.ok((await preview.innerText()).includes(IMG), 'the preview shows the name as text');
  await preview.locator('button[data-action="import-confirm"]').click();
  await page.locator('[data-import="message"][role="status"]').waitFor();

  // The name as text, in the entity list and the header.
  assert.equal(await page.locator('input[data-field="entity-name"]').last().inputValue(), `${IMG}${SCRIPT}`);
  const options = await page.locator('select[data-field="entity"] option').allInnerTexts();
  assert.ok(options.includes(`${IMG}${SCRIPT}`), `the entity is listed by its literal name: ${options}`);
  await view(page, 'answer');
  const item = page.locator('.sc-item[data-control="4"]');
  assert.equal(await item.locator('textarea[data-field="note"]').inputValue(), `${SCRIPT}\n${IMG}`);
  assert.equal(await item.locator('textarea[data-field="evidence"]').inputValue(), `javascript:alert(3)\n${IMG}`);
  await view(page, 'results');
  await page.locator('[data-figure="overall"]').waitFor();
  const found = await inShadow(page, (root) => ({
    img: root.querySelectorAll('img').length,
    script: root.querySelectorAll('script').length,
    js: [...root.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
  }));
  assert.deepEqual(found, { img: 0, script: 0, js: 0 }, 'no element made from the hostile text');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no img in the page either');
  assert.deepEqual(dialogs, [], 'no dialog fired');
});

// ------------------------------------------------------ 8 hostile catalog

test('8 hostile catalog file: texts inert, javascript: URL not a link; a malformed file gives a located error', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const page = await session.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await openMini(page);
  const ANSWERS = { 1: 'achieved', 9: 'not_achieved' };
  await answer(page, ANSWERS);
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 2);

  const SCRIPT = '<script>alert(1)</script>';
  const hostile = structuredClone(CATALOG);
  hostile.id = 'hostile-test';
  hostile.title = { ja: `${SCRIPT}チェックリスト`, en: `${SCRIPT}checklist` };
  const c0 = hostile.controls[0];
  c0.statements[1].text = `${SCRIPT}<img src=x onerror=alert(2)>方針を策定`;
  c0.commentary[0].references[0] = { title: '<b>参考</b>', url: 'javascript:alert(1)' };
  c0.commentary[0].references[1] = { title: '参考2', url: ' JAVASCRIPT:alert(3)' };
  figures.inputs++;
  await view(page, 'data');
  await setFile(page, 'catalog-file', 'hostile.json', JSON.stringify(hostile));
  await page.locator('h1', { hasText: 'チェックリスト' }).waitFor();
  await waitForItems(page, ITEMS);
  assert.ok((await page.locator('h1').innerText()).includes(SCRIPT), 'the title shows the script tag as text');
  const item = page.locator('.sc-item[data-control="1"]');
  assert.ok((await item.innerText()).includes(`${SCRIPT}<img src=x onerror=alert(2)>方針を策定`), 'statement as text');
  await item.locator('details.sc-commentary > summary').click();
  const refs = item.locator('.sc-refs');
  const refsText = await refs.innerText();
  assert.ok(refsText.includes('javascript:alert(1)') && refsText.includes('<b>参考</b>'), `references as text: ${refsText}`);
  const found = await inShadow(page, (root) => ({
    img: root.querySelectorAll('img').length,
    script: root.querySelectorAll('script').length,
    b: root.querySelectorAll('.sc-refs b').length,
    js: [...root.querySelectorAll('a[href]')].filter((a) => !/^https?:/i.test(a.getAttribute('href'))).length,
  }));
  assert.deepEqual(found, { img: 0, script: 0, b: 0, js: 0 }, 'no element made from catalog text; no javascript: link');
  assert.deepEqual(dialogs, []);

  // A malformed catalog: a wrong type deep inside, and a syntax error; each
  // located (path and line), and nothing stored changes.
  const pretty = (c) => JSON.stringify(c, null, 2);
  const wrongType = structuredClone(CATALOG);
  wrongType.controls[3].level = 5;
  const wrongText = pretty(wrongType);
  const wrongLine = wrongText.split('\n').findIndex((l) => l.includes('"level": 5')) + 1;
  const syntaxText = pretty(CATALOG).replace('"number": "4",', '"number": "4"');
  const syntaxLine = syntaxText.split('\n').findIndex((l) => l.includes('"number": "4"')) + 2;
  const CASES = [
    ['wrong-type.json', wrongText, 'controls[3].level', wrongLine],
    ['syntax.json', syntaxText, null, syntaxLine],
  ];
  for (const [name, text, where, line] of CASES) {
    figures.inputs++;
    await openMini(page);
    await settle(page);
    const before = nsKeys(await readLocalStorage(page));
    await view(page, 'data');
    await setFile(page, 'catalog-file', name, text);
    const alert = page.locator('[role="alert"].sc-error');
    await alert.waitFor();
    const said = await alert.innerText();
    t.diagnostic(`${name}: ${said.replace(/\s+/g, ' ')}`);
    assert.ok(said.includes(name), `names the file: ${said}`);
    if (where) assert.ok(said.includes(where), `names the path ${where}: ${said}`);
    assert.match(said, new RegExp(`${line} 行`), `names line ${line}: ${said}`);
    await settle(page);
    assert.deepEqual(nsKeys(await readLocalStorage(page)), before, `${name}: nothing stored changed`);
  }
  await openMini(page);
  expectNoLoss(ANSWERS, await shownAnswers(page), 'JAMA answers after the hostile and malformed catalogs');
});

// ------------------------------------------------------------- 9 CSV

/** RFC 4180 records of a CSV text (quoted fields may hold CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

test('9 CSV export: BOM, CRLF, one row per control, Japanese intact', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const page = await session.newPage();
  await openMini(page);
  const ANSWERS = { 1: 'achieved', 4: 'partial', 6: 'not_achieved' };
  await answer(page, ANSWERS);
  await setNote(page, '4', 'メモ, "引用" と改行\n二行目');
  await view(page, 'data');
  const file = await download(page, () => page.locator('button[data-action="export-csv"]').click());
  assert.match(file.filename, /\.csv$/);
  const bytes = fs.readFileSync(file.path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'records end with CRLF');
  assert.equal(text.replace(/\r\n/g, '').includes('\r'), false, 'no lone CR');
  const rows = parseCsv(text);
  assert.equal(rows.length, ITEMS + 1, 'a header and one row per control');
  assert.ok(rows.every((r) => r.length === rows[0].length), 'every row has the header\'s columns');
  assert.deepEqual(rows[0].slice(0, 5), ['ID', 'グループ', 'レベル', '項目', '回答']);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), CATALOG.controls.map((c) => c.id), 'rows in catalog order');
  const byId = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  const texts = CATALOG.controls[0].statements.map((s) => s.text);
  assert.ok(texts.some((x) => byId['1'].includes(x)), `item 1's text verbatim: ${byId['1']}`);
  assert.equal(byId['1'][4], '達成');
  assert.equal(byId['4'][4], '一部達成');
  assert.equal(byId['6'][4], '未達成');
  assert.ok(byId['4'].includes('メモ, "引用" と改行\n二行目'), 'the note with comma, quotes and line break');
  expectNoLoss(
    ANSWERS,
    Object.fromEntries(
      Object.keys(ANSWERS).map((c) => [c, { 達成: 'achieved', 一部達成: 'partial', 未達成: 'not_achieved' }[byId[c][4]]]),
    ),
    'CSV',
  );
});

// ------------------------------------------------------------- 10 print

/** True when a command is on PATH. */
function have(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('10 print: the PDF is a clean report with results and every answer', async (t) => {
  if (!have('pdftoppm') || !have('pdftotext')) {
    t.skip('pdftoppm/pdftotext missing: apt-get install -y poppler-utils');
    return;
  }
  const session = await openBrowser(t);
  const page = await session.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.dismiss().catch(() => {});
  });
  await openWidget(page);
  await page.locator('select[data-field="target"]').selectOption('Lv2');
  // Forty answers of every kind, some with notes, a reason, evidence.
  const options = ['achieved', 'achieved', 'partial', 'not_achieved', 'not_applicable'];
  const ANSWERS = Object.fromEntries(JAMA.controls.slice(0, 40).map((c, i) => [c.id, options[i % options.length]]));
  await answer(page, ANSWERS);
  for (const [c, o] of Object.entries(ANSWERS)) {
    if (o !== 'not_applicable') continue;
    const r = page.locator(`.sc-item[data-control="${c}"] input[data-field="reason"]`);
    await r.fill(`対象外の理由 ${c}`);
    await r.blur();
  }
  const NOTES = { 1: '方針は2024年改定。\n次回は来年4月。', 4: '<script>alert(1)</script> は文字として表示', 6: '担当: 情報システム部' };
  for (const [c, n] of Object.entries(NOTES)) await setNote(page, c, n);
  const ev = page.locator('.sc-item[data-control="1"] textarea[data-field="evidence"]');
  await ev.fill('情報セキュリティ基本方針.pdf\nhttps://example.invalid/policy');
  await ev.blur();
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 40);

  await view(page, 'results');
  const overall = await page.locator('[data-figure="overall"]').innerText();
  const gapCount = await page.locator('ol[data-list="gaps"] > li').count();
  await page.emulateMedia({ media: 'print' });
  fs.mkdirSync(RESULTS, { recursive: true });
  const pdf = path.join(RESULTS, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  // After printing the page is as it was: the report is gone, the results view is back.
  await waitForCount(page.locator('[data-print="report"]'), 0);
  assert.equal(await page.locator('[data-figure="overall"]').count(), 1);

  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
  assert.ok(pages >= 3, `a multi-page report (${pages} pages)`);
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  // Results: summary, scores, radar, gap list.
  assert.ok(text.includes('報告書'), 'the report title');
  assert.ok(text.includes(overall), `the overall figure ${overall}`);
  for (const heading of ['レベル別', '分類別の達成状況', '対策が必要な項目']) assert.ok(text.includes(heading), heading);
  assert.match(text, new RegExp(`対策が必要な項目[^\\n]*\\(${gapCount}\\)`), `the gap list with its ${gapCount} items`);
  // Every control with its answer, the notes verbatim, the reasons, the evidence.
  for (const c of JAMA.controls) assert.ok(text.includes(`No. ${c.number}`), `item No. ${c.number} is printed`);
  for (const n of Object.values(NOTES)) assert.ok(flat.includes(n.replace(/\s+/g, '')), `note printed: ${n}`);
  assert.ok(flat.includes('対象外の理由'), 'N/A reasons printed');
  assert.ok(flat.includes('情報セキュリティ基本方針.pdf'), 'evidence printed');
  // Nothing to click on paper.
  for (const ui of ['JSONで書き出す', 'データ管理', '最初の未回答項目へ', '絞り込み', 'Cookie']) {
    assert.ok(!text.includes(ui), `no "${ui}" on paper`);
  }
  // Look at the pages: PNGs of the first three and the last.
  const prefix = path.join(RESULTS, 'report-page');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, prefix]);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pages), '-l', String(pages), pdf, prefix]);
  t.diagnostic(`report.pdf: ${pages} pages; PNGs at ${prefix}-*.png`);
  figures.answersChecked += Object.keys(ANSWERS).length;
  assert.deepEqual(dialogs, []);
});

// ------------------------------------------------- more storage faults

/** Waits for a dialog of `type` after `action` (e.g. closing the page). */
async function leaveAndExpectPrompt(page) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.accept().catch(() => {});
  });
  await page.close({ runBeforeUnload: true });
  await until(() => dialogs.length > 0, 'a dialog').catch(() => {});
  assert.deepEqual(dialogs, ['beforeunload'], 'a beforeunload prompt was shown');
}

test('3b data from a newer version: left untouched, answers in memory and export, prompt before leaving', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const future = '{"schema":4,"saved":1,"workspace":{"entities":[],"active":"","new_field":true}}';
  await session.context.addInitScript(seedOnce({ [WS_KEY]: future }));
  figures.faults++;
  figures.inputs++;
  const page = await session.newPage();
  await openMini(page);
  await page.locator('[data-banner="notice"]').waitFor();
  const ANSWERS = { 1: 'achieved', 4: 'not_achieved' };
  await answer(page, ANSWERS);
  await settle(page);
  assert.equal((await readLocalStorage(page))[WS_KEY], future, 'the newer data is not overwritten');
  expectNoLoss(ANSWERS, await shownAnswers(page), 'on screen, newer data stored');
  expectNoLoss(ANSWERS, (await exportedAnswers(page)).answers, 'export, newer data stored');
  await leaveAndExpectPrompt(page);
});

test('3c corrupt value and a full storage: the raw value is still offered, kept, and the user is told answers are not saved', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const raw = '{"schema":2,"workspace":{"entities":[{"id":"x","answers":{"1":{"option":"achieved"';
  await session.context.addInitScript(seedOnce({ [WS_KEY]: raw }));
  await session.context.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  figures.faults += 2;
  figures.inputs++;
  const page = await session.newPage();
  await openMini(page);
  const notice = page.locator('[data-banner="notice"]');
  await notice.waitFor();
  const file = await download(page, () => notice.locator('button[data-action="download-backup"]').click());
  assert.equal(file.text, raw, 'the download holds the exact raw value');
  const ANSWERS = { 1: 'partial', 4: 'achieved' };
  await answer(page, ANSWERS);
  await settle(page);
  assert.equal((await readLocalStorage(page))[WS_KEY], raw, 'the damaged value is not overwritten (no copy could be made)');
  await page.locator('[data-banner="quota"]').waitFor();
  expectNoLoss(ANSWERS, (await exportedAnswers(page)).answers, 'export, corrupt value and full storage');
  await leaveAndExpectPrompt(page);
});

test('6e hidden page (visibilitychange): the pending answer is written at once', async (t) => {
  const session = await openBrowser(t, FAULTS);
  figures.faults++;
  const page = await session.newPage();
  await openMini(page);
  await waitForStoredAnswers(page, () => true);
  await page.locator('.sc-item[data-control="4"] input[value="achieved"]').evaluate((el) => el.click());
  // Next task: the page is hidden (tab switched, phone locked); read storage synchronously.
  const stored = await page.evaluate((key) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    return localStorage.getItem(key);
  }, WS_KEY);
  const e = JSON.parse(stored).workspace.entities[0];
  expectNoLoss({ 4: 'achieved' }, { 4: e.answers['4']?.option }, 'written on visibilitychange, before the debounce');
});

test('7c oversized files (import and catalog): a clear message, nothing changes', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const page = await session.newPage();
  await openMini(page);
  await answer(page, { 1: 'achieved' });
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');
  await view(page, 'data');
  figures.faults++;
  const big = Buffer.alloc(20 * 1024 * 1024, 0x20);
  const said = await importRefused(page, 'twenty-mb.json', big, 'ja');
  assert.match(said, /大きすぎ/, `the message says the file is too large: ${said}`);
  figures.faults++;
  figures.inputs++;
  await setFile(page, 'catalog-file', 'twenty-mb-catalog.json', big);
  const alert = page.locator('[role="alert"]', { hasText: 'twenty-mb-catalog.json' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /大きすぎ/);
  await openMini(page);
  expectNoLoss({ 1: 'achieved' }, await shownAnswers(page), 'after oversized files');
});

for (const [how, leave] of Object.entries({
  'close with beforeunload': (page) => page.close({ runBeforeUnload: true }),
  'close without beforeunload': (page) => page.close(),
})) {
  test(`6f a note still being typed when the page is closed (${how}) is kept`, async (t) => {
    const session = await openBrowser(t, FAULTS);
    figures.faults++;
    const page = await session.newPage();
    page.on('dialog', (d) => d.accept().catch(() => {}));
    await openMini(page);
    await answer(page, { 1: 'achieved' });
    await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');
    const item = page.locator('.sc-item[data-control="1"]');
    await item.locator('details.sc-extra > summary').click();
    // Typed, focus still in the field (no change event yet), then the tab is closed.
    await item.locator('textarea[data-field="note"]').fill('書きかけのメモ');
    await leave(page);
    const next = await session.newPage();
    await openMini(next);
    const note = await next.locator('.sc-item[data-control="1"] textarea[data-field="note"]').inputValue();
    figures.answersChecked++;
    if (note !== '書きかけのメモ') figures.lost++;
    assert.equal(note, '書きかけのメモ', 'the note typed last is kept');
  });
}

for (const [name, value] of Object.entries({
  'newer version': '{"schema":4,"saved":1,"workspace":{"entities":[],"active":"","new_field":true}}',
  'damaged value': '{"schema":2,"workspace":{"entities":[{"id":"q","answers":',
})) {
  test(`5c another tab writes a ${name}: never overwritten without a copy, answers kept`, async (t) => {
    const session = await openBrowser(t, FAULTS);
    figures.faults++;
    figures.inputs++;
    const page = await session.newPage();
    await openMini(page);
    await answer(page, { 1: 'achieved' });
    await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');
    // Another tab of the origin (e.g. an older or newer build of the widget) writes the key.
    const other = await session.newPage();
    await other.goto(appUrl('favicon.svg'));
    await other.evaluate(([k, v]) => localStorage.setItem(k, v), [WS_KEY, value]);
    await other.close();
    await answer(page, { 4: 'partial' });
    await settle(page);
    if (name === 'newer version') await page.locator('[data-banner="notice"]').waitFor();
    const all = await readLocalStorage(page);
    const kept =
      all[WS_KEY] === value || Object.entries(all).some(([k, v]) => k.startsWith(`${NS}:v2:corrupt-`) && v === value);
    assert.ok(kept, `the other tab's value is kept (in place or as a backup): ${JSON.stringify(Object.keys(all))}`);
    expectNoLoss({ 1: 'achieved', 4: 'partial' }, await shownAnswers(page), `on screen after the ${name}`);
    expectNoLoss({ 1: 'achieved', 4: 'partial' }, (await exportedAnswers(page)).answers, `export after the ${name}`);
  });
}

test('7d import over the same assessment: cancel changes nothing; merge keeps the newer answers', async (t) => {
  const session = await openBrowser(t, FAULTS);
  const page = await session.newPage();
  await openMini(page);
  await answer(page, { 1: 'achieved', 4: 'partial', 6: 'not_achieved' });
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 3);
  await view(page, 'data');
  const exported = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  // Newer than the file: item 1 changed, item 8 answered.
  await view(page, 'answer');
  await answer(page, { 1: 'not_achieved', 8: 'achieved' });
  const NOW = { 1: 'not_achieved', 4: 'partial', 6: 'not_achieved', 8: 'achieved' };
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 4 && a['1'] === 'not_achieved');
  await view(page, 'data');
  figures.faults += 2;
  figures.inputs += 2;
  const before = nsKeys(await readLocalStorage(page));
  await setFile(page, 'import', exported.filename, exported.text);
  const preview = page.locator('[data-import="preview"]');
  await preview.waitFor();
  assert.match(await preview.locator('[data-import="differs"]').innerText(), /^2 /, 'two answers differ (items 1 and 8)');
  await preview.locator('button[data-action="import-cancel"]').click();
  await waitForCount(preview, 0);
  await settle(page);
  assert.deepEqual(nsKeys(await readLocalStorage(page)), before, 'cancel changed nothing');

  await setFile(page, 'import', exported.filename, exported.text);
  await preview.waitFor();
  await preview.locator('button[data-action="import-merge"]').click();
  await page.locator('[data-import="message"][role="status"]').waitFor();
  await view(page, 'answer');
  expectNoLoss(NOW, await shownAnswers(page), 'after merging an older export');
  await settle(page);
  expectNoLoss(NOW, await storedAnswers(page), 'stored after merging an older export');
});
