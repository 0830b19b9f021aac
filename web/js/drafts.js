// Drafts: what a person has typed on a board and not sent yet (the New card field, and the card
// being edited), kept in this browser so that a reload, a crash or coming back later does not lose
// it. Once a card is sent, the outbox (outbox.js) keeps it until the server acknowledges it, so the
// draft is handed over at that moment rather than kept twice.
//
// localStorage, not sessionStorage: sessionStorage belongs to one tab and goes when the tab is
// closed, which is exactly when a draft is most needed ("I closed it by mistake"), and it would not
// be there for the board opened again in another tab. The price is that drafts outlive the tab on
// a shared computer (council laptops are shared), so: drafts belong to one account and are removed
// when that person signs out, here or in another tab (app.js); when someone else signs in in this
// browser the previous person's drafts go too; a draft older than MAX_AGE_MS is dropped unread;
// and a board that refuses this person (removed from the community) loses its drafts.
//
// Pure apart from the storage it is given (localStorage in the page, a Map-backed fake in
// web/test/drafts.test.js).
import { MAX_TEXT } from './protocol.js';
import { removeKeys } from './keptlocally.js';

const PREFIX = 'circle.drafts.';
/** Drafts are kept for this many boards per person; the least recently touched go first. */
export const MAX_BOARDS = 20;
/** A draft untouched this long is dropped: on a shared computer, old text should not wait for ever. */
export const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

export class Drafts {
  /** `storage`: a Storage (localStorage) or null when the browser allows none. */
  constructor(storage, accountId, boardId, now = () => Date.now()) {
    this.storage = storage;
    this.key = `${PREFIX}${accountId}`;
    this.boardId = boardId;
    this.now = now;
    /** False when the last change could not be stored (storage full or disabled): the page then warns before leaving. */
    this.kept = true;
  }

  /** The unsent New card: { text, colour, group } or null. */
  newCard() {
    return this.board()?.newCard ?? null;
  }

  /** The unsent edit of a card: { card, text, base } (base: the card's text when the edit began) or null. */
  edit() {
    return this.board()?.edit ?? null;
  }

  /** Keeps what the New card field holds; an empty field keeps nothing. */
  keepNewCard(text, colour, group) {
    this.change((b) => {
      if (typeof text !== 'string' || text.trim() === '') delete b.newCard;
      else b.newCard = { text: text.slice(0, MAX_TEXT), colour: colour ?? null, group: group ?? null };
    });
  }

  /** Keeps the text typed in card `card`'s editor; text that is still the card's own keeps nothing. */
  keepEdit(card, text, base) {
    this.change((b) => {
      if (typeof text !== 'string' || text === base) delete b.edit;
      else b.edit = { card, text: text.slice(0, MAX_TEXT), base: typeof base === 'string' ? base : '' };
    });
  }

  /** Drops the edit draft (of card `card` only, when given). */
  dropEdit(card = null) {
    this.change((b) => {
      if (b.edit && (card === null || b.edit.card === card)) delete b.edit;
    });
  }

  /** Drops everything kept for this board: this person may no longer open it. */
  forgetBoard() {
    this.change((b) => {
      delete b.newCard;
      delete b.edit;
    });
  }

  board() {
    return readAll(this.storage, this.key, this.now())[this.boardId] ?? null;
  }

  change(how) {
    const now = this.now();
    const all = readAll(this.storage, this.key, now);
    const board = { ...(all[this.boardId] ?? {}) };
    how(board);
    if (board.newCard || board.edit) all[this.boardId] = { ...board, at: now };
    else delete all[this.boardId];
    this.kept = writeAll(this.storage, this.key, bounded(all));
  }
}

/** Sign-out: every draft in this browser goes, whoever wrote it. */
export function clearAll(storage) {
  removeKeys(storage, PREFIX);
}

/** Someone signed in: drafts of anyone else who used this browser go. */
export function keepOnly(storage, accountId) {
  // The key is the prefix and the account id alone, so no other account's key starts with it.
  removeKeys(storage, PREFIX, `${PREFIX}${accountId}`);
}

/** A person's drafts by board, without those too old or not in the shape this module writes. */
function readAll(storage, key, now) {
  let stored = null;
  try {
    stored = storage?.getItem(key) ?? null;
  } catch {
    return {};
  }
  return parseAll(stored, now);
}

/**
 * The New card kept for `boardId` in a person's drafts as stored (a storage event's oldValue, say),
 * or null.
 */
export function newCardIn(stored, boardId, now = Date.now()) {
  return parseAll(stored, now)[boardId]?.newCard ?? null;
}

function parseAll(stored, now) {
  let parsed;
  try {
    parsed = JSON.parse(stored ?? '{}');
  } catch {
    return {};
  }
  const all = {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return all;
  for (const [board, value] of Object.entries(parsed)) {
    if (!value || typeof value !== 'object' || typeof value.at !== 'number' || now - value.at > MAX_AGE_MS) continue;
    const kept = { at: value.at };
    const n = value.newCard;
    if (n && typeof n.text === 'string') kept.newCard = { text: n.text.slice(0, MAX_TEXT), colour: str(n.colour), group: str(n.group) };
    const e = value.edit;
    if (e && typeof e.card === 'string' && typeof e.text === 'string') {
      kept.edit = { card: e.card, text: e.text.slice(0, MAX_TEXT), base: typeof e.base === 'string' ? e.base : '' };
    }
    if (kept.newCard || kept.edit) all[board] = kept;
  }
  return all;
}

/** At most MAX_BOARDS boards: the most recently touched. */
function bounded(all) {
  const boards = Object.entries(all);
  if (boards.length <= MAX_BOARDS) return all;
  return Object.fromEntries(boards.sort(([, a], [, b]) => b.at - a.at).slice(0, MAX_BOARDS));
}

function writeAll(storage, key, all) {
  if (!storage) return false;
  try {
    if (Object.keys(all).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(all));
    return true;
  } catch {
    return false;
  }
}

function str(value) {
  return typeof value === 'string' ? value : null;
}
