// A live shared board: cards in groups, votes and comments, changed by everyone at once.
// Every change goes out as an operation (protocol.js), is kept in the outbox until the server
// acknowledges it, and is shown at once on top of what the server has confirmed.
// User text is only ever set with textContent (ui.js `h` with `text`), never parsed as HTML.
import * as api from './api.js';
import * as protocol from './protocol.js';
import * as session from './session.js';
import { between as keyBetween } from './fractional.js';
import { BoardState } from './boardstate.js';
import { Outbox, clientId } from './outbox.js';
import { h, field, button, showError, page, link, uid } from './ui.js';

/** While typing in a card, this person's soft lock is renewed this often (the server holds it 15 s). */
const PRESENCE_RENEW_MS = 5000;
const COLOUR_NAMES = { yellow: 'Yellow', blue: 'Blue', green: 'Green', pink: 'Pink', orange: 'Orange', purple: 'Purple' };

let active = null;

/** The boards of a community, and a form to add one for facilitators. */
export async function boardsPage(root, communityId) {
  active?.dispose();
  const errors = h('div');
  const list = h('div');
  page(root, 'Boards', errors, list);
  try {
    const [community, { boards }] = await Promise.all([
      api.get(`/communities/${encodeURIComponent(communityId)}`),
      api.get(`/communities/${encodeURIComponent(communityId)}/boards`),
    ]);
    list.append(h('p', { class: 'govuk-body' }, link(`#/community/${community.id}`, `Back to ${community.name}`)));
    if (boards.length === 0) list.append(h('p', { class: 'govuk-body', text: 'There are no boards yet.' }));
    else {
      list.append(h('ul', { class: 'govuk-list circle-cards' }, boards.map((b) => h('li', { class: 'circle-card' },
        h('h2', { class: 'govuk-heading-s' }, link(`#/board/${b.id}`, b.title)),
        h('p', { class: 'govuk-body-s', text: `${b.anonymous ? 'Anonymous' : 'Named'} cards. ${b.voteBudget} votes each.` })))));
    }
    if (community.role === 'facilitator') list.append(newBoardForm(communityId, errors));
  } catch (err) {
    showError(errors, err);
  }
}

function newBoardForm(communityId, errors) {
  const title = field({ label: 'Title of the new board', name: 'title', maxlength: protocol.MAX_TITLE,
    hint: 'For example: What makes this a safe space?' });
  const anonymousId = uid('anonymous');
  const anonymous = h('input', { class: 'govuk-checkboxes__input', id: anonymousId, name: 'anonymous', type: 'checkbox' });
  const form = h('form', { novalidate: true, 'aria-label': 'Add a board' },
    h('h2', { class: 'govuk-heading-m', text: 'Add a board' }), title.group,
    h('div', { class: 'govuk-form-group' }, h('div', { class: 'govuk-checkboxes govuk-checkboxes--small' },
      h('div', { class: 'govuk-checkboxes__item' }, anonymous,
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: anonymousId, text: 'Anonymous: nobody sees who wrote a card' })))),
    button('Add board'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    try {
      const board = await api.post(`/communities/${encodeURIComponent(communityId)}/boards`,
        { title: title.input.value, anonymous: anonymous.checked });
      location.hash = `#/board/${board.id}`;
    } catch (err) {
      showError(errors, err);
    }
  });
  return form;
}

/** Opens one board on the app's live connection. */
export function boardPage(root, boardId, connection) {
  active?.dispose();
  active = new LiveBoard(root, boardId, connection, session.account());
}

