import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longestIncreasing } from '../js/keyed.js';

test('the longest increasing run marks what may stay in place', () => {
  assert.deepEqual(longestIncreasing([]), []);
  assert.deepEqual(longestIncreasing([0, 1, 2, 3]), [0, 1, 2, 3]);
  // One card moved from the front to the end: only it moves.
  assert.deepEqual(longestIncreasing([1, 2, 3, 0]), [0, 1, 2]);
  // One card moved from the end to the front.
  assert.deepEqual(longestIncreasing([3, 0, 1, 2]), [1, 2, 3]);
  // New items (-1) are never kept; they are inserted.
  assert.deepEqual(longestIncreasing([-1, 0, -1, 1]), [1, 3]);
  assert.equal(longestIncreasing([4, 3, 2, 1, 0]).length, 1);
});
