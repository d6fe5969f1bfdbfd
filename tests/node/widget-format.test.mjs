// The widget's number formatting, which stands in for toLocaleString('en') (whose first call in a
// page is a long task): the same text for every whole number and decimal we show.
import test from 'node:test';
import assert from 'node:assert/strict';
import { thousands } from '../../widget/panel.js';

test('thousands() writes what toLocaleString("en") writes, without its first-call cost', () => {
  const cases = [0, 7, 999, 1000, 1001, 99999, 100000, 123456789, -1, -1000, -9876543, 1234.5, 0.25, 2 ** 53 - 1];
  let seed = 7;
  for (let i = 0; i < 2000; i++) { seed = (seed * 1103515245 + 12345) % 2 ** 31; cases.push(seed % 10 ** (1 + (i % 12))); }
  for (const n of cases) assert.equal(thousands(n), n.toLocaleString('en', { maximumFractionDigits: 20 }), String(n));
});