class LiveBoard {
  constructor(root, boardId, connection, me) {
    this.root = root;
    this.boardId = boardId;
    this.connection = connection;
    this.me = { id: me.id, name: me.displayName };
    this.client = clientId();
    this.confirmed = new BoardState(this.me);
    this.outbox = new Outbox(boardId, me.id);
    this.welcomed = false;
    this.joined = false;
    this.info = null;
    this.you = null;
    this.people = [];
    this.editingByOthers = new Map();
    this.editing = null;
    this.draft = '';
    /** Cards whose comments are shown, and what this person has started writing on each. */
    this.openComments = new Set();
    this.commentDrafts = new Map();
    /** The group being renamed in place, and its new name so far. */
    this.renaming = null;
    this.renameDraft = null;
    this.errors = h('div');
    this.status = h('p', { class: 'govuk-body circle-board__status', role: 'status', 'aria-live': 'polite' });
    this.announcer = h('p', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.body = h('div');
    this.rules = h('div');
    this.heading = page(root, 'Board', this.errors, this.status, this.announcer, this.rules, this.body);

    this.onState = () => this.connectionChanged();
    this.onMessage = (e) => this.receive(e.detail);
    this.onHash = () => {
      if (!location.hash.startsWith(`#/board/${boardId}`)) this.dispose();
    };
    connection.addEventListener('state', this.onState);
    connection.addEventListener('message', this.onMessage);
    window.addEventListener('hashchange', this.onHash);
    this.renewal = setInterval(() => {
      if (this.editing && this.joined) this.connection.send(protocol.presence(this.editing));
    }, PRESENCE_RENEW_MS);
    this.connectionChanged();
    this.render();
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.renewal);
    this.connection.removeEventListener('state', this.onState);
    this.connection.removeEventListener('message', this.onMessage);
    window.removeEventListener('hashchange', this.onHash);
    if (active === this) active = null;
  }

  connectionChanged() {
    if (this.connection.state === 'connected') {
      this.connection.send(protocol.join(this.boardId, this.client, this.welcomed ? this.confirmed.seq : null));
    } else {
      this.joined = false;
    }
    this.renderStatus();
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
  }

  welcome(msg) {
    this.info = msg.board;
    this.you = msg.you;
    if (msg.snapshot) this.confirmed.snapshot(msg.snapshot, msg.seq);
    else for (const e of msg.events) this.event(e, true);
    this.confirmed.seq = msg.seq;
    this.welcomed = true;
    this.joined = true;
    this.heading.textContent = this.info.title;
    document.title = `${this.info.title} – Circle`;
    if (!this.rules.hasChildNodes()) this.showGroundRules(this.info.community);
    showError(this.errors, null);
    // Everything not yet acknowledged goes out again, in order; the server applies each once.
    for (const item of this.outbox.pending()) this.connection.send(protocol.op(item.id, item.op));
    this.render();
  }

