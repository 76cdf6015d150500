// Issue 6, embedding and languages, as an association's web team and its
// members meet them:
// - the demo page (www/demo/index.html, deliberately hostile global CSS)
//   embeds two widgets with the script tag and one in an iframe; each renders
//   in a shadow root, looks exactly as on the standalone page, takes the
//   host's theme custom property, and keeps its own answers in its own
//   storage namespace;
// - a wrong data-attribute says what is wrong in the container;
// - the UI language follows the option, then the stored preference, then the
//   browser; the catalog's own text stays in the catalog's language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  JAMA_ITEMS,
  setupFile,
  appUrl as url,
  openBrowser,
  openWidget,
  waitForItems,
  waitForStoredAnswers,
  storedAnswers,
  readLocalStorage,
  radio,
  view,
  foreignOrNonGetRequests,
} from './helpers.mjs';

const JA = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

const env = setupFile();

/** Computed styles that a hostile host stylesheet would change first. */
const STYLE_PROPS = [
  'font-size',
  'font-family',
  'font-weight',
  'color',
  'background-color',
  'box-sizing',
  'text-transform',
  'letter-spacing',
  'line-height',
  'display',
  'border-top-style',
  'padding-left',
  'margin-top',
];

async function styleOf(locator) {
  return locator.evaluate((el, props) => {
    const cs = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
  }, STYLE_PROPS);
}

/** The parts of one item whose look the host page must not change. */
const PARTS = {
  headline: '.sc-headline',
  choice: 'label.sc-choice-achieved',
  radio: 'input[type="radio"][value="achieved"]',
  tab: 'button[role="tab"][data-view="results"]',
  item: '',
};

async function itemStyles(scope, control) {
  const out = {};
  for (const [name, sel] of Object.entries(PARTS)) {
    const loc =
      name === 'tab'
        ? scope.locator(sel)
        : scope.locator(`.sc-item[data-control="${control}"] ${sel}`.trim());
    out[name] = await styleOf(loc.first());
  }
  return out;
}

async function openDemo(t, opts) {
  const session = await openBrowser(t, opts);
  const page = await session.newPage();
  await page.goto(url('demo/index.html'));
  await waitForItems(page.locator('#widget-a'));
  await waitForItems(page.locator('#widget-b'));
  return { session, page };
}

