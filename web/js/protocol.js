// The wire protocol's message shapes, in one place. docs/protocol.md describes the same.
export const VERSION = 1;

/** WebSocket close codes the server uses. */
export const CLOSE = { GOING_AWAY: 1001, POLICY: 1008, TOO_BIG: 1009, RESYNC: 4001, IDLE: 4002, ACCESS_REVOKED: 4003 };

export const COLOURS = ['yellow', 'blue', 'green', 'pink', 'orange', 'purple'];
export const MAX_TEXT = 2000;
export const MAX_TITLE = 200;

// Client messages.
export const ping = (id) => ({ v: VERSION, type: 'ping', id });

/** Opens a board; `since` is the last sequence number applied, or null for a snapshot. */
export function join(board, client, since) {
  const msg = { v: VERSION, type: 'join', board, client };
  if (since !== null && since !== undefined) msg.since = since;
  return msg;
}

/** An operation with its client-generated id; re-sending the same id is safe. */
export const op = (id, body) => ({ v: VERSION, type: 'op', id, op: body });
export const presence = (editing) => ({ v: VERSION, type: 'presence', editing: editing ?? null });
export const cursor = (x, y) => ({ v: VERSION, type: 'cursor', x, y });

// Operation bodies (op.kind).
export const createCard = (card, text, colour, group, position) => ({ kind: 'card.create', card, text, colour, group: group ?? null, position });
export const editText = (card, text) => ({ kind: 'card.text', card, text });
export const setColour = (card, colour) => ({ kind: 'card.colour', card, colour });
export const moveCard = (card, group, position) => ({ kind: 'card.move', card, group: group ?? null, position });
export const deleteCard = (card) => ({ kind: 'card.delete', card });
export const createGroup = (group, title, position) => ({ kind: 'group.create', group, title, position });
export const renameGroup = (group, title) => ({ kind: 'group.rename', group, title });
export const deleteGroup = (group) => ({ kind: 'group.delete', group });
export const addComment = (comment, card, text) => ({ kind: 'comment.add', comment, card, text });
export const deleteComment = (comment) => ({ kind: 'comment.delete', comment });
export const vote = (card) => ({ kind: 'vote', card });
export const unvote = (card) => ({ kind: 'unvote', card });
export const lockBoard = (locked) => ({ kind: 'board.lock', locked });
/** Facilitators: silent writing starts; each card is seen by its author alone until the reveal. */
export const startSilentWriting = () => ({ kind: 'board.silent' });
/** Facilitators: every card written in silence is shown to everyone at once, in an order the server shuffles. */
export const reveal = () => ({ kind: 'board.reveal' });

/** What each rejection reason means for the person who made the change. */
export const REJECTION_TEXT = {
  forbidden: 'You cannot make that change.',
  read_only: 'This community is not writing on boards at the moment.',
  board_locked: 'The facilitator has locked this board.',
  not_found: 'That is no longer on the board.',
  deleted: 'That was deleted, so your change was not applied.',
  duplicate_id: 'That change was already made.',
  being_edited: 'Someone else is writing in that card; try again when they have finished.',
  board_full: 'The board is full.',
  vote_budget: 'You have used all your votes on this board.',
  no_vote: 'You have no vote on that card to take back.',
  nothing_hidden: 'There are no hidden cards to reveal.',
  invalid: 'That change could not be saved; it holds something the board cannot store.',
  unavailable: 'The board could not be saved just now; your change will be sent again.',
};

/**
 * A card's id: random only. An id that began with the time it was made would tell others, after a
 * reveal, the order in which cards were written in silence.
 */
export function newCardId() {
  const random = crypto.getRandomValues(new Uint32Array(3));
  return `card-${[...random].map((n) => n.toString(36)).join('')}`;
}

/** A new id for an operation, group or comment: letters, digits, - and _ only. */
export function newId(prefix = '') {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}`;
}

/** Parses a server frame; returns null for anything that is not a versioned envelope. */
export function parse(text) {
  try {
    const msg = JSON.parse(text);
    return msg && msg.v === VERSION && typeof msg.type === 'string' ? msg : null;
  } catch {
    return null;
  }
}
