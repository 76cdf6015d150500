// Issue 4, the assessment engine as a user meets it: a target level, a mix of
// answers, the figures of the results view, the gap list and the radar;
// N/A reasons, notes, evidence, search and filters; entities, snapshots and
// the comparison view. Every expected figure is computed here, by hand, from
// the catalog file itself (catalogs/jama-japia-v2.2.json) and the rules of the
// issue, never by the widget's own code.
//
// DOM contract: header tabs, data-figure, data-count, data-table, data-list,
// data-field, data-action ... (the selectors below; tests/e2e/helpers.mjs has
// the shared page object).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  setupFile,
  openBrowser,
  openWidget,
  waitForItems,
  waitForCount,
  item,
  radio,
  answer as answerAll,
  view,
  until,
  progress as bar,
  checkedOptions,
  storedWorkspace,
  screenshot,
} from './helpers.mjs';

// ---------------------------------------------------------------- catalog

const CATALOG = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalogs', 'jama-japia-v2.2.json'), 'utf8'));
const CONTROLS = CATALOG.controls;
const TOTAL = CONTROLS.length;
const LEVEL_RANK = Object.fromEntries(CATALOG.levels.map((l, i) => [l.id, i]));
const GROUP_POS = Object.fromEntries(CATALOG.groups.map((g, i) => [g.id, i]));
const byId = Object.fromEntries(CONTROLS.map((c) => [c.id, c]));
const ofLevel = (lv) => CONTROLS.filter((c) => c.level === lv);
const inScope = (c, target) => !target || LEVEL_RANK[c.level] <= LEVEL_RANK[target];

/** Achievement as the issue defines it: achieved / (total - not applicable), null if nothing applicable. */
function rate(controls, answers) {
  const na = controls.filter((c) => answers[c.id] === 'not_applicable').length;
  const achieved = controls.filter((c) => answers[c.id] === 'achieved').length;
  const applicable = controls.length - na;
  return applicable === 0 ? null : achieved / applicable;
}

/** 0.625 -> "62.5%", 0.4 -> "40%", null -> "—" (one decimal unless whole). */
function pct(v) {
  if (v === null) return '—';
  const p = Math.round(v * 1000) / 10;
  return Number.isInteger(p) ? `${p}%` : `${p.toFixed(1)}%`;
}

/** +18.2 pt */
const pt = (d) => `${d >= 0 ? '+' : '-'}${Math.abs(d * 100).toFixed(1)} pt`;

// ---------------------------------------------------------------- page helpers

setupFile();

const text = async (loc) => (await loc.textContent()).trim();

async function open(session, query = '') {
  return openWidget(await session.newPage(), query, { items: TOTAL });
}

async function activeStored(page) {
  const ws = await storedWorkspace(page);
  return ws && ws.entities.find((e) => e.id === ws.active);
}

async function count(page) {
  return text(page.locator('.sc-count'));
}

