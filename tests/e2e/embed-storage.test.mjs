// Issue 15, part 12: the widget in an iframe of another site, when the
// browser blocks the frame's storage (third-party storage blocked).
// - the warning that answers will be lost stays in view while answering
//   (it is part of the bar that sticks to the top of the frame);
// - where the browser offers the Storage Access API, the warning has a
//   button; on that click the widget asks the browser and says what
//   happened: granted (the answers given so far are saved at once, and every
//   later one) or refused (the warning stays, the answers stay on screen);
// - without the API there is no button.
//
// Two local origins: the host page on `localhost`, the widget on the test
// file's 127.0.0.1 server (another site). Whether Chromium blocks a frame's
// storage by itself depends on its version and profile, so an init script
// does it in the widget's frame only (and keeps a storage for the grant),
// the way a blocking browser does (localStorage throws a SecurityError),
// and stands in for the browser's answer to
// requestStorageAccess: refused without a user gesture (as browsers do), and
// granted with a handle holding the storage (as Chromium does) or refused.
//
// Run: scripts/build.sh && node --test tests/e2e/embed-storage.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';
import { setupFile, openBrowser, appUrl, waitForItems, answer, shownAnswers, item, until, RESULTS } from './helpers.mjs';

setupFile();

const NS = 'assoc';

/** A host page on another site with the widget's standalone page in an iframe. */
async function hostPage(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfcheck-e2e-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const src = appUrl(`?namespace=${NS}&lang=ja`);
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>host</title></head>
<body style="margin:0"><h1>Association</h1>
<iframe src="${src}" title="セキュリティ自己診断" style="width:100%;height:700px;border:0"></iframe></body></html>`,
  );
  const srv = await startServer({ root: dir, port: 0 });
  t.after(() => srv.close());
  return `http://localhost:${srv.port}/`;
}

/** Init script: the widget's frame (127.0.0.1, not the top) has its storage blocked; `mode` is the browser's answer to requestStorageAccess. */
function blockFrameStorage(mode) {
  return {
    content: `(() => {
      if (location.hostname !== '127.0.0.1' || window.top === window) return;
      // Chromium may block the frame's storage by itself (third-party
      // storage blocked in this profile): then the storage a grant hands
      // over is an in-memory one with the Storage interface.
      let real = null;
      try {
        real = window.localStorage;
      } catch {
        const m = new Map();
        real = Object.create(Storage.prototype);
        Object.defineProperties(real, {
          getItem: { value: (k) => (m.has(String(k)) ? m.get(String(k)) : null) },
          setItem: { value: (k, v) => void m.set(String(k), String(v)) },
          removeItem: { value: (k) => void m.delete(String(k)) },
          clear: { value: () => m.clear() },
          key: { value: (i) => [...m.keys()][i] ?? null },
          length: { get: () => m.size },
        });
      }
      window.__storage = real;
      window.__asked = 0;
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
      const define = (name, value) => Object.defineProperty(Document.prototype, name, { configurable: true, writable: true, value });
      if (${JSON.stringify(mode)} === 'none') {
        define('requestStorageAccess', undefined);
        define('hasStorageAccess', undefined);
        return;
      }
      define('hasStorageAccess', () => Promise.resolve(false));
      define('requestStorageAccess', (types) => {
        window.__asked++;
        if (!navigator.userActivation.isActive) return Promise.reject(new DOMException('requires a user gesture', 'NotAllowedError'));
        if (${JSON.stringify(mode)} === 'refuse') return Promise.reject(new DOMException('refused', 'NotAllowedError'));
        return Promise.resolve(types && types.localStorage ? { localStorage: real } : undefined);
      });
    })();`,
  };
}

async function openFramed(t, mode) {
  const session = await openBrowser(t, { viewport: { width: 375, height: 812 } });
  await session.context.addInitScript(blockFrameStorage(mode));
  const page = await session.newPage();
  await page.goto(await hostPage(t));
  const w = page.frameLocator('iframe');
  await waitForItems(w);
  const frame = page.frames().find((f) => new URL(f.url()).hostname === '127.0.0.1');
  assert.ok(frame, 'the widget frame');
  return { page, w, frame };
}

