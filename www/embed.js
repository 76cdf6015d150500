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
    el.textContent = message;
    el.setAttribute('role', 'alert');
  }

  let ready;
  function load() {
    ready ??= import(new URL('pkg/selfcheck.js', base).href).then(async (mod) => {
      await mod.default({ module_or_path: new URL('pkg/selfcheck_bg.wasm', base) });
      return mod;
    });
    return ready;
  }

  /** Mounts a widget on `el` (options from its data-attributes). */
  async function mountElement(el) {
    if (el.dataset.selfcheckMounted) return;
    el.dataset.selfcheckMounted = '1';
    let mod;
    try {
      mod = await load();
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