/** A screenshot of one part of the widget (for looking at it): test-results/screenshots/NAME-WIDTH.png. */
async function cardShot(page, selector, name, width) {
  const dir = path.join(ROOT, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.locator(selector).first().screenshot({ path: path.join(dir, `${name}-${width}.png`) });
}

/** Waits until the answer view shows `n` of the catalog's items (`.sc-count`). */
async function waitShown(page, n, what) {
  await until(async () => (await count(page)).startsWith(`${n} / ${TOTAL} `), what, { describe: () => count(page) });
}

// ---------------------------------------------------------------- the mix of test 1

const LV1 = ofLevel('Lv1');
const LV2 = ofLevel('Lv2');
const LV3 = ofLevel('Lv3');
const MIX = {
  [LV1[0].id]: 'achieved',
  [LV1[1].id]: 'achieved',
  [LV1[2].id]: 'partial',
  [LV1[3].id]: 'not_applicable',
  [LV2[0].id]: 'achieved',
  [LV2[1].id]: 'not_achieved',
  [LV2[2].id]: 'not_achieved',
  [LV3[0].id]: 'achieved',
  [LV3[1].id]: 'achieved',
};
const MIX_REASONS = { [LV1[3].id]: '当該業務なし' };

test('target Lv2 and a mix of answers: progress, figures, levels, groups, gap list and radar match hand computation', async (t) => {
  const session = await openBrowser(t);
  const page = await open(session);

  await page.locator('select[data-field="target"]').selectOption('Lv2');
  await answerAll(page, MIX, MIX_REASONS);

  const scope = CONTROLS.filter((c) => inScope(c, 'Lv2'));
  assert.equal(scope.length, 75, 'the catalog has 75 items at Lv1 and Lv2');
  const answeredInScope = scope.filter((c) => MIX[c.id]).length; // 7
  const answeredAll = Object.keys(MIX).length; // 9
  await until(async () => (await bar(page, 'progress')).now === String(answeredInScope), 'in-scope progress');
  assert.deepEqual(await bar(page, 'progress'), { now: String(answeredInScope), max: String(scope.length) });
  assert.deepEqual(await bar(page, 'progress-all'), { now: String(answeredAll), max: String(TOTAL) });

  // Items above the target are marked as such.
  for (const c of LV3.slice(0, 3)) {
    assert.match(await item(page, c.id).getAttribute('class'), /\bsc-above\b/, `item ${c.id} (Lv3) is above the target`);
  }
  assert.doesNotMatch(await item(page, LV2[0].id).getAttribute('class'), /\bsc-above\b/);

  await view(page, 'results');
  // The results start at their beginning, not where the long answer list was left.
  const top = await page.locator('[data-figure="overall"]').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(top, 'the overall figure is in view after switching to the results');
  // Overall: achieved / (75 - n/a) = 3 / 74.
  const overall = rate(scope, MIX);
  assert.equal(await text(page.locator('[data-figure="overall"]')), pct(overall));
  assert.equal(pct(overall), '4.1%', 'sanity of the hand computation: 3 / 74');

  const tally = (opt) => scope.filter((c) => MIX[c.id] === opt).length;
  const counts = {
    achieved: tally('achieved'),
    partial: tally('partial'),
    not_achieved: tally('not_achieved'),
    not_applicable: tally('not_applicable'),
    unanswered: scope.length - answeredInScope,
  };
  assert.deepEqual(counts, { achieved: 3, partial: 1, not_achieved: 2, not_applicable: 1, unanswered: 68 });
  for (const [k, v] of Object.entries(counts)) {
    assert.equal(await text(page.locator(`[data-count="${k}"]`)), String(v), `count of ${k}`);
  }

  // The jump button counts the same unanswered items as the tally (in scope).
  const jump = await text(page.locator('button[data-action="jump-unanswered"]'));
  assert.match(jump, new RegExp(`\\b${counts.unanswered}\\b`), `jump button "${jump}" names ${counts.unanswered} unanswered`);

  // Per level: Lv1 2/29, Lv2 1/45, Lv3 shown but marked out of scope.
  const levels = page.locator('table[data-table="levels"]');
  assert.equal(await text(levels.locator('tr[data-level="Lv1"] [data-rate]')), pct(rate(LV1, MIX)));
  assert.equal(await text(levels.locator('tr[data-level="Lv2"] [data-rate]')), pct(rate(LV2, MIX)));
  assert.equal(pct(rate(LV1, MIX)), '6.9%');
  const lv3 = levels.locator('tr[data-level="Lv3"]');
  assert.match(await lv3.getAttribute('class'), /\bsc-out\b/, 'Lv3 is marked out of scope');
  assert.match(await text(lv3.locator('th')), /\*/, 'Lv3 carries the out-of-scope mark');
  for (const lv of ['Lv1', 'Lv2']) {
    assert.doesNotMatch((await levels.locator(`tr[data-level="${lv}"]`).getAttribute('class')) || '', /\bsc-out\b/);
  }

  // Group rates: every group with in-scope items, from the catalog.
  const groups = CATALOG.groups.filter((g) => CONTROLS.some((c) => c.group === g.id));
  const groupRate = (g) => rate(scope.filter((c) => c.group === g.id), MIX);
  const mixedGroup = byId[LV2[0].id].group; // holds answers of several kinds
  const table = page.locator('table[data-table="groups"]');
  assert.equal(await text(table.locator(`tr[data-group="${mixedGroup}"] [data-rate]`)), pct(groupRate({ id: mixedGroup })));
  for (const g of groups) {
    assert.equal(await text(table.locator(`tr[data-group="${g.id}"] [data-rate]`)), pct(groupRate(g)), `rate of group ${g.id}`);
  }

  // Radar: present, one axis label per group, in the table's order; the
  // current polygon reaches each group's rate along its spoke.
  const svg = page.locator('figure.sc-radar svg');
  assert.equal(await svg.count(), 1, 'the radar chart is shown');
  const labels = await svg.locator('text.sc-radar-label').allTextContents();
  assert.equal(labels.length, groups.length, 'one axis per group');
  const rows = await table.locator('tbody tr[data-group]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group')));
  assert.deepEqual(rows, groups.map((g) => g.id), 'the group table lists the radar groups in order');
  // Each axis: the group's number and (the start of) its name; the full name on hover.
  for (const [i, g] of groups.entries()) {
    const [no, ...rest] = labels[i].trim().split(' ');
    const short = rest.join(' ').replace(/…$/, '');
    assert.equal(no, g.number, `axis ${i} starts with the group number`);
    assert.ok(short.length > 0 && g.title.ja.startsWith(short), `axis ${i} "${labels[i]}" shows the start of "${g.title.ja}"`);
  }
  const titles = await svg.locator('g.sc-radar-axis > title').allTextContents();
  assert.deepEqual(titles, groups.map((g) => `${g.number} ${g.title.ja}`), 'the full names are the axes\' titles');
  for (const [i, g] of groups.entries()) {
    const head = await text(table.locator(`tr[data-group="${g.id}"] th`));
    assert.ok(head.startsWith(g.number) && head.includes(g.title.ja), `table row ${i} names group ${g.number} ${g.title.ja}`);
  }
  const geometry = await svg.evaluate((el) => {
    const pts = (p) => p.getAttribute('points').trim().split(/\s+/).map((xy) => xy.split(',').map(Number));
    const rings = [...el.querySelectorAll('.sc-radar-ring')].map(pts);
    const spoke = el.querySelector('.sc-radar-spoke');
    return { current: pts(el.querySelector('.sc-radar-current')), outer: rings[rings.length - 1], centre: ['x1', 'y1'].map((a) => Number(spoke.getAttribute(a))) };
  });
  // The spokes start at the centre (the view box also holds the labels).
  const [cx, cy] = geometry.centre;
  const dist = ([x, y]) => Math.hypot(x - cx, y - cy);
  for (const [i, g] of groups.entries()) {
    const drawn = dist(geometry.current[i]) / dist(geometry.outer[i]);
    assert.ok(Math.abs(drawn - (groupRate(g) ?? 0)) < 0.01, `radar axis ${g.number}: drawn ${drawn}, rate ${groupRate(g)}`);
  }

  // Gap list: in-scope items neither achieved nor n/a, by level, group, item.
  const pos = Object.fromEntries(CONTROLS.map((c, i) => [c.id, i]));
  const expectedGaps = scope
    .filter((c) => !['achieved', 'not_applicable'].includes(MIX[c.id]))
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || GROUP_POS[a.group] - GROUP_POS[b.group] || pos[a.id] - pos[b.id])
    .map((c) => c.id);
  const gaps = await page.locator('ol[data-list="gaps"] > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-control')));
  assert.equal(byId[gaps[0]].level, 'Lv1', 'the gap list starts with Lv1 items');
  for (const [id, opt] of Object.entries(MIX)) {
    const c = byId[id];
    const expected = c.level !== 'Lv3' && (opt === 'partial' || opt === 'not_achieved');
    assert.equal(gaps.includes(id), expected, `item ${id} (${c.level}, ${opt}) ${expected ? 'is' : 'is not'} in the gap list`);
  }
  assert.ok(gaps.some((id) => !MIX[id]), 'unanswered in-scope items are in the gap list');
  assert.ok(!gaps.some((id) => byId[id].level === 'Lv3'), 'no Lv3 item in the gap list');
  assert.deepEqual(gaps, expectedGaps, 'the whole gap list, in order');

  for (const width of [1280, 375]) {
    await screenshot(page, 'results', width);
    await cardShot(page, '.sc-summary', 'results-summary', width);
    await cardShot(page, '.sc-radar-card', 'results-radar', width);
    await cardShot(page, '.sc-card:has(table[data-table="levels"])', 'results-levels', width);
  }
  // The radar stays legible on a phone: the chart is at least ~300 px wide.
  const box = await svg.boundingBox();
  assert.ok(box.width >= 280, `radar is ${box.width}px wide at 375 px`);
  // Every table fits its card at 375 px (no column cut off).
  const tooWide = await page.locator('table.sc-table').evaluateAll((ts) =>
    ts.filter((tb) => tb.getBoundingClientRect().width > tb.closest('.sc-card').clientWidth).map((tb) => tb.dataset.table),
  );
  assert.deepEqual(tooWide, [], 'tables wider than their card at 375 px');
  const page375Overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(page375Overflow <= 375, `no horizontal scroll at 375 px (scrollWidth ${page375Overflow})`);
});

