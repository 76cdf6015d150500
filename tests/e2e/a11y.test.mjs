// Issue 6, accessibility and layout, as a keyboard or screen-reader user and
// a phone user meet them:
// - axe-core finds no serious or critical violation in the answer, results,
//   compare and data views of both catalogs (Japanese UI);
// - keyboard only: Tab reaches the view tabs and the first item's radio
//   group, arrow keys change the answer, Enter and Space press buttons, and
//   the focused element shows a visible outline;
// - from 320 px to 1280 px nothing overflows sideways (standalone page and
//   embedded on the hostile demo page); screenshots of the answer and results
//   views at 320, 768 and 1280 px go to test-results/screenshots/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  RESULTS,
  setupFile,
  appUrl,
  openBrowser,
  openWidget,
  waitForItems,
  waitForCount,
  waitForStoredAnswers,
  radio,
  answer,
  view,
  until,
  axeCheck,
  formatViolations,
  screenshot,
} from './helpers.mjs';

const CATALOGS = {
  'jama-japia-v2.2': { items: 90, answers: { 1: 'achieved', 4: 'partial', 5: 'not_applicable' }, change: ['4', 'achieved'] },
  'nisc-2023': { items: 133, answers: null, change: null },
};
const WIDTHS = [320, 768, 1280];

setupFile();

/** Screenshot of one element (e.g. the radar card) at the current width. */
async function shotOf(locator, name, width) {
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: path.join(RESULTS, 'screenshots', `${name}-${width}.png`) });
}

const toTop = (page) => page.evaluate(() => window.scrollTo(0, 0));


/** Answers a few items of the first controls (first options), for NISC. */
async function answerFirst(page, n) {
  const items = page.locator('.sc-item');
  for (let i = 0; i < n; i++) {
    await items.nth(i).locator('input[type="radio"]').nth(i % 3).check();
  }
}

for (const [catalog, spec] of Object.entries(CATALOGS)) {
  test(`axe: no serious or critical violation in the four views (${catalog}, ja)`, async (t) => {
    const session = await openBrowser(t);
    const page = await session.newPage();
    await openWidget(page, `?catalog=${catalog}&lang=ja`, { items: spec.items });
    if (spec.answers) {
      await answer(page, spec.answers);
      await page.locator('.sc-item[data-control="5"] input[data-field="reason"]').waitFor();
    } else {
      await answerFirst(page, 3);
    }
    const found = {};
    found.answer = await axeCheck(page);

    // A snapshot, then a change, so the compare view has something to show.
    await view(page, 'data');
    await page.locator('input[data-field="snapshot-label"]').fill('2025');
    await page.locator('button[data-action="take-snapshot"]').click();
    await waitForCount(page.locator('li.sc-snapshot'), 1);
    found.data = await axeCheck(page);

    await view(page, 'answer');
    if (spec.change) await radio(page, ...spec.change).check();
    else await page.locator('.sc-item').nth(3).locator('input[type="radio"]').first().check();
    await view(page, 'results');
    await page.locator('figure.sc-radar svg').waitFor();
    found.results = await axeCheck(page);

    await view(page, 'compare');
    await page.locator('ul[data-list="changed"] > li').first().waitFor();
    found.compare = await axeCheck(page);

    for (const [v, violations] of Object.entries(found)) {
      t.diagnostic(`${catalog} ${v}: ${violations.length} serious/critical`);
      assert.deepEqual(violations, [], `${catalog} ${v} view:\n${formatViolations(violations)}`);
    }
  });
}

test('axe: dark theme and English UI, both catalogs, the four views; the embedded widgets on the demo page', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  const found = [];
  for (const q of ['?theme=dark&lang=ja', '?theme=dark&lang=en&catalog=nisc-2023', '?lang=en']) {
    await page.goto(appUrl(q));
    await page.locator('.sc-item').first().waitFor();
    await answerFirst(page, 2);
    for (const v of ['answer', 'results', 'compare', 'data']) {
      await view(page, v);
      const vs = await axeCheck(page);
      t.diagnostic(`${q} ${v}: ${vs.length} serious/critical`);
      if (vs.length) found.push(`${q} ${v}:\n${formatViolations(vs)}`);
    }
  }
  // The demo page itself is hostile on purpose (magenta on yellow): only the widgets are checked.
  await page.goto(appUrl('demo/index.html'));
  await waitForItems(page.locator('#widget-b'));
  for (const id of ['#widget-a', '#widget-b']) {
    const vs = await axeCheck(page, { include: id });
    t.diagnostic(`demo ${id}: ${vs.length} serious/critical`);
    if (vs.length) found.push(`demo ${id}:\n${formatViolations(vs)}`);
  }
  assert.deepEqual(found, []);
});

