// Drawing at most once per animation frame, and only when something changed: an idle board
// asks the browser for no frames at all.
export class FrameScheduler {
  constructor(draw, requestFrame = (cb) => requestAnimationFrame(cb), cancelFrame = (id) => cancelAnimationFrame(id)) {
    this.draw = draw;
    this.requestFrame = requestFrame;
    this.cancelFrame = cancelFrame;
    this.pending = null;
  }

  /** Asks for one draw before the next frame; many calls before it still draw once. */
  schedule() {
    if (this.pending !== null) return;
    this.pending = this.requestFrame(() => {
      this.pending = null;
      this.draw();
    });
  }

  /** Draws now if a draw is waiting (e.g. before reading the page in a test or after a click). */
  flush() {
    if (this.pending === null) return;
    this.cancelFrame(this.pending);
    this.pending = null;
    this.draw();
  }

  cancel() {
    if (this.pending !== null) this.cancelFrame(this.pending);
    this.pending = null;
  }
}
