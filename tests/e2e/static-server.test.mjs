// The static server that serve.sh, the e2e tests and the benchmark rely on:
// a wrong MIME type breaks WebAssembly.instantiateStreaming, a traversal bug
// would serve files outside dist/, a missing CSP header would make the CSP
// test prove nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer, DEFAULT_CSP } from '../../scripts/static-server.mjs';

let dir;
let plain;
let strict;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfcheck-srv-'));
  const root = path.join(dir, 'root');
  fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
  fs.mkdirSync(path.join(root, 'catalogs'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(root, 'pkg', 'a_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'pkg', 'a.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'catalogs', 'c.json'), '{"id":"c"}');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  plain = await startServer({ root, port: 0 });
  strict = await startServer({ root, port: 0, csp: true });
});

after(async () => {
  await plain?.close();
  await strict?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Raw request (fetch would normalise `..` away). */
function raw(srv, method, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves files with the MIME types browsers require', async () => {
  const cases = {
    '/': 'text/html',
    '/pkg/a_bg.wasm': 'application/wasm',
    '/pkg/a.js': 'text/javascript',
    '/catalogs/c.json': 'application/json',
  };
  for (const [p, type] of Object.entries(cases)) {
    const r = await raw(plain, 'GET', p);
    assert.equal(r.status, 200, p);
    assert.ok(r.headers['content-type'].startsWith(type), `${p}: ${r.headers['content-type']}`);
    assert.equal(r.headers['content-security-policy'], undefined);
  }
  const q = await raw(plain, 'GET', '/catalogs/c.json?v=1');
  assert.equal(q.body, '{"id":"c"}', 'the query string is ignored');
});

test('HEAD has headers and no body; other methods get 405', async () => {
  const h = await raw(plain, 'HEAD', '/catalogs/c.json');
  assert.equal(h.status, 200);
  assert.equal(h.headers['content-length'], '10');
  assert.equal(h.body, '');
  for (const m of ['POST', 'PUT', 'DELETE']) {
    const r = await raw(plain, m, '/index.html');
    assert.equal(r.status, 405, m);
    assert.equal(r.headers.allow, 'GET, HEAD');
  }
});

test('nothing outside the root is served', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/pkg/..%2f..%2fsecret.txt', '/link.txt', '/missing.json']) {
    const r = await raw(plain, 'GET', p);
    assert.ok([400, 404].includes(r.status), `${p} gave ${r.status}`);
    assert.doesNotMatch(r.body, /outside the root/, p);
  }
});

test('--csp sends the strict policy on every file', async () => {
  for (const p of ['/', '/pkg/a.js', '/pkg/a_bg.wasm']) {
    const r = await raw(strict, 'GET', p);
    assert.equal(r.headers['content-security-policy'], DEFAULT_CSP, p);
  }
  assert.match(DEFAULT_CSP, /script-src 'self' 'wasm-unsafe-eval'/);
});
