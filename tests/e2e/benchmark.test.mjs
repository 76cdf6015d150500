// Issue 11 part 5: a benchmark made by the collector from exports of the
// widget itself, loaded into the respondent's widget with the `benchmark`
// option, shows where the respondent stands: their overall and per-level
// rates beside the peers' median and quartiles (as the file holds them), and
// which of their gaps most peers have closed (as this test computes from the
// file's counts). A link may name this site's benchmark only; a file that is
// not a benchmark gets a clear message; only same-origin GETs of the app's
// own files are requested.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DIST,
  setupFile,
  appUrl,
  openBrowser,
  openWidget,
  answer,
  view,
  download,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
  axeCheck,
  formatViolations,
  screenshot,
  until,
} from './helpers.mjs';

const env = setupFile();

const JAMA = JSON.parse(fs.readFileSync(path.join(DIST, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));
const BENCH_PATH = '/benchmarks/jama-2026.json';

/** The widget's percentage (src/i18n.rs `pct`): whole, else one decimal. */
function pct(v) {
  if (v === null || v === undefined) return '—';
  const tenths = Math.round(v * 1000);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(v * 100).toFixed(1)}%`;
}

/** 8 respondents (above the default threshold of 5) varying by k. */
function peers(base) {
  const scale = ['achieved', 'achieved', 'achieved', 'partial', 'not_achieved', 'not_applicable'];
  const files = {};
  for (let k = 0; k < 8; k++) {
    const doc = JSON.parse(JSON.stringify(base));
    doc.entity.id = `peer-${k}`;
    doc.entity.name = `会員${k}`;
    doc.entity.target_level = ['Lv1', 'Lv2', 'Lv3'][k % 3];
    doc.entity.updated = 1_760_000_000_000 + k;
    doc.answers = {};
    JAMA.controls.forEach((c, i) => {
      // Items 1..3 achieved by most peers (a gap the respondent will have).
      const option = i < 3 ? (k < 6 ? 'achieved' : 'not_achieved') : scale[(i * 5 + k) % 6];
      const a = { option, changed: doc.entity.updated };
      if (option === 'not_applicable') a.reason = '該当なし';
      a.note = `会員${k} の社内メモ`;
      doc.answers[c.id] = a;
    });
    delete doc.summary;
    files[`peer-${k}.json`] = JSON.stringify(doc);
  }
  return files;
}

test('a benchmark made by the collector shows the respondent beside the peers, and which gaps most peers closed', async (t) => {
  const session = await openBrowser(t);
  await session.context.route(
    (u) => u.pathname === BENCH_PATH,
    (route) => route.fulfill({ body: session.bench || '{}', contentType: 'application/json' }),
  );
  const page = await session.newPage();
  await openWidget(page);
  // The respondent: the first two items not achieved or partial (most peers achieved them), two more answered.
  const ids = JAMA.controls.map((c) => c.id);
  const mine = { [ids[0]]: 'not_achieved', [ids[1]]: 'partial', [ids[3]]: 'achieved', [ids[4]]: 'partial' };
  await answer(page, mine);
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 4);
  await view(page, 'data');
  const exported = await download(page, () => page.locator('button[data-action="export-json-data"]').click());

  // The collector makes the benchmark from 8 peers' files.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, body] of Object.entries(peers(exported.json))) fs.writeFileSync(path.join(dir, name), body);
  const collector = await session.newPage();
  await collector.goto(appUrl('collect.html'));
  await collector.locator('#collect[data-ready="true"]').waitFor();
  await collector.locator('#pick-folder').setInputFiles(dir);
  await collector.locator('fieldset.sets label', { hasText: '版 2.2' }).click();
  await until(async () => (await collector.locator('#rows tbody tr').count()) === 8, '8 rows');
  const bench = await download(collector, () => collector.locator('#benchmark').click());
  const b = bench.json;
  assert.equal(b.respondents, 8);
  session.bench = bench.text;

  // The respondent opens the widget with the benchmark.
  await openWidget(page, `?benchmark=${BENCH_PATH}`);
  await view(page, 'results');
  const card = page.locator('[data-card="benchmark"]');
  await card.locator('[data-table="benchmark"]').waitFor();
  assert.match(await card.locator('[data-bench="meta"]').textContent(), /回答企業数 8/);

  // Overall: the respondent's own rate (as the results view shows it) beside the file's distribution.
  const overall = card.locator('tr[data-bench-row="overall"]');
  const own = await page.locator('[data-figure="overall"]').textContent();
  assert.equal(await overall.locator('[data-bench="mine"]').textContent(), own);
  assert.equal(await overall.locator('[data-bench="median"]').textContent(), pct(b.overall.median));
  assert.equal(await overall.locator('[data-bench="quartiles"]').textContent(), `${pct(b.overall.q1)}–${pct(b.overall.q3)}`);
  assert.equal(await overall.locator('[data-bench="range"]').textContent(), `${pct(b.overall.min)}–${pct(b.overall.max)}`);
  // Per level: one row per level of the file, with the file's medians.
  const levelRows = card.locator('tr[data-bench-row="level"]');
  assert.equal(await levelRows.count(), b.levels.length);
  for (let i = 0; i < b.levels.length; i++) {
    const l = b.levels[i];
    const cell = levelRows.nth(i).locator(l.distribution ? '[data-bench="median"]' : '[data-bench="withheld"]');
    if (l.distribution) assert.equal(await cell.textContent(), pct(l.distribution.median));
    else assert.match(await cell.textContent(), /非公表/);
  }
  assert.equal(await card.locator('tr[data-bench-row="group"]').count(), b.groups.length);

  // Gaps most peers closed: the respondent's gaps (results view order) whose
  // peers' achieved share is above one half, most achieved first.
  const gaps = await page.locator('[data-list="gaps"] li').evaluateAll((li) => li.map((x) => x.dataset.control));
  const share = (id) => {
    const c = b.items.find((x) => x.control === id)?.counts;
    if (!c) return null;
    const d = c.achieved + c.partial + c.not_achieved + c.unanswered;
    return d ? c.achieved / d : null;
  };
  const expected = gaps
    .map((id, order) => ({ id, order, s: share(id) }))
    .filter((g) => g.s !== null && g.s > 0.5)
    .sort((x, y) => y.s - x.s || x.order - y.order)
    .slice(0, 10);
  assert.ok(expected.some((g) => g.id === ids[0]), 'the first item is a gap most peers closed');
  const shown = await card.locator('[data-list="closed-by-peers"] li').evaluateAll((li) =>
    li.map((x) => [x.dataset.control, x.querySelector('[data-share]').textContent.trim()]));
  assert.deepEqual(shown, expected.map((g) => [g.id, `同業の達成率 ${pct(g.s)}`]));
  // A closed-by-peers item jumps to the item in the answer view.
  await card.locator(`[data-list="closed-by-peers"] li[data-control="${ids[0]}"] button`).click();
  await page.locator(`.sc-item[data-control="${ids[0]}"]`).waitFor();

  // An answer changes the comparison: the first item, achieved, leaves the list.
  await answer(page, { [ids[0]]: 'achieved' });
  await view(page, 'results');
  await until(async () => (await card.locator(`[data-list="closed-by-peers"] li[data-control="${ids[0]}"]`).count()) === 0, 'the first item left the list');

  // Nothing but same-origin GETs of the app's own files (and the benchmark).
  assert.deepEqual(foreignOrNonGetRequests(page, appUrl()), []);
  const vs = await axeCheck(page);
  assert.deepEqual(vs, [], formatViolations(vs));
  await screenshot(page, 'benchmark-ja', 1280);
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, 'benchmark-ja', 375);
  const width = await card.evaluate((e) => e.getBoundingClientRect().width);
  assert.ok(width <= 375, `the card fits 375 px (${width})`);
});

test('a link naming another site\'s benchmark is refused without a request; a file that is not a benchmark is explained', async (t) => {
  const session = await openBrowser(t);
  await session.context.route(
    (u) => u.pathname === '/not-a-benchmark.json',
    (route) => route.fulfill({ path: path.join(DIST, 'catalogs', 'jama-japia-v2.2.json'), contentType: 'application/json' }),
  );
  const page = await session.newPage();
  const other = appUrl().replace('127.0.0.1', 'localhost');
  await openWidget(page, `?benchmark=${encodeURIComponent(`${other}benchmarks/x.json`)}`);
  await view(page, 'results');
  const failed = page.locator('[data-card="benchmark"] [data-bench="failed"]');
  await failed.waitFor();
  assert.match(await failed.textContent(), /このサイトにあるファイルだけ/);
  assert.deepEqual(page.requests.filter((r) => r.url.includes('benchmarks/x.json')), []);

  const en = await session.newPage();
  await openWidget(en, '?benchmark=/not-a-benchmark.json&lang=en');
  await view(en, 'results');
  const bad = en.locator('[data-card="benchmark"] [data-bench="failed"]');
  await bad.waitFor();
  assert.match(await bad.textContent(), /not a readable benchmark file/);
  // The rest of the results view is there as without the option.
  await en.locator('[data-figure="overall"]').waitFor();
  assert.deepEqual(foreignOrNonGetRequests(en, appUrl()), []);
  void env;
});
