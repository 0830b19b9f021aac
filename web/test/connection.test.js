// The connection drops what belongs to a board this browser has left (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from '../js/connection.js';

function joined(board) {
  const c = new Connection('ws://unused');
  c.socket = { readyState: 1, send() {} };
  globalThis.WebSocket ??= { OPEN: 1 };
  c.send({ v: 1, type: 'join', board, client: 'c' });
  return c;
}

test('a welcome for another board than the one joined last is ignored', () => {
  const c = joined('board-b');
  assert.equal(c.belongs({ type: 'welcome', board: { id: 'board-a' } }), false);
  assert.equal(c.belongs({ type: 'welcome', board: { id: 'board-b' } }), true);
});

test('board frames arriving between a join and its welcome are dropped; after it they pass', () => {
  const c = joined('board-b');
  for (const type of ['event', 'ack', 'reject', 'presence', 'cursors']) assert.equal(c.belongs({ type }), false, type);
  assert.equal(c.belongs({ type: 'pong' }), true);
  assert.equal(c.belongs({ type: 'welcome', board: { id: 'board-b' } }), true);
  assert.equal(c.belongs({ type: 'event', seq: 1 }), true);
});

test('a refused join stops the wait, so the next frames are not held back', () => {
  const c = joined('board-b');
  assert.equal(c.belongs({ type: 'error', code: 'forbidden' }), true);
  assert.equal(c.belongs({ type: 'presence' }), true);
});
