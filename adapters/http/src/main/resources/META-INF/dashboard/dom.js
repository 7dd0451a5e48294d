// Small helpers every view shares: building elements, formatting times and durations, statuses,
// folded JSON. Text always goes in as text nodes, never as HTML, so nothing from a payload can
// become markup.

/** An element: `h('a', {href: '#/runs'}, 'Runs')`; attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

/** Replaces what `element` shows. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

export function statusBadge(status) {
  return h('span', { class: 'badge badge-' + String(status || 'unknown').replace(/\W+/g, '-') }, status || 'unknown');
}

export const TERMINAL = new Set(['success', 'failed', 'cancelled']);

/** The last 8 characters of an id: ids are UUIDv7, whose first ones are a timestamp shared by neighbours. */
export function shortId(id) {
  return id ? id.slice(-8) : '';
}

/** "2026-11-29 23:14:05" in the browser's time zone, with the exact instant as a tooltip. */
export function time(iso) {
  if (!iso) {
    return h('span', { class: 'muted' }, '—');
  }
  const at = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  const text = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} `
    + `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  return h('time', { datetime: iso, title: iso }, text);
}

/** Milliseconds between two ISO instants (the second defaults to now); null without a start. */
export function millisBetween(startIso, endIso) {
  if (!startIso) {
    return null;
  }
  const end = endIso ? new Date(endIso) : new Date();
  return Math.max(0, end - new Date(startIso));
}

/** "850 ms", "2.4 s", "3 min 05 s", "1 h 02 min". */
export function duration(millis) {
  if (millis === null || millis === undefined || Number.isNaN(millis)) {
    return '—';
  }
  if (millis < 1000) {
    return Math.round(millis) + ' ms';
  }
  const seconds = millis / 1000;
  if (seconds < 60) {
    return seconds.toFixed(seconds < 10 ? 1 : 0) + ' s';
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** JSON folded away behind its summary; open by default when `open`. */
export function foldedJson(summary, value, open = false) {
  return h('details', { class: 'json', open },
    h('summary', {}, summary),
    h('pre', {}, h('code', {}, JSON.stringify(value, null, 2))));
}

/** A table with a caption and a header row; `rows` are arrays of cells (nodes or text). */
export function table(caption, headers, rows, { empty = 'Nothing to show.', rowClass } = {}) {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headers.map((header) =>
        h('th', { scope: 'col', class: header.optional ? 'optional' : null }, header.label ?? header)))),
      h('tbody', {}, rows.map((cells, index) => h('tr', { class: rowClass ? rowClass(index) : null },
        cells.map((cell, column) => h('td', { class: headers[column].optional ? 'optional' : null }, cell)))))));
}

/** An error the user can read, in place of what could not be loaded or done. */
export function errorNote(error) {
  return h('p', { class: 'error', role: 'alert' }, 'Error: ' + (error && error.message ? error.message : error));
}

/** The p-th percentile (0..100) of numbers, nearest rank; null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Success among the ended runs: "92 % of 25 ended", or "no ended runs". */
export function successRate(runs) {
  const ended = runs.filter((run) => TERMINAL.has(run.status));
  if (ended.length === 0) {
    return 'no ended runs';
  }
  const succeeded = ended.filter((run) => run.status === 'success').length;
  return `${Math.round((100 * succeeded) / ended.length)} % of ${ended.length} ended`;
}

export function workflowIdOf(workflow) {
  return workflow.uuid || workflow.workflow_id || workflow.id;
}

/**
 * A form around a JSON editor: the text is parsed here first (a JSON object is required), then
 * handed to `submit`, whose failure (the API's problem detail, naming the bad field) shows under it.
 */
export function jsonEditorForm({ id, title, label, rows, initial, button, submit }) {
  const editor = h('textarea', { id, rows, spellcheck: 'false', class: 'code' });
  editor.value = initial;
  const outcome = h('div', { role: 'status' });
  const form = h('form', { class: 'editor', 'aria-labelledby': id + '-title' },
    h('h2', { id: id + '-title' }, title),
    h('label', { for: id }, label),
    editor,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, button)),
    outcome);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let value;
    try {
      value = editor.value.trim() ? JSON.parse(editor.value) : {};
    } catch (error) {
      show(outcome, errorNote(`the ${id} is not valid JSON: ${error.message}`));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      show(outcome, errorNote(`the ${id} must be a JSON object`));
      return;
    }
    try {
      await submit(value);
    } catch (error) {
      show(outcome, errorNote(error));
    }
  });
  return form;
}
