#!/usr/bin/env node
// A tiny static file server for dist/ (no dependencies).
//
// - GET and HEAD only (405 with an Allow header otherwise).
// - Correct MIME types, including application/wasm (needed for
//   WebAssembly.instantiateStreaming).
// - Path traversal safe: the decoded path is resolved inside the root, and
//   symlinks that lead outside the root are refused.
// - `Cache-Control: no-cache` so a rebuilt dist/ is always seen.
// - The build's precompressed FILE.br / FILE.gz sent with Content-Encoding
//   when the client accepts it (Vary: Accept-Encoding).
// - Optional strict Content-Security-Policy header (`--csp`), so tests can
//   prove the widget works under it.
//
// CLI:   node scripts/static-server.mjs [--port N] [--host H] [--csp | --csp-policy "..."] [ROOT]
//        (ROOT defaults to dist/; PORT env var is honoured; --port 0 picks a free port)
// API:   import { startServer } from './static-server.mjs';
//        const srv = await startServer({ root, port: 0, csp: true });
//        srv.url  // "http://127.0.0.1:PORT/"
//        await srv.close();

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The strict policy the widget must work under (issue 6). */
export const DEFAULT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** MIME types by extension (lower case, with the dot). */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Maps a request URL to a file inside `root`, or returns null when the path is
 * malformed or escapes the root. Directories map to their index.html.
 */
export function resolveInside(root, rawUrl) {
  let pathname;
  try {
    pathname = new URL(rawUrl, 'http://localhost').pathname;
    pathname = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/** Precompressed copies the build writes, preferred first: [suffix, Content-Encoding]. */
const ENCODINGS = [
  ['.br', 'br'],
  ['.gz', 'gzip'],
];

/** Whether the client accepts `coding` (Accept-Encoding, q=0 refuses). */
export function accepts(header, coding) {
  return String(header || '')
    .split(',')
    .map((p) => p.trim().split(';'))
    .some(([name, ...params]) => {
      if (name.trim().toLowerCase() !== coding) return false;
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return !q || Number(q.slice(2)) > 0;
    });
}

function hasPrecompressed(file) {
  return ENCODINGS.some(([suffix]) => fs.existsSync(file + suffix));
}

/**
 * The precompressed copy of `file` to send for `acceptEncoding`: {file, size,
 * encoding}, or null. A copy older than the file (the file was edited after
 * the build) is not used.
 */
function precompressed(file, acceptEncoding) {
  let mtime;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
  for (const [suffix, encoding] of ENCODINGS) {
    if (!accepts(acceptEncoding, encoding)) continue;
    try {
      const st = fs.statSync(file + suffix);
      if (st.isFile() && st.mtimeMs >= mtime) return { file: file + suffix, size: st.size, encoding };
    } catch {
      /* no such copy */
    }
  }
  return null;
}

/** Creates (does not start) an http.Server serving `root`. */
export function createStaticServer({ root, csp = false, headers = {} } = {}) {
  const rootAbs = fs.realpathSync(path.resolve(root));
  const policy = csp === true ? DEFAULT_CSP : csp || null;
  return http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let file = resolveInside(rootAbs, req.url);
    if (!file) {
      send(res, 400, 'Bad Request\n');
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!new URL(req.url, 'http://x').pathname.endsWith('/')) {
          const u = new URL(req.url, 'http://x');
          send(res, 301, 'Moved\n', { Location: u.pathname + '/' + u.search });
          return;
        }
        file = path.join(file, 'index.html');
      }
      fs.realpath(file, (err2, real) => {
        if (err2) {
          send(res, 404, 'Not Found\n');
          return;
        }
        if (real !== rootAbs && !real.startsWith(rootAbs + path.sep)) {
          send(res, 404, 'Not Found\n');
          return;
        }
        fs.stat(real, (err3, st2) => {
          if (err3 || !st2.isFile()) {
            send(res, 404, 'Not Found\n');
            return;
          }
          const type = MIME[path.extname(real).toLowerCase()] || 'application/octet-stream';
          // The build's precompressed copy (FILE.br / FILE.gz), when the client takes it.
          const enc = precompressed(real, req.headers['accept-encoding']);
          const h = {
            'Content-Type': type,
            'Content-Length': enc ? enc.size : st2.size,
            'Cache-Control': 'no-cache',
            'Last-Modified': st2.mtime.toUTCString(),
            'X-Content-Type-Options': 'nosniff',
            ...headers,
          };
          if (policy) h['Content-Security-Policy'] = policy;
          if (enc) h['Content-Encoding'] = enc.encoding;
          if (enc || hasPrecompressed(real)) h.Vary = 'Accept-Encoding';
          res.writeHead(200, h);
          if (req.method === 'HEAD') {
            res.end();
            return;
          }
          const stream = fs.createReadStream(enc ? enc.file : real);
          stream.on('error', () => res.destroy());
          stream.pipe(res);
        });
      });
    });
  });
}

/**
 * Starts a server on `host:port` (port 0 = a free port) and resolves to
 * `{ url, port, server, close() }`.
 */
export function startServer({ root, port = 0, host = '127.0.0.1', csp = false, headers } = {}) {
  const server = createStaticServer({ root, csp, headers });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        url: `http://${host}:${actual}/`,
        port: actual,
        server,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { root: null, port: process.env.PORT ? Number(process.env.PORT) : 8080, host: '127.0.0.1', csp: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '--csp') opts.csp = true;
    else if (a === '--csp-policy') opts.csp = argv[++i];
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.root = a;
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error(`bad port ${opts.port}`);
  }
  return opts;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`static-server: ${e.message}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log('usage: static-server.mjs [--port N] [--host H] [--csp | --csp-policy POLICY] [ROOT]');
    process.exit(0);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = opts.root || path.join(here, '..', 'dist');
  if (!fs.existsSync(root)) {
    console.error(`static-server: ${root} does not exist (run scripts/build.sh first)`);
    process.exit(1);
  }
  startServer(opts).then(
    (srv) => {
      console.log(`Serving ${path.resolve(root)}${opts.csp ? ' with Content-Security-Policy' : ''}`);
      console.log(`Open ${srv.url}`);
      const stop = () => srv.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e) => {
      console.error(`static-server: cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
      process.exit(1);
    },
  );
}
