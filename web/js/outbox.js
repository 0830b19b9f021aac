// Changes not yet acknowledged by the server, kept in localStorage so they survive a reload or
// going offline, and sent again (with the same ids) when the board reconnects.
import { keysWith, removeKeys } from './keptlocally.js';

const PREFIX = 'circle.outbox.';

export class Outbox {
  constructor(boardId, accountId) {
    this.key = `${PREFIX}${accountId}.${boardId}`;
    this.items = load(this.key);
    /** False when the last change could not be stored: the page then warns before it is left. */
    this.kept = true;
  }

  /** Pending operations in the order they were made: [{ id, op }]. */
  pending() {
    return this.items;
  }

  get size() {
    return this.items.length;
  }

  has(id) {
    return this.items.some((item) => item.id === id);
  }

  add(id, op) {
    this.items.push({ id, op });
    this.save();
  }

  remove(id) {
    const before = this.items.length;
    this.items = this.items.filter((item) => item.id !== id);
    if (this.items.length !== before) this.save();
    return this.items.length !== before;
  }

  save() {
    try {
      if (this.items.length === 0) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, JSON.stringify(this.items));
      this.kept = true;
    } catch {
      // Storage full or disabled: changes still go out while the page stays open (and leaving it warns).
      this.kept = false;
    }
  }
}

/** Sign-out: every change still waiting in this browser goes, whoever made it. */
export function clearAll(storage) {
  removeKeys(storage, PREFIX);
}

/** Someone signed in: changes left waiting by anyone else who used this browser go. */
export function keepOnly(storage, accountId) {
  removeKeys(storage, PREFIX, `${PREFIX}${accountId}.`);
}

/** How many changes `accountId` made that have not reached the server yet, on every board. */
export function waiting(storage, accountId) {
  let count = 0;
  for (const key of keysWith(storage, `${PREFIX}${accountId}.`)) {
    try {
      const items = JSON.parse(storage.getItem(key) ?? '[]');
      if (Array.isArray(items)) count += items.length;
    } catch {
      // not in the shape this module writes: nothing to count
    }
  }
  return count;
}

function load(key) {
  try {
    const items = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(items) ? items.filter((i) => i && typeof i.id === 'string' && i.op && typeof i.op.kind === 'string') : [];
  } catch {
    return [];
  }
}

/** This browser's stable client id, shared by its tabs. */
export function clientId() {
  let id = localStorage.getItem('circle.clientId');
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    const random = crypto.getRandomValues(new Uint32Array(3));
    id = `b-${[...random].map((n) => n.toString(36)).join('')}`;
    localStorage.setItem('circle.clientId', id);
  }
  return id;
}
