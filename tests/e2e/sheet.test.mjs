// Issue 12 part 4, an association's own check sheet as its staff meet it:
// an XLSX workbook (written by openpyxl, a writer no one here wrote) with a
// title row, merged label cells, two bad rows and hostile cell text is
// chosen in the Data view; the preview gives the number of items per level
// and per label, the first items, and each bad row with its row and column;
// "use this checklist" opens it, answers are kept across a reload (the same
// file converted again is the same checklist); the downloaded catalog JSON
// validates against catalogs/catalog.schema.json (Python jsonschema). A PNG
// renamed .xlsx and a 30 MB file get a clear message; a CSV works in English.
// The workbook module is fetched only when a sheet is chosen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT,
  RESULTS,
  setupFile,
  openBrowser,
  openWidget,
  waitForItems,
  item,
  answer,
  shownAnswers,
  setFile,
  view,
  download,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
  screenshot,
  axeCheck,
  formatViolations,
  JAMA_ITEMS,
} from './helpers.mjs';

const env = setupFile();

const PY = process.env.SELFCHECK_PYTHON || path.join(ROOT, '.venv', 'bin', 'python');

function python(script, ...args) {
  assert.ok(fs.existsSync(PY), `${PY} is missing: scripts/test.sh makes the .venv (openpyxl, jsonschema)`);
  return execFileSync(PY, [path.join(ROOT, 'tests', 'sheet', script), ...args], { encoding: 'utf8' });
}

const HOSTILE_PURPOSE = '<script>alert(1)</script>目的';
const HOSTILE_CONDITION = '<img src=x onerror="window.__pwned=1">';

/** The association's workbook: a cover sheet, then the sheet with a title, the header in row 3 from column B. */
function workbook() {
  const dir = path.join(RESULTS, 'sheet');
  fs.mkdirSync(dir, { recursive: true });
  const spec = {
    sheets: [
      { name: '表紙', rows: [['会員向けチェックシート']] },
      {
        name: 'シート',
        rows: [
          ['会員向けチェックシート 2024'],
          [],
          [null, 'ラベル', '目的', '要求事項', 'No.', 'レベル', '達成条件', '達成基準', '回答'],
          [null, '1 方針', '目的1', '要求1', 1, 'Lv1', '条件1', '【規則】\n・規程を定める\n・周知する', '済'],
          [null, null, null, null, 2, 'Lv2', '条件2', '・b'],
          [null, '2 体制', '目的2', '要求2', 3, 'レベル3', '条件3', '・c'],
          [null, '2 体制', HOSTILE_PURPOSE, '要求', 4, 'Lv3', HOSTILE_CONDITION, '・d'],
          [null, '2 体制', '目的', '要求', 4, 'Lv1', '条件', '・e'],
        ],
        merge: ['B4:B5', 'C4:C5', 'D4:D5'],
      },
    ],
  };
  const specFile = path.join(dir, 'assoc.json');
  const out = path.join(dir, 'assoc.xlsx');
  fs.writeFileSync(specFile, JSON.stringify(spec));
  python('make_xlsx.py', out, specFile);
  return fs.readFileSync(out);
}

const formatRequests = (page) => page.requests.filter((r) => /selfcheck_workbook/.test(r.url));
const ANSWERS = { 1: 'achieved', 2: 'partial', 4: 'not_achieved' };

async function choose(page, bytes) {
  await view(page, 'data');
  await setFile(page, 'sheet-file', 'assoc.xlsx', bytes);
  const preview = page.locator('[data-sheet="preview"]');
  await preview.waitFor();
  return preview;
}