test('not applicable requires a reason, kept across a reload', async (t) => {
  const session = await openBrowser(t);
  const page = await open(session);
  const id = LV2[5].id;
  const it = item(page, id);
  assert.equal(await it.locator('input[data-field="reason"]').count(), 0, 'no reason field before N/A');
  await radio(page, id, 'not_applicable').check();
  const reason = it.locator('input[data-field="reason"]');
  await reason.waitFor({ state: 'visible' });
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  const error = it.locator('.sc-field-error');
  assert.ok(await error.isVisible(), 'an error text is shown while the reason is empty');
  assert.equal(await reason.getAttribute('aria-describedby'), await error.getAttribute('id'), 'the error describes the field');

  const why = '該当する設備を保有していないため';
  await reason.fill(why);
  await reason.blur();
  await until(async () => (await it.locator('.sc-field-error').count()) === 0, 'the error to go away');
  assert.equal(await reason.getAttribute('aria-invalid'), 'false');
  await until(async () => (await activeStored(page))?.answers?.[id]?.reason === why, 'the reason to be saved');

  await page.reload();
  await waitForItems(page, TOTAL);
  assert.equal(await radio(page, id, 'not_applicable').isChecked(), true);
  assert.equal(await item(page, id).locator('input[data-field="reason"]').inputValue(), why, 'reason kept after reload');
  assert.equal(await item(page, id).locator('.sc-field-error').count(), 0);
});

