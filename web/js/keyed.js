// Keyed lists in the DOM: put a parent's children in a wanted order by moving as few of them as
// possible, so that a focused field, its caret and its scroll position stay put when others move.

/**
 * Indexes (into `sequence`) of one longest strictly increasing subsequence; -1 entries (new
 * items) are never part of it. Those items can stay where they are; only the others move.
 */
export function longestIncreasing(sequence) {
  const tails = []; // tails[k]: index in `sequence` of the smallest tail of an increasing run of length k + 1
  const previous = new Array(sequence.length).fill(-1);
  for (let i = 0; i < sequence.length; i += 1) {
    const value = sequence[i];
    if (value < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sequence[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const result = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) result.push(i);
  return result.reverse();
}

/**
 * Makes `wanted` (elements) the children of `parent`, in that order, moving only what must move
 * and removing children not wanted. Focus and a text field's selection survive a move.
 */
export function placeChildren(parent, wanted) {
  keepingFocus(() => {
    const wantedSet = new Set(wanted);
    for (const child of [...parent.children]) if (!wantedSet.has(child)) child.remove();
    const at = new Map([...parent.children].map((el, i) => [el, i]));
    const keep = new Set(longestIncreasing(wanted.map((el) => (at.has(el) ? at.get(el) : -1))).map((i) => wanted[i]));
    // From the end: each element that must move goes in front of its wanted successor.
    let next = null;
    for (let i = wanted.length - 1; i >= 0; i -= 1) {
      const el = wanted[i];
      if (!keep.has(el)) parent.insertBefore(el, next);
      next = el;
    }
  });
}

/**
 * Runs `change`, then gives focus back to the element that had it, with its selection, if the
 * change moved it in the page (a move takes focus away to the body) and it is still there.
 */
export function keepingFocus(change) {
  const active = document.activeElement;
  const selection = active && typeof active.selectionStart === 'number'
    ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null;
  const scroll = active && typeof active.scrollTop === 'number' ? active.scrollTop : 0;
  change();
  // Only focus that was lost comes back: focus moved on purpose (into a new editor) stays where it went.
  const now = document.activeElement;
  if (!active || active === now || (now && now !== document.body) || !active.isConnected) return;
  active.focus({ preventScroll: true });
  if (selection) active.setSelectionRange(...selection);
  if (scroll) active.scrollTop = scroll;
}