test('an XLSX check sheet: preview with counts and bad rows, use, answer, reload, kept, download validates', async (t) => {
  const xlsx = workbook();
  const session = await openBrowser(t);
  const page = await openWidget(await session.newPage());
  assert.equal(formatRequests(page).length, 0, 'the first load does not fetch the workbook module');

  const preview = await choose(page, xlsx);
  assert.ok(formatRequests(page).length > 0, 'choosing a sheet loaded the workbook module');
  assert.match(await preview.textContent(), /シート: シート/, 'the worksheet with the headings is used, the cover passed over');
  assert.equal((await preview.locator('[data-sheet="items"]').textContent()).trim(), '項目数: 3');
  const cells = (table) =>
    preview.locator(`[data-sheet="${table}"] tr`).evaluateAll((rs) => rs.map((r) => [...r.children].map((c) => c.textContent.trim())));
  assert.deepEqual(await cells('levels'), [
    ['Lv1（最低限）', '1'],
    ['Lv2（標準）', '1'],
    ['Lv3（先進）', '1'],
  ]);
  assert.deepEqual(await cells('groups'), [
    ['1 方針', '2'],
    ['2 体制', '1'],
  ]);
  const first = await cells('first');
  assert.deepEqual(first[0], ['No.', 'レベル', 'ラベル', '達成条件']);
  assert.deepEqual(first.slice(1), [
    ['1', 'Lv1', '1 方針', '条件1'],
    ['2', 'Lv2', '1 方針', '条件2'],
    ['4', 'Lv3', '2 体制', HOSTILE_CONDITION],
  ]);
  const skipped = await preview
    .locator('[data-sheet="skipped"] li')
    .evaluateAll((ls) => ls.map((l) => [l.dataset.row, l.textContent]));
  assert.equal(skipped.length, 2);
  assert.equal(skipped[0][0], '6');
  assert.match(skipped[0][1], /^6 行目、F 列「レベル」: 「レベル3」はレベルではありません/);
  assert.equal(skipped[1][0], '8');
  assert.match(skipped[1][1], /^8 行目、列「No\.」: 項目 4 は 7 行目にもあります/);
  // Hostile cell text is shown as text: no element made from it, no script run.
  assert.equal(await preview.locator('img, script').count(), 0);
  const violations = await axeCheck(page);
  assert.deepEqual(violations, [], `axe, the data view with the preview:\n${formatViolations(violations)}`);
  await screenshot(page, 'sheet-preview', 375);
  await screenshot(page, 'sheet-preview', 1280);

  const json = await download(page, () => page.locator('button[data-action="sheet-download"]').click());
  assert.equal(json.filename, 'sheet-assoc.json');
  assert.equal(json.json.id, 'sheet-assoc');
  assert.deepEqual(json.json.controls.map((c) => c.id), ['1', '2', '4']);
  assert.match(python('validate_catalog.py', json.path), /^ok /, 'the catalog JSON validates against the schema');

  await page.locator('button[data-action="sheet-use"]').click();
  await waitForItems(page, 3);
  const four = item(page, '4');
  assert.match(await four.textContent(), /<script>alert\(1\)<\/script>目的/);
  assert.equal(await page.locator('.sc-item img, .sc-item script').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await answer(page, ANSWERS);
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 3);

  await page.reload();
  await waitForItems(page, JAMA_ITEMS);
  await choose(page, xlsx);
  await page.locator('button[data-action="sheet-use"]').click();
  await waitForItems(page, 3);
  assert.deepEqual(await shownAnswers(page), ANSWERS, 'the same sheet again finds its answers');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GETs');
});

test('foreign files get a clear message; a CSV sheet in English names its bad cell', async (t) => {
  const session = await openBrowser(t, { locale: 'en-US' });
  const page = await openWidget(await session.newPage(), '?lang=en');
  await view(page, 'data');

  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
  await setFile(page, 'sheet-file', 'sheet.xlsx', png);
  const refused = page.locator('[data-sheet="refused"]');
  await refused.waitFor();
  assert.match(await refused.textContent(), /cannot be read as an XLSX workbook/);
  assert.equal(await page.locator('button[data-action="sheet-use"]').count(), 0, 'nothing to use');

  await setFile(page, 'sheet-file', 'huge.xlsx', Buffer.alloc(30 * 1024 * 1024));
  const message = page.locator('[data-sheet="message"][role="alert"]');
  await message.waitFor();
  assert.match(await message.textContent(), /too large \(31457280 bytes, the limit is 8388608\)/);

  const csv = 'ラベル,目的,要求事項,No.,レベル,達成条件,達成基準\n1 方針,a,b,1,Lv1,c,・d\n1 方針,a,b,2,Lv4,c,・e\n';
  await setFile(page, 'sheet-file', 'assoc.csv', csv);
  const preview = page.locator('[data-sheet="preview"]');
  await preview.locator('[data-sheet="items"]').waitFor();
  assert.equal((await preview.locator('[data-sheet="items"]').textContent()).trim(), 'Items: 1');
  assert.match(await preview.locator('[data-sheet="skipped"] li').textContent(), /^Row 3, column “レベル” \(cell E3\): “Lv4” is not a level/);
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), []);
});
