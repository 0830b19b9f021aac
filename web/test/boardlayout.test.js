import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoardState } from '../js/boardstate.js';
import { layoutOf } from '../js/boardlayout.js';

function board() {
  const state = new BoardState({ id: 'me', name: 'Me' });
  const ops = [
    { kind: 'group.create', group: 'g2', title: 'Later', position: 'k' },
    { kind: 'group.create', group: 'g1', title: 'Sooner', position: 'V' },
    { kind: 'card.create', card: 'a', text: '', colour: 'yellow', group: 'g1', position: 'k' },
    { kind: 'card.create', card: 'b', text: '', colour: 'yellow', group: 'g1', position: 'V' },
    { kind: 'card.create', card: 'c', text: '', colour: 'yellow', group: null, position: 'V' },
    { kind: 'vote', card: 'a' },
    { kind: 'vote', card: 'a' },
  ];
  ops.forEach((op, i) => state.confirm(i + 1, op, { id: 'other', name: 'Other' }));
  return state;
}

const ids = (layout) => [...layout].map(([g, cards]) => [g, cards.map((c) => c.id)]);

test('columns in board order, each card in its column by position', () => {
  assert.deepEqual(ids(layoutOf(board())), [[null, ['c']], ['g1', ['b', 'a']], ['g2', []]]);
});

test('a column sorted by votes shows the most voted first; the others keep board order', () => {
  assert.deepEqual(ids(layoutOf(board(), new Set(['g1']))), [[null, ['c']], ['g1', ['a', 'b']], ['g2', []]]);
});
