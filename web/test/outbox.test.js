// What the browser keeps of changes sent and not yet acknowledged (web/js/outbox.js), on a shared computer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearAll, keepOnly, waiting } from '../js/outbox.js';
import { FakeStorage } from './fakestorage.js';

const ADA = '6f1c1b2e-0000-4000-8000-00000000000a';
const BEN = '6f1c1b2e-0000-4000-8000-00000000000b';
const card = (id, text) => ({ id, op: { kind: 'card.create', card: id, text } });

function browserUsedByTwo() {
  const storage = new FakeStorage();
  storage.setItem(`circle.outbox.${ADA}.board-1`, JSON.stringify([card('o1', 'Ada, offline'), card('o2', 'Ada again')]));
  storage.setItem(`circle.outbox.${ADA}.board-2`, JSON.stringify([card('o3', 'Ada on another board')]));
  storage.setItem(`circle.outbox.${BEN}.board-1`, JSON.stringify([card('o4', 'Ben, offline')]));
  storage.setItem('circle.clientId', 'b-tab');
  storage.setItem(`circle.drafts.${ADA}`, '{}');
  return storage;
}

test('counts the changes one person left waiting, on every board, and nobody else\'s', () => {
  const storage = browserUsedByTwo();
  assert.equal(waiting(storage, ADA), 3);
  assert.equal(waiting(storage, BEN), 1);
  assert.equal(waiting(storage, '6f1c1b2e-0000-4000-8000-00000000000c'), 0);
  storage.setItem(`circle.outbox.${BEN}.board-3`, 'not json');
  assert.equal(waiting(storage, BEN), 1, 'what this module did not write counts for nothing');
});

test('signing out removes every waiting change in the browser, and nothing else', () => {
  const storage = browserUsedByTwo();
  clearAll(storage);
  assert.deepEqual([...storage.map.keys()].sort(), ['circle.clientId', `circle.drafts.${ADA}`]);
});

test('when someone signs in, only the changes others left waiting go', () => {
  const storage = browserUsedByTwo();
  keepOnly(storage, BEN);
  assert.deepEqual([...storage.map.keys()].filter((k) => k.startsWith('circle.outbox.')), [`circle.outbox.${BEN}.board-1`]);
  assert.equal(waiting(storage, BEN), 1);
});

test('a browser that keeps nothing counts nothing and removes nothing', () => {
  assert.equal(waiting(null, ADA), 0);
  assert.doesNotThrow(() => clearAll(null));
  assert.doesNotThrow(() => keepOnly(null, ADA));
});
