// Live updates for a community page: the server says what changed and the page re-reads it.
// A refresh waits while the person is typing in a form, so nothing they write is lost.
export class LiveUpdates {
  /** `stream` is the community's event stream: 'events' for members, 'sponsor/events' for its sponsor. */
  constructor(communityId, onChange, stream = 'events') {
    this.onChange = onChange;
    this.pending = false;
    this.source = new EventSource(`/api/communities/${encodeURIComponent(communityId)}/${stream}`);
    this.source.addEventListener('change', () => this.changed());
    this.onFocusOut = () => setTimeout(() => this.flush(), 0);
    document.addEventListener('focusout', this.onFocusOut);
  }

  changed() {
    this.pending = true;
    this.flush();
  }

  flush() {
    if (!this.pending) return;
    const active = document.activeElement;
    const busy = active && active.closest('form') && active.matches('input, textarea, select');
    if (busy) return;
    this.pending = false;
    this.onChange();
  }

  close() {
    this.source.close();
    document.removeEventListener('focusout', this.onFocusOut);
  }
}
