// Loads the packed `rapport` package the way a user's project does: `npm pack ./pkg`, install
// the tarball into tests/node/.tmp, then `import 'rapport'` from there (exports map and all).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const tmp = path.join(here, '.tmp');

/** Packs pkg/ and installs the tarball into tests/node/.tmp (once per process). */
export function installPacked() {
  const marker = path.join(tmp, 'node_modules', 'rapport', 'package.json');
  if (process.env.RAPPORT_PACKED_READY && fs.existsSync(marker)) return tmp;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const out = execFileSync('npm', ['pack', path.join(root, 'pkg'), '--pack-destination', tmp, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'rapport-consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(tmp, out)], { cwd: tmp, stdio: 'inherit' });
  process.env.RAPPORT_PACKED_READY = '1';
  return tmp;
}

/** `import('rapport')` (or `'rapport/<sub>'`) resolved from the consumer folder. */
export async function importRapport(sub = '') {
  installPacked();
  const spec = sub ? `rapport/${sub}` : 'rapport';
  const shim = path.join(tmp, sub ? `entry-${sub}.mjs` : 'entry.mjs');
  fs.writeFileSync(shim, `export * from '${spec}';\nexport { default } from '${spec}';\n`);
  return import(pathToFileURL(shim).href);
}
