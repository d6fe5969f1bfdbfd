// A small static server for the demo and the browser tests: serves the repository on
// 127.0.0.1 only (never another interface), with the right type for .wasm, no directory
// listings, and no path outside the repository.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.csv': 'text/csv; charset=utf-8', '.d.ts': 'text/plain; charset=utf-8',
};

/** `'sha256-…'` sources for the inline scripts of an HTML file (none for other files). */
function inlineHashes(file, body) {
  if (path.extname(file) !== '.html') return '';
  return [...body.toString('utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)]
    .map((m) => ` 'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`).join('');
}

/** Serves `root` (default: the repository) on 127.0.0.1. `csp: false` serves pages without the
 * demo's content security policy (third-party desk pages bring their own); a string is served
 * as the policy itself, as a host page would set it (the README's advice, in the widget test). */
export function serve(port = 0, { root: base = root, csp = true } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/www/' });
      return res.end();
    }
    let file = path.normalize(path.join(base, decodeURIComponent(url.pathname)));
    if (!file.startsWith(base + path.sep)) {
      res.writeHead(403);
      return res.end('forbidden');
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found');
      }
      res.writeHead(200, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        // the demo needs nothing from any other origin; a page's own inline scripts are
        // allowed by their hashes, and no other inline script runs
        ...(typeof csp === 'string' ? { 'content-security-policy': csp } : csp ? { 'content-security-policy': `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${inlineHashes(file, body)}; style-src 'self'; connect-src 'self'` } : {}),
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await serve(port);
  console.log(`Rapport demo: http://127.0.0.1:${server.address().port}/www/  (Ctrl+C to stop)`);
}