test('note and evidence are kept and searchable; Japanese substring search and filters narrow the list', async (t) => {
  const session = await openBrowser(t);
  const page = await open(session);
  const id = LV2[10].id;
  const note = '担当は総務の田中さん。ふくろう棚に保管';
  const evidence = ['規程集2024.pdf', 'https://intra.example/policy'];
  const it = item(page, id);
  await radio(page, id, 'partial').check();
  await it.locator('details.sc-extra > summary').click();
  await it.locator('textarea[data-field="note"]').fill(note);
  await it.locator('textarea[data-field="evidence"]').fill(evidence.join('\n'));
  await it.locator('textarea[data-field="evidence"]').blur();
  await until(async () => {
    const a = (await activeStored(page))?.answers?.[id];
    return a && a.note === note && JSON.stringify(a.evidence) === JSON.stringify(evidence);
  }, 'note and evidence to be saved');

  await page.reload();
  await waitForItems(page, TOTAL);
  const it2 = item(page, id);
  assert.ok(await it2.locator('details.sc-extra').evaluate((d) => d.open), 'the notes are unfolded when filled');
  assert.equal(await it2.locator('textarea[data-field="note"]').inputValue(), note);
  assert.equal(await it2.locator('textarea[data-field="evidence"]').inputValue(), evidence.join('\n'));

  const search = page.locator('input[data-field="search"]');
  // A word of the note (mid-sentence: no word boundaries in Japanese).
  await search.fill('ふくろう棚');
  await waitShown(page, 1, 'search by note');
  assert.deepEqual(await page.locator('.sc-item').evaluateAll((els) => els.map((e) => e.dataset.control)), [id]);

  // A phrase found only in one item's commentary (解説), checked on the catalog file.
  const phrase = '不正侵入を抑制';
  const inCommentary = CONTROLS.filter((c) => JSON.stringify(c.commentary || []).includes(phrase));
  const elsewhere = CONTROLS.filter((c) => JSON.stringify({ ...c, commentary: [] }).includes(phrase));
  assert.equal(inCommentary.length, 1, 'the phrase is in exactly one commentary');
  assert.equal(elsewhere.length, 0, 'and nowhere in the item texts');
  await search.fill(phrase);
  await waitShown(page, 1, 'commentary search');
  assert.deepEqual(await page.locator('.sc-item').evaluateAll((els) => els.map((e) => e.dataset.control)), [inCommentary[0].id]);
  // Two terms are ANDed.
  await search.fill(`${phrase} ふくろう棚`);
  await waitShown(page, 0, 'AND of two terms');
  assert.equal(await page.locator('.sc-item').count(), 0);
  await page.locator('button[data-action="clear-filters"]').click();
  await waitShown(page, TOTAL, 'cleared filters');
  assert.equal(await search.inputValue(), '');

  // Filters: level and status.
  const answers = { [LV1[0].id]: 'not_achieved', [LV1[1].id]: 'achieved', [LV3[0].id]: 'not_achieved', [LV2[0].id]: 'not_applicable' };
  await answerAll(page, answers, { [LV2[0].id]: '対象外' });
  const all = { ...answers, [id]: 'partial' };

  await page.locator('select[data-field="level"]').selectOption('Lv3');
  await waitShown(page, LV3.length, 'level filter');
  const shownLevels = await page.locator('.sc-item').evaluateAll((els) => els.map((e) => e.dataset.control));
  assert.deepEqual(shownLevels, LV3.map((c) => c.id), 'only Lv3 items');

  await page.locator('select[data-field="status"]').selectOption('not_achieved');
  await waitShown(page, 1, 'level + status filter');
  assert.deepEqual(await page.locator('.sc-item').evaluateAll((els) => els.map((e) => e.dataset.control)), [LV3[0].id]);

  await page.locator('select[data-field="level"]').selectOption('');
  // Partial counts as not achieved (the rule of the results view too).
  const notAchieved = Object.keys(all).filter((k) => all[k] === 'not_achieved' || all[k] === 'partial');
  assert.equal(notAchieved.length, 3);
  await waitShown(page, notAchieved.length, 'status filter');

  await page.locator('select[data-field="status"]').selectOption('answered');
  await waitShown(page, Object.keys(all).length, 'answered filter');

  await page.locator('select[data-field="status"]').selectOption('not_applicable');
  await waitShown(page, 1, 'n/a filter');

  await page.locator('select[data-field="status"]').selectOption('unanswered');
  await page.locator('select[data-field="level"]').selectOption('Lv1');
  const lv1Unanswered = LV1.filter((c) => !all[c.id]).length;
  await waitShown(page, lv1Unanswered, 'Lv1 unanswered');
});