  /** Every session shows the ground rules in force, one click away. */
  async showGroundRules(communityId) {
    try {
      const { inForce } = await api.get(`/communities/${communityId}/ground-rules`);
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
    if (msg.ref) this.outbox.remove(msg.ref);
    if (!quiet) {
      if (msg.op?.kind === 'card.create' && !msg.ref) this.announce(`${msg.author?.name ?? 'Someone'} added a card.`);
      if (msg.op?.kind === 'board.reveal' && !msg.ref) this.announce(`The facilitator revealed ${msg.op.cards?.length ?? 0} cards.`);
      if (msg.op?.kind === 'board.silent' && !msg.ref) this.announce('Silent writing has started: only you can see your cards until they are revealed.');
      this.render();
    }
  }

  ack(msg) {
    const item = this.outbox.pending().find((i) => i.id === msg.ref);
    if (!item) return;
    if (msg.seq === this.confirmed.seq + 1) this.confirmed.confirm(msg.seq, item.op, this.me);
    this.outbox.remove(msg.ref);
    this.render();
  }

  reject(msg) {
    // `unavailable` means "not saved, try again": the change stays in the outbox for the next join.
    if (msg.reason !== 'unavailable') this.outbox.remove(msg.ref);
    this.notify(protocol.REJECTION_TEXT[msg.reason] ?? 'That change was not applied.');
    this.render();
  }

  error(msg) {
    if (msg.ref && this.outbox.has(msg.ref)) {
      if (msg.code !== 'rate_limited') this.outbox.remove(msg.ref);
      this.notify(msg.code === 'rate_limited' ? 'Slow down a little: your change will be sent again.' : msg.message);
      this.render();
      return;
    }
    if (msg.code === 'forbidden' || msg.code === 'consent_required') {
      this.joined = false;
      showError(this.errors, { title: msg.code === 'consent_required' ? 'Agree to the ground rules first' : 'Board not available',
        detail: msg.message });
    }
  }

  presence(msg) {
    this.people = msg.people;
    this.confirmed.hiddenCards = msg.hiddenCards ?? 0;
    this.editingByOthers = new Map(msg.editing
      .filter((e) => !e.by || e.by.id !== this.me.id)
      .map((e) => [e.card, e.by ? e.by.name : 'Someone']));
    this.render();
  }

  notify(text) {
    this.errors.replaceChildren(h('div', { class: 'govuk-inset-text', role: 'alert', text }));
  }

  announce(text) {
    this.announcer.textContent = text;
  }

  /** Makes a change: shown at once, kept until acknowledged, sent now if the board is joined. */
  make(body) {
    const id = protocol.newId('op-');
    this.outbox.add(id, body);
    if (this.joined) this.connection.send(protocol.op(id, body));
    this.render();
  }

  /** What to show: the confirmed board with this browser's pending changes on top. */
  view() {
    const state = this.confirmed.clone();
    for (const item of this.outbox.pending()) state.apply(item.op, this.me);
    return state;
  }

  renderStatus() {
    const waiting = this.outbox.size;
    const changes = `${waiting} change${waiting === 1 ? '' : 's'} waiting to be sent`;
    const state = this.connection.state;
    let text;
    if (state === 'connected' && this.joined) text = waiting ? `Connected. ${changes}.` : 'Connected. All changes saved.';
    else if (state === 'connected' || state === 'connecting' || state === 'reconnecting') text = `Reconnecting…${waiting ? ` ${changes}.` : ''}`;
    else text = `Offline.${waiting ? ` ${changes}.` : ' Changes you make will be sent when you are back online.'}`;
    this.status.dataset.state = state === 'connected' && this.joined ? 'connected' : state === 'offline' ? 'offline' : 'reconnecting';
    this.status.textContent = text;
  }

  render() {
    if (this.disposed) return;
    this.renderStatus();
    if (!this.welcomed) {
      this.body.replaceChildren(h('p', { class: 'govuk-body', text: 'Opening the board…' }));
      return;
    }
    // Keep keyboard focus on the same control across a re-render.
    const focusKey = document.activeElement?.dataset?.key;
    const selection = document.activeElement?.tagName === 'TEXTAREA'
      ? [document.activeElement.selectionStart, document.activeElement.selectionEnd] : null;
    const state = this.view();
    const locked = state.locked && this.you?.role !== 'facilitator';
    this.body.replaceChildren(...[
      this.renderPeople(),
      locked ? h('div', { class: 'govuk-inset-text', text: 'The facilitator has locked this board: you can read it but not change it.' }) : null,
      this.renderSilence(state),
      locked ? null : this.renderAddCard(state),
      h('div', { class: 'circle-board' },
        this.renderColumn(state, null, 'Not in a group', locked),
        state.orderedGroups().map((g) => this.renderColumn(state, g, g.title, locked))),
      locked ? null : this.renderAddGroup(state),
      this.you?.role === 'facilitator' ? this.renderFacilitation(state) : null,
    ].filter(Boolean));
    if (focusKey) {
      const again = this.body.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again) {
        again.focus();
        if (selection && again.tagName === 'TEXTAREA') again.setSelectionRange(selection[0], selection[1]);
      }
    }
  }

  renderPeople() {
    return h('div', { class: 'circle-board__people' },
      h('h2', { class: 'govuk-heading-s', text: 'Here now' }),
      h('ul', { class: 'govuk-list circle-board__people-list', 'aria-label': 'People on this board now' },
        this.people.map((p) => h('li', { text: p.id === this.me.id ? `${p.name} (you)` : p.name }))));
  }

