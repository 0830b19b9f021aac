// Which cards each column shows, in which order: groups in board order, cards by position, or by
// votes in the groups this person sorts so. Cards of a group that is gone show as not in a group.
import { byPosition } from './boardstate.js';

/** A Map from group id (null: not in a group) to its cards, for `state` (a BoardState). */
export function layoutOf(state, sortedByVotes = new Set()) {
  const layout = new Map([[null, []]]);
  for (const g of state.orderedGroups()) layout.set(g.id, []);
  for (const c of state.cards.values()) (layout.get(c.group ?? null) ?? layout.get(null)).push(c);
  for (const [group, cards] of layout) cards.sort(sortedByVotes.has(group) ? byVotes : byPosition);
  return layout;
}

/** Most votes first; equal votes in board order. */
export function byVotes(a, b) {
  return b.votes - a.votes || byPosition(a, b);
}
