// Issue 12, the XLSX export as a user meets it: answers, a note with markup
// and a formula, an N/A reason and a snapshot in the widget; "Excel (XLSX)"
// clicked in the results view and in the data view loads the format module
// (not before) and downloads a workbook that Python's openpyxl
// (tests/xlsx/check.py, a reader no one here wrote) reads back: every answer,
// note and reason in its row, the figures of the JSON export's summary on the
// results sheet with a radar chart, the snapshot on the entity sheet. JAMA in
// Japanese, NISC (maturity) in English. Only same-origin GETs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT,
  DIST,
  setupFile,
  openBrowser,
  openWidget,
  answer,
  setNote,
  view,
  download,
  waitForStoredAnswers,
  storedWorkspace,
  until,
  waitForCount,
  foreignOrNonGetRequests,
  screenshot,
} from './helpers.mjs';

const env = setupFile();

const NISC = JSON.parse(fs.readFileSync(path.join(DIST, 'catalogs', 'nisc-2023.json'), 'utf8'));
const formatRequests = (page) => page.requests.filter((r) => /selfcheck_workbook/.test(r.url));

/** openpyxl's verdict on a downloaded workbook against the JSON export of the same assessment. */
function readBack(xlsx, json, catalogId, lang, offset) {
  const py = process.env.SELFCHECK_PYTHON || path.join(ROOT, '.venv', 'bin', 'python');
  assert.ok(fs.existsSync(py), `${py} is missing: scripts/test.sh makes the .venv with openpyxl`);
  try {
    return execFileSync(
      py,
      [path.join(ROOT, 'tests', 'xlsx', 'check.py'), xlsx, json, path.join(DIST, 'catalogs', `${catalogId}.json`), lang, String(offset)],
      { encoding: 'utf8' },
    );
  } catch (e) {
    throw new Error(`openpyxl read back something else:\n${e.stdout}${e.stderr}`);
  }
}

/** Waits until the open entity's stored answer to `control` has a note. */
async function waitForStoredNote(page, control) {
  await until(async () => {
    const ws = await storedWorkspace(page);
    const e = ws && ws.entities.find((x) => x.id === ws.active);
    return e && e.answers[control] && e.answers[control].note;
  }, `the note of ${control} to be stored`);
}

async function snapshot(page, label) {
  await view(page, 'data');
  await page.locator('input[data-field="snapshot-label"]').fill(label);
  await page.locator('button[data-action="take-snapshot"]').click();
  await waitForCount(page.locator('li.sc-snapshot'), 1);
}

test('JAMA in Japanese: Excel (XLSX) from the results and the data view, read back by openpyxl', async (t) => {
  const session = await openBrowser(t);
  const page = await openWidget(await session.newPage());
  assert.equal(formatRequests(page).length, 0, 'the first load does not fetch the XLSX module');
  const answers = { 1: 'achieved', 4: 'partial', 5: 'not_achieved', 6: 'not_applicable', 7: 'achieved', 8: 'not_applicable' };
  await answer(page, answers, { 6: '派遣社員を受け入れていない' });
  await setNote(page, '1', '=HYPERLINK("x") <script>alert(1)</script>');
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 6);
  await waitForStoredNote(page, '1');
  await snapshot(page, '初回 <b>監査</b>');
  await view(page, 'answer');
  await answer(page, { 9: 'achieved' });
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 7);
  assert.equal(formatRequests(page).length, 0, 'answering does not fetch the XLSX module');

  await view(page, 'results');
  const fromResults = await download(page, () => page.locator('button[data-action="export-xlsx"]').click());
  assert.match(fromResults.filename, /^selfcheck-jama-japia-v2\.2-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(fs.readFileSync(fromResults.path).subarray(0, 2).toString(), 'PK', 'a zip package');
  assert.ok(formatRequests(page).length > 0, 'the click loaded the XLSX module');
  await screenshot(page, 'xlsx-results', 375, { fullPage: false });
  await screenshot(page, 'xlsx-results', 1280, { fullPage: false });

  await view(page, 'data');
  const json = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  const fromData = await download(page, () => page.locator('button[data-action="export-xlsx"]').click());
  assert.equal(fromData.filename, fromResults.filename);
  const offset = await page.evaluate(() => -new Date().getTimezoneOffset());
  for (const x of [fromResults, fromData]) {
    assert.match(readBack(x.path, json.path, 'jama-japia-v2.2', 'ja', offset), /^ok \d+ checks/);
  }
  assert.equal(json.json.snapshots.length, 1, 'the snapshot is in the export the workbook was checked against');
  assert.equal(json.json.answers['8'].reason ?? '', '', 'one N/A without its reason is in the check');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GETs');
});

test('NISC in English: maturity values and targets in the workbook', async (t) => {
  const session = await openBrowser(t, { locale: 'en-US' });
  const page = await openWidget(await session.newPage(), '?catalog=nisc-2023&lang=en', { items: NISC.controls.length });
  const ids = NISC.controls.map((c) => c.id);
  const answers = Object.fromEntries(ids.slice(0, 12).map((id, i) => [id, ['m0', 'm1', 'm2', 'm3', 'm4'][i % 5]]));
  await answer(page, answers);
  await setNote(page, ids[0], 'reviewed by the board');
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 12);
  await waitForStoredNote(page, ids[0]);

  await view(page, 'results');
  const xlsx = await download(page, () => page.locator('button[data-action="export-xlsx"]').click());
  await view(page, 'data');
  const json = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  const offset = await page.evaluate(() => -new Date().getTimezoneOffset());
  assert.match(readBack(xlsx.path, json.path, 'nisc-2023', 'en', offset), /^ok \d+ checks/);
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GETs');
});
