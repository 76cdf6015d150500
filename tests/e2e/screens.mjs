#!/usr/bin/env node
// Screenshots to look at (not a test): the answer, results and data views in
// Japanese and English at 375 and 1280 px, with a few answers given, written
// to test-results/screens/{view}-{lang}-{width}.png (12 files). The first
// screen as a visitor sees it (not the full page) for the answer view; the
// full page for the others.
//
//   scripts/build.sh && node tests/e2e/screens.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ANSWERS = { 1: 'achieved', 4: 'partial', 5: 'not_achieved', 6: 'achieved', 8: 'not_applicable', 9: 'achieved', 13: 'not_achieved' };

fs.mkdirSync(OUT, { recursive: true });
const srv = await startServer({ root: path.join(ROOT, 'dist'), port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const written = [];
try {
  for (const lang of ['ja', 'en']) {
    for (const width of [375, 1280]) {
      const height = width < 600 ? 812 : 900;
      const context = await browser.newContext({ viewport: { width, height }, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const page = await context.newPage();
      await page.goto(`${srv.url}?lang=${lang}&target=Lv2`);
      await page.locator('.sc-item[data-control="1"]').waitFor({ timeout: 60000 });
      await page.waitForFunction(() => !document.getElementById('selfcheck').shadowRoot.querySelector('[data-sc-static]'));
      for (const [c, o] of Object.entries(ANSWERS)) {
        await page.locator(`.sc-item[data-control="${c}"] input[type="radio"][value="${o}"]`).check();
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      const shot = async (name, fullPage) => {
        const file = path.join(OUT, `${name}-${lang}-${width}.png`);
        await page.screenshot({ path: file, fullPage });
        written.push(path.relative(ROOT, file));
      };
      await shot('answer', false);
      for (const v of ['results', 'data']) {
        await page.locator(`button[role="tab"][data-view="${v}"]`).click();
        await page.locator(`button[role="tab"][data-view="${v}"][aria-selected="true"]`).waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(v, true);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await srv.close();
}
console.log(`screens: ${written.length} files\n  ${written.join('\n  ')}`);
