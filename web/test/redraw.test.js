import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redraw } from '../js/redraw.js';

test('edits, votes and new comments redraw their cards only; anything that moves cards redraws the columns', () => {
  const redraw = new Redraw();
  assert.equal(redraw.take(), null, 'the first draw draws everything');
  assert.deepEqual([...redraw.take()], [], 'then nothing until something changes');
  redraw.touch({ kind: 'card.text', card: 'c1', text: 'x' });
  redraw.touch({ kind: 'vote', card: 'c2' });
  redraw.touch({ kind: 'comment.add', comment: 'm1', card: 'c3', text: 'y' });
  redraw.touch(undefined);
  assert.deepEqual([...redraw.take()].sort(), ['c1', 'c2', 'c3']);
  for (const kind of ['card.create', 'card.move', 'card.delete', 'group.create', 'group.rename', 'group.delete', 'comment.delete', 'board.lock']) {
    redraw.touch({ kind });
    assert.equal(redraw.take(), null, kind);
  }
});
