// The command-line scorer and the packed npm package on the same generated history and
// backlog: byte-identical lines (`JSON.stringify` of the package's result against the CLI's
// stdout), for assess (JSON and CSV history, two option sets, 1 and 2 threads), outreach and
// insights. Builds the CLI (cargo, release) and the data (the generator) if they are missing.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { importRapport, root } from './harness.mjs';

const { Engine } = await importRapport();
const { Engine: FullEngine } = await importRapport('insights');
const now = '2026-11-23T12:00:00Z';
const dir = path.join(root, 'out/cli-node');
const cargo = (args) => execFileSync('cargo', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

cargo(['build', '--release', '-q', '-p', 'rapport-cli']);
// cargo builds where CARGO_TARGET_DIR says (the standalone clone uses a target folder of its own)
const bin = path.join(process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target'), 'release/rapport');
for (const format of ['json', 'csv']) {
  cargo(['run', '--release', '-q', '-p', 'rapport-tools', '--bin', 'generate', '--', 'history', '--customers', '300', '--open', '150', '--format', format, '--out', dir]);
}
const historyText = fs.readFileSync(path.join(dir, 'history.json'), 'utf8');
const csvFiles = ['customers', 'tickets', 'orders', 'surveys'].map((k) => [k, path.join(dir, `${k}.csv`)]);

// the generator's open tickets, and some the generator never writes: non-ASCII everywhere, an
// agent reply and a note, a subject-only ticket, an unknown customer, bad ones
const tickets = JSON.parse(fs.readFileSync(path.join(dir, 'open.json'), 'utf8'));
const extra = [
  { id: 'u1', subject: 'Rückerstattung “dringend”', channel: 'email', createdAt: '2026-11-20T08:00:00Z', customer: { id: 'c7', name: 'Zoë Ünal' },
    messages: [{ from: 'customer', text: 'Third time I write — the café order “#1042” never came 😡\nI want a refund!!!' }, { from: 'agent', text: 'Sorry — looking now.' }, { from: 'note', text: 'VIP? ✓' }, { from: 'customer', text: 'Still nothing… 🙁' }] },
  { id: 'u2', subject: 'Just a subject', channel: 'chat', customer: { email: 'ANA.SILVA7@example.com' }, messages: [] },
  { id: 42, channel: 'phone', customer: {}, messages: [{ from: 'customer', text: 'Thank you so much, you are wonderful! 🎉 Customer for 10 years.' }] },
  { id: 'bad-author', customer: {}, messages: [{ from: 'bot', text: 'hi' }] },
  { id: 'bad-email', customer: { email: 'nope' }, messages: [] },
];
const lines = [...tickets.slice(0, 60).map((t) => JSON.stringify(t)), ...extra.map((t) => JSON.stringify(t)), 'not JSON at all', ...tickets.slice(60).map((t) => JSON.stringify(t))];
const input = lines.join('\n') + '\n';

function cli(args, stdin = input) {
  const r = spawnSync(bin, args, { input: stdin, maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

/** What a package user writes for each line: the assessment, or the CLI's error line. */
function packageLines(engine, options) {
  return lines.map((l, i) => {
    let t;
    try { t = JSON.parse(l); } catch { return null; } // the package never sees a line that is not JSON
    try {
      return JSON.stringify(engine.assess(t, options));
    } catch (e) {
      const id = typeof t?.id === 'string' ? t.id : typeof t?.id === 'number' ? String(t.id) : undefined;
      return JSON.stringify({ line: i + 1, ...(id === undefined ? {} : { ticketId: id }), error: e.message });
    }
  });
}

function assertSameLines(got, want, what) {
  const out = got.split('\n');
  assert.equal(out.pop(), '', `${what}: output ends with a newline`);
  assert.equal(out.length, want.length, `${what}: one line per ticket`);
  let compared = 0;
  for (let i = 0; i < want.length; i++) {
    if (want[i] === null) {
      assert.match(out[i], new RegExp(`^\\{"line":${i + 1},"error":"ticket: cannot be read as JSON`), `${what}: line ${i + 1}`);
      continue;
    }
    // byte for byte; on a difference, show where
    if (out[i] !== want[i]) {
      let k = 0;
      while (out[i][k] === want[i][k]) k++;
      assert.fail(`${what}: line ${i + 1} differs at ${k}:\n cli: …${out[i].slice(Math.max(0, k - 80), k + 80)}\n npm: …${want[i].slice(Math.max(0, k - 80), k + 80)}`);
    }
    compared++;
  }
  assert.ok(compared >= want.length - 1, `${what}: ${compared} lines compared`);
}

test('assess: the CLI writes what JSON.stringify writes of the package\'s assessment (JSON history)', () => {
  const e = new Engine();
  e.loadHistoryText(historyText);
  for (const [opts, args] of [
    [{ now }, []],
    [{ now, snippets: 2, agent: 'Maya Chen', html: true }, ['--snippets', '2', '--agent', 'Maya Chen', '--html']],
  ]) {
    const want = packageLines(e, opts);
    assert.ok(want.some((l) => l && /[^\x00-\x7f]/.test(l)), 'some output is not ASCII');
    for (const threads of ['1', '2']) {
      const r = cli(['assess', '--history', path.join(dir, 'history.json'), '--now', now, '--threads', threads, '--batch', '16', ...args]);
      assert.equal(r.code, 1, `exit 1: some lines are bad (${r.err})`);
      assertSameLines(r.out, want, `${JSON.stringify(opts)}, ${threads} thread(s)`);
    }
  }
});

test('assess: the same with the CSV exports, imported as the page imports them', () => {
  const e = new Engine();
  for (const [kind, file] of csvFiles) e.importCsv(kind, fs.readFileSync(file, 'utf8'));
  const r = cli(['assess', '--history', ...csvFiles.map(([, f]) => f), '--now', now]);
  assert.equal(r.code, 1, r.err);
  assertSameLines(r.out, packageLines(e, { now }), 'CSV history');
});

test('outreach and insights: the same lines as the full package after the same queue', () => {
  const e = new FullEngine();
  e.loadHistoryText(historyText);
  for (const l of lines) {
    try { e.assess(JSON.parse(l), { now, snippets: 0 }); } catch { /* the CLI reports these on stderr */ }
  }
  const list = e.outreach({ now, limit: 15, within: 10 });
  assert.ok(list.length > 0, 'someone to contact');
  const o = cli(['outreach', '--history', path.join(dir, 'history.json'), '--now', now, '--limit', '15', '--within', '10']);
  assert.equal(o.code, 1, `bad queue lines make the status 1: ${o.err}`);
  assert.match(o.err, /"line":66,"error":"ticket: cannot be read as JSON/);
  assert.equal(o.out, list.map((x) => JSON.stringify(x) + '\n').join(''));

  const period = { from: '2026-10-01', to: '2026-11-23T12:00:00Z', now };
  const report = JSON.stringify(e.insights(period)) + '\n';
  const i = cli(['insights', '--history', path.join(dir, 'history.json'), '--now', now, '--from', period.from, '--to', period.to]);
  assert.equal(i.code, 1, i.err);
  assert.equal(i.out, report);
  const csv = cli(['insights', '--history', path.join(dir, 'history.json'), '--now', now, '--from', period.from, '--to', period.to, '--csv']);
  assert.equal(csv.out, e.insightsCsv(period));
});
