// Silent writing and reveal as the browser applies them (web/js/boardstate.js): hidden events
// change nothing but the sequence; the reveal brings the cards the server sends with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoardState } from '../js/boardstate.js';

const me = { id: 'me', name: 'Me' };

test('hidden events advance the sequence and show nothing; the reveal shows every card, then silence ends', () => {
  const state = new BoardState(me);
  assert.equal(state.confirm(1, { kind: 'board.silent' }, { id: 'fran', name: 'Fran' }), true);
  assert.equal(state.silent, true);
  assert.equal(state.confirm(2, undefined, undefined), true, 'a hidden event');
  assert.equal(state.confirm(3, { kind: 'card.create', card: 'card-mine', text: 'Mine', colour: 'blue', group: null, position: 'V' }, me), true);
  assert.deepEqual([...state.cards.keys()], ['card-mine']);
  state.hiddenCards = 1;
  const reveal = { kind: 'board.reveal', cards: [
    { id: 'card-theirs', text: 'Theirs', colour: 'pink', group: null, position: 'n02', votes: 0, myVotes: 0 },
    { id: 'card-mine', text: 'Mine', colour: 'blue', group: null, position: 'n03', votes: 0, myVotes: 0, author: me },
  ] };
  assert.equal(state.confirm(4, reveal, { id: 'fran', name: 'Fran' }), true);
  assert.equal(state.silent, false);
  assert.equal(state.hiddenCards, 0);
  assert.deepEqual(state.cardsIn(null).map((c) => c.id), ['card-theirs', 'card-mine'], 'in the order the server placed them');
  assert.equal(state.cards.get('card-theirs').author, undefined);
});

test("the facilitator's own reveal, shown before the server answers, ends silence and adds nothing", () => {
  const state = new BoardState(me);
  state.confirm(1, { kind: 'board.silent' }, me);
  const view = state.clone();
  view.apply({ kind: 'board.reveal' }, me);
  assert.equal(view.silent, false);
  assert.equal(view.cards.size, 0);
  assert.equal(state.silent, true, 'the confirmed board is left alone');
});

test('a snapshot during silent writing says so and how many cards are hidden', () => {
  const state = new BoardState(me);
  state.snapshot({ locked: false, silent: true, hiddenCards: 3, cards: [], groups: [], comments: [] }, 9);
  assert.equal(state.silent, true);
  assert.equal(state.hiddenCards, 3);
  assert.equal(state.clone().hiddenCards, 3);
});