/** The answers kept in the frame's storage (the real one, behind the blocked accessor). */
async function storedInFrame(frame) {
  return frame.evaluate((ns) => {
    const raw = window.__storage.getItem(`${ns}:v2:workspace`);
    if (!raw) return {};
    const ws = JSON.parse(raw).workspace;
    const active = ws.entities.find((e) => e.id === ws.active);
    return Object.fromEntries(Object.entries(active.answers).filter(([, a]) => a.option).map(([k, a]) => [k, a.option]));
  }, NS);
}

test('12 blocked storage in a cross-site frame: the warning stays in view while answering; the browser grants access on a click and the answers are saved', async (t) => {
  const { page, w, frame } = await openFramed(t, 'grant');
  const banner = w.locator('[data-banner="unavailable"]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /回答はこの画面を閉じると失われます/);
  await answer(w, { 1: 'achieved', 4: 'partial' });

  // Answering further down: the warning is still at the top of the frame.
  await item(w, '50').scrollIntoViewIfNeeded();
  await answer(w, { 50: 'not_achieved' });
  const [fb, bb] = [await page.locator('iframe').boundingBox(), await banner.boundingBox()];
  assert.ok(bb.y >= fb.y - 0.5 && bb.y + bb.height <= fb.y + fb.height, `the warning (${bb.y}-${bb.y + bb.height}) is inside the frame's view (${fb.y}-${fb.y + fb.height})`);
  assert.ok(bb.y - fb.y < 120, `the warning is near the frame's top (${bb.y - fb.y} px)`);
  await page.screenshot({ path: path.join(RESULTS, 'screenshots', 'embed-storage-blocked-375.png') });
  // Nor does the widget say elsewhere that the answers are kept in this browser.
  assert.equal(await w.locator('[data-keep="tell"]').count(), 0, 'no "answers live in this browser" while nothing is saved');

  // Nothing is asked without the user: the widget waits for the click.
  assert.equal(await frame.evaluate(() => window.__asked), 0);
  assert.deepEqual(await storedInFrame(frame), {});
  await w.locator('button[data-action="ask-storage"]').click();
  const notice = w.locator('[data-banner="notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /ブラウザーが保存を許可しました/);
  await banner.waitFor({ state: 'detached' });
  assert.equal(await frame.evaluate(() => window.__asked), 1);
  // What was answered before the grant is saved, and every later answer.
  await until(async () => Object.keys(await storedInFrame(frame)).length === 3, 'the three answers to be stored');
  assert.deepEqual(await storedInFrame(frame), { 1: 'achieved', 4: 'partial', 50: 'not_achieved' });
  await answer(w, { 5: 'achieved' });
  await until(async () => (await storedInFrame(frame))['5'] === 'achieved', 'the later answer to be stored');
});

test('12 the browser refuses storage access: the widget says so, the warning stays, nothing on screen is lost', async (t) => {
  const { w, frame } = await openFramed(t, 'refuse');
  const banner = w.locator('[data-banner="unavailable"]');
  await banner.waitFor();
  await answer(w, { 1: 'achieved', 5: 'not_achieved' });
  await w.locator('button[data-action="ask-storage"]').click();
  const said = w.locator('[data-said="storage-access"]');
  await said.waitFor();
  assert.match(await said.innerText(), /ブラウザーが保存を許可しませんでした/);
  assert.match(await said.innerText(), /JSONで書き出して/);
  assert.equal(await banner.count(), 1, 'the warning stays');
  assert.equal(await frame.evaluate(() => window.__asked), 1);
  const shown = await shownAnswers(w);
  assert.equal(shown['1'], 'achieved');
  assert.equal(shown['5'], 'not_achieved');
});

test('12 without the Storage Access API the warning offers no button', async (t) => {
  const { w } = await openFramed(t, 'none');
  await w.locator('[data-banner="unavailable"]').waitFor();
  assert.equal(await w.locator('button[data-action="ask-storage"]').count(), 0);
});
