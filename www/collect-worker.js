// The collector's worker: holds the collection (crate `collect`, compiled to
// dist/pkg/collect.js) so that reading thousands of files and aggregating
// them never blocks the page. Messages: { id, op, ... } in, { id, ok, ... }
// out, plus { op: 'progress', done, total } while loading. Files are read
// here from the File objects the page passes; nothing leaves the browser.
import init, { Session } from './pkg/collect.js';

/** The import's size limit (src/core/report.rs MAX_IMPORT_BYTES). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The largest ZIP archive read (its entries are each capped at MAX_FILE_BYTES). */
const MAX_ZIP_BYTES = 1024 * 1024 * 1024;

let session = null;
let catalogs = [];

async function start() {
  await init();
  session = new Session();
  const index = await (await fetch('catalogs/index.json')).json();
  catalogs = [];
  for (const entry of index.catalogs) {
    const text = await (await fetch(`catalogs/${entry.file}`)).text();
    session.add_catalog(text);
    catalogs.push({ id: entry.id, version: entry.version, title: entry.title });
  }
  return { catalogs };
}

const isZip = (name) => /\.zip$/i.test(name);

/**
 * Files read ahead of the one being parsed. Each read is a round trip to
 * the browser; one at a time, 4,000 files of a folder took three times as
 * long as the same files in one ZIP (bench/collect.mjs). At most this many
 * files (each at most MAX_FILE_BYTES, or one ZIP) are held at once.
 */
const READ_AHEAD = 16;

async function load(files) {
  const total = files.length;
  let done = 0;
  let last = 0;
  const nameOf = (f) => f.path || f.file.webkitRelativePath || f.file.name;
  const limitOf = (name) => (isZip(name) ? MAX_ZIP_BYTES : MAX_FILE_BYTES);
  // Started in file order, consumed in file order: the result is the same
  // as reading one by one.
  const reads = [];
  let next = 0;
  const readAhead = () => {
    while (next < total && reads.length < READ_AHEAD) {
      const f = files[next++];
      const tooLarge = f.file.size > limitOf(nameOf(f));
      const bytes = tooLarge ? Promise.resolve(null) : f.file.arrayBuffer();
      bytes.catch(() => {}); // (rethrown where it is awaited, in order)
      reads.push(bytes);
    }
  };
  for (const f of files) {
    readAhead();
    const name = nameOf(f);
    const buffer = await reads.shift();
    if (buffer === null) {
      session.add_too_large(name, f.file.size);
    } else {
      const bytes = new Uint8Array(buffer);
      if (isZip(name)) session.add_zip(name, bytes);
      else session.add_file(name, bytes);
    }
    done += 1;
    const now = Date.now();
    if (done === total || now - last > 100) {
      last = now;
      postMessage({ op: 'progress', done, total });
    }
  }
  return { state: JSON.parse(session.state()) };
}

const ops = {
  start: () => start(),
  load: (m) => load(m.files),
  state: () => ({ state: JSON.parse(session.state()) }),
  view: (m) => ({ view: JSON.parse(session.view(JSON.stringify(m.query))) }),
  respondent: (m) => ({ respondent: JSON.parse(session.respondent(m.set, m.index)) }),
  wide: (m) => ({ text: session.wide_csv(JSON.stringify(m.query), m.lang) }),
  long: (m) => ({ text: session.long_csv(JSON.stringify(m.query)) }),
  benchmark: (m) => JSON.parse(session.benchmark(JSON.stringify(m.query), m.min, Date.now())),
};

// One message at a time, in order: a view asked for while files load waits for them.
let queue = Promise.resolve();
onmessage = (e) => {
  const m = e.data;
  queue = queue.then(async () => {
    try {
      const out = await ops[m.op](m);
      postMessage({ id: m.id, ok: true, ...out });
    } catch (err) {
      postMessage({ id: m.id, ok: false, error: String(err && err.message ? err.message : err) });
    }
  });
};