test('"jump to first unanswered" focuses the first unanswered in-scope item', async (t) => {
  const session = await openBrowser(t);
  const page = await open(session, '?target=Lv1');
  // Answer the first three Lv1 items: in catalog order the next unanswered
  // item is a Lv2 one (out of scope), the next in-scope one a later Lv1 item.
  const answers = Object.fromEntries(LV1.slice(0, 3).map((c) => [c.id, 'achieved']));
  await answerAll(page, answers);
  const firstAny = CONTROLS.find((c) => !answers[c.id]);
  const firstInScope = CONTROLS.find((c) => !answers[c.id] && inScope(c, 'Lv1'));
  assert.notEqual(firstAny.id, firstInScope.id, 'the test needs an out-of-scope item first');

  await view(page, 'results');
  await page.locator('button[data-action="jump-unanswered"]').click();
  await page.locator('button[role="tab"][data-view="answer"][aria-selected="true"]').waitFor();
  const focused = await until(
    () =>
      page.evaluate(() => {
        const a = document.querySelector('#selfcheck').shadowRoot.activeElement;
        return a && a.matches('input[type=radio]') ? a.name : null;
      }),
    'a radio to get focus',
  );
  assert.equal(focused, `ans-${firstInScope.id}`, `focus on item ${firstInScope.id}`);
  assert.ok(await item(page, firstInScope.id).isVisible());
  const inView = await item(page, firstInScope.id).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  });
  assert.ok(inView, 'the item is scrolled into view');
});

