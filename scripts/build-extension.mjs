// Builds the browser extension from extension/ and the npm package build (pkg/): the engine
// (rapport.js + rapport_bg.wasm) goes to engine/, the insights build to engine/insights/, the
// shared panel, outreach list, charts and history store beside the pages. Writes the
// unpacked extension to dist/extension/ and the zip to dist/rapport-extension-<version>.zip.
//   node scripts/build-extension.mjs                 the extension as shipped
//   node scripts/build-extension.mjs --test-hosts    also reads http://127.0.0.1 pages (for the
//        Playwright tests, which serve the desk pages locally), into out/extension-test/
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testHosts = process.argv.includes('--test-hosts');
const out = path.join(root, testHosts ? 'out/extension-test' : 'dist/extension');
const pkg = path.join(root, 'pkg');
if (!fs.existsSync(path.join(pkg, 'rapport_bg.wasm'))) throw new Error('pkg/ is not built: run make pkg');

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'engine'), { recursive: true });
fs.cpSync(path.join(root, 'extension'), out, { recursive: true });
for (const f of ['rapport.js', 'rapport_bg.wasm']) fs.copyFileSync(path.join(pkg, f), path.join(out, 'engine', f));
// the full engine (outreach and insights) for the Today tab and the options page's insights,
// loaded only when they are opened
if (!fs.existsSync(path.join(pkg, 'insights', 'rapport_bg.wasm'))) throw new Error('pkg/insights/ is not built: run make pkg');
fs.mkdirSync(path.join(out, 'engine', 'insights'));
for (const f of ['rapport.js', 'rapport_bg.wasm']) fs.copyFileSync(path.join(pkg, 'insights', f), path.join(out, 'engine', 'insights', f));
for (const f of ['panel.js', 'history-db.js', 'file-stream.js', 'outreach-list.js', 'charts.js', 'insights-view.js', 'engine.js', 'engine-client.js', 'engine-protocol.js', 'engine-worker.js', 'import-view.js']) fs.copyFileSync(path.join(pkg, 'widget', f), path.join(out, f));

const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
manifest.version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
// the content scripts from the one list the worker and the side panel read too
manifest.content_scripts[0].js = (await import('../extension/content-files.js')).CONTENT_FILES;
if (testHosts) {
  manifest.name += ' (test build)';
  manifest.host_permissions.push('http://127.0.0.1/*');
  manifest.content_scripts[0].matches.push('http://127.0.0.1/*');
}
fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

if (!testHosts) {
  const zip = path.join(root, 'dist', `rapport-extension-${manifest.version}.zip`);
  fs.rmSync(zip, { force: true });
  execFileSync('zip', ['-q', '-r', '-9', '-X', zip, '.'], { cwd: out });
  const size = (p) => fs.statSync(p).size;
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name)); };
  walk(out);
  const unpacked = files.reduce((n, f) => n + size(f), 0);
  console.log(`[build-extension] ${path.relative(root, out)}/ (${files.length} files, ${(unpacked / 1024).toFixed(1)} KB) and ${path.relative(root, zip)} (${(size(zip) / 1024).toFixed(1)} KB)`);
} else {
  console.log(`[build-extension] ${path.relative(root, out)}/ (test build: also http://127.0.0.1)`);
}
