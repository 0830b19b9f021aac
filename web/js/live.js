// Live updates for a community page: the server says what changed and the page re-reads it.
// A refresh waits while the person is typing in a form, or has changed a form they have not sent
// yet (a half-written note, a chosen answer), so nothing they write is lost; it happens as soon
// as they are done.
import { formChanged } from './ui.js';

const RETRY_MS = 1000;

export class LiveUpdates {
  /** `stream` is the community's event stream: 'events' for members, 'sponsor/events' for its sponsor. */
  constructor(communityId, onChange, stream = 'events') {
    this.onChange = onChange;
    this.pending = false;
    this.retry = null;
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
    clearTimeout(this.retry);
    if (!this.pending || this.closed) return;
    const active = document.activeElement;
    const typing = active && active.closest('form') && active.matches('input, textarea, select');
    const unsent = [...document.querySelectorAll('#app form')].some(formChanged);
    if (typing || unsent) {
      this.retry = setTimeout(() => this.flush(), RETRY_MS);
      return;
    }
    this.pending = false;
    this.onChange();
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    this.source.close();
    document.removeEventListener('focusout', this.onFocusOut);
  }
}
