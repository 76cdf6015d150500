// selfcheck embed loader.
//
//   <script type="module" src="https://YOUR-SITE/selfcheck/embed.js"></script>
//   <div data-selfcheck data-catalog="jama-japia-v2.2" data-lang="ja"
//        data-namespace="my-association" data-target="Lv2" data-theme="light"></div>
//
// Every element with a `data-selfcheck` attribute gets its own widget, rendered
// inside a shadow root (the page's CSS cannot reach it). Files (wasm, styles,
// catalogs) are loaded from the folder this script was loaded from; nothing is
// loaded from anywhere else, and nothing is sent anywhere.
const base = new URL('./', import.meta.url).href;

function showError(el, message) {
  el.textContent = `selfcheck: ${message}`;
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
export async function mountElement(el) {
  if (el.dataset.selfcheckMounted) return;
  el.dataset.selfcheckMounted = '1';
  try {
    const mod = await load();
    const options = { ...el.dataset, base };
    delete options.selfcheck;
    delete options.selfcheckMounted;
    mod.mount(el, options);
  } catch (e) {
    showError(el, `could not start (${e && e.message ? e.message : e})`);
  }
}

for (const el of document.querySelectorAll('[data-selfcheck]')) {
  mountElement(el);
}
