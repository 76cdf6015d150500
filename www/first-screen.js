// The static first screen, until the app takes over.
//
// scripts/first-screen.mjs (a build step) renders the app's own first
// screen of the default catalog: a `data-sc-static="screen"` root (header
// and first items) and a hidden `data-sc-static="loading"` root (the app's
// loading notice). The standalone page has it in index.html, as the
// declarative shadow root of #selfcheck; the embed loader (embed.js) puts
// the same markup (first-screen.html) into each widget's shadow root. This
// classic script runs before the wasm has arrived and keeps that screen
// honest:
// - it applies only to what it was rendered for: the default catalog, no
//   target or theme option, the same language, and nothing stored yet under
//   the widget's namespace (a returning visitor's answers are in
//   localStorage, which only the app reads; showing their items unanswered
//   would lie). Otherwise the loading notice is shown.
// - the radios are plain radios: an answer clicked now stays checked in the
//   DOM; the app reads it when it takes over (src/web/first_screen.rs) and
//   applies it as a normal answer, which saves it. The progress bar and the
//   item's answered style follow the clicks.
// - what needs the app (buttons, selects, folded parts) is disabled until
//   then, so nothing clicked is silently ignored.
// - the default catalog is preloaded, so it arrives in parallel with the wasm.
// No inline script (the strict CSP forbids it); no request but that preload.
(() => {
  /**
   * Whether the static `screen` (its `data-sc-static="screen"` root) is
   * what a widget with `opts` shows first: { fits (false when an option the
   * screen was not rendered with is given), lang (the option, or ''),
   * namespace (or '') }.
   */
  function applies(screen, opts) {
    // The language the app will choose (src/components/app.rs): the option,
    // else the stored preference (none here: nothing is stored), else the
    // browser's, Japanese unless it names English.
    const primary = (tag) => tag.split(/[-_]/)[0].trim().toLowerCase();
    const browser = primary(navigator.language || '') === 'en' ? 'en' : 'ja';
    const lang = opts.lang ? primary(opts.lang) : browser;
    let stored = true;
    try {
      const ns = `${opts.namespace || screen.dataset.scNamespace}:`;
      stored = Object.keys(localStorage).some((k) => k.startsWith(ns));
    } catch {
      stored = false; // no storage: the app works in memory, nothing was kept
    }
    return !!opts.fits && lang === screen.dataset.scLang && !stored;
  }

  /**
   * Prepares the static screen in `root` (a shadow root) for a widget with
   * `opts` (those of `applies`, and `base`: the widget's folder, '' on the
   * standalone page). Returns whether the screen is shown (else the loading
   * notice is).
   */
  function prepare(root, opts) {
    const screen = root && root.querySelector('[data-sc-static="screen"]');
    if (!screen) return false;
    const loading = root.querySelector('[data-sc-static="loading"]');
    const base = opts.base || '';
    if (!applies(screen, opts)) {
      screen.remove();
      if (loading) loading.hidden = false;
      return false;
    }

    if (screen.dataset.scCatalog) {
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = base + screen.dataset.scCatalog;
      document.head.append(link);
    }

    for (const el of screen.querySelectorAll('button, select, textarea, input:not([type="radio"])')) el.disabled = true;
    for (const el of screen.querySelectorAll('details')) el.inert = true;

    const bar = screen.querySelector('[role="progressbar"]');
    screen.addEventListener('change', (e) => {
      const input = e.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
      const item = input.closest('.sc-item');
      if (item) {
        for (const c of [...item.classList]) if (c.startsWith('sc-ans-')) item.classList.remove(c);
        item.classList.add(`sc-ans-${input.value}`);
      }
      if (!bar) return;
      const n = screen.querySelectorAll('.sc-item input[type="radio"]:checked').length;
      const total = Number(bar.getAttribute('aria-valuemax')) || 0;
      // The label reads "<what> <answered> / <total> <unit>": only the count changes.
      const text = (bar.getAttribute('aria-valuetext') || '').replace(/\d+(?= \/ )/, String(n));
      bar.setAttribute('aria-valuenow', String(n));
      bar.setAttribute('aria-valuetext', text);
      const label = bar.parentElement && bar.parentElement.querySelector('.sc-progress-label');
      if (label) label.textContent = text;
      const fill = bar.querySelector('.sc-bar-fill');
      if (fill && total) fill.setAttribute('width', ((n * 100) / total).toFixed(2));
    });
    return true;
  }

  window.selfcheck = Object.assign(window.selfcheck || {}, { firstScreen: { applies, prepare } });

  // The standalone page: #selfcheck with the screen as its declarative shadow root.
  const host = document.getElementById('selfcheck');
  if (!host || host.hasAttribute('data-selfcheck')) return;
  let root = host.shadowRoot;
  // Browsers without declarative shadow DOM leave the template inert.
  const tpl = host.querySelector(':scope > template[shadowrootmode]');
  if (!root && tpl) {
    root = host.attachShadow({ mode: 'open' });
    root.append(tpl.content);
    tpl.remove();
  }
  const query = new URLSearchParams(location.search);
  const given = (k) => (query.get(k) || '').trim();
  // The page was rendered for no option but the language.
  const fits = !['catalog', 'namespace', 'target', 'theme'].some(given);
  prepare(root, { fits, lang: given('lang'), namespace: '', base: '' });
})();
