// The browser's apply rules (web/js/boardstate.js) against the shared fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoardState } from '../js/boardstate.js';
import { boardFixtures, eventsFor, viewerOf } from './fixtures.js';

for (const f of boardFixtures()) {
  test(`${f.file}: ${f.description}`, () => {
    const me = viewerOf(f);
    const state = new BoardState(me);
    const events = eventsFor(f);
    for (const e of events) assert.equal(state.confirm(e.seq, e.op, e.author), true, `event ${e.seq} applies`);
    assert.equal(state.seq, events.length);
    assert.deepEqual(state.toSnapshot(), f.expect, 'the confirmed board');
    if (f.votesLeft !== undefined) assert.equal(state.votesLeft(f.voteBudget), f.votesLeft, 'votes left');

    // A snapshot of it, as a later join receives it, is the same board.
    const joined = new BoardState(me);
    joined.snapshot(state.toSnapshot(), state.seq);
    assert.deepEqual(joined.toSnapshot(), f.expect, 'the board rebuilt from its snapshot');

    if (f.pending) {
      const view = state.clone();
      for (const p of f.pending) view.apply(p.op, me);
      assert.deepEqual(view.toSnapshot(), f.expectView, 'pending changes on top of the confirmed board');
      assert.deepEqual(state.toSnapshot(), f.expect, 'showing pending changes leaves the confirmed board alone');
    }
  });
}

test('a sequence gap is refused, and an event already applied is ignored', () => {
  const state = new BoardState({ id: 'a', name: 'Ada' });
  const create = { kind: 'card.create', card: 'c1', text: 'x', colour: 'yellow', group: null, position: 'V' };
  assert.equal(state.confirm(2, create, undefined), false);
  assert.equal(state.confirm(1, create, undefined), true);
  assert.equal(state.confirm(1, { kind: 'card.delete', card: 'c1' }, undefined), true);
  assert.equal(state.cards.size, 1);
  assert.equal(state.confirm(2, undefined, undefined), true, 'an event without an operation only advances the sequence');
  assert.equal(state.seq, 2);
});
