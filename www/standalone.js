// Standalone page entry: loads the wasm module and mounts on #selfcheck,
// with options from the query string (catalog, lang, namespace, target).
import init, { start } from './pkg/selfcheck.js';

await init();
start();