/** The focused element, inside shadow roots; a short description of it. */
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return null;
    const outlineOf = (el) => {
      const cs = getComputedStyle(el);
      return { style: cs.outlineStyle, width: cs.outlineWidth };
    };
    // Radios draw their focus ring on their label (.sc-choice:has(:focus-visible)).
    const ring = a.matches('input[type=radio]') ? a.closest('label') : a;
    return {
      tag: a.tagName.toLowerCase(),
      view: a.dataset.view || null,
      action: a.dataset.action || null,
      field: a.dataset.field || null,
      name: a.getAttribute('name'),
      value: a.getAttribute('value'),
      checked: a.checked === true,
      focusVisible: a.matches(':focus-visible'),
      outline: outlineOf(ring),
    };
  });
}

const visibleRing = (f) => f.focusVisible && f.outline.style !== 'none' && parseFloat(f.outline.width) >= 2;

/** Presses Tab until `pred(focused)` holds; returns the path taken. */
async function tabTo(page, pred, { max = 80, key = 'Tab' } = {}) {
  const path = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    path.push(f);
    if (f && pred(f)) return path;
  }
  throw new Error(`not reached after ${max} x ${key}: ${JSON.stringify(path.slice(-5))}`);
}

test('keyboard only: tabs and the first radio group are reachable, arrows answer, Enter/Space press buttons, focus is visible', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  await openWidget(page, '?lang=ja');

  // From the top of the page to the first item's radio group.
  const path = await tabTo(page, (f) => f.name === 'ans-1');
  const tabs = path.filter((f) => f && f.view).map((f) => f.view);
  assert.deepEqual(tabs, ['answer', 'results', 'compare', 'data'], 'each view tab is in the Tab order');
  for (const f of path.filter(Boolean)) {
    assert.ok(visibleRing(f), `focus ring visible on ${JSON.stringify(f)}`);
  }
  const first = path.at(-1);
  assert.equal(first.value, 'achieved', 'Tab enters the group at its first choice');
  assert.equal(first.checked, false, 'focusing does not answer');

  // Arrow keys move the choice (and answer), as in any radio group.
  await page.keyboard.press('ArrowRight');
  let f = await focused(page);
  assert.deepEqual([f.name, f.value, f.checked], ['ans-1', 'partial', true]);
  assert.ok(visibleRing(f), 'the chosen radio shows its focus ring');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  f = await focused(page);
  assert.deepEqual([f.value, f.checked], ['achieved', true]);
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');

  // Tab leaves the group (one stop per group), Shift+Tab comes back to it.
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.notEqual(f.name, 'ans-1', 'one Tab stop per radio group');
  assert.equal(f.action, 'clear', 'next stop: the "clear answer" button');
  // Enter on the button clears the answer.
  await page.keyboard.press('Enter');
  await waitForStoredAnswers(page, (a) => !('1' in a));
  assert.equal(await page.locator('input[name="ans-1"]:checked').count(), 0, 'Enter pressed the clear button');

  // Back up to the results tab and open it with Enter.
  await tabTo(page, (x) => x.view === 'results', { key: 'Shift+Tab' });
  await page.keyboard.press('Enter');
  await page.locator('button[data-view="results"][aria-selected="true"]').waitFor();
  // Space on the compare tab.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).view, 'compare');
  await page.keyboard.press('Space');
  await page.locator('button[data-view="compare"][aria-selected="true"]').waitFor();
  // Back to results; its "first unanswered item" button takes the focus to that item.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.locator('button[data-view="results"][aria-selected="true"]').waitFor();
  await tabTo(page, (x) => x.action === 'jump-unanswered');
  await page.keyboard.press('Enter');
  await page.locator('button[data-view="answer"][aria-selected="true"]').waitFor();
  await until(async () => (f = await focused(page))?.name === 'ans-1', 'the focus to land on item 1').catch(() => {});
  assert.equal(f?.name, 'ans-1', 'focus lands on the first unanswered item');
  // Space answers the focused (unchecked) radio.
  await page.keyboard.press('Space');
  await waitForStoredAnswers(page, (a) => a['1'] === 'achieved');

  // The details (note / commentary) open with the keyboard too.
  await tabTo(page, (x) => x.tag === 'summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.sc-item[data-control="1"] details.sc-extra').evaluate((d) => d.open), true);
});

