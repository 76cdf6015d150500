// selfcheck embed loader.
//
//   <script src="https://YOUR-SITE/selfcheck/embed.js" defer></script>
//   <div data-selfcheck data-catalog="jama-japia-v2.2" data-lang="ja"
//        data-namespace="my-association" data-target="Lv2" data-theme="light"></div>
//
// Every element with a `data-selfcheck` attribute gets its own widget, rendered
// inside a shadow root (the page's CSS cannot reach it). Files (wasm, styles,
// catalogs) are loaded from the folder this script was loaded from; nothing is
// loaded from anywhere else, and nothing is sent anywhere.
//
// A plain script (no import/export), so it runs as a classic script as well as
// a module: a classic script from another origin runs without CORS headers,
// so when the widget's own files are refused (no Access-Control-Allow-Origin
// on the widget host) this file still runs and says so in every container,
// in the page's language, instead of leaving an empty box. For containers
// added later: `window.selfcheck.mountElement(el)`.
(() => {
  /** The folder this script came from (classic: currentScript; module: its <script> tag). */
  function scriptBase() {
    const own = document.currentScript && document.currentScript.src;
    const tagged = [...document.querySelectorAll('script[src]')]
      .map((s) => s.src)
      .filter((u) => /\/embed\.js([?#]|$)/.test(u))
      .pop();
    return new URL('./', own || tagged || document.baseURI).href;
  }
  const base = scriptBase();

  /** ja or en: the container's data-lang, else the page's lang, else the browser's. */
  function langOf(el) {
    const tag = el.dataset.lang || document.documentElement.lang || navigator.language || 'ja';
    return /^en\b/i.test(tag) ? 'en' : 'ja';
  }

  const MESSAGES = {
    ja: (host) =>
      `セキュリティ自己診断を読み込めませんでした。ウィジェットのファイル(${host})をこのページから読み込めません。` +
      'ファイルが別のサイトにある場合、そのサーバーがこのページからの読み込みを許可する必要があります(CORS)。このサイトの管理者にお知らせください。',
    en: (host) =>
      `The security self-assessment could not be loaded: this page cannot load the widget's files (${host}). ` +
      'When they are on another site, that server must allow this page to load them (CORS). Please tell the site administrator.',
  };

  /** Text only: the message may echo a host-supplied value. */
  function showError(el, message) {
    // A static first screen shown meanwhile must not stay answerable.
    for (const s of el.shadowRoot ? el.shadowRoot.querySelectorAll('[data-sc-static]') : []) s.remove();
    if (el.shadowRoot) {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = message;
      el.shadowRoot.append(p);
    }
    el.textContent = message;
    el.setAttribute('role', 'alert');
  }

  let ready;
  function load() {
    if (!ready) {
      // The wasm is fetched at once, beside its JS glue, not after it.
      const wasm = fetch(new URL('pkg/selfcheck_bg.wasm', base));
      wasm.catch(() => {}); // (reported by the import or by init, below)
      ready = import(new URL('pkg/selfcheck.js', base).href).then(async (mod) => {
        await mod.default({ module_or_path: wasm });
        return mod;
      });
    }
    return ready;
  }

  // The build's static first screen (first-screen.html, the app's own
  // first render of the default catalog) and the script that keeps it
  // honest (first-screen.js): fetched once, beside the wasm. `null` when
  // either is missing; the widget then only shows the app.
  let screen;
  function firstScreen() {
    screen ??= Promise.all([
      fetch(new URL('first-screen.html', base)).then((r) => (r.ok ? r.text() : null)),
      new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = new URL('first-screen.js', base).href;
        s.onload = resolve;
        s.onerror = reject;
        document.head.append(s);
      }),
    ])
      .then(([html]) => (html && window.selfcheck.firstScreen ? html : null))
      .catch(() => null);
    return screen;
  }

  /**
   * Puts the static first screen into `el`'s shadow root when it fits the
   * widget's options (the default catalog, no target or theme: what it was
   * rendered with); the app takes it over (src/web/first_screen.rs).
   */
  function showFirstScreen(el, html) {
    // Told on the container (data-selfcheck-static="shown" or "no"): for the
    // page's author and the tests, which cannot see a screen that never came.
    el.dataset.selfcheckStatic = 'no';
    if (!html || el.shadowRoot) return;
    const d = el.dataset;
    const catalog = (d.catalog || '').trim();
    const file = !catalog || catalog.includes('/') || catalog.endsWith('.json') ? catalog : `catalogs/${catalog}.json`;
    const tpl = document.createElement('template');
    tpl.innerHTML = html; // the widget's own file, written by its build
    const rendered = tpl.content.querySelector('[data-sc-static="screen"]');
    const namespace = (d.namespace || '').trim();
    // (A namespace the app would refuse gets the app's message, not a screen:
    // this is the shape src/core/stored.rs accepts, or a stricter one.)
    const fits =
      !!rendered &&
      (!file || file === rendered.dataset.scCatalog) &&
      !(d.target || '').trim() &&
      !(d.theme || '').trim() &&
      (!namespace || /^[A-Za-z0-9_-]{1,32}$/.test(namespace));
    const opts = { fits, lang: (d.lang || '').trim(), namespace, base };
    // (Nothing is attached when it does not apply: the app starts as without it.)
    if (!fits || !window.selfcheck.firstScreen.applies(rendered, opts)) return;
    for (const link of tpl.content.querySelectorAll('link[href]')) link.href = new URL(link.getAttribute('href'), base).href;
    const root = el.attachShadow({ mode: 'open' });
    root.append(tpl.content);
    if (window.selfcheck.firstScreen.prepare(root, opts)) el.dataset.selfcheckStatic = 'shown';
  }

  /** Mounts a widget on `el` (options from its data-attributes). */
  async function mountElement(el) {
    if (el.dataset.selfcheckMounted) return;
    el.dataset.selfcheckMounted = '1';
    let mod;
    try {
      const app = load();
      // Handled below (after the static screen): not an unhandled rejection meanwhile.
      app.catch(() => {});
      showFirstScreen(el, await firstScreen());
      mod = await app;
    } catch (e) {
      const origin = new URL(base).origin;
      showError(el, MESSAGES[langOf(el)](origin));
      // For the page's author: what failed and what the widget host must send.
      console.error(
        `selfcheck: could not load ${base}pkg/ (${e && e.message ? e.message : e}). ` +
          `If the widget is served from another origin (${origin}) than this page (${location.origin}), ` +
          `its server must send "Access-Control-Allow-Origin: ${location.origin}" (or "*") for the files under ${base}; see docs/embedding.md.`,
      );
      return;
    }
    try {
      const options = { ...el.dataset, base };
      delete options.selfcheck;
      delete options.selfcheckMounted;
      delete options.selfcheckStatic;
      mod.mount(el, options);
    } catch (e) {
      showError(el, `selfcheck: could not start (${e && e.message ? e.message : e})`);
    }
  }

  window.selfcheck = Object.assign(window.selfcheck || {}, { mountElement });
  const all = () => document.querySelectorAll('[data-selfcheck]').forEach((el) => mountElement(el));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all, { once: true });
  else all();
})();
