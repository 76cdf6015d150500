#!/usr/bin/env node
// Code bytes of a wasm module by crate (like `twiggy top`, shallow sizes,
// summed per crate), from its name section: what a release build's wasm
// spends its bytes on, before wasm-opt (which keeps no names).
//
//   node bench/wasm-crates.mjs [target/wasm32-unknown-unknown/release/selfcheck.wasm] [--top N]
//
// A function is counted for the first path segment of its (demangled)
// name: `serde_json::de::...` -> serde_json; `<alloc::vec::Vec<T> as
// core::clone::Clone>::clone` -> alloc (the implementing type's crate, as
// twiggy does for monomorphised generics). Data segments are shown apart.

import fs from 'node:fs';

const args = process.argv.slice(2);
const topIdx = args.indexOf('--top');
const TOP = topIdx >= 0 ? Number(args[topIdx + 1]) : 25;
// The file: the argument that is neither an option nor --top's value.
const file = args.find((a, i) => !a.startsWith('--') && (topIdx < 0 || i !== topIdx + 1)) || 'target/wasm32-unknown-unknown/release/selfcheck.wasm';
const buf = fs.readFileSync(file);

let pos = 8;
const u32 = () => {
  let r = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    r |= (b & 0x7f) << shift;
    if (!(b & 0x80)) return r >>> 0;
    shift += 7;
  }
};
const str = () => {
  const n = u32();
  const s = buf.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

let imports = 0;
const bodies = [];
const names = new Map();
let data = 0;
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const end = pos + size;
  if (id === 2) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      str();
      str();
      const kind = buf[pos++];
      if (kind === 0) {
        u32();
        imports++;
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      } else {
        pos = end;
        break;
      }
    }
  } else if (id === 10) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      const len = u32();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0) {
    const name = str();
    if (name === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const len = u32();
        const subEnd = pos + len;
        if (sub === 1) {
          const n = u32();
          for (let i = 0; i < n; i++) {
            const idx = u32();
            names.set(idx, str());
          }
        }
        pos = subEnd;
      }
    }
  }
  pos = end;
}

/** Path of a demangled (or legacy-mangled) Rust symbol, `<T as Trait>` reduced to T. */
function pathOf(name) {
  let s = name;
  if (s.startsWith('_ZN')) {
    // Length-prefixed path segments: _ZN3foo3bar17h...E -> foo::bar
    const parts = [];
    let i = 3;
    for (let m; (m = /^(\d+)/.exec(s.slice(i))); ) {
      i += m[1].length;
      parts.push(s.substr(i, Number(m[1])));
      i += Number(m[1]);
    }
    s = parts.join('::');
  }
  // Legacy mangling's escapes, as they appear in the name section.
  s = s
    .replace(/^_(?=\$)/, '')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$RF\$/g, '&')
    .replace(/\$BP\$/g, '*')
    .replace(/\$C\$/g, ',')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$u[0-9a-f]+\$/g, '')
    .replace(/\.\./g, '::');
  // `<u64 as itoa::Unsigned>`, `<T as alloc::string::ToString>`: a type of
  // no crate (a primitive, a generic) counts for the trait's crate.
  const impl = /^<([^<>:]*) as ([A-Za-z_][A-Za-z0-9_]*::[^>]*)>/.exec(s);
  if (impl) return impl[2];
  return s.replace(/^[<&*\s]+/, '').replace(/^(dyn|mut|const)\s+/, '');
}

/** Crate of a symbol: the first segment of its path. */
function crateOf(name) {
  // v0 mangling (_R…): the first crate root, `Cs<hash>_<len><name>`.
  const v0 = name.startsWith('_R') && /C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  const s = pathOf(name);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(s);
  return m ? m[1] : '(other)';
}

/** The widget's own code by module: selfcheck::components::item, … */
function moduleOf(name) {
  const m = /^selfcheck::([a-z0-9_]+)(?:::([a-z0-9_]+))?/.exec(pathOf(name));
  return m ? (m[2] && /^(components|core|web)$/.test(m[1]) ? `${m[1]}::${m[2]}` : m[1]) : null;
}

const byCrate = new Map();
const byModule = new Map();
let total = 0;
bodies.forEach((len, i) => {
  const name = names.get(imports + i) || '(no name)';
  const c = crateOf(name);
  byCrate.set(c, (byCrate.get(c) || 0) + len);
  const m = moduleOf(name);
  if (m) byModule.set(m, (byModule.get(m) || 0) + len);
  total += len;
});
const rows = [...byCrate.entries()].sort((a, b) => b[1] - a[1]);
console.log(`${file}: ${(buf.length / 1024).toFixed(1)} KB; code ${(total / 1024).toFixed(1)} KB in ${bodies.length} functions; data ${(data / 1024).toFixed(1)} KB`);
console.log('| crate | code KB | share |');
console.log('|---|---:|---:|');
for (const [c, n] of rows.slice(0, TOP)) console.log(`| ${c} | ${(n / 1024).toFixed(1)} | ${((n * 100) / total).toFixed(1)} % |`);
console.log('');
console.log('| selfcheck module | code KB |');
console.log('|---|---:|');
for (const [m, n] of [...byModule.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`| ${m} | ${(n / 1024).toFixed(1)} |`);
