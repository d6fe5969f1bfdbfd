// The panel's "Why:" line (widget/panel.js `doubtsText`) for the packed engine's own doubts, and
// for doubts it cannot read (a newer engine's, or none at all): words, never a throw.
import test from 'node:test';
import assert from 'node:assert/strict';
import { importRapport } from './harness.mjs';
import { doubtsText } from '../../widget/panel.js';

const { Engine } = await importRapport();
const now = '2026-12-06T10:00:00Z';
const ticket = (id, text) => ({ id, customer: { id: 'c1' }, messages: [{ from: 'customer', text }] });

test('the engine\u2019s doubts in words: each step named, the model\u2019s findings by their reasons\u2019 labels', () => {
  const e = new Engine();
  e.loadHistory({ customers: [{ id: 'c1' }] });
  // critical on a distress and a frustration only the model found (tests/signals.rs)
  const a = e.assess(ticket('D-1', 'the documents you sent have the wrong car on them, it still shows my old Corsa, not the Golf I changed to on 2 June'), { now, snippets: 0 });
  const guess = a.doubts.find((d) => d.kind === 'model_alone');
  assert.ok(guess && a.confidence === 'low', JSON.stringify(a.doubts));
  const why = doubtsText(a);
  for (const s of guess.signals) assert.ok(why.includes(a.reasons.find((r) => r.signal === s).label), `${s}: ${why}`);
  assert.match(why, new RegExp(`it would be ${guess.band}\\.$`));
  // a team's edge a hundredth above the score: below it, not "0 points above"
  const edge = new Engine({ bands: { relational: 26.04 } });
  const b = edge.assess(ticket('D-2', 'I was charged twice for order 48213, please refund one'), { now, snippets: 0 });
  assert.equal(b.band, 'transactional', JSON.stringify(b.reasons));
  assert.deepEqual(b.doubts[0], { kind: 'near_edge', band: 'relational', points: Math.round((b.score - 26.04) * 100) / 100 });
  assert.ok(b.doubts[0].points < 0, JSON.stringify(b.doubts));
  assert.match(doubtsText(b), /points? below where relational starts/);
  // sure: nothing to say
  const c = e.assess(ticket('D-3', 'I was charged twice for order 48213, please refund one'), { now, snippets: 0 });
  assert.deepEqual([c.confidence, c.doubts, doubtsText(c)], ['high', [], '']);
});

test('doubts the panel cannot read still say there is one, and never throw', () => {
  const reasons = [{ signal: 'cue.churn', label: 'Churn threat' }];
  const cases = [
    [{ doubts: 'oops', reasons }, ''],
    [{ reasons }, ''],
    [{ doubts: [{ kind: 'model_alone', band: 'transactional' }], reasons }, 'Why: without what only the learned model read it would be transactional.'],
    [{ doubts: [{ kind: 'model_alone', band: 'relational', signals: ['cue.churn', 'emotion.frustration'] }], reasons }, 'Why: without what only the learned model read (Churn threat, frustration) it would be relational.'],
    [{ doubts: [{ kind: 'near_edge', band: 'critical' }], reasons }, 'Why: another doubt this panel cannot say.'],
    [{ doubts: [{ kind: 'near_edge', band: 'critical', points: 0 }] }, 'Why: the score is on the line where critical starts.'],
    [{ doubts: [{ kind: 'near_edge', band: 'critical', points: -1 }, null, { kind: 'from_the_future' }] }, 'Why: the score is 1 point below where critical starts; another doubt this panel cannot say; another doubt this panel cannot say.'],
    [{ doubts: [{ kind: 'near_edge', band: 'toString', points: 2 }, { kind: 'model_alone', signals: [] }] }, 'Why: the score is 2 points above where tostring starts; without what only the learned model read it would be another band.'],
  ];
  for (const [a, want] of cases) assert.equal(doubtsText(a), want, JSON.stringify(a));
});
