// A live shared board: cards in groups, votes and comments, changed by everyone at once.
// Every change goes out as an operation (protocol.js), is kept in the outbox until the server
// acknowledges it, and is shown at once on top of what the server has confirmed. Messages only
// change state; the page is drawn from it at most once per animation frame (boardscreen.js).
// User text is only ever set with textContent, never parsed as HTML. What is typed and not sent yet
// (a new card, a card being edited) is kept in the browser as a draft (drafts.js) until it is sent.
import * as api from './api.js';
import * as protocol from './protocol.js';
import { CardMoves, between } from './cardmoves.js';
import { BoardState } from './boardstate.js';
import { layoutOf } from './boardlayout.js';
import { Outbox, clientId } from './outbox.js';
import { Drafts, newCardIn } from './drafts.js';
import { browserStorage } from './keptlocally.js';
import { FrameScheduler } from './frame.js';
import { Redraw } from './redraw.js';
import { BoardScreen } from './boardscreen.js';
import { cardLabel } from './cardview.js';
import { UNGROUPED_TITLE } from './columnview.js';
import { h, showError, page, link } from './ui.js';
import { closeMenus } from './menu.js';

/** While typing in a card, this person's soft lock is renewed this often (the server holds it 15 s). */
const PRESENCE_RENEW_MS = 5000;
const NO_COMMENTS = Object.freeze([]);

