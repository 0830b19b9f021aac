// Order keys (web/js/fractional.js) against the shared fixture protocol/FractionalIndex.java runs too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { between } from '../js/fractional.js';
import { fixture } from './fixtures.js';

test('between() gives the same keys as the server', () => {
  for (const c of fixture('fractional.json').cases) {
    assert.equal(between(c.before, c.after), c.key, `between(${c.before}, ${c.after})`);
  }
});

test('a hundred inserts at the front, at the end and in the middle keep keys in order', () => {
  let keys = [between(null, null)];
  for (let i = 0; i < 100; i += 1) {
    keys = [between(null, keys[0]), ...keys, between(keys.at(-1), null)];
    const mid = Math.floor(keys.length / 2);
    keys.splice(mid, 0, between(keys[mid - 1], keys[mid]));
  }
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(keys, sorted);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(keys.every((k) => /^[0-9A-Za-z]+$/.test(k) && !k.endsWith('0') && k.length <= 128));
});
