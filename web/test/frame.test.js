import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameScheduler } from '../js/frame.js';

function fakeFrames() {
  const waiting = new Map();
  let next = 1;
  return {
    request: (cb) => { waiting.set(next, cb); return next++; },
    cancel: (id) => waiting.delete(id),
    run: () => { const cbs = [...waiting.values()]; waiting.clear(); cbs.forEach((cb) => cb()); },
    get count() { return waiting.size; },
  };
}

test('many changes before a frame draw once; no change asks for no frame', () => {
  const frames = fakeFrames();
  let draws = 0;
  const scheduler = new FrameScheduler(() => { draws += 1; }, frames.request, frames.cancel);
  assert.equal(frames.count, 0, 'an idle board asks for no frame');
  for (let i = 0; i < 100; i += 1) scheduler.schedule();
  assert.equal(frames.count, 1);
  frames.run();
  assert.equal(draws, 1);
  frames.run();
  assert.equal(draws, 1, 'and then nothing until the next change');
  scheduler.schedule();
  scheduler.flush();
  assert.equal(draws, 2);
  assert.equal(frames.count, 0);
});