test('entities: create B社, answer differently, switch back, duplicate, delete', async (t) => {
  const session = await openBrowser(t);
  const page = await open(session);
  const ids = [LV1[0].id, LV1[1].id, LV2[0].id];
  const A = { [ids[0]]: 'achieved', [ids[1]]: 'not_achieved' };
  const B = { [ids[0]]: 'not_achieved', [ids[2]]: 'partial' };
  await answerAll(page, A);
  const entitySelect = page.locator('select[data-field="entity"]');
  const firstId = await entitySelect.inputValue();
  assert.ok(firstId, 'an entity is open from the start');

  await view(page, 'data');
  await page.locator('input[data-field="new-entity"]').fill('B社');
  await page.locator('button[data-action="create-entity"]').click();
  await waitForCount(page.locator('li.sc-entity'), 2);
  const options = () => entitySelect.locator('option').evaluateAll((os) => os.map((o) => ({ v: o.value, t: o.textContent.trim() })));
  const bId = (await options()).find((o) => o.t === 'B社')?.v;
  assert.ok(bId, 'B社 is in the entity select');
  assert.equal(await entitySelect.inputValue(), bId, 'the new entity is open');

  await view(page, 'answer');
  assert.deepEqual(await checkedOptions(page, ids), { [ids[0]]: null, [ids[1]]: null, [ids[2]]: null }, 'B社 starts empty');
  await answerAll(page, B);

  await entitySelect.selectOption(firstId);
  await until(async () => (await radio(page, ids[0], 'achieved').isChecked()), 'entity 1 answers');
  assert.deepEqual(await checkedOptions(page, ids), { [ids[0]]: 'achieved', [ids[1]]: 'not_achieved', [ids[2]]: null });
  await entitySelect.selectOption(bId);
  await until(async () => (await radio(page, ids[0], 'not_achieved').isChecked()), 'B社 answers');
  assert.deepEqual(await checkedOptions(page, ids), { [ids[0]]: 'not_achieved', [ids[1]]: null, [ids[2]]: 'partial' });

  // Duplicate B社: a third entity, open, with B社's answers.
  await view(page, 'data');
  await page.locator(`li.sc-entity[data-entity="${bId}"] button[data-action="duplicate-entity"]`).click();
  await waitForCount(page.locator('li.sc-entity'), 3);
  const dup = (await options()).find((o) => o.v !== firstId && o.v !== bId);
  assert.ok(dup && dup.t.includes('B社'), `the copy is named after B社 (${dup && dup.t})`);
  assert.equal(await entitySelect.inputValue(), dup.v, 'the copy is open');
  await view(page, 'answer');
  assert.deepEqual(await checkedOptions(page, ids), { [ids[0]]: 'not_achieved', [ids[1]]: null, [ids[2]]: 'partial' }, 'the copy has the answers');

  // Delete the copy, confirming the dialog.
  await view(page, 'data');
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.accept();
  });
  await page.locator(`li.sc-entity[data-entity="${dup.v}"] button[data-action="delete-entity"]`).click();
  await waitForCount(page.locator('li.sc-entity'), 2);
  assert.deepEqual(dialogs, ['confirm'], 'deleting asked for confirmation');
  assert.deepEqual((await options()).map((o) => o.v).sort(), [firstId, bId].sort(), 'the copy is gone from the select');
  // Kept after a reload.
  await until(async () => (await storedWorkspace(page))?.entities?.length === 2, 'the deletion to be saved');
  await page.reload();
  await waitForItems(page, TOTAL);
  assert.deepEqual((await options()).map((o) => o.v).sort(), [firstId, bId].sort());
});

