// Small DOM helpers. User text is only ever set with textContent, never parsed as HTML.
let idCounter = 0;

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled GOV.UK text input; returns { group, input }. */
export function field({ label, name, type = 'text', hint, autocomplete, value, required = true, maxlength }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h('input', {
    class: 'govuk-input', id, name, type, autocomplete, maxlength,
    'aria-describedby': hintId, required, spellcheck: type === 'text' ? 'true' : 'false',
  });
  if (value !== undefined) input.value = value;
  const group = h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: id, text: label }),
    hint ? h('div', { class: 'govuk-hint', id: hintId, text: hint }) : null,
    input);
  return { group, input };
}

/** A labelled select; options are [value, label] pairs. */
export function select({ label, name, options }) {
  const id = uid(name);
  const input = h('select', { class: 'govuk-select', id, name },
    options.map(([value, text]) => h('option', { value, text })));
  const group = h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id, text: label }), input);
  return { group, input };
}

export function button(text, attrs = {}) {
  return h('button', { class: 'govuk-button', type: 'submit', 'data-module': 'govuk-button', ...attrs, text });
}

/** An error summary that is announced and focused, as the GOV.UK pattern asks. */
export function showError(container, error) {
  container.replaceChildren();
  if (!error) return;
  const summary = h('div', { class: 'govuk-error-summary', tabindex: '-1', role: 'alert' },
    h('h2', { class: 'govuk-error-summary__title', text: error.title || 'There is a problem' }),
    h('div', { class: 'govuk-error-summary__body' }, h('p', { class: 'govuk-body', text: error.detail || error.message })));
  container.append(summary);
  summary.focus();
}

export function notice(container, text) {
  const panel = h('div', { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'status' },
    h('div', { class: 'govuk-notification-banner__content' }, h('p', { class: 'govuk-body', text })));
  container.replaceChildren(panel);
}

/** Renders a page: a heading that receives focus (so screen readers announce the change) and content. */
export function page(root, title, ...content) {
  const heading = h('h1', { class: 'govuk-heading-l', tabindex: '-1', text: title });
  root.replaceChildren(heading, ...content.flat().filter((c) => c !== null && c !== undefined && c !== false));
  document.title = `${title} – Circle`;
  heading.focus();
  return heading;
}

export function link(href, text, attrs = {}) {
  return h('a', { class: 'govuk-link', href, ...attrs, text });
}

export function roleName(role) {
  return { participant: 'Participant', facilitator: 'Facilitator', sponsor: 'Sponsor' }[role] ?? role;
}

export function phaseName(phase) {
  return {
    sponsor: 'Sponsor: mandate being agreed',
    codesign: 'Co-design: ground rules being agreed',
    sessions: 'Facilitated sessions',
    review: 'Review: what we learned, and which themes to release',
    archived: 'Archived',
  }[phase] ?? phase;
}
