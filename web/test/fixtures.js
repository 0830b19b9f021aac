// Reads the shared fixtures (web/test/fixtures/), which the Java tests run too.
import { readFileSync, readdirSync } from 'node:fs';

const here = new URL('./fixtures/', import.meta.url);

export function boardFixtures() {
  const dir = new URL('board/', here);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(new URL(f, dir), 'utf8')) }));
}

export function fixture(name) {
  return JSON.parse(readFileSync(new URL(name, here), 'utf8'));
}

/** The events the viewer receives: accepted steps numbered in order, author as the protocol sends it. */
export function eventsFor(f) {
  const viewer = f.people[f.viewer].id;
  return f.steps.filter((s) => !s.rejected).map((s, i) => {
    const person = f.people[s.by];
    const author = !f.anonymous || person.id === viewer ? { id: person.id, name: person.name } : undefined;
    return { seq: i + 1, op: s.op, author };
  });
}

export function viewerOf(f) {
  const person = f.people[f.viewer];
  return { id: person.id, name: person.name };
}
