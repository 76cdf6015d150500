// Issue 12, OSCAL in and out as a user meets them: NIST SP 800-53 (the LOW
// baseline, a real OSCAL catalog of 131 controls and 18 enhancements) is
// loaded by URL, answered, kept across a reload, scored, exported as JSON and
// as OSCAL assessment-results (validated by compliance-trestle, a tool no one
// here wrote), and re-imported in an empty browser; the OSCAL example catalog
// loads from a file; a malformed OSCAL file gets a located message in
// Japanese; the format module is fetched only when an OSCAL file needs it.
//
// Expected figures are computed here from the fixture files themselves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT,
  setupFile,
  openBrowser,
  openWidget,
  waitForItems,
  item,
  answer,
  shownAnswers,
  setNote,
  setFile,
  view,
  download,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
  screenshot,
  JAMA_ITEMS,
} from './helpers.mjs';

const env = setupFile();

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'oscal');
const LOW_FILE = path.join(FIXTURES, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json');
const BASIC_FILE = path.join(FIXTURES, 'basic-catalog.json');
const LOW_PATH = '/test-fixtures/sp800-53-low.json';
const LOW = JSON.parse(fs.readFileSync(LOW_FILE, 'utf8')).catalog;
const BASIC = JSON.parse(fs.readFileSync(BASIC_FILE, 'utf8')).catalog;

/** Every control and enhancement of an OSCAL catalog, in document order (withdrawn ones left out). */
function oscalControls(cat) {
  const out = [];
  const walkControls = (cs = []) => {
    for (const c of cs) {
      if (!(c.props || []).some((p) => p.name === 'status' && p.value === 'withdrawn')) out.push(c);
      walkControls(c.controls);
    }
  };
  const walkGroups = (gs = []) => {
    for (const g of gs) {
      walkControls(g.controls);
      walkGroups(g.groups);
    }
  };
  walkControls(cat.controls);
  walkGroups(cat.groups);
  return out;
}

const LOW_CONTROLS = oscalControls(LOW);
const LOW_ID = `oscal-${LOW.uuid}`;

/** Twenty answers over the first controls: achieved, partial, not achieved, not applicable (with reasons). */
const ANSWERS = Object.fromEntries(
  LOW_CONTROLS.slice(0, 20).map((c, i) => [c.id, ['achieved', 'partial', 'not_achieved', 'not_applicable'][i % 4]]),
);
const REASONS = Object.fromEntries(
  Object.entries(ANSWERS)
    .filter(([, o]) => o === 'not_applicable')
    .map(([id]) => [id, `no system for ${id}`]),
);
const count = (o) => Object.values(ANSWERS).filter((x) => x === o).length;

async function lowSession(t, opts) {
  const session = await openBrowser(t, opts);
  await session.context.route(
    (u) => u.pathname === LOW_PATH,
    (route) => route.fulfill({ path: LOW_FILE, contentType: 'application/json' }),
  );
  return session;
}

const formatRequests = (page) => page.requests.filter((r) => /selfcheck_formats/.test(r.url));

function trestle(file) {
  const py = process.env.SELFCHECK_PYTHON || path.join(ROOT, '.venv', 'bin', 'python');
  assert.ok(fs.existsSync(py), `${py} is missing: scripts/test.sh makes the .venv with compliance-trestle`);
  return execFileSync(py, [path.join(ROOT, 'tests', 'oscal', 'validate.py'), file], { encoding: 'utf8' });
}

test('SP 800-53 LOW through the widget: load, answer 20, reload, results, export JSON and OSCAL, re-import', async (t) => {
  const session = await lowSession(t, { locale: 'en-US' });
  const page = await session.newPage();
  await page.goto(env.url);
  await waitForItems(page, JAMA_ITEMS);
  assert.equal(formatRequests(page).length, 0, 'the first load does not fetch the format module');

  await page.goto(new URL(`/?catalog=${LOW_PATH}&lang=en`, env.url).href);
  await waitForItems(page, LOW_CONTROLS.length);
  assert.equal(LOW_CONTROLS.length, 149);
  assert.ok(formatRequests(page).length > 0, 'the OSCAL catalog loaded the format module');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GETs');

  // AC-1 as NIST prints it: its label, title, items with labels and parameters with their labels.
  const ac1 = item(page, 'ac-1');
  assert.equal((await ac1.locator('.sc-no').textContent()).trim(), 'AC-1');
  assert.equal((await ac1.locator('.sc-headline').textContent()).trim(), 'Policy and Procedures');
  const ac1Text = await ac1.textContent();
  assert.match(ac1Text, /a\. Develop, document, and disseminate to \[Assignment: organization-defined personnel or roles\]:/);
  assert.match(ac1Text, /\[Selection \(one or more\): organization-level; mission\/business process-level; system-level\]/);
  assert.doesNotMatch(await page.locator('.sc-item').first().textContent(), /\{\{/, 'no raw parameter inserts');
  // An enhancement sits after its control and says which one it enhances.
  const enh = LOW_CONTROLS.find((c) => c.id.includes('.'));
  assert.match(await item(page, enh.id).textContent(), /Enhancement of/);

  await answer(page, ANSWERS, REASONS);
  await setNote(page, LOW_CONTROLS[0].id, 'policy <b>v3</b> approved');
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 20);
  await screenshot(page, 'oscal-sp800-53', 375, { fullPage: false });
  await screenshot(page, 'oscal-sp800-53', 1280, { fullPage: false });

  await page.reload();
  await waitForItems(page, LOW_CONTROLS.length);
  assert.deepEqual(await shownAnswers(page), ANSWERS, 'the answers are back after a reload');

  await view(page, 'results');
  const figure = async (k) => (await page.locator(`[data-count="${k}"]`).first().textContent()).trim();
  assert.equal(await figure('achieved'), String(count('achieved')));
  assert.equal(await figure('partial'), String(count('partial')));
  assert.equal(await figure('not_applicable'), String(count('not_applicable')));
  assert.equal(await figure('unanswered'), String(LOW_CONTROLS.length - 20));

  await view(page, 'data');
  const json = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  assert.equal(json.json.catalog.id, LOW_ID);
  assert.deepEqual(
    Object.fromEntries(Object.entries(json.json.answers).map(([k, v]) => [k, v.option])),
    ANSWERS,
    'the JSON export holds the 20 answers',
  );

  const oscal = await download(page, () => page.locator('button[data-action="export-oscal"]').click());
  assert.match(oscal.filename, /\.oscal\.json$/);
  const result = oscal.json['assessment-results'].results[0];
  const findings = result.findings;
  assert.equal(findings.length, LOW_CONTROLS.length - count('not_applicable'), 'a finding per applicable control');
  const state = Object.fromEntries(findings.map((f) => [f.target['target-id'], f.target.status.state]));
  for (const [id, o] of Object.entries(ANSWERS)) {
    if (o === 'not_applicable') assert.equal(state[id], undefined, `${id} is excluded`);
    else assert.equal(state[id], o === 'achieved' ? 'satisfied' : 'not-satisfied', id);
  }
  assert.equal(findings.filter((f) => f.target.status.state === 'satisfied').length, count('achieved'));
  assert.equal(result.observations.length, 20, 'an observation per answer');
  assert.ok(result.observations.some((o) => o.remarks === 'policy <b>v3</b> approved'), 'the note is an observation remark');
  for (const [id, reason] of Object.entries(REASONS)) {
    assert.ok(result.observations.some((o) => o.description.endsWith(reason)), `N/A reason of ${id}`);
  }
  const resources = oscal.json['assessment-results']['back-matter'].resources;
  assert.ok(resources.some((r) => r.props.some((p) => p.name === 'oscal-catalog-uuid' && p.value === LOW.uuid)), 'the catalog is named');
  assert.match(trestle(oscal.path), /^ok /, 'compliance-trestle accepts the download');

  // Re-import in an empty browser.
  const fresh = await lowSession(t, { locale: 'en-US' });
  const page2 = await fresh.newPage();
  await page2.goto(new URL(`/?catalog=${LOW_PATH}&lang=en`, env.url).href);
  await waitForItems(page2, LOW_CONTROLS.length);
  await view(page2, 'data');
  await setFile(page2, 'import', json.filename, json.text);
  const preview = page2.locator('[data-import="preview"]');
  await preview.waitFor();
  await preview.locator('button[data-action="import-confirm"]').click();
  await page2.locator('[data-import="message"][role="status"]').waitFor();
  await view(page2, 'answer');
  assert.deepEqual(await shownAnswers(page2), ANSWERS, 'the re-imported answers');
  assert.deepEqual(foreignOrNonGetRequests(page2, env.url), []);
});

test('the OSCAL example catalog loads from a file, nested groups and all', async (t) => {
  const session = await openBrowser(t);
  const page = await openWidget(await session.newPage());
  await view(page, 'data');
  await setFile(page, 'catalog-file', 'basic-catalog.json', fs.readFileSync(BASIC_FILE));
  const ids = oscalControls(BASIC).map((c) => c.id);
  await waitForItems(page, ids.length);
  const shown = await page.locator('.sc-item').evaluateAll((els) => els.map((e) => e.dataset.control));
  assert.deepEqual(shown, ids);
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), []);
});

test('a malformed OSCAL catalog is refused with its place, in Japanese', async (t) => {
  const session = await openBrowser(t);
  const page = await openWidget(await session.newPage());
  await view(page, 'data');
  const bad = JSON.parse(fs.readFileSync(BASIC_FILE, 'utf8'));
  bad.catalog.groups[0].groups[0].controls[0].title = 42;
  await setFile(page, 'catalog-file', 'broken-oscal.json', JSON.stringify(bad, null, 1));
  const err = page.locator('.sc-error[role="alert"]');
  await err.waitFor();
  const text = await err.textContent();
  assert.match(text, /catalog\.groups\[0\]\.groups\[0\]\.controls\[0\]\.title/);
  assert.match(text, /値の種類が違います/);
  assert.match(text, /broken-oscal\.json/);
});