/** Elements of the widget that stick out of its root on the right, for the message. */
async function overflow(scope) {
  return scope.evaluate((root) => {
    const r = root.getBoundingClientRect();
    const out = [];
    // Inside a region that scrolls sideways on its own (a wide table in its
    // card, reachable by keyboard), content may be wider than the widget:
    // the page does not move, the region does.
    const scrolls = (el) => {
      for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of root.querySelectorAll('*')) {
      const b = el.getBoundingClientRect();
      if (b.width && b.right > r.right + 1 && !scrolls(el)) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(b.right)} > ${Math.round(r.right)}`);
      }
    }
    return { scroll: root.scrollWidth, client: root.clientWidth, out: out.slice(0, 8) };
  });
}

async function assertNoOverflow(scope, what) {
  const o = await overflow(scope);
  assert.ok(o.scroll <= o.client, `${what}: widget scrollWidth ${o.scroll} > clientWidth ${o.client}\n  ${o.out.join('\n  ')}`);
  assert.deepEqual(o.out, [], `${what}: nothing sticks out of the widget`);
}

test('layout: standalone page at 320, 768 and 1280 px, answer and results views, no sideways overflow', async (t) => {
  const session = await openBrowser(t, { viewport: { width: 1280, height: 900 } });
  const page = await session.newPage();
  await openWidget(page, '?lang=ja&target=Lv2');
  await answer(page, { 1: 'achieved', 4: 'partial', 5: 'not_applicable' });
  const root = page.locator('.sc-root');
  for (const w of WIDTHS) {
    await view(page, 'answer');
    await toTop(page);
    await screenshot(page, 'standalone-answer', w, { fullPage: false });
    await assertNoOverflow(root, `standalone answer view at ${w}px`);
    const doc = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(doc[0] <= doc[1], `standalone page at ${w}px: document scrollWidth ${doc[0]} > ${doc[1]}`);
    await view(page, 'results');
    await page.locator('figure.sc-radar svg').waitFor();
    await toTop(page);
    await screenshot(page, 'standalone-results', w, { fullPage: false });
    await shotOf(page.locator('.sc-radar-card'), 'standalone-results-radar', w);
    await shotOf(page.locator('table[data-table="levels"]').locator('xpath=ancestor::section[1]'), 'standalone-results-levels', w);
    await assertNoOverflow(root, `standalone results view at ${w}px`);
    await view(page, 'data');
    await assertNoOverflow(root, `standalone data view at ${w}px`);
    await view(page, 'compare');
    await assertNoOverflow(root, `standalone compare view at ${w}px`);
  }
});

test('layout: embedded on the hostile demo page at 320, 768 and 1280 px, no sideways overflow', async (t) => {
  const session = await openBrowser(t, { viewport: { width: 1280, height: 900 } });
  const page = await session.newPage();
  await page.goto(appUrl('demo/index.html'));
  const a = page.locator('#widget-a');
  await waitForItems(a);
  await answer(a, { 1: 'achieved', 4: 'not_achieved' });
  const root = a.locator('.sc-root');
  const frame = page.frameLocator('iframe#widget-frame');
  for (const w of WIDTHS) {
    await view(a, 'answer');
    await a.evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'demo-answer', w, { fullPage: false });
    await assertNoOverflow(root, `demo widget-a answer view at ${w}px`);
    await view(a, 'results');
    await a.locator('figure.sc-radar svg').waitFor();
    await a.evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'demo-results', w, { fullPage: false });
    await shotOf(a.locator('.sc-radar-card'), 'demo-results-radar', w);
    await assertNoOverflow(root, `demo widget-a results view at ${w}px`);
    await assertNoOverflow(frame.locator('.sc-root'), `demo iframe at ${w}px`);
  }
});
