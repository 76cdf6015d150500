// Issue 11, the receiving side: the collector page (collect.html) reads a
// folder of 50-odd exports made by the widget itself in this test (several
// entities, both catalogs, two catalog versions, a duplicate, an edited
// catalog text, and hostile files: broken JSON, a foreign format, a future
// version, 30 MB, a picture, markup in names), lists every refusal, and shows
// figures equal to what this test computes itself from the files; the CSVs
// and the benchmark hold the same figures; only same-origin GETs of the app's
// own files are requested; axe finds nothing serious.

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
  setNote,
  view,
  download,
  waitForStoredAnswers,
  foreignOrNonGetRequests,
  axeCheck,
  formatViolations,
  screenshot,
  until,
} from './helpers.mjs';

setupFile();

const JAMA = JSON.parse(fs.readFileSync(path.join(DIST, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));
const NISC = JSON.parse(fs.readFileSync(path.join(DIST, 'catalogs', 'nisc-2023.json'), 'utf8'));

// ---- the figures, computed here from the files -----------------------------
function status(cat, ans) {
  if (!ans || !ans.option) return 'U';
  const o = cat.scale.options.find((x) => x.id === ans.option);
  if (!o) return 'U';
  if (o.not_applicable) return 'X';
  if (o.achieved) return 'A';
  return (o.credit || 0) > 0 ? 'P' : 'N';
}
const rank = (cat, l) => cat.levels.findIndex((x) => x.id === l);
function rates(cat, doc) {
  const t = doc.entity.target_level ? rank(cat, doc.entity.target_level) : -1;
  const inScope = (c) => t < 0 || !c.level || rank(cat, c.level) <= t;
  const rate = (controls) => {
    const st = controls.map((c) => status(cat, doc.answers[c.id]));
    const d = st.filter((x) => x !== 'X').length;
    return d ? st.filter((x) => x === 'A').length / d : null;
  };
  return {
    overall: rate(cat.controls.filter(inScope)),
    levels: Object.fromEntries(cat.levels.map((l) => [l.id, rate(cat.controls.filter((c) => c.level === l.id))])),
  };
}
function quantile(sorted, p) {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function dist(values) {
  const v = values.filter((x) => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  return { n: v.length, min: v[0], q1: quantile(v, 0.25), median: quantile(v, 0.5), q3: quantile(v, 0.75), max: v[v.length - 1] };
}
const pct = (x) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

// ---- the files --------------------------------------------------------------
/** Exports one JAMA/JAPIA and one NISC assessment through the widget itself. */
async function widgetExports(t) {
  const session = await openBrowser(t);
  const page = await session.newPage();
  await openWidget(page);
  await answer(page, { 1: 'achieved', 4: 'partial' });
  await setNote(page, '1', '規程 第3条');
  await waitForStoredAnswers(page, (a) => Object.keys(a).length === 2);
  await view(page, 'data');
  const jama = await download(page, () => page.locator('button[data-action="export-json-data"]').click());
  const nisc = await session.newPage();
  await openWidget(nisc, '?catalog=nisc-2023', { items: NISC.controls.length });
  await answer(nisc, { '3.1.1-1': 'm3' });
  await waitForStoredAnswers(nisc, (a) => Object.keys(a).length === 1);
  await view(nisc, 'data');
  const n = await download(nisc, () => nisc.locator('button[data-action="export-json-data"]').click());
  return { jama: jama.json, nisc: n.json };
}

const clone = (x) => JSON.parse(JSON.stringify(x));
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">株式会社';

/** 40 JAMA respondents with answers varying by k, and the rest of the folder. */
function folder(base) {
  const files = {};
  const jama = [];
  const scale = ['achieved', 'achieved', 'achieved', 'achieved', 'achieved', 'partial', 'partial', 'not_achieved', 'not_achieved', 'not_applicable'];
  for (let k = 0; k < 40; k++) {
    const doc = clone(base.jama);
    doc.entity.id = `jama-${k}`;
    if (k % 7 === 0) delete doc.entity.name;
    else doc.entity.name = k === 3 ? HOSTILE_NAME : `株式会社${k}`;
    doc.entity.target_level = ['Lv1', 'Lv2', 'Lv3'][k % 3];
    doc.entity.updated = 1_760_000_000_000 + k * 1000;
    doc.answers = {};
    JAMA.controls.forEach((c, i) => {
      if ((i + k) % 11 === 0) return;
      const option = scale[(i * 7 + k * 3) % 10];
      const a = { option, changed: doc.entity.updated };
      if (option === 'not_applicable') a.reason = '対象システムなし';
      if (i === 0) a.note = `${k} 社のメモ`;
      doc.answers[c.id] = a;
    });
    delete doc.summary;
    jama.push(doc);
    files[`jama-${String(k).padStart(2, '0')}.json`] = JSON.stringify(doc);
  }
  // The same entity, an older file: replaced by jama-05.json.
  const old = clone(jama[5]);
  old.entity.updated -= 10_000;
  old.answers = {};
  files['jama-05-old.json'] = JSON.stringify(old);
  // Answers to another catalog version (a set of its own) and to an edited text.
  for (const k of [0, 1]) {
    const d = clone(jama[k]);
    d.entity.id = `v21-${k}`;
    d.catalog.version = '2.1';
    files[`v21-${k}.json`] = JSON.stringify(d);
  }
  const edited = clone(jama[2]);
  edited.entity.id = 'edited';
  edited.entity.name = '本文違い株式会社';
  edited.catalog.content_hash = 'f'.repeat(64);
  files['edited-text.json'] = JSON.stringify(edited);
  for (let k = 0; k < 3; k++) {
    const d = clone(base.nisc);
    d.entity.id = `nisc-${k}`;
    d.entity.name = `インフラ${k}`;
    files[`nisc-${k}.json`] = JSON.stringify(d);
  }
  // Hostile files.
  files['broken.json'] = '{"format": "selfcheck-export", "version": 1, ';
  files['foreign.json'] = JSON.stringify({ format: 'csaf', version: 2 });
  const future = clone(jama[1]);
  future.version = 3;
  files['future.json'] = JSON.stringify(future);
  files['huge.json'] = ' '.repeat(30 * 1024 * 1024);
  files['picture.png'] = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]);
  return { files, jama, edited };
}

test('the collector reads a folder of exports, lists every refusal, and shows, exports and aggregates the figures the files hold', async (t) => {
  const base = await widgetExports(t);
  const { files, jama, edited } = folder(base);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-'));
  const sub = path.join(dir, 'submissions');
  fs.mkdirSync(sub);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(sub, name), body);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.equal(Object.keys(files).length, 52);

  const session = await openBrowser(t);
  const page = await session.newPage();
  const url = appUrl('collect.html');
  await page.goto(url);
  await page.locator('#collect[data-ready="true"]').waitFor();
  await page.locator('#pick-folder').setInputFiles(sub);
  await page.locator('#counts').waitFor();

  // Counts: 41 accepted in the 2.2 set + 2 of version 2.1 + 3 NISC; 5 refused; 1 replaced.
  const count = (k) => page.locator(`[data-count="${k}"]`).textContent();
  assert.equal(await count('accepted'), String(41 + 2 + 3));
  assert.equal(await count('refused'), '5');
  assert.equal(await count('replaced'), '1');
  const refused = await page.locator('#refused tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.cells[0].textContent.split('/').pop(), r.cells[1].firstChild.textContent]));
  const why = Object.fromEntries(refused);
  assert.match(why['broken.json'], /JSON として読めません/);
  assert.match(why['foreign.json'], /selfcheck のエクスポートではありません（形式「csaf」）/);
  assert.match(why['future.json'], /新しい版の selfcheck/);
  assert.match(why['huge.json'], /大きすぎます（31457280 バイト/);
  assert.match(why['picture.png'], /テキストファイルではありません/);
  assert.match(await page.locator('#replaced').textContent(), /jama-05-old\.json → submissions\/jama-05\.json を使用/);

  // Three sets; the 2.1 one is flagged, never mixed into 2.2.
  const sets = await page.locator('fieldset.sets label').allTextContents();
  assert.equal(sets.length, 3);
  assert.ok(sets.some((s) => /版 2\.1）: 2 件 ⚠/.test(s)), sets.join(' | '));
  assert.ok(sets.some((s) => /版 2023）: 3 件/.test(s)), sets.join(' | '));
  const set22 = page.locator('fieldset.sets label', { hasText: '版 2.2' });
  await set22.click();
  await page.locator('#rows').waitFor();
  await until(async () => (await page.locator('#rows tbody tr').count()) === 41, '41 rows of the 2.2 set');
  assert.match(await page.locator('.notice').textContent(), /1 件は、このカタログと本文が異なる/);

  // Every respondent's overall rate is what the file says.
  const docs = [...jama, edited];
  const shown = await page.locator('#rows tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.entity, r.querySelector('[data-col="overall"]').textContent]));
  for (const [entity, text] of shown) {
    const doc = docs.find((d) => d.entity.id === entity);
    assert.equal(text, pct(rates(JAMA, doc).overall), `overall of ${entity}`);
  }
  // The heat map: each respondent's column (in the table's order) and each
  // item's row (catalog order) has the colour of that answer's status.
  const heat = await page.evaluate(() => {
    const c = document.getElementById('heat');
    return { w: c.width, h: c.height, px: [...c.getContext('2d').getImageData(0, 0, c.width, c.height).data] };
  });
  const cw = heat.w / 41;
  assert.equal(heat.h, JAMA.controls.length * 6);
  const colour = { '46,125,50': 'A', '249,168,37': 'P', '198,40,40': 'N', '158,158,158': 'X', '255,255,255': 'U' };
  shown.forEach(([entity], x) => {
    const doc = docs.find((d) => d.entity.id === entity);
    JAMA.controls.forEach((c, y) => {
      const at = ((y * 6 + 2) * heat.w + x * cw + 1) * 4;
      const seen = colour[heat.px.slice(at, at + 3).join(',')];
      assert.equal(seen, status(JAMA, doc.answers[c.id]), `heat map: ${entity}, ${c.id}`);
    });
  });

  // Hostile markup in a name is text, not HTML.
  assert.equal(await page.locator('#rows button.link', { hasText: '<img' }).count(), 1);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // The distribution per level, over the 41.
  const distRows = await page.locator('#dist tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.cells].slice(0, 7).map((c) => c.textContent)));
  for (const l of JAMA.levels) {
    const d = dist(docs.map((doc) => rates(JAMA, doc).levels[l.id]));
    const row = distRows.find((r) => r[0] === l.name.ja);
    assert.ok(row, `a row for ${l.id}`);
    assert.deepEqual(row.slice(1), [String(d.n), pct(d.min), pct(d.q1), pct(d.median), pct(d.q3), pct(d.max)], l.id);
  }
  const overall = dist(docs.map((doc) => rates(JAMA, doc).overall));
  assert.deepEqual(distRows[0].slice(1), [String(overall.n), pct(overall.min), pct(overall.q1), pct(overall.median), pct(overall.q3), pct(overall.max)]);

  // The items most often not achieved at Lv1, most missed first.
  const missed = (c) => docs.filter((d) => ['N', 'P', 'U'].includes(status(JAMA, d.answers[c.id]))).length;
  const lv1 = JAMA.controls.filter((c) => c.level === 'Lv1').map((c, i) => ({ id: c.id, m: missed(c), i }))
    .filter((x) => x.m > 0).sort((a, b) => b.m - a.m || a.i - b.i).slice(0, 10);
  const shownTop = await page.locator('ol[data-level="Lv1"] .no').allTextContents();
  assert.deepEqual(shownTop, lv1.map((x) => `No. ${x.id}`));

  // Drill-down: one respondent's answers with notes, read-only.
  await page.locator('#rows button.link', { hasText: /^株式会社2$/ }).click();
  const dlg = page.locator('dialog#detail');
  await dlg.waitFor();
  assert.match(await dlg.locator(`li[data-control="${JAMA.controls[0].id}"] .note`).textContent(), /2 社のメモ/);
  assert.equal(await dlg.locator('input, textarea, select').count(), 0, 'read-only');
  await screenshot(page, 'collect-detail', 1280, { fullPage: false });
  await dlg.locator('#close-detail').click();

  // The CSVs: one row per respondent, one record per respondent and item.
  const wide = await download(page, () => page.locator('#csv-wide').click());
  const lines = wide.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 41);
  const row1 = lines.find((l) => l.startsWith('株式会社1,jama-1,'));
  assert.ok(row1.includes(`,${(rates(JAMA, jama[1]).overall * 100).toFixed(1)},`), row1);
  const long = await download(page, () => page.locator('#csv-long').click());
  assert.equal(long.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').length, 1 + 41 * JAMA.controls.length);

  // The benchmark: the 40 whose text is the shipped one; item counts as computed; no name, id or note.
  const bench = await download(page, () => page.locator('#benchmark').click());
  const b = bench.json;
  assert.equal(b.format, 'selfcheck-benchmark');
  assert.equal(b.respondents, 40);
  for (const it of b.items) {
    const c = JAMA.controls.find((x) => x.id === it.control);
    const st = jama.map((d) => status(JAMA, d.answers[c.id]));
    assert.deepEqual(it.counts, {
      achieved: st.filter((x) => x === 'A').length,
      partial: st.filter((x) => x === 'P').length,
      not_achieved: st.filter((x) => x === 'N').length,
      not_applicable: st.filter((x) => x === 'X').length,
      unanswered: st.filter((x) => x === 'U').length,
    }, `counts of ${c.id}`);
  }
  for (const secret of ['株式会社', 'jama-1', 'のメモ', '対象システムなし']) assert.ok(!bench.text.includes(secret), secret);
  fs.writeFileSync(path.join(dir, 'benchmark.json'), bench.text);
  // Below the threshold, no benchmark.
  await page.locator('#min-resp').fill('100');
  await page.locator('#min-resp').dispatchEvent('change');
  await page.locator('#benchmark').click();
  await until(async () => /40 件で、最少回答者数 100 件に足りない/.test(await page.locator('#bench-msg').textContent()), 'too-few message');

  // A roll-up: select three respondents, aggregate them only, compare with two others.
  for (const name of ['株式会社1', '株式会社2', '株式会社4']) {
    await page.locator('#rows tr', { has: page.locator('button.link', { hasText: new RegExp(`^${name}$`) }) }).locator('input[type=checkbox]').check();
  }
  await page.locator('#as-a').click();
  await page.locator('#only-selected').click();
  await until(async () => (await page.locator('#rows tbody tr').count()) === 3, 'three rows after roll-up');
  const sub3 = dist([1, 2, 4].map((k) => rates(JAMA, jama[k]).overall));
  assert.equal((await page.locator('#dist tbody tr').first().locator('td').nth(3).textContent()), pct(sub3.median));

  // Privacy: only same-origin GETs of the app's own files; axe.
  assert.deepEqual(foreignOrNonGetRequests(page, url), []);
  const vs = await axeCheck(page);
  assert.deepEqual(vs, [], formatViolations(vs));
  await screenshot(page, 'collect', 1280);
  await screenshot(page, 'collect', 375);
});
