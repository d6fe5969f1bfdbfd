// The benches' writers replace only their own section of BENCHMARKS.md (benches/section.mjs
// and its Python twin in benches/cli.py): before, `make bench` rewrote the file from a marker
// down and dropped what `make bench-history` had written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { withSection, FILE, BENCH, BENCH_HISTORY } from '../../benches/section.mjs';

const SECTIONS = [[BENCH, 'peers'], [BENCH, 'snippets'], [BENCH, 'cold-start'],
  [BENCH_HISTORY, 'history'], [BENCH_HISTORY, 'cli'], [BENCH_HISTORY, 'one-customer']];
const real = fs.readFileSync(FILE, 'utf8');
const without = (text, name) => text.replace(new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`), '<>');

test('every bench writes into a section the file already has, once', () => {
  for (const [, name] of SECTIONS) {
    assert.equal(real.split(`<!-- bench:${name} -->`).length, 2, name);
    assert.equal(real.split(`<!-- /bench:${name} -->`).length, 2, name);
  }
});

test('rewriting one section leaves the rest of BENCHMARKS.md byte for byte', () => {
  for (const [group, name] of SECTIONS) {
    const after = withSection(real, group, name, `\n### new ${name}\n\n| a |\n`);
    assert.ok(after.includes(`<!-- bench:${name} -->\n### new ${name}\n\n| a |\n<!-- /bench:${name} -->`));
    assert.equal(without(after, name), without(real, name), name);
    // the dated records of earlier runs are still there
    assert.ok(after.includes('## `make bench-history` of 2026-12-01, 20:08 UTC'));
  }
  // all six in turn, as make bench and make bench-history do: the hand-kept part stays
  let text = real;
  for (const [group, name] of SECTIONS) text = withSection(text, group, name, `fresh ${name}`);
  let stripped = text, strippedReal = real;
  for (const [, name] of SECTIONS) { stripped = without(stripped, name); strippedReal = without(strippedReal, name); }
  assert.equal(stripped, strippedReal);
});

test('a section not yet written goes at the end of its group, before the next heading', () => {
  const doc = '# B\n\nnotes\n\n## The last `make bench` run\n\n<!-- bench:peers -->\nP\n<!-- /bench:peers -->\n\n## Older run\n\nold\n';
  const after = withSection(doc, BENCH, 'snippets', 'S');
  assert.equal(after, '# B\n\nnotes\n\n## The last `make bench` run\n\n<!-- bench:peers -->\nP\n<!-- /bench:peers -->\n\n<!-- bench:snippets -->\nS\n<!-- /bench:snippets -->\n\n## Older run\n\nold\n');
  const fresh = withSection('# B\n', BENCH_HISTORY, 'cli', 'C');
  assert.equal(fresh, '# B\n\n## The last `make bench-history` run\n\n<!-- bench:cli -->\nC\n<!-- /bench:cli -->\n');
  assert.throws(() => withSection('x <!-- bench:cli --> y', BENCH_HISTORY, 'cli', 'C'), /not a pair/);
});

test('the Python writer of benches/cli.py does exactly what the JavaScript one does', () => {
  const cases = [
    [real, BENCH_HISTORY, 'cli', '\n### cli\n\n| x |'],
    [real, BENCH, 'cold-start', 'C'],
    ['# B\n\nnotes\n\n## The last `make bench` run\n\nintro\n\n## Older\n\nold', BENCH_HISTORY, 'one-customer', 'O\n'],
    ['# B\n\n## The last `make bench-history` run\n\nintro\n\n## Older\n', BENCH_HISTORY, 'cli', 'C'],
    ['# B', BENCH, 'peers', 'P'],
  ];
  const py = 'import json, sys; sys.path.insert(0, "benches"); from cli import with_section; ' +
    'print(json.dumps([with_section(*c) for c in json.load(sys.stdin)]))';
  const got = JSON.parse(execFileSync('python3', ['-c', py], { input: JSON.stringify(cases), cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', maxBuffer: 1 << 26 }));
  cases.forEach((c, i) => assert.equal(got[i], withSection(...c), `case ${i}`));
});