  renderAddCard(state) {
    const textId = uid('new-card');
    const colourId = uid('new-colour');
    const groupId = uid('new-group');
    const text = h('textarea', { class: 'govuk-textarea', id: textId, rows: 3, maxlength: protocol.MAX_TEXT, 'data-key': 'new-card-text' });
    const colour = h('select', { class: 'govuk-select', id: colourId, 'data-key': 'new-card-colour' },
      protocol.COLOURS.map((c) => h('option', { value: c, text: COLOUR_NAMES[c] })));
    const group = h('select', { class: 'govuk-select', id: groupId, 'data-key': 'new-card-group' },
      h('option', { value: '', text: 'Not in a group' }),
      state.orderedGroups().map((g) => h('option', { value: g.id, text: g.title })));
    text.value = this.newCardDraft ?? '';
    text.addEventListener('input', () => { this.newCardDraft = text.value; });
    const form = h('form', { class: 'circle-board__add', novalidate: true, 'aria-label': 'Add a card' },
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: textId, text: 'New card' }),
        h('div', { class: 'govuk-hint', text: 'Press Ctrl and Enter, or the Add card button, to add it.' }), text),
      h('div', { class: 'circle-board__row' },
        h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: colourId, text: 'Colour' }), colour),
        h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: groupId, text: 'Group' }), group)),
      button('Add card', { 'data-key': 'add-card' }));
    const submit = () => {
      const value = text.value.trim();
      if (!value) return;
      const inGroup = group.value || null;
      const last = state.cardsIn(inGroup).at(-1);
      this.newCardDraft = '';
      this.make(protocol.createCard(protocol.newCardId(), value, colour.value, inGroup, between(last?.position ?? null, null)));
      this.announce('Card added.');
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
      this.body.querySelector('[data-key="new-card-text"]')?.focus();
    });
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
        this.body.querySelector('[data-key="new-card-text"]')?.focus();
      }
    });
    return form;
  }

  renderAddGroup() {
    const title = field({ label: 'New group', name: 'group-title', maxlength: protocol.MAX_TITLE, required: false });
    title.input.dataset.key = 'new-group-title';
    // The board re-renders as others write: keep what is typed here.
    title.input.value = this.newGroupDraft ?? '';
    title.input.addEventListener('input', () => { this.newGroupDraft = title.input.value; });
    const form = h('form', { class: 'circle-board__add', novalidate: true, 'aria-label': 'Add a group' },
      title.group, button('Add group', { class: 'govuk-button govuk-button--secondary', 'data-key': 'add-group' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = title.input.value.trim();
      if (!value) return;
      const last = this.view().orderedGroups().at(-1);
      this.newGroupDraft = '';
      this.make(protocol.createGroup(protocol.newId('group-'), value, between(last?.position ?? null, null)));
      this.announce(`Group ${value} added.`);
    });
    return form;
  }

  renderFacilitation(state) {
    return h('div', { class: 'circle-section' },
      h('h2', { class: 'govuk-heading-s', text: 'Facilitation' }),
      h('div', { class: 'govuk-button-group' },
        h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', 'data-key': 'lock',
          text: state.locked ? 'Unlock the board' : 'Lock the board',
          onclick: () => this.make(protocol.lockBoard(!state.locked)) }),
        state.silent ? null : h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', 'data-key': 'silent',
          text: 'Start silent writing', onclick: () => this.make(protocol.startSilentWriting()) }),
        state.silent || state.hiddenCards > 0 ? h('button', { class: 'govuk-button', type: 'button', 'data-key': 'reveal',
          text: 'Reveal all cards', onclick: () => {
            this.make(protocol.reveal());
            this.announce('All cards revealed.');
          } }) : null));
  }

  /** While people write in silence, everyone knows that their own cards are theirs alone for now. */
  renderSilence(state) {
    if (!state.silent) return null;
    const others = state.hiddenCards > 0 ? ` ${state.hiddenCards} card${state.hiddenCards === 1 ? '' : 's'} by others ${state.hiddenCards === 1 ? 'is' : 'are'} hidden for now.` : '';
    return h('div', { class: 'govuk-inset-text circle-board__silent', role: 'status' },
      h('strong', { text: 'Silent writing. ' }),
      `Only you can see the cards you write. Everyone's cards appear together when the facilitator reveals them.${others}`);
  }

  renderColumn(state, group, title, locked) {
    const groupId = group?.id ?? null;
    const cards = state.cardsIn(groupId);
    const column = h('section', { class: 'circle-board__column', 'aria-label': title },
      h('h2', { class: 'govuk-heading-s circle-board__column-title', text: `${title} (${cards.length})` }),
      group && !locked ? h('div', { class: 'circle-board__group-actions' },
        this.renaming === group.id ? this.renderRename(group) : smallButton('Rename', `Rename group ${title}`, `rename-${group.id}`, () => {
          this.renaming = group.id;
          this.renameDraft = group.title;
          this.render();
          this.body.querySelector(`[data-key="${CSS.escape(`rename-input-${group.id}`)}"]`)?.focus();
        }),
        smallButton('Remove group', `Remove group ${title}; its cards stay on the board`, `ungroup-${group.id}`,
          () => this.make(protocol.deleteGroup(group.id)))) : null,
      h('ol', { class: 'circle-board__cards' }, cards.map((c, i) => this.renderCard(state, c, cards, i, locked))));
    // Mouse: drop a card on a column to move it to the end of that group.
    column.addEventListener('dragover', (e) => e.preventDefault());
    column.addEventListener('drop', (e) => {
      e.preventDefault();
      const id = e.dataTransfer.getData('text/x-circle-card');
      const card = state.cards.get(id);
      if (!card) return;
      const last = cards.filter((c) => c.id !== id).at(-1);
      this.make(protocol.moveCard(id, groupId, between(last?.position ?? null, null)));
    });
    return column;
  }

  /** Renaming a group in place: Enter or Save renames it, Escape or Cancel leaves it as it was. */
  renderRename(group) {
    const id = uid('rename');
    const key = `rename-input-${group.id}`;
    const input = h('input', { class: 'govuk-input', id, type: 'text', maxlength: protocol.MAX_TITLE, 'data-key': key });
    input.value = this.renameDraft ?? group.title;
    input.addEventListener('input', () => { this.renameDraft = input.value; });
    const done = (save) => {
      const value = input.value.trim();
      this.renaming = null;
      this.renameDraft = null;
      if (save && value && value !== group.title) {
        this.make(protocol.renameGroup(group.id, value));
        this.announce(`Group renamed to ${value}.`);
      } else {
        this.render();
      }
      this.body.querySelector(`[data-key="${CSS.escape(`rename-${group.id}`)}"]`)?.focus();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        done(true);
      } else if (e.key === 'Escape') {
        done(false);
      }
    });
    return h('div', { class: 'govuk-form-group circle-board__rename' },
      h('label', { class: 'govuk-label', for: id }, 'New name',
        h('span', { class: 'govuk-visually-hidden', text: ` for group ${group.title}` })),
      input,
      h('div', { class: 'circle-board__row' },
        smallButton('Save', `Save the new name of group ${group.title}`, `rename-save-${group.id}`, () => done(true)),
        smallButton('Cancel', `Keep the name ${group.title}`, `rename-cancel-${group.id}`, () => done(false))));
  }

  renderCard(state, card, siblings, index, locked) {
    const mine = card.author?.id === this.me.id;
    const facilitator = this.you?.role === 'facilitator';
    const mayEdit = !locked && (mine || facilitator);
    const editor = this.editingByOthers.get(card.id);
    const pending = this.outbox.pending().some((i) => i.op.card === card.id);
    const item = h('li', {
      class: `circle-board__card circle-board__card--${card.colour}`, tabindex: '0', draggable: locked ? null : 'true',
      'data-key': `card-${card.id}`, 'aria-label': `Card: ${card.text.slice(0, 80)}`,
    });
    item.addEventListener('dragstart', (e) => e.dataTransfer.setData('text/x-circle-card', card.id));
    item.addEventListener('keydown', (e) => this.cardKeys(e, card, siblings, index, locked));
    if (this.editing === card.id) {
      item.append(this.renderEditor(card));
      return item;
    }
    item.append(...[
      h('p', { class: 'govuk-body circle-board__text', text: card.text }),
      h('p', { class: 'govuk-body-s circle-board__meta', text: [
        card.author ? `By ${card.author.id === this.me.id ? 'you' : card.author.name}` : null,
        COLOUR_NAMES[card.colour],
        `${card.votes} vote${card.votes === 1 ? '' : 's'}${card.myVotes ? ` (${card.myVotes} yours)` : ''}`,
        pending ? 'Not saved yet' : null,
      ].filter(Boolean).join(' · ') }),
      editor ? h('p', { class: 'govuk-body-s circle-board__editing', text: `${editor} is writing in this card` }) : null,
    ].filter(Boolean));
    const label = card.text.slice(0, 40);
    item.append(this.renderComments(state, card, label, locked));
    if (locked) return item;
    const groups = state.orderedGroups();
    const moveTo = h('select', { class: 'govuk-select circle-board__move', 'aria-label': `Move card "${label}" to group`,
      'data-key': `moveto-${card.id}` },
    h('option', { value: '', text: 'Not in a group', selected: card.group === null }),
    groups.map((g) => h('option', { value: g.id, text: g.title, selected: card.group === g.id })));
    moveTo.addEventListener('change', () => {
      const target = moveTo.value || null;
      const last = state.cardsIn(target).filter((c) => c.id !== card.id).at(-1);
      this.make(protocol.moveCard(card.id, target, between(last?.position ?? null, null)));
    });
    item.append(h('div', { class: 'circle-board__actions' },
      mayEdit ? smallButton('Edit', `Edit card "${label}"`, `edit-${card.id}`, () => this.startEditing(card),
        editor ? { disabled: true } : {}) : null,
      smallButton('Up', `Move card "${label}" up`, `up-${card.id}`, () => this.moveWithin(card, siblings, index, -1), index === 0 ? { disabled: true } : {}),
      smallButton('Down', `Move card "${label}" down`, `down-${card.id}`, () => this.moveWithin(card, siblings, index, 1),
        index === siblings.length - 1 ? { disabled: true } : {}),
      moveTo,
      smallButton('Vote', `Vote for card "${label}"`, `vote-${card.id}`, () => this.make(protocol.vote(card.id))),
      card.myVotes > 0 ? smallButton('Remove vote', `Remove your vote from card "${label}"`, `unvote-${card.id}`,
        () => this.make(protocol.unvote(card.id))) : null,
      mayEdit ? smallButton('Delete', `Delete card "${label}"`, `delete-${card.id}`, () => {
        this.make(protocol.deleteCard(card.id));
        this.announce('Card deleted.');
      }, { class: 'govuk-button govuk-button--warning circle-board__button' }) : null));
    return item;
  }

  /** A card's comments behind a button that says how many there are, and a field to add one. */
  renderComments(state, card, label, locked) {
    const comments = state.commentsOn(card.id);
    const open = this.openComments.has(card.id);
    const toggle = smallButton(open ? 'Hide comments' : `Comments (${comments.length})`,
      `${open ? 'Hide' : 'Show'} the ${comments.length} comment${comments.length === 1 ? '' : 's'} on card "${label}"`,
      `comments-${card.id}`, () => {
        if (open) this.openComments.delete(card.id);
        else this.openComments.add(card.id);
        this.render();
      }, { 'aria-expanded': String(open) });
    if (!open) return h('div', { class: 'circle-board__comments' }, toggle);
    const facilitator = this.you?.role === 'facilitator';
    const list = comments.length === 0
      ? h('p', { class: 'govuk-body-s', text: 'No comments yet.' })
      : h('ul', { class: 'govuk-list circle-board__comment-list', 'aria-label': `Comments on card "${label}"` },
        comments.map((c) => {
          const mine = c.author?.id === this.me.id;
          return h('li', { class: 'circle-board__comment' },
            h('p', { class: 'govuk-body-s circle-board__text', text: c.text }),
            c.author ? h('p', { class: 'govuk-body-s circle-board__meta', text: `By ${mine ? 'you' : c.author.name}` }) : null,
            !locked && (mine || facilitator) ? smallButton('Delete comment', `Delete the comment "${c.text.slice(0, 40)}"`,
              `delete-comment-${c.id}`, () => {
                this.make(protocol.deleteComment(c.id));
                this.announce('Comment deleted.');
              }, { class: 'govuk-button govuk-button--warning circle-board__button' }) : null);
        }));
    return h('div', { class: 'circle-board__comments' }, toggle, list, locked ? null : this.renderAddComment(card, label));
  }

  renderAddComment(card, label) {
    const id = uid('comment');
    const key = `comment-text-${card.id}`;
    const text = h('textarea', { class: 'govuk-textarea', id, rows: 2, maxlength: protocol.MAX_TEXT, 'data-key': key });
    text.value = this.commentDrafts.get(card.id) ?? '';
    text.addEventListener('input', () => { this.commentDrafts.set(card.id, text.value); });
    const submit = () => {
      const value = text.value.trim();
      if (!value) return;
      this.commentDrafts.delete(card.id);
      this.make(protocol.addComment(protocol.newId('comment-'), card.id, value));
      this.announce('Comment added.');
      this.body.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus();
    };
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
      }
    });
    return h('div', { class: 'govuk-form-group circle-board__add-comment' },
      h('label', { class: 'govuk-label', for: id }, 'Add a comment',
        h('span', { class: 'govuk-visually-hidden', text: ` to card "${label}"` })),
      text,
      smallButton('Add comment', `Add your comment to card "${label}"`, `add-comment-${card.id}`, submit));
  }

  renderEditor(card) {
    const id = uid('edit');
    const text = h('textarea', { class: 'govuk-textarea', id, rows: 4, maxlength: protocol.MAX_TEXT, 'data-key': `editor-${card.id}` });
    text.value = this.draft;
    text.addEventListener('input', () => { this.draft = text.value; });
    text.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') this.stopEditing(false, card);
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.stopEditing(true, card);
      }
    });
    setTimeout(() => {
      if (document.activeElement?.dataset?.key !== `editor-${card.id}`) text.focus();
    }, 0);
    return h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label', for: id, text: 'Card text' }),
      h('div', { class: 'govuk-hint', text: 'Ctrl and Enter saves, Escape cancels.' }),
      text,
      h('div', { class: 'govuk-button-group' },
        smallButton('Save', 'Save the card', `save-${card.id}`, () => this.stopEditing(true, card)),
        smallButton('Cancel', 'Cancel editing', `cancel-${card.id}`, () => this.stopEditing(false, card),
          { class: 'govuk-button govuk-button--secondary circle-board__button' })));
  }

  startEditing(card) {
    this.editing = card.id;
    this.draft = card.text;
    // The soft lock: others see who is writing here, and their edits of this text are refused.
    this.connection.send(protocol.presence(card.id));
    this.render();
  }

  stopEditing(save, card) {
    const text = this.draft;
    this.editing = null;
    this.connection.send(protocol.presence(null));
    if (save && text !== card.text && text.trim()) this.make(protocol.editText(card.id, text));
    else this.render();
    this.body.querySelector(`[data-key="card-${CSS.escape(card.id)}"]`)?.focus();
  }

  moveWithin(card, siblings, index, direction) {
    const target = index + direction;
    if (target < 0 || target >= siblings.length) return;
    const others = siblings.filter((c) => c.id !== card.id);
    // Up: between the two cards above it; down: between the two cards below it.
    const before = direction < 0 ? others[index - 2] : others[index];
    const after = direction < 0 ? others[index - 1] : others[index + 1];
    const position = between(before?.position ?? null, after?.position ?? null);
    this.make(protocol.moveCard(card.id, card.group, position));
    this.announce(direction < 0 ? 'Card moved up.' : 'Card moved down.');
    setTimeout(() => this.body.querySelector(`[data-key="card-${CSS.escape(card.id)}"]`)?.focus(), 0);
  }

  /** Keyboard on a focused card: arrows move between cards; Alt and an arrow moves the card. */
  cardKeys(e, card, siblings, index, locked) {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const direction = e.key === 'ArrowDown' ? 1 : -1;
      if (e.altKey && !locked) {
        this.moveWithin(card, siblings, index, direction);
        return;
      }
      const next = siblings[index + direction];
      if (next) this.body.querySelector(`[data-key="card-${CSS.escape(next.id)}"]`)?.focus();
    } else if (e.key === 'Enter' && !locked && (card.author?.id === this.me.id || this.you?.role === 'facilitator')) {
      e.preventDefault();
      this.startEditing(card);
    }
  }
}

/** A key between two neighbours; cards made at the same moment may share a key, so a tie falls back to "before the next". */
function between(before, after) {
  if (before !== null && after !== null && before >= after) return keyBetween(null, after);
  return keyBetween(before, after);
}

function smallButton(text, label, key, onclick, extra = {}) {
  return h('button', { class: 'govuk-button govuk-button--secondary circle-board__button', type: 'button',
    'aria-label': label, 'data-key': key, onclick, ...extra, text });
}
