// Dragging a card with a pointer: press anywhere on the card that is not a control, move, let go
// where it should be. The board scrolls sideways (and the page up and down) near the edges, so a
// card goes to any group, not only to those in view. Escape cancels. On a touch screen, hold the
// card a moment first, so that a swipe still scrolls. (The keyboard way is the card's Space key.)
const START_DISTANCE = 6;
const TOUCH_HOLD_MS = 350;
const EDGE = 56;
const MAX_SPEED = 18;

export class DragMove {
  constructor(boardEl, scroller, board) {
    this.boardEl = boardEl;
    this.scroller = scroller;
    this.board = board;
    this.state = null;
    boardEl.addEventListener('pointerdown', (e) => this.down(e));
    this.onMove = (e) => this.move(e);
    this.onUp = (e) => this.up(e);
    this.onCancel = () => this.end(false);
    this.onKey = (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.end(false);
      }
    };
  }

  down(e) {
    if (e.button !== 0 || this.state || this.board.isReadOnly()) return;
    const cardEl = e.target.closest('.circle-board__card');
    if (!cardEl || e.target.closest('button, a, input, textarea, select, label, .circle-menu, .circle-board__editor, .circle-board__comments')) return;
    this.state = { id: cardEl.dataset.card, el: cardEl, x0: e.clientX, y0: e.clientY, x: e.clientX, y: e.clientY,
      pointerId: e.pointerId, dragging: false, ready: e.pointerType !== 'touch' };
    if (!this.state.ready) this.state.hold = setTimeout(() => { if (this.state) this.state.ready = true; }, TOUCH_HOLD_MS);
    window.addEventListener('pointermove', this.onMove, { passive: false });
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
    window.addEventListener('keydown', this.onKey, true);
  }

  move(e) {
    const s = this.state;
    if (!s || e.pointerId !== s.pointerId) return;
    s.x = e.clientX;
    s.y = e.clientY;
    if (!s.dragging) {
      const far = Math.hypot(s.x - s.x0, s.y - s.y0) > START_DISTANCE;
      if (!far) return;
      if (!s.ready) {
        this.end(false); // a swipe before the hold: the page scrolls instead
        return;
      }
      this.begin();
    }
    e.preventDefault();
    this.follow();
  }

  begin() {
    const s = this.state;
    s.dragging = true;
    const rect = s.el.getBoundingClientRect();
    s.dx = s.x0 - rect.left;
    s.dy = s.y0 - rect.top;
    s.ghost = s.el.cloneNode(true);
    s.ghost.removeAttribute('data-key');
    s.ghost.removeAttribute('id');
    s.ghost.setAttribute('aria-hidden', 'true');
    s.ghost.classList.add('circle-board__ghost');
    s.ghost.style.width = `${rect.width}px`;
    s.marker = document.createElement('div');
    s.marker.className = 'circle-board__drop-marker';
    document.body.append(s.ghost, s.marker);
    document.body.classList.add('circle-dragging');
    s.el.classList.add('circle-board__card--dragged');
    window.getSelection()?.removeAllRanges();
    const scroll = () => {
      if (!this.state?.dragging) return;
      this.autoScroll();
      s.frame = requestAnimationFrame(scroll);
    };
    s.frame = requestAnimationFrame(scroll);
  }

  /** The ghost under the pointer, and the marker where the card would land. */
  follow() {
    const s = this.state;
    s.ghost.style.transform = `translate(${s.x - s.dx}px, ${s.y - s.dy}px)`;
    const under = document.elementFromPoint(s.x, s.y);
    const column = under?.closest('.circle-board__column');
    if (!column || !this.boardEl.contains(column)) return;
    const cards = [...column.querySelectorAll('.circle-board__cards > .circle-board__card')].filter((c) => c !== s.el);
    let index = cards.findIndex((c) => {
      const r = c.getBoundingClientRect();
      return r.top + r.height / 2 > s.y;
    });
    if (index < 0) index = cards.length;
    s.target = { group: column.dataset.group || null, index };
    const list = column.querySelector('.circle-board__cards').getBoundingClientRect();
    const y = index < cards.length ? cards[index].getBoundingClientRect().top - 6
      : cards.length ? cards.at(-1).getBoundingClientRect().bottom + 4 : list.top + 2;
    Object.assign(s.marker.style, { left: `${list.left}px`, top: `${y}px`, width: `${list.width}px` });
  }

  autoScroll() {
    const s = this.state;
    const box = this.scroller.getBoundingClientRect();
    const speed = (distance) => Math.ceil(MAX_SPEED * (1 - Math.max(0, distance) / EDGE));
    let moved = false;
    if (s.x < box.left + EDGE && this.scroller.scrollLeft > 0) {
      this.scroller.scrollLeft -= speed(s.x - box.left);
      moved = true;
    } else if (s.x > box.right - EDGE && this.scroller.scrollLeft + this.scroller.clientWidth < this.scroller.scrollWidth) {
      this.scroller.scrollLeft += speed(box.right - s.x);
      moved = true;
    }
    if (s.y < EDGE && window.scrollY > 0) {
      window.scrollBy(0, -speed(s.y));
      moved = true;
    } else if (s.y > window.innerHeight - EDGE) {
      window.scrollBy(0, speed(window.innerHeight - s.y));
      moved = true;
    }
    if (moved) this.follow();
  }

  up(e) {
    if (!this.state || e.pointerId !== this.state.pointerId) return;
    this.end(this.state.dragging);
  }

  end(drop) {
    const s = this.state;
    if (!s) return;
    this.state = null;
    clearTimeout(s.hold);
    cancelAnimationFrame(s.frame);
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onUp);
    window.removeEventListener('pointercancel', this.onCancel);
    window.removeEventListener('keydown', this.onKey, true);
    s.ghost?.remove();
    s.marker?.remove();
    document.body.classList.remove('circle-dragging');
    s.el.classList.remove('circle-board__card--dragged');
    if (drop && s.target) {
      this.board.moves.moveTo(s.id, s.target.group, s.target.index);
      s.el.focus({ preventScroll: true });
    }
  }
}