test('script-tag mode: each widget renders in its own shadow root, untouched by the hostile CSS, with the host theme', async (t) => {
  // The reference look: the standalone page, same language.
  const session = await openBrowser(t);
  const ref = await session.newPage();
  await openWidget(ref, '?lang=ja');
  const expected = await itemStyles(ref, '1');

  const page = await session.newPage();
  await page.goto(url('demo/index.html'));
  await waitForItems(page.locator('#widget-a'));
  await waitForItems(page.locator('#widget-b'));

  const dom = await page.evaluate(() =>
    ['widget-a', 'widget-b'].map((id) => {
      const host = document.getElementById(id);
      const root = host.shadowRoot;
      return {
        id,
        shadow: !!root,
        mode: root?.mode,
        items: root ? root.querySelectorAll('.sc-item').length : 0,
        lightChildren: host.children.length,
        sheet: root?.querySelector('link[rel="stylesheet"]')?.getAttribute('href') || null,
      };
    }),
  );
  for (const d of dom) {
    assert.equal(d.shadow, true, `${d.id} has a shadow root`);
    assert.equal(d.mode, 'open', `${d.id}: open shadow root`);
    assert.equal(d.items, JAMA_ITEMS, `${d.id}: items live inside the shadow root`);
    assert.equal(d.lightChildren, 0, `${d.id}: nothing rendered into the host page's DOM`);
    assert.match(d.sheet, /selfcheck\.css$/, `${d.id}: own stylesheet inside the shadow root`);
  }
  // The host's CSS hides .sc-root/.sc-item/.sc-choice, radios and buttons: it must not reach in.
  assert.ok(await page.locator('#widget-a .sc-item[data-control="1"]').isVisible(), 'item visible');
  assert.ok(await radio(page.locator('#widget-a'), '1', 'achieved').isVisible(), 'radio visible');
  assert.ok(await page.locator('#widget-a button[data-action="export-json"]').isVisible(), 'button visible');

  for (const id of ['widget-a', 'widget-b']) {
    const got = await itemStyles(page.locator(`#${id}`), '1');
    for (const part of Object.keys(PARTS)) {
      for (const prop of STYLE_PROPS) {
        // The theme (widget-a) recolours accents only, none of these.
        assert.equal(got[part][prop], expected[part][prop], `${id} ${part} ${prop} as on the standalone page`);
      }
    }
  }

  // The host element itself is reset (no yellow background, dotted border, 28px text).
  const host = await page.locator('#widget-a').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { bg: cs.backgroundColor, border: cs.borderTopStyle, display: cs.display };
  });
  assert.deepEqual(host, { bg: 'rgba(0, 0, 0, 0)', border: 'none', display: 'block' }, 'host element reset by :host');

  // Nothing leaks out: the host page's own headings keep the host's style.
  const h1 = await page.locator('body > h1').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { color: cs.color, transform: cs.textTransform };
  });
  assert.deepEqual(h1, { color: 'rgb(255, 0, 255)', transform: 'uppercase' }, 'host page styles unchanged');

  // Theme: --sc-accent on #widget-a (demo.css) recolours its accents; widget-b keeps the default.
  const accent = async (id) =>
    page.locator(`#${id} .sc-group > h2`).first().evaluate((el) => getComputedStyle(el).borderBottomColor);
  assert.equal(await accent('widget-a'), 'rgb(0, 110, 82)', 'widget-a uses the host-defined --sc-accent');
  assert.equal(await accent('widget-b'), 'rgb(31, 78, 140)', 'widget-b keeps the default accent');
  assert.equal(
    await page.locator('#widget-a label.sc-choice').first().evaluate((el) => getComputedStyle(el).borderTopLeftRadius),
    '4px',
    'widget-a uses the host-defined --sc-radius',
  );

  // Options from data-attributes: A is Japanese with target Lv2, B English with no target.
  assert.equal(await page.locator('#widget-a .sc-app').getAttribute('lang'), 'ja');
  assert.equal(await page.locator('#widget-b .sc-app').getAttribute('lang'), 'en');
  assert.equal(await page.locator('#widget-a button[data-view="answer"]').innerText(), '回答');
  assert.equal(await page.locator('#widget-b button[data-view="answer"]').innerText(), 'Answer');
  assert.equal(await page.locator('#widget-a select[data-field="target"]').inputValue(), 'Lv2');
  assert.equal(await page.locator('#widget-b select[data-field="target"]').inputValue(), '');
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GET requests');
});

