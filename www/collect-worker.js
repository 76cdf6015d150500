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
 * Most bytes read in one go. The files of a folder are read together, as one
 * Blob of many files, and cut apart again: each read is a round trip to the
 * browser. Reading 4,000 exports (72 MB) alone in a worker, in headless
 * Chromium, took 6.0–6.4 s one file at a time (16 ahead) and 1.1–1.4 s in
 * groups of this size (a one-off probe; the whole load is measured by
 * bench/collect.mjs, docs/benchmark.md). While one group is parsed the next
 * is read; the first group of every slice the page has posted is read as its
 * message arrives (`prepare`), so those may be held at once too (a ZIP is a
 * group of its own).
 */
const GROUP_BYTES = 32 * 1024 * 1024;

const nameOf = (f) => f.path || f.file.webkitRelativePath || f.file.name;
const limitOf = (name) => (isZip(name) ? MAX_ZIP_BYTES : MAX_FILE_BYTES);

/** The files in reading groups, in file order: a ZIP or a file too large to read is a group of its own. */
function groups(files) {
  const out = [];
  let cur = [];
  let size = 0;
  const flush = () => {
    if (cur.length) out.push(cur);
    cur = [];
    size = 0;
  };
  for (const f of files) {
    const name = nameOf(f);
    const entry = { file: f.file, name, size: f.file.size, tooLarge: f.file.size > limitOf(name) };
    if (entry.tooLarge || isZip(name)) {
      flush();
      out.push([entry]);
      continue;
    }
    if (cur.length && size + entry.size > GROUP_BYTES) flush();
    cur.push(entry);
    size += entry.size;
  }
  flush();
  return out;
}

/** One entry's bytes (null when too large to read). */
const readOne = async (e) => (e.tooLarge ? null : new Uint8Array(await e.file.arrayBuffer()));

/** Each entry's bytes (null when too large to read), in order. */
async function readGroup(group) {
  if (group.length === 1) return [await readOne(group[0])];
  const whole = await new Blob(group.map((e) => e.file)).arrayBuffer().catch(() => null);
  const total = group.reduce((n, e) => n + e.size, 0);
  if (whole === null || whole.byteLength !== total) {
    // A file went away or changed while loading: read one by one, so that
    // the file that fails is the one whose error is reported.
    const out = [];
    for (const e of group) out.push(await readOne(e));
    return out;
  }
  let at = 0;
  return group.map((e) => {
    const bytes = new Uint8Array(whole, at, e.size);
    at += e.size;
    return bytes;
  });
}

/** A group's read, started now; a failure is rethrown where it is awaited, in order. */
function startRead(group) {
  const read = readGroup(group);
  read.catch(() => {});
  return read;
}

/**
 * Reads the files of one message (`prepare`d): one slice of a load of `total`
 * files that starts at file `base` (progress counts the whole load). The page
 * asks for the state once the last slice is read.
 */
async function load({ all, first }, base, total) {
  let done = base;
  let last = 0;
  // Started one group ahead, consumed in file order: the result is the same
  // as reading one by one.
  let next = first;
  for (let g = 0; g < all.length; g++) {
    const contents = await next;
    next = g + 1 < all.length ? startRead(all[g + 1]) : null;
    all[g].forEach((e, i) => {
      const bytes = contents[i];
      if (bytes === null) session.add_too_large(e.name, e.size);
      else if (isZip(e.name)) session.add_zip(e.name, bytes);
      else session.add_file(e.name, bytes);
      done += 1;
      const now = Date.now();
      if (done === total || now - last > 100) {
        last = now;
        postMessage({ op: 'progress', done, total });
      }
    });
  }
  return {};
}

/**
 * A load's groups, and the read of its first group, started. Called when the
 * message arrives: the page posts a long list in slices, and each slice's
 * first read then runs while the slices before it are still being parsed.
 */
function prepare(files) {
  const all = groups(files);
  return { all, first: all.length ? startRead(all[0]) : null };
}

const ops = {
  start: () => start(),
  load: (m) => load(m.prepared ?? prepare(m.files), m.base, m.total),
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
  if (m.op === 'load') {
    try {
      m.prepared = prepare(m.files);
    } catch {
      // (prepared again in turn, where the error is answered)
    }
  }
  queue = queue.then(async () => {
    try {
      const out = await ops[m.op](m);
      postMessage({ id: m.id, ok: true, ...out });
    } catch (err) {
      postMessage({ id: m.id, ok: false, error: String(err && err.message ? err.message : err) });
    }
  });
};
