// Standalone page entry: loads the wasm module and mounts on #selfcheck,
// with options from the query string (catalog, lang, namespace, target).
// If the module cannot start, the build's static first screen (index.html)
// must not stay answerable as if its answers were kept: it is replaced by
// the reason (the app's strings are in the module that did not start).
try {
  // Imported here, not statically, so that a module that fails to load is caught too.
  const { default: init, start } = await import('./pkg/selfcheck.js');
  await init();
  start();
} catch (e) {
  const host = document.getElementById('selfcheck');
  const root = host && host.shadowRoot;
  if (root) for (const el of root.querySelectorAll('[data-sc-static]')) el.remove();
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `セルフチェックを起動できませんでした / selfcheck could not start (${e && e.message ? e.message : e})`;
  (root || host || document.body).append(p);
  throw e;
}