test('snapshot, change answers, compare: group delta and changed items; compare two entities', async (t) => {
  const session = await openBrowser(t);
  const page = await open(session);
  // Two items of one group go from not achieved to achieved.
  const group = LV2[0].group;
  const members = CONTROLS.filter((c) => c.group === group);
  assert.ok(members.length >= 3, 'the group has at least three items');
  const [x, y, z] = members;
  const before = { [x.id]: 'not_achieved', [y.id]: 'not_achieved', [z.id]: 'achieved', [LV1[0].id]: 'partial' };
  if (LV1[0].group === group) delete before[LV1[0].id];
  await answerAll(page, before);

  await view(page, 'data');
  await page.locator('input[data-field="snapshot-label"]').fill('初回');
  await page.locator('button[data-action="take-snapshot"]').click();
  await waitForCount(page.locator('li.sc-snapshot'), 1);
  const snapId = await page.locator('li.sc-snapshot').getAttribute('data-snapshot');

  await view(page, 'answer');
  const changes = { [x.id]: 'achieved', [y.id]: 'achieved' };
  await answerAll(page, changes);
  const now = { ...before, ...changes };

  await view(page, 'compare');
  const entityId = await page.locator('select[data-field="entity"]').inputValue();
  assert.equal(await page.locator('select[data-field="compare-before"]').inputValue(), `s:${entityId}:${snapId}`, 'before = the snapshot');
  assert.equal(await page.locator('select[data-field="compare-after"]').inputValue(), `e:${entityId}`, 'after = current answers');

  const cmp = page.locator('table[data-table="compare"]');
  const inGroup = members;
  const expectedGroup = rate(inGroup, now) - rate(inGroup, before);
  assert.ok(Math.abs(expectedGroup - 2 / members.length) < 1e-9, 'sanity: two more achieved items');
  assert.equal(await text(cmp.locator(`tr[data-group="${group}"] [data-delta]`)), pt(expectedGroup));
  assert.equal(await text(cmp.locator('tr[data-group=""] [data-delta]')), pt(rate(CONTROLS, now) - rate(CONTROLS, before)));
  // Other groups did not move.
  const other = CATALOG.groups.find((g) => g.id !== group && CONTROLS.some((c) => c.group === g.id));
  assert.equal(await text(cmp.locator(`tr[data-group="${other.id}"] [data-delta]`)), pt(0));
  const changed = await page.locator('ul[data-list="changed"] > li').evaluateAll((lis) => lis.map((li) => li.dataset.control));
  assert.deepEqual(changed.sort(), [x.id, y.id].sort(), 'exactly the two changed items');

  await screenshot(page, 'compare', 1280);
  await cardShot(page, '.sc-compare', 'compare-view', 1280);
  await screenshot(page, 'compare', 375);
  await cardShot(page, '.sc-compare', 'compare-view', 375);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `no horizontal scroll at 375 px (scrollWidth ${overflow})`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Two entities: B社 answers the same group differently.
  await view(page, 'data');
  await page.locator('input[data-field="new-entity"]').fill('B社');
  await page.locator('button[data-action="create-entity"]').click();
  await waitForCount(page.locator('li.sc-entity'), 2);
  const bId = await page.locator('select[data-field="entity"]').inputValue();
  assert.notEqual(bId, entityId);
  await view(page, 'answer');
  const B = { [x.id]: 'achieved', [y.id]: 'not_applicable', [z.id]: 'not_achieved' };
  await answerAll(page, B, { [y.id]: '対象外の理由' });

  await view(page, 'compare');
  await page.locator('select[data-field="compare-before"]').selectOption(`e:${entityId}`);
  await page.locator('select[data-field="compare-after"]').selectOption(`e:${bId}`);
  const expectedEntities = rate(inGroup, B) - rate(inGroup, now);
  await until(
    async () => (await text(cmp.locator(`tr[data-group="${group}"] [data-delta]`))) === pt(expectedEntities),
    `group delta ${pt(expectedEntities)} between the entities`,
  );
  const diff = [...new Set([...Object.keys(now), ...Object.keys(B)])].filter((k) => now[k] !== B[k]).sort();
  const changed2 = await page.locator('ul[data-list="changed"] > li').evaluateAll((lis) => lis.map((li) => li.dataset.control));
  assert.deepEqual(changed2.sort(), diff, 'the items answered differently');
});
