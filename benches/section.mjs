// Each bench owns one section of BENCHMARKS.md, between `<!-- bench:NAME -->` and
// `<!-- /bench:NAME -->`, and replaces only that section when run with --write: everything else
// in the file (the hand-kept notes, the other benches' latest figures, dated records of earlier
// runs) stays as it is. Before this, `make bench` rewrote the file from a marker down and so
// dropped the sections `make bench-history` had appended (549 -> 224 lines on 2026-12-03).
// A section not yet in the file goes at the end of its group's heading (`## The last make bench
// run` or `## The last make bench-history run`), made if missing. benches/cli.py does the same
// in Python (`with_section`); tests/node/bench-sections.test.mjs checks both.
import fs from 'node:fs';

export const FILE = new URL('../BENCHMARKS.md', import.meta.url);

/** The file's text with section `name` set to `body` (a string, no markers), under `group`. */
export function withSection(text, group, name, body) {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${body.replace(/^\n+|\n+$/g, '')}\n${close}`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a >= 0 && b > a) return text.slice(0, a) + block + text.slice(b + close.length);
  if (a >= 0 || b >= 0) throw new Error(`BENCHMARKS.md: the markers of section ${name} are not a pair`);
  const heading = `## ${group}`;
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) {
    const base = text.endsWith('\n') ? text : text + '\n';
    return `${base}\n${heading}\n\n${block}\n`;
  }
  // after the group's last section, or its heading's paragraph when it has none yet
  const next = text.indexOf('\n## ', at + heading.length + 1);
  const end = next < 0 ? text.length : next;
  const body0 = text.slice(0, end).replace(/\n+$/, '');
  return `${body0}\n\n${block}\n${next < 0 ? '' : '\n' + text.slice(end + 1)}`;
}

/** Writes section `name` of BENCHMARKS.md (lines joined with newlines). */
export function writeSection(group, name, lines) {
  const before = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '# Benchmarks\n';
  fs.writeFileSync(FILE, withSection(before, group, name, lines.join('\n')));
  console.log(`wrote the ${name} section of BENCHMARKS.md`);
}

export const BENCH = 'The last `make bench` run';
export const BENCH_HISTORY = 'The last `make bench-history` run';