test('script-tag mode: two widgets on one page keep separate answers in separate namespaces', async (t) => {
  const { page } = await openDemo(t);
  const a = page.locator('#widget-a');
  const b = page.locator('#widget-b');

  await radio(a, '1', 'achieved').check();
  await radio(b, '4', 'not_achieved').check();
  const inA = await waitForStoredAnswers(page, (x) => Object.keys(x).length === 1, { namespace: 'demo-a' });
  const inB = await waitForStoredAnswers(page, (x) => Object.keys(x).length === 1, { namespace: 'demo-b' });
  assert.deepEqual(inA, { 1: 'achieved' }, 'widget-a stores only its own answer under demo-a');
  assert.deepEqual(inB, { 4: 'not_achieved' }, 'widget-b stores only its own answer under demo-b');

  assert.equal(await radio(b, '1', 'achieved').isChecked(), false, 'answer in A does not show in B');
  assert.equal(await radio(a, '4', 'not_achieved').isChecked(), false, 'answer in B does not show in A');
  assert.equal(await a.locator('[data-testid="progress"]').getAttribute('aria-valuenow'), '1');
  assert.equal(await b.locator('[data-testid="progress"]').getAttribute('aria-valuenow'), '1');
  // widget-a's progress counts the Lv1+Lv2 scope (75 items), B's the whole catalog.
  assert.equal(await a.locator('[data-testid="progress"]').getAttribute('aria-valuemax'), '75');
  assert.equal(await b.locator('[data-testid="progress"]').getAttribute('aria-valuemax'), String(JAMA_ITEMS));

  // Each widget (and the iframe's, demo-frame) writes under its own namespace only.
  const keys = Object.keys(await readLocalStorage(page)).sort();
  assert.ok(keys.every((k) => /^demo-(a|b|frame):v2:/.test(k)), `only namespaced keys: ${keys}`);
  assert.equal(await storedAnswers(page, 'selfcheck'), null, 'nothing under the default namespace');

  // After a reload each widget finds its own answers again.
  await page.reload();
  await waitForItems(b);
  await waitForItems(a);
  assert.equal(await radio(a, '1', 'achieved').isChecked(), true);
  assert.equal(await radio(b, '4', 'not_achieved').isChecked(), true);
  assert.equal(await radio(b, '1', 'achieved').isChecked(), false);
});

test('iframe mode: the frame shows the standalone widget, fits the frame, stores under demo-frame', async (t) => {
  const { page } = await openDemo(t);
  const frameEl = await page.locator('iframe#widget-frame').elementHandle();
  const frame = await frameEl.contentFrame();
  assert.ok(frame, 'the iframe has a document');
  assert.match(frame.url(), /index\.html\?namespace=demo-frame/);
  const inFrame = page.frameLocator('iframe#widget-frame');
  await waitForItems(inFrame);
  assert.equal(await inFrame.locator('.sc-app').getAttribute('lang'), 'ja');

  await radio(inFrame, '5', 'partial').check();
  const stored = await waitForStoredAnswers(frame, (x) => Object.keys(x).length === 1, { namespace: 'demo-frame' });
  assert.deepEqual(stored, { 5: 'partial' });
  // The script-tag widgets on the page are not affected.
  assert.equal(await radio(page.locator('#widget-a'), '5', 'partial').isChecked(), false);
  assert.deepEqual(await storedAnswers(page, 'demo-a'), {}, 'demo-a has no stored answers');

  // It sizes well inside the frame: no horizontal scrolling.
  const overflow = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(overflow.scroll <= overflow.client, `no horizontal overflow in the frame: ${JSON.stringify(overflow)}`);
  assert.deepEqual(foreignOrNonGetRequests(page, env.url), [], 'only same-origin GET requests');
});

test('a wrong data-attribute shows a clear error in its container; a correct widget beside it still works', async (t) => {
  const session = await openBrowser(t);
  const page = await session.newPage();
  await page.goto(url('demo/bad-options.html'));
  await waitForItems(page.locator('#good'));
  const cases = {
    'bad-namespace': /data-namespace `a b`/,
    'bad-lang': /data-lang must be `ja` or `en` \(got `fr`\)/,
    'bad-theme': /data-theme must be `light` or `dark` \(got `neon`\)/,
  };
  for (const [id, re] of Object.entries(cases)) {
    const el = page.locator(`#${id}`);
    await el.locator('xpath=self::*[@role="alert"]').waitFor();
    // textContent: the host page's (hostile) CSS does style the message, it is in its DOM.
    const text = await el.textContent();
    assert.match(text, /^selfcheck: /i, `${id}: the message says it is the widget's`);
    assert.match(text, re, `${id}: the message names the attribute and the value`);
    assert.equal(await el.evaluate((e) => e.shadowRoot === null), true, `${id}: no half-started widget`);
  }
  assert.equal(await page.locator('#good .sc-app').getAttribute('lang'), 'en');
});