export class LiveBoard {
  constructor(root, boardId, connection, me) {
    this.boardId = boardId;
    this.connection = connection;
    this.me = { id: me.id, name: me.displayName };
    this.client = clientId();
    this.confirmed = new BoardState(this.me);
    this.outbox = new Outbox(boardId, me.id);
    this.drafts = new Drafts(browserStorage(), me.id, boardId);
    /** Drafts are read back once the server has let this person in, and kept from then on. */
    this.draftsRestored = false;
    /** The server refused this person the board: nothing typed here is kept. */
    this.refused = false;
    /** The card's text when the edit began (or when the kept edit began): to tell a change by others. */
    this.editBase = null;
    this.editorFocus = true;
    this.welcomed = false;
    this.joined = false;
    this.info = null;
    this.you = null;
    this.phase = null;
    this.people = [];
    this.editors = new Map();
    /** This person's own state of the page: nothing here is shared with others. */
    this.editing = null;
    this.renaming = null;
    this.moves = new CardMoves(this);
    this.shownColumn = null;
    this.openComments = new Set();
    this.sortedByVotes = new Set();
    this.notification = null;
    this.afterDraw = [];
    this.layout = new Map([[null, []]]);
    this.redraw = new Redraw();

    this.errors = h('div');
    this.status = h('p', { class: 'govuk-body circle-board__status', role: 'status', 'aria-live': 'polite' });
    this.announcer = h('p', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.rules = h('div');
    this.screen = new BoardScreen(this);
    this.heading = page(root, 'Board', this.errors, this.status, this.announcer, this.rules, this.screen.el);
    document.body.classList.add('circle-wide');
    this.frames = new FrameScheduler(() => this.draw());

    this.onState = () => this.connectionChanged();
    this.onMessage = (e) => this.receive(e.detail);
    this.onHash = () => {
      if (!location.hash.startsWith(`#/board/${boardId}`)) this.dispose();
    };
    // Signed out (here or in another tab), or someone else signed in: this board stops, and keeps nothing more.
    this.onSession = (e) => {
      if (e.detail?.id !== me.id) this.dispose();
    };
    // Another tab of this browser changed the drafts (localStorage tells only the other tabs).
    this.onStorage = (e) => {
      if (e.key === null || e.key === this.drafts.key) this.draftsChangedElsewhere(newCardIn(e.oldValue, boardId)?.text ?? '');
    };
    // Leaving the page asks first only when something typed or made could not be kept in the browser.
    this.onLeave = (e) => {
      if (!this.unkept()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    connection.addEventListener('state', this.onState);
    connection.addEventListener('message', this.onMessage);
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('beforeunload', this.onLeave);
    document.addEventListener('circle:session', this.onSession);
    window.addEventListener('storage', this.onStorage);
    this.renewal = setInterval(() => {
      if (this.editing && this.joined) this.connection.send(protocol.presence(this.editing));
    }, PRESENCE_RENEW_MS);
    this.connectionChanged();
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.renewal);
    this.frames.cancel();
    closeMenus();
    document.body.classList.remove('circle-wide');
    this.connection.removeEventListener('state', this.onState);
    this.connection.removeEventListener('message', this.onMessage);
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('beforeunload', this.onLeave);
    document.removeEventListener('circle:session', this.onSession);
    window.removeEventListener('storage', this.onStorage);
  }

  // ---------------------------------------------------------------- messages from the server

  connectionChanged() {
    if (this.connection.state === 'connected') {
      this.connection.send(protocol.join(this.boardId, this.client, this.welcomed ? this.confirmed.seq : null));
    } else {
      this.joined = false;
    }
    this.changed();
  }

  receive(msg) {
    switch (msg.type) {
      case 'welcome': this.welcome(msg); break;
      case 'event': this.event(msg); break;
      case 'ack': this.ack(msg); break;
      case 'reject': this.reject(msg); break;
      case 'presence': this.presence(msg); break;
      case 'error': this.error(msg); break;
      default: return;
    }
    this.changed();
  }

  welcome(msg) {
    this.info = msg.board;
    this.you = msg.you;
    if (msg.snapshot) this.confirmed.snapshot(msg.snapshot, msg.seq);
    else for (const e of msg.events) this.event(e, true);
    this.confirmed.seq = msg.seq;
    this.redraw.all();
    const first = !this.welcomed && !this.phase;
    this.welcomed = true;
    this.joined = true;
    this.heading.textContent = this.info.title;
    document.title = `${this.info.title} – Circle`;
    if (first) this.loadCommunity(this.info.community);
    if (!this.draftsRestored) this.afterDraw.push(() => this.restoreDrafts());
    showError(this.errors, null);
    // Everything not yet acknowledged goes out again, in order; the server applies each once.
    for (const item of this.outbox.pending()) this.connection.send(protocol.op(item.id, item.op));
  }

  /** The community's phase (archived boards are read-only) and its ground rules, one click away. */
  async loadCommunity(communityId) {
    try {
      const community = await api.get(`/communities/${encodeURIComponent(communityId)}`);
      this.phase = community.phase;
      this.changed();
    } catch {
      // The server still refuses what cannot be done; the page says so when it does.
    }
    try {
      const { inForce } = await api.get(`/communities/${encodeURIComponent(communityId)}/ground-rules`);
      if (!inForce) return;
      this.rules.replaceChildren(h('details', { class: 'govuk-details circle-board__rules' },
        h('summary', { class: 'govuk-details__summary' },
          h('span', { class: 'govuk-details__summary-text', text: `Our ground rules (version ${inForce.version})` })),
        h('div', { class: 'govuk-details__text' },
          h('ol', { class: 'govuk-list govuk-list--number' }, inForce.rules.map((r) => h('li', { text: r }))),
          link(`#/community/${communityId}`, 'All ground rules and settings'))));
    } catch {
      // The board works without them; the community page shows them too.
    }
  }

  event(msg, quiet = false) {
    if (!this.confirmed.confirm(msg.seq, msg.op, msg.author)) {
      // A gap means something was missed: join again and let the server catch this browser up.
      this.welcomed = false;
      this.connection.send(protocol.join(this.boardId, this.client, null));
      return;
    }
    this.redraw.touch(msg.op);
    if (msg.ref) this.outbox.remove(msg.ref);
    if (!quiet && msg.op?.kind === 'card.create' && !msg.ref) this.announce(`${msg.author?.name ?? 'Someone'} added a card.`);
    if (!quiet && msg.op?.kind === 'board.reveal' && !msg.ref) this.announce(`The facilitator revealed ${msg.op.cards?.length ?? 0} cards.`);
    if (!quiet && msg.op?.kind === 'board.silent' && !msg.ref) {
      this.announce('Silent writing has started: only you can see your cards until they are revealed.');
    }
  }

  ack(msg) {
    const item = this.outbox.pending().find((i) => i.id === msg.ref);
    if (!item) return;
    if (msg.seq === this.confirmed.seq + 1) this.confirmed.confirm(msg.seq, item.op, this.me);
    this.outbox.remove(msg.ref);
    this.redraw.touch(item.op);
  }

  reject(msg) {
    // `unavailable` means "not saved, try again": the change stays in the outbox for the next join.
    const givenBack = msg.reason !== 'unavailable' ? this.forget(msg.ref) : '';
    if (msg.reason === 'read_only') this.phase = this.phase === 'sponsor' ? 'sponsor' : 'archived';
    this.notify(`${protocol.REJECTION_TEXT[msg.reason] ?? 'That change was not applied.'}${givenBack}`, msg.reason);
  }

  error(msg) {
    if (msg.ref && this.outbox.has(msg.ref)) {
      const givenBack = msg.code !== 'rate_limited' ? this.forget(msg.ref) : '';
      this.notify(msg.code === 'rate_limited' ? 'Slow down a little: your change will be sent again.' : `${msg.message}${givenBack}`);
      return;
    }
    if (msg.code === 'forbidden' || msg.code === 'consent_required') {
      this.joined = false;
      if (msg.code === 'forbidden') {
        // No longer theirs to open: what was typed here is not kept on this computer.
        this.refused = true;
        this.drafts.forgetBoard();
      }
      showError(this.errors, { title: msg.code === 'consent_required' ? 'Agree to the ground rules first' : 'Board not available',
        detail: msg.message });
    }
  }

  presence(msg) {
    this.people = msg.people;
    // During silent writing: how many cards by others this person cannot see yet (all they may know of them).
    this.confirmed.hiddenCards = msg.hiddenCards ?? 0;
    const before = this.editors;
    this.editors = new Map(msg.editing
      .filter((e) => !e.by || e.by.id !== this.me.id)
      .map((e) => [e.card, e.by ? e.by.name : 'Someone']));
    for (const [card, name] of this.editors) if (before.get(card) !== name) this.redraw.card(card);
    for (const card of before.keys()) if (!this.editors.has(card)) this.redraw.card(card);
  }

  /**
   * Drops a change the server will not apply; the page shows the board without it. Text the person
   * wrote is not lost with it: it becomes a draft again. Returns what to add to the message saying so.
   */
  forget(opId) {
    const item = this.outbox.pending().find((i) => i.id === opId);
    if (!item || !this.outbox.remove(opId)) return '';
    this.redraw.touch(item.op);
    return this.giveBack(item.op);
  }

  giveBack(op) {
    if (this.refused || this.disposed) return '';
    if (op.kind === 'card.create' && typeof op.text === 'string' && op.text.trim()) {
      this.afterDraw.push(() => this.screen.toolbar.restoreNewCard(op, 'Your card was not added: its text is back here.'));
      return ' Your card\'s text is back in the New card field.';
    }
    if (op.kind === 'card.text') {
      const card = this.view().cards.get(op.card);
      if (!card || card.text === op.text) return '';
      this.drafts.keepEdit(op.card, op.text, card.text);
      return ' Your text is kept: choose Edit on the card to try again.';
    }
    return '';
  }

  notify(text, reason = null) {
    this.notification = { text, reason };
    this.errors.replaceChildren(h('div', { class: 'govuk-inset-text', role: 'alert', text }));
  }

  announce(text) {
    this.announcer.textContent = text;
  }

  // ---------------------------------------------------------------- drawing

  /** Something changed: the page is drawn again before the next frame, once however many changes came. */
  changed() {
    if (!this.disposed) this.frames.schedule();
  }

  /** What to show: the confirmed board with this browser's pending changes (and a card being moved) on top. */
  view() {
    const pending = this.outbox.pending();
    if (pending.length === 0 && !this.moves.carrying) return this.confirmed;
    const state = this.confirmed.clone();
    for (const item of pending) state.apply(item.op, this.me);
    this.moves.preview(state);
    return state;
  }

  draw() {
    if (this.disposed) return;
    this.renderStatus();
    if (!this.welcomed) return;
    const view = this.view();
    let cards = this.redraw.take();
    const ctx = this.context(view);
    // Whatever every card shows (may this person write, vote, who is being moved) redraws them all.
    const everyCard = `${ctx.readOnly}|${ctx.votesLeft > 0}|${ctx.facilitator}|${ctx.moving}|${ctx.shownColumn}|${this.renaming}`;
    if (everyCard !== this.everyCard) {
      this.everyCard = everyCard;
      cards = null;
    }
    // A column sorted by votes reorders when votes change.
    if (cards !== null && cards.size > 0 && this.sortedByVotes.size > 0) cards = null;
    if (cards === null) {
      this.drawnLayout = this.layout;
      this.layout = layoutOf(view, this.sortedByVotes);
      if (!this.layout.has(this.shownColumn)) this.shownColumn = null;
    }
    ctx.layout = this.layout;
    ctx.shownColumn = this.shownColumn;
    if (this.notification?.reason === 'vote_budget' && ctx.votesLeft > 0) {
      this.notification = null;
      this.errors.replaceChildren();
    }
    this.screen.draw(view, ctx, cards);
    const after = this.afterDraw;
    this.afterDraw = [];
    for (const run of after) run();
  }

  context(view) {
    const facilitator = this.you?.role === 'facilitator';
    const archived = this.phase === 'archived';
    const phaseReadOnly = archived || this.phase === 'sponsor';
    const locked = view.locked && !facilitator;
    const byCard = new Map();
    for (const c of [...view.comments.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (!byCard.has(c.card)) byCard.set(c.card, []);
      byCard.get(c.card).push(c);
    }
    const pendingCards = new Set(this.outbox.pending().map((i) => i.op.card).filter(Boolean));
    let notice = '';
    if (archived) notice = 'This community is archived: its boards can be read but not changed.';
    else if (phaseReadOnly) notice = 'Boards can be read but not changed until the sponsor has signed off the mandate.';
    else if (locked) notice = 'The facilitator has locked this board: you can read it but not change it.';
    else if (view.locked) notice = 'This board is locked: only facilitators can change it.';
    if (view.silent) {
      const hidden = view.hiddenCards > 0
        ? ` ${view.hiddenCards} card${view.hiddenCards === 1 ? '' : 's'} by others ${view.hiddenCards === 1 ? 'is' : 'are'} hidden for now.` : '';
      notice = `Silent writing: only you can see the cards you write. Everyone's cards appear together when the facilitator reveals them.${hidden}${notice ? ` ${notice}` : ''}`;
    }
    return {
      me: this.me,
      facilitator,
      archived,
      silent: view.silent,
      hiddenCards: view.hiddenCards,
      readOnly: phaseReadOnly || locked,
      notice,
      voteBudget: this.info.voteBudget,
      votesLeft: view.votesLeft(this.info.voteBudget),
      editing: this.editing,
      editors: this.editors,
      people: this.people,
      pendingCards,
      openComments: this.openComments,
      commentsOn: (id) => byCard.get(id) ?? NO_COMMENTS,
      groupChoices: [{ id: null, title: UNGROUPED_TITLE }, ...view.orderedGroups()],
      sortedByVotes: this.sortedByVotes,
      renaming: this.renaming,
      moving: this.moves.carrying?.card ?? null,
      shownColumn: this.shownColumn,
      layout: this.layout,
    };
  }

  renderStatus() {
    const waiting = this.outbox.size;
    const changes = `${waiting} change${waiting === 1 ? '' : 's'} waiting to be sent`;
    const state = this.connection.state;
    let text;
    if (state === 'connected' && this.joined) text = waiting ? `Connected. ${changes}.` : 'Connected. All changes saved.';
    else if (state === 'connected' || state === 'connecting' || state === 'reconnecting') text = `Reconnecting…${waiting ? ` ${changes}.` : ''}`;
    else text = `Offline.${waiting ? ` ${changes}.` : ' Changes you make will be sent when you are back online.'}`;
    const shown = state === 'connected' && this.joined ? 'connected' : state === 'offline' ? 'offline' : 'reconnecting';
    if (this.status.dataset.state !== shown) this.status.dataset.state = shown;
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  isReadOnly() {
    return !this.welcomed || this.context(this.view()).readOnly;
  }

  // ---------------------------------------------------------------- changes this person makes

  /** Makes a change: shown at once, kept until acknowledged, sent now if the board is joined. */
  make(body) {
    const id = protocol.newId('op-');
    this.outbox.add(id, body);
    if (this.joined) this.connection.send(protocol.op(id, body));
    this.redraw.touch(body);
    this.changed();
  }

  addCard(text, colour, group) {
    const last = this.moves.boardOrder(this.view(), group).at(-1);
    this.make(protocol.createCard(protocol.newCardId(), text, colour, group, between(last?.position ?? null, null)));
    // Sent: from here the outbox keeps the card (in localStorage too) until the server acknowledges it.
    this.drafts.keepNewCard('');
    this.announce('Card added.');
  }

  // ---------------------------------------------------------------- drafts: typed, not sent yet

  /** Whether what is typed here may be kept in the browser now. */
  keeping() {
    return this.draftsRestored && !this.refused && !this.disposed;
  }

  /** The New card field changed. */
  keepNewCard(text, colour, group) {
    if (this.keeping()) this.drafts.keepNewCard(text, colour, group);
  }

  /**
   * The drafts changed in another tab (`before`: the New card they held until then). When that tab sent (or emptied) the New card this tab shows
   * too, untouched here since, it leaves this field as well: sending it again here would put the
   * card on the board twice. Text typed here since is this person's own and stays.
   */
  draftsChangedElsewhere(before) {
    if (!this.keeping()) return;
    const now = this.drafts.newCard()?.text ?? '';
    if (before === '' || now !== '' || this.screen.toolbar.newText.value !== before) return;
    this.screen.toolbar.emptyNewCard();
    this.notify('The card you had typed here was sent or cleared in another tab, so it is no longer in the New card field.');
  }

  /** The text in card `cardId`'s editor changed. */
  keepEdit(cardId, text) {
    if (!this.keeping()) return;
    const card = this.view().cards.get(cardId);
    if (card && text === card.text) this.drafts.dropEdit(cardId);
    else this.drafts.keepEdit(cardId, text, this.editBase ?? card?.text ?? '');
  }

  /** Once, when the server has let this person in: what was typed and not sent goes back where it was. */
  restoreDrafts() {
    if (this.draftsRestored || this.refused || this.disposed) return;
    this.draftsRestored = true;
    const said = [];
    const kept = this.drafts.newCard();
    if (kept) {
      this.screen.toolbar.restoreNewCard(kept, 'Your unsent card was kept.');
      said.push('Your unsent card was kept.');
    }
    const edit = this.drafts.edit();
    if (edit && !this.editing) said.push(this.resumeEdit(edit));
    const text = said.filter(Boolean).join(' ');
    if (text) this.announce(text);
  }

  /** Opens the editor again on a card whose change was typed and not sent; returns what to announce. */
  resumeEdit(edit) {
    const view = this.view();
    const card = view.cards.get(edit.card);
    if (!card) {
      this.drafts.dropEdit(edit.card);
      this.notify('The card you were changing has been deleted, so your unsent change to it is gone.');
      return '';
    }
    const ctx = this.context(view);
    // Locked, or being written in by someone else: the change stays kept for when Edit is chosen again.
    if (ctx.readOnly || this.editors.has(card.id)) return '';
    if (card.author?.id !== this.me.id && !ctx.facilitator) {
      this.drafts.dropEdit(card.id);
      return '';
    }
    // Focus goes to the editor unless the person is already somewhere else on the page.
    this.startEditing(card.id, { focus: !document.activeElement || document.activeElement === document.body });
    return edit.base !== card.text ? 'Your unsent change to a card was kept. Someone changed that card meanwhile.'
      : 'Your unsent change to a card was kept.';
  }

  /** What card `card`'s editor starts with: the kept change, if there is one, or the card's text. */
  editorStart(card) {
    const kept = this.drafts.edit();
    if (kept && kept.card === card.id && kept.text !== card.text) {
      this.editBase = kept.base;
      return { text: kept.text, kept: true, changedTo: kept.base !== card.text ? card.text : null };
    }
    this.editBase = card.text;
    return { text: card.text, kept: false, changedTo: null };
  }

  /** Whether leaving now would lose something: typed or made, and not kept in the browser. */
  unkept() {
    if (this.disposed || this.refused) return false;
    const newText = this.screen.toolbar.newText.value.trim() !== '';
    const editor = this.editing ? this.screen.card(this.editing)?.draft() : null;
    const editing = editor !== null && editor !== undefined && editor !== this.view().cards.get(this.editing)?.text;
    return (!this.drafts.kept && (newText || editing)) || (!this.outbox.kept && this.outbox.size > 0);
  }

  addGroup(title) {
    const last = this.view().orderedGroups().at(-1);
    this.make(protocol.createGroup(protocol.newId('group-'), title, between(last?.position ?? null, null)));
    this.announce(`Group ${title} added.`);
  }

  /** Facilitators: cards written from now on are seen by their authors alone until the reveal. */
  startSilentWriting() {
    this.make(protocol.startSilentWriting());
    this.announce('Silent writing started.');
  }

  /** Facilitators: every card written in silence appears for everyone at once. */
  reveal() {
    this.make(protocol.reveal());
    this.announce('All cards revealed.');
  }

  lock(locked) {
    this.make(protocol.lockBoard(locked));
    this.announce(locked ? 'Board locked.' : 'Board unlocked.');
  }

  vote(card) {
    if (this.view().votesLeft(this.info.voteBudget) <= 0) {
      this.announce('You have used all your votes. Take one back to vote again.');
      return;
    }
    this.make(protocol.vote(card.id));
    this.announce(`Voted for card "${cardLabel(card.text)}".`);
  }

  unvote(card) {
    this.make(protocol.unvote(card.id));
    this.announce(`Vote taken back from card "${cardLabel(card.text)}".`);
  }

  deleteCard(id) {
    this.make(protocol.deleteCard(id));
    this.announce('Card deleted.');
  }

  addComment(cardId, text) {
    this.make(protocol.addComment(protocol.newId('comment-'), cardId, text));
    this.announce('Comment added.');
  }

  deleteComment(id) {
    this.make(protocol.deleteComment(id));
    this.announce('Comment deleted.');
  }

  toggleComments(cardId) {
    if (this.openComments.has(cardId)) this.openComments.delete(cardId);
    else this.openComments.add(cardId);
    this.redraw.card(cardId);
    this.changed();
  }

  startEditing(cardId, { focus = true } = {}) {
    const editor = this.editors.get(cardId);
    if (editor) {
      this.announce(`${editor} is writing in this card; try again when they have finished.`);
      return;
    }
    this.editing = cardId;
    this.editorFocus = focus;
    this.redraw.card(cardId);
    // The soft lock: others see who is writing here, and their edits of this text are refused.
    this.connection.send(protocol.presence(cardId));
    this.changed();
  }

  /** `text` null: cancelled. */
  stopEditing(cardId, text) {
    this.editing = null;
    this.editBase = null;
    this.redraw.card(cardId);
    this.connection.send(protocol.presence(null));
    const card = this.view().cards.get(cardId);
    if (card && text !== null && text.trim() && text !== card.text) this.make(protocol.editText(cardId, text));
    // Saved: the outbox keeps the change until it is acknowledged. Cancelled: the person let it go.
    this.drafts.dropEdit(cardId);
    this.changed();
  }

  startRenaming(groupId) {
    this.renaming = groupId;
    this.changed();
  }

  stopRenaming(groupId, title) {
    this.renaming = null;
    const group = this.view().groups.get(groupId);
    if (group && title && title !== group.title) {
      this.make(protocol.renameGroup(groupId, title));
      this.announce(`Group renamed to ${title}.`);
    }
    this.changed();
  }

  removeGroup(groupId) {
    this.make(protocol.deleteGroup(groupId));
    this.announce('Group removed; its cards are now not in a group.');
    this.afterDraw.push(() => this.screen.column(null)?.options.focus());
  }

  sortByVotes(groupId, on) {
    if (on) this.sortedByVotes.add(groupId);
    else this.sortedByVotes.delete(groupId);
    this.redraw.all();
    this.announce(on ? 'Cards sorted by votes, most first.' : 'Cards shown in board order.');
    this.changed();
  }

  showColumn(groupId) {
    this.shownColumn = groupId;
    this.changed();
  }

  // ---------------------------------------------------------------- focus between cards

  focused(cardView, target) {
    cardView.setTabStop(target);
  }

  /** Focuses the card `step` places above (negative) or below (positive) in its column. */
  focusNeighbour(id, step) {
    for (const cards of this.layout.values()) {
      const index = cards.findIndex((c) => c.id === id);
      if (index < 0) continue;
      const next = cards[Math.max(0, Math.min(cards.length - 1, index + (Number.isFinite(step) ? step : step > 0 ? cards.length : -cards.length)))];
      if (next && next.id !== id) this.screen.focusCard(next.id);
      return;
    }
  }

  /** The card to focus when card `id`, which had focus, is gone: the next in its column, or the one before. */
  neighbourOfRemoved(id) {
    const now = new Set([...this.layout.values()].flat().map((c) => c.id));
    for (const cards of (this.drawnLayout ?? this.layout).values()) {
      const index = cards.findIndex((c) => c.id === id);
      if (index < 0) continue;
      const after = cards.slice(index + 1).find((c) => now.has(c.id));
      const before = cards.slice(0, index).reverse().find((c) => now.has(c.id));
      return (after ?? before)?.id ?? null;
    }
    return null;
  }
}
