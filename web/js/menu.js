// A menu button (WAI-ARIA Authoring Practices, "Menu Button"): one button that opens a list of
// actions. Enter, Space or Down opens it on the first item, Up on the last; Up and Down move,
// Home and End jump, Enter or Space choose, Escape closes and returns to the button, Tab leaves.
// The items are built when the menu opens, from the board as it is then.
import { h, uid } from './ui.js';

let open = null;

/**
 * A button showing `text`, spoken as `label` (which must start with `text`, WCAG 2.5.3).
 * `items()` returns [{ text, label?, onSelect, warning? }] (falsy entries are skipped).
 */
export function menuButton({ text, label, items, className = '', key }) {
  const id = uid('menu-button');
  const button = h('button', {
    class: `govuk-button govuk-button--secondary circle-board__button circle-menu__button ${className}`.trim(), type: 'button',
    id, 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': label, 'data-key': key,
  }, h('span', { text }), h('span', { class: 'circle-menu__chevron', 'aria-hidden': 'true', text: '▾' }));
  const show = (focus) => {
    if (open?.button === button) {
      close(true);
      return;
    }
    openMenu(button, items().filter(Boolean), focus);
  };
  button.addEventListener('click', () => show('first'));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      show(e.key === 'ArrowUp' ? 'last' : 'first');
    }
  });
  return button;
}

/** Sets a menu button's spoken name, when what it acts on has changed. */
export function relabel(button, label) {
  if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
}

export function closeMenus() {
  close(false);
}

/** Closes the open menu if its button is inside `element` (which is leaving the page). */
export function closeMenuIn(element) {
  if (open && element.contains(open.button)) close(false);
}

function openMenu(button, items, focus) {
  close(false);
  const menu = h('ul', { class: 'circle-menu', role: 'menu', id: uid('menu'), 'aria-labelledby': button.id });
  const entries = items.map((item) => {
    const entry = h('li', { role: 'none' }, h('button', {
      type: 'button', role: 'menuitem', tabindex: '-1', 'aria-label': item.label,
      class: `circle-menu__item${item.warning ? ' circle-menu__item--warning' : ''}`, text: item.text,
    }));
    entry.firstChild.addEventListener('click', (e) => {
      e.stopPropagation();
      close(true);
      item.onSelect();
    });
    return entry.firstChild;
  });
  if (entries.length === 0) menu.append(h('li', { role: 'none', class: 'circle-menu__empty', text: 'Nothing to do here.' }));
  else menu.append(...entries.map((e) => e.parentElement));
  menu.addEventListener('keydown', (e) => {
    e.stopPropagation();
    const at = entries.indexOf(document.activeElement);
    const moveTo = (i) => entries[(i + entries.length) % entries.length]?.focus();
    if (e.key === 'ArrowDown') moveTo(at + 1);
    else if (e.key === 'ArrowUp') moveTo(at - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(entries.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      close(false);
      return;
    } else if (e.key.length === 1 && /\S/.test(e.key)) {
      const letter = e.key.toLowerCase();
      const next = [...entries.slice(at + 1), ...entries.slice(0, at + 1)].find((i) => i.textContent.trim().toLowerCase().startsWith(letter));
      next?.focus();
    } else return;
    e.preventDefault();
  });
  button.setAttribute('aria-expanded', 'true');
  button.setAttribute('aria-controls', menu.id);
  // On the page's body: a card keeps its drawing to itself (content-visibility), which would clip a menu inside it.
  document.body.append(menu);
  place(menu, button);
  const onPointer = (e) => {
    if (!menu.contains(e.target) && !button.contains(e.target)) close(false);
  };
  const onScroll = (e) => {
    if (!menu.contains(e.target)) close(false);
  };
  document.addEventListener('pointerdown', onPointer, true);
  document.addEventListener('scroll', onScroll, true);
  open = { button, menu, onPointer, onScroll };
  const first = focus === 'last' ? entries.at(-1) : entries[0];
  first?.focus();
}

/** Fixed under the button (or above it when there is no room), so no scrolling box clips it. */
function place(menu, button) {
  const rect = button.getBoundingClientRect();
  menu.style.left = `${Math.max(4, Math.min(rect.left, window.innerWidth - menu.offsetWidth - 4))}px`;
  const below = rect.bottom + 2;
  menu.style.top = below + menu.offsetHeight > window.innerHeight && rect.top > menu.offsetHeight
    ? `${rect.top - menu.offsetHeight - 2}px` : `${below}px`;
}

function close(returnFocus) {
  if (!open) return;
  const { button, menu, onPointer, onScroll } = open;
  open = null;
  document.removeEventListener('pointerdown', onPointer, true);
  document.removeEventListener('scroll', onScroll, true);
  const hadFocus = menu.contains(document.activeElement);
  menu.remove();
  button.setAttribute('aria-expanded', 'false');
  button.removeAttribute('aria-controls');
  if ((returnFocus || hadFocus) && button.isConnected) button.focus();
}
