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
export function field({ label, name, type = 'text', hint, autocomplete, value, required = true, maxlength, minlength }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h('input', {
    class: 'govuk-input', id, name, type, autocomplete, maxlength,
    'aria-describedby': hintId, spellcheck: type === 'text' ? 'true' : 'false',
    'data-required': required ? 'true' : undefined, 'data-minlength': minlength,
  });
  if (value !== undefined) {
    input.defaultValue = value;
    input.value = value;
  }
  const group = h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: id, text: label }),
    hint ? h('div', { class: 'govuk-hint', id: hintId, text: hint }) : null,
    input);
  return { group, input };
}

/** A labelled GOV.UK textarea; returns { group, input }. */
export function textarea({ label, name, hint, value, rows = 3, required = true, maxlength, bold = false }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h('textarea', { class: 'govuk-textarea', id, name, rows, maxlength, 'aria-describedby': hintId,
    'data-required': required ? 'true' : undefined });
  input.defaultValue = value ?? '';
  input.value = value ?? '';
  const group = h('div', { class: 'govuk-form-group' },
    h('label', { class: `govuk-label${bold ? ' govuk-label--s' : ''}`, for: id, text: label }),
    hint ? h('div', { class: 'govuk-hint', id: hintId, text: hint }) : null, input);
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

/**
 * True when a person has changed something in the form that is not sent yet: a control whose
 * value or choice differs from what the page put there.
 */
export function formChanged(form) {
  return [...form.elements].some((c) => {
    if (c.type === 'checkbox' || c.type === 'radio') return c.checked !== c.defaultChecked;
    if (c.tagName === 'SELECT') return c.selectedIndex !== Math.max(0, [...c.options].findIndex((o) => o.defaultSelected));
    if (c.tagName === 'BUTTON' || c.type === 'submit' || c.type === 'button' || c.readOnly) return false;
    return 'defaultValue' in c && c.value !== c.defaultValue;
  });
}

/** What the form holds now has been sent: it is no longer a change waiting. */
function markSent(form) {
  for (const c of form.elements) {
    if (c.type === 'checkbox' || c.type === 'radio') c.defaultChecked = c.checked;
    else if (c.tagName === 'SELECT') [...c.options].forEach((o) => { o.defaultSelected = o.selected; });
    else if ('defaultValue' in c && c.tagName !== 'BUTTON') c.defaultValue = c.value;
  }
}

/** The words a person reads for a field: its label, without "(optional)". */
function labelOf(control) {
  const fieldset = control.type === 'radio' ? control.closest('fieldset')?.querySelector('legend') : null;
  const text = fieldset?.textContent ?? control.labels?.[0]?.textContent ?? control.getAttribute('aria-label') ?? control.name;
  return text.replace(/\s*\(.*\)\s*$/, '').trim();
}

function lower(text) {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/**
 * Checks a form's fields in the browser, before anything is sent, and returns every problem:
 * [{ control, message }] in the order of the fields. Fields marked data-required must be filled;
 * email fields must look like an address; data-minlength and min are respected.
 */
export function checkForm(form) {
  const problems = [];
  const seenRadios = new Set();
  for (const control of form.querySelectorAll('input, textarea, select')) {
    if (control.type === 'hidden' || control.disabled) continue;
    const value = control.type === 'password' ? control.value : control.value.trim();
    const label = labelOf(control);
    if (control.type === 'radio') {
      if (seenRadios.has(control.name) || !control.dataset.required) continue;
      seenRadios.add(control.name);
      if (!form.querySelector(`input[type=radio][name="${control.name}"]:checked`)) {
        problems.push({ control, message: `Choose ${lower(label)}` });
      }
      continue;
    }
    if (control.dataset.required && value === '') {
      problems.push({ control, message: `Enter ${lower(label)}` });
    } else if (value !== '' && control.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      problems.push({ control, message: 'Enter an email address in the correct format, like name@example.org' });
    } else if (value !== '' && control.dataset.minlength && [...value].length < Number(control.dataset.minlength)) {
      problems.push({ control, message: `${label} must be ${control.dataset.minlength} characters or more` });
    } else if (control.type === 'number' && value !== '' && control.min !== '' && !(Number(value) >= Number(control.min))) {
      problems.push({ control, message: `${label} must be a whole number, ${control.min} or more` });
    }
  }
  return problems;
}

/**
 * Turns a refusal from the server into problems tied to fields: a message that names a field
 * ("Field 'currentPassword' …") is reworded with the field's label and linked to it.
 */
function problemsFrom(form, error) {
  const text = error.detail || error.message || '';
  const match = text.match(/[Ff]ield '([A-Za-z]+)'/);
  const control = match && form ? form.querySelector(`[name="${match[1]}"]`) : null;
  if (!control) return [{ control: null, message: text || error.title }];
  return [{ control, message: text.replace(/(An item of )?[Ff]ield '[A-Za-z]+'/, (all, item) => (item ? `An item of ${lower(labelOf(control))}` : labelOf(control))) }];
}

function clearMarks(form) {
  if (!form) return;
  form.querySelectorAll('.govuk-form-group--error').forEach((g) => g.classList.remove('govuk-form-group--error'));
  form.querySelectorAll('.govuk-error-message').forEach((m) => m.remove());
  form.querySelectorAll('.govuk-input--error, .govuk-textarea--error, .govuk-select--error').forEach((c) =>
    c.classList.remove('govuk-input--error', 'govuk-textarea--error', 'govuk-select--error'));
  form.querySelectorAll('[data-error-id]').forEach((c) => {
    const ids = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((i) => i && i !== c.dataset.errorId);
    if (ids.length) c.setAttribute('aria-describedby', ids.join(' ')); else c.removeAttribute('aria-describedby');
    delete c.dataset.errorId;
  });
}

function mark(control, message) {
  const group = control.closest('.govuk-form-group');
  if (!group || group.classList.contains('govuk-form-group--error')) return;
  group.classList.add('govuk-form-group--error');
  const id = `${control.id || uid('field')}-error`;
  const error = h('p', { class: 'govuk-error-message', id },
    h('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), message);
  const radios = control.type === 'radio' ? control.closest('.govuk-radios') : null;
  (radios ?? control).before(error);
  if (!radios) {
    const kind = control.tagName === 'TEXTAREA' ? 'textarea' : control.tagName === 'SELECT' ? 'select' : 'input';
    control.classList.add(`govuk-${kind}--error`);
  }
  const target = radios ? control.closest('fieldset') : control;
  target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  target.dataset.errorId = id;
}

/**
 * The GOV.UK error summary: every problem at the top, each linked to its field, and each field
 * marked with its message. Problems are [{ control, message }], or a refusal from the server.
 * Links move focus to the field without changing the address (the client routes on the hash).
 */
export function showProblems(container, problems, form = null) {
  container.replaceChildren();
  clearMarks(form);
  if (!problems || problems.length === 0) return;
  const items = problems.map(({ control, message }) => {
    if (!control) return h('li', {}, message);
    if (!control.id) control.id = uid('field');
    mark(control, message);
    return h('li', {}, h('a', { href: `#${control.id}`, text: message, onclick: (e) => {
      e.preventDefault();
      control.scrollIntoView({ block: 'center' });
      control.focus();
    } }));
  });
  const summary = h('div', { class: 'govuk-error-summary', tabindex: '-1' },
    h('div', { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title', text: 'There is a problem' }),
      h('div', { class: 'govuk-error-summary__body' }, h('ul', { class: 'govuk-list govuk-error-summary__list' }, items))));
  container.append(summary);
  summary.focus();
}

/** An error summary for a refusal (or a problem) not tied to a form, as the GOV.UK pattern asks. */
export function showError(container, error, form = null) {
  if (!error) {
    showProblems(container, null, form);
    return;
  }
  const problems = problemsFrom(form, error);
  if (!problems[0].control && error.title && error.title !== 'Check what you sent' && error.title !== problems[0].message) {
    problems[0].message = `${error.title}: ${problems[0].message}`;
  }
  showProblems(container, problems, form);
}

/** Problems found while submitting, thrown by a form's handler: [{ control, message }]. */
export class FormProblems extends Error {
  constructor(problems) {
    super(problems.map((p) => p.message).join(' '));
    this.problems = problems;
  }
}

/** Makes a button (or the submit buttons of a form) unusable while a request is on its way. */
function busy(buttons, on) {
  for (const b of buttons) {
    b.disabled = on;
    if (on) b.setAttribute('aria-disabled', 'true'); else b.removeAttribute('aria-disabled');
  }
}

/**
 * Submits a form once: its fields are checked in the browser first (every problem shown at
 * once), then the buttons are disabled until the server answers, so a double click or a second
 * Enter creates nothing twice. A refusal is shown in the error summary, linked to its field.
 */
export function onSubmit(form, errors, handler, { check = true } = {}) {
  let pending = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (pending) return;
    const problems = check ? checkForm(form) : [];
    if (problems.length) {
      showProblems(errors, problems, form);
      return;
    }
    showProblems(errors, null, form);
    pending = true;
    const buttons = [...form.querySelectorAll('button[type=submit], button:not([type])')];
    busy(buttons, true);
    try {
      await handler(e);
      if (form.isConnected) markSent(form);
    } catch (err) {
      if (err instanceof FormProblems) showProblems(errors, err.problems, form);
      else showError(errors, err, form);
    } finally {
      pending = false;
      busy(buttons, false);
    }
  });
  return form;
}

/** A button whose action runs once at a time; refusals go to the error summary. */
export function actionButton(text, errors, action, attrs = {}) {
  let pending = false;
  const b = h('button', { class: 'govuk-button', type: 'button', 'data-module': 'govuk-button', ...attrs, text });
  b.addEventListener('click', async () => {
    if (pending) return;
    pending = true;
    busy([b], true);
    showError(errors, null);
    try {
      await action();
    } catch (err) {
      showError(errors, err);
    } finally {
      pending = false;
      busy([b], false);
    }
  });
  return b;
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

/** Where focus is, described so that the same control can be found again after a re-render. */
function focusKey(root) {
  const el = document.activeElement;
  if (!el || el === document.body || !root.contains(el)) return null;
  if (el.id && !/-\d+$/.test(el.id)) return { id: el.id };
  const form = el.closest('form')?.getAttribute('aria-label');
  return { form, name: el.getAttribute('name'), label: el.getAttribute('aria-label'), text: el.textContent.trim(), tag: el.tagName };
}

function refocus(root, key) {
  if (!key) return false;
  let el = key.id ? document.getElementById(key.id) : null;
  if (!el && !key.id) {
    const scope = key.form ? root.querySelector(`form[aria-label="${CSS.escape(key.form)}"]`) : root;
    el = [...(scope?.querySelectorAll(key.tag) ?? [])].find((c) => (key.name ? c.getAttribute('name') === key.name : true)
      && (key.label ? c.getAttribute('aria-label') === key.label : c.textContent.trim() === key.text));
  }
  if (!el) return false;
  el.focus({ preventScroll: true });
  return true;
}

/**
 * Renders a page again with fresher content (a live update), keeping the reader's place: the
 * scroll position and, where the same control is still there, the focus.
 */
export function repaint(root, title, ...content) {
  const key = focusKey(root);
  const scroll = window.scrollY;
  const heading = h('h1', { class: 'govuk-heading-l', tabindex: '-1', text: title });
  root.replaceChildren(heading, ...content.flat().filter((c) => c !== null && c !== undefined && c !== false));
  document.title = `${title} – Circle`;
  if (!refocus(root, key) && key) heading.focus({ preventScroll: true });
  window.scrollTo(0, scroll);
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

/** Wraps an action of a page: clears the page's error, runs it, then re-reads the page; a failure is shown instead. */
export function attempting(errors, refresh) {
  return (fn) => async (...args) => {
    showError(errors, null);
    try {
      await fn(...args);
      await refresh();
    } catch (err) {
      showError(errors, err);
    }
  };
}