test('language: English browser without option gets English; the toggle switches to Japanese and persists; ?lang=en overrides', async (t) => {
  const session = await openBrowser(t, { locale: 'en-US' });
  const page = await session.newPage();
  await openWidget(page);

  const ui = async () => ({
    lang: await page.locator('.sc-app').getAttribute('lang'),
    tab: await page.locator('button[data-view="answer"]').innerText(),
    title: await page.locator('.sc-header h1').innerText(),
    footer: await page.locator('.sc-footer').innerText(),
    choice: await page.locator('.sc-item[data-control="1"] label.sc-choice-achieved').innerText(),
    headline: await page.locator('.sc-item[data-control="1"] .sc-headline').innerText(),
  });

  const en = await ui();
  assert.equal(en.lang, 'en');
  assert.equal(en.tab, 'Answer');
  assert.doesNotMatch(en.footer, JA, 'privacy footer in English');
  // Catalog text: English where the catalog provides it (title, answer labels) ...
  assert.equal(en.title, 'JAMA/JAPIA Cybersecurity Guidelines V2.2');
  assert.equal(en.choice, 'Achieved');
  // ... and the catalog's own language where it does not (the items themselves).
  assert.match(en.headline, JA, 'item text stays Japanese (the catalog language)');
  // The data view names the shipped catalogs in the UI language.
  await view(page, 'data');
  const names = await page.locator('.sc-catalogs li > span:first-child').allInnerTexts();
  assert.equal(names.length, 2);
  for (const n of names) assert.doesNotMatch(n, JA, `catalog name in English: ${n}`);
  await page.locator('button[data-view="answer"]').click();

  await page.locator('button[data-action="lang"]').click();
  const ja = await ui();
  assert.equal(ja.lang, 'ja');
  assert.equal(ja.tab, '回答');
  assert.equal(ja.title, '自工会/部工会・サイバーセキュリティガイドライン V2.2');
  assert.equal(ja.choice, '達成');
  assert.equal(ja.headline, en.headline, 'item text unchanged by the UI language');
  assert.match(ja.footer, JA);
  const prefs = await readLocalStorage(page);
  assert.equal(prefs['selfcheck:v2:pref-lang'], 'ja', 'the choice is stored as a preference');

  await page.reload();
  await waitForItems(page);
  assert.equal((await ui()).lang, 'ja', 'the choice survives a reload');

  await openWidget(page, '?lang=en');
  const forced = await ui();
  assert.equal(forced.lang, 'en', 'the page option wins over the stored preference');
  assert.equal(forced.tab, 'Answer');
  // The toggle's own label is in the other language, marked as such.
  assert.equal(await page.locator('button[data-action="lang"]').getAttribute('lang'), 'ja');
});

test('language: a Japanese browser gets Japanese; NISC shows its English title in English', async (t) => {
  const session = await openBrowser(t, { locale: 'ja-JP' });
  const page = await session.newPage();
  await page.goto(url('?catalog=nisc-2023'));
  await page.locator('.sc-item').first().waitFor();
  assert.equal(await page.locator('.sc-app').getAttribute('lang'), 'ja');
  assert.equal(await page.locator('button[data-view="data"]').innerText(), 'データ管理');
  assert.equal(await page.locator('.sc-header h1').innerText(), '重要インフラのサイバーセキュリティに係る安全基準等策定指針');
  await page.locator('button[data-action="lang"]').click();
  assert.equal(
    await page.locator('.sc-header h1').innerText(),
    'Guidelines for Establishing Safety Standards for Cybersecurity of Critical Infrastructure',
  );
  assert.equal(await page.locator('button[data-view="data"]').innerText(), 'Data');
  // Maturity labels come from the catalog, in English where provided.
  const first = page.locator('.sc-item').first();
  assert.equal(await first.locator('input[value="m0"] + span').innerText(), '0 Not implemented');
});
