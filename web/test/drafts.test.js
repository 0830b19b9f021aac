// What the browser keeps of cards typed and not sent (web/js/drafts.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Drafts, MAX_AGE_MS, MAX_BOARDS, clearAll, keepOnly } from '../js/drafts.js';
import { MAX_TEXT } from '../js/protocol.js';
import { FakeStorage } from './fakestorage.js';

const clock = (start = 1_000_000) => {
  const c = { t: start };
  c.now = () => c.t;
  return c;
};

test('a half-typed new card is kept per person and board, and an empty field keeps nothing', () => {
  const storage = new FakeStorage();
  const ada = new Drafts(storage, 'ada', 'board-1');
  ada.keepNewCard('Knowing nothing leaves', 'blue', 'g1');
  assert.deepEqual(new Drafts(storage, 'ada', 'board-1').newCard(), { text: 'Knowing nothing leaves', colour: 'blue', group: 'g1' });
  assert.equal(new Drafts(storage, 'ada', 'board-2').newCard(), null, 'another board has its own');
  assert.equal(new Drafts(storage, 'bo', 'board-1').newCard(), null, 'another person sees none of it');
  ada.keepNewCard('   ', 'blue', 'g1');
  assert.equal(ada.newCard(), null);
  assert.equal(storage.length, 0, 'nothing left behind');
});

test('an edit is kept with the text it began from; going back to the card\'s own text keeps nothing', () => {
  const storage = new FakeStorage();
  const d = new Drafts(storage, 'ada', 'b');
  d.keepEdit('c1', 'Speak openly, unless', 'Speak openly');
  assert.deepEqual(d.edit(), { card: 'c1', text: 'Speak openly, unless', base: 'Speak openly' });
  d.dropEdit('c2');
  assert.notEqual(d.edit(), null, 'dropping another card\'s edit leaves this one');
  d.keepEdit('c1', 'Speak openly', 'Speak openly');
  assert.equal(d.edit(), null);
  d.keepEdit('c1', 'x', 'y');
  d.keepNewCard('new', null, null);
  d.forgetBoard();
  assert.equal(d.newCard(), null);
  assert.equal(d.edit(), null);
});

test('what is stored is bounded: text to the card limit, boards to the most recent, age to two weeks', () => {
  const storage = new FakeStorage();
  const c = clock();
  new Drafts(storage, 'ada', 'long', c.now).keepNewCard('x'.repeat(MAX_TEXT + 500), null, null);
  assert.equal(new Drafts(storage, 'ada', 'long', c.now).newCard().text.length, MAX_TEXT);

  for (let i = 0; i < MAX_BOARDS + 5; i += 1) {
    c.t += 1;
    new Drafts(storage, 'ada', `board-${i}`, c.now).keepNewCard(`card ${i}`, null, null);
  }
  const stored = JSON.parse(storage.getItem('circle.drafts.ada'));
  assert.equal(Object.keys(stored).length, MAX_BOARDS);
  assert.equal(new Drafts(storage, 'ada', 'board-0', c.now).newCard(), null, 'the least recently touched went first');
  assert.equal(new Drafts(storage, 'ada', `board-${MAX_BOARDS + 4}`, c.now).newCard().text, `card ${MAX_BOARDS + 4}`);

  c.t += MAX_AGE_MS + 1;
  assert.equal(new Drafts(storage, 'ada', `board-${MAX_BOARDS + 4}`, c.now).newCard(), null, 'an old draft is not read back');
});

test('a draft that cannot be stored says so, so the page can warn before it is left', () => {
  const storage = new FakeStorage();
  const d = new Drafts(storage, 'ada', 'b');
  d.keepNewCard('one', null, null);
  assert.equal(d.kept, true);
  storage.full = true;
  d.keepNewCard('one and two', null, null);
  assert.equal(d.kept, false);
  storage.full = false;
  d.keepNewCard('one and two', null, null);
  assert.equal(d.kept, true);
  assert.equal(new Drafts(null, 'ada', 'b').newCard(), null, 'no storage at all: nothing to read');
  const none = new Drafts(null, 'ada', 'b');
  none.keepNewCard('typed', null, null);
  assert.equal(none.kept, false);
});

test('signing out removes every draft in the browser; signing in removes other people\'s', () => {
  const storage = new FakeStorage();
  storage.setItem('circle.clientId', 'b-1');
  storage.setItem('circle.outbox.ada.b', '[]');
  new Drafts(storage, 'ada', 'b').keepNewCard('mine', null, null);
  new Drafts(storage, 'bo', 'b').keepNewCard('theirs', null, null);
  keepOnly(storage, 'ada');
  assert.equal(new Drafts(storage, 'ada', 'b').newCard().text, 'mine');
  assert.equal(new Drafts(storage, 'bo', 'b').newCard(), null);
  clearAll(storage);
  assert.equal(new Drafts(storage, 'ada', 'b').newCard(), null);
  assert.deepEqual([...storage.map.keys()].sort(), ['circle.clientId', 'circle.outbox.ada.b'], 'nothing else is touched');
});

test('stored text not in the shape drafts are written in is ignored', () => {
  const storage = new FakeStorage();
  storage.setItem('circle.drafts.ada', '{"b":{"at":"soon","newCard":{"text":1}}, "c": 5}');
  assert.equal(new Drafts(storage, 'ada', 'b').newCard(), null);
  storage.setItem('circle.drafts.ada', 'not json');
  const d = new Drafts(storage, 'ada', 'b');
  assert.equal(d.newCard(), null);
  d.keepNewCard('fresh', 'pink', null);
  assert.equal(d.newCard().text, 'fresh');
});
