// Runs, newest first: filters by status, workflow and creation time, keyset paging through the API's
// next_cursor, live refresh of the page shown. Filters live in the URL (#/runs?status=failed&...).
import { knownWorkflows, listRuns } from './api.js';
import { duration, errorNote, h, millisBetween, shortId, show, statusBadge, table, time, workflowIdOf } from './dom.js';
import { rememberName, workflowName } from './names.js';

const STATUSES = ['pending', 'running', 'success', 'failed', 'cancelled'];
const WINDOWS = [['', 'any time'], ['900', 'last 15 minutes'], ['3600', 'last hour'],
  ['86400', 'last 24 hours'], ['604800', 'last 7 days']];
const PAGE_SIZE = 25;

export async function mount(container, context, params) {
  const state = {
    status: params.get('status') || '',
    workflowId: params.get('workflow_id') || '',
    within: params.get('within') || '',
    cursor: null,
    since: null, // the created_after the shown pages were listed with
    previous: [], // cursors of the newer pages, for "Newer"
  };
  const results = h('div', { class: 'results' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of runs' });
  const workflowSelect = h('select', { id: 'filter-workflow', name: 'workflow_id' },
    h('option', { value: '' }, 'all workflows'));
  if (state.workflowId) {
    workflowSelect.append(h('option', { value: state.workflowId, selected: true }, state.workflowId));
  }
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs' },
    field('filter-status', 'Status', h('select', { id: 'filter-status', name: 'status' },
      h('option', { value: '' }, 'any status'),
      STATUSES.map((status) => h('option', { value: status, selected: status === state.status }, status)))),
    field('filter-workflow', 'Workflow', workflowSelect),
    field('filter-within', 'Created', h('select', { id: 'filter-within', name: 'within' },
      WINDOWS.map(([value, label]) => h('option', { value, selected: value === state.within }, label)))));
  form.addEventListener('change', () => {
    state.status = form.elements.status.value;
    state.workflowId = form.elements.workflow_id.value;
    state.within = form.elements.within.value;
    state.cursor = null;
    state.previous = [];
    const query = new URLSearchParams();
    for (const [name, value] of [['status', state.status], ['workflow_id', state.workflowId], ['within', state.within]]) {
      if (value) {
        query.set(name, value);
      }
    }
    // replaceState: the filters change the bookmarkable URL without re-mounting the view (focus stays put)
    history.replaceState(null, '', '#/runs' + (query.size ? '?' + query : ''));
    load().catch((error) => show(results, errorNote(error)));
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  show(container,
    h('div', { class: 'page-head' }, h('h1', {}, 'Runs'),
      h('a', { class: 'button', href: '#/workflows' }, 'Trigger a run…')),
    form, results, pager);

  knownWorkflows().then(({ workflows }) => {
    for (const workflow of workflows) {
      const id = workflowIdOf(workflow);
      rememberName(id, workflow.name);
      const existing = [...workflowSelect.options].find((option) => option.value === id);
      if (existing) {
        existing.textContent = workflow.name;
      } else {
        workflowSelect.append(h('option', { value: id }, `${workflow.name} (${shortId(id)})`));
      }
    }
  }, () => {});

  let shown = null;
  async function load() {
    // A cursor continues only the listing it came from, created_after included: the window's start is
    // fixed on the first page and kept while paging (and refreshing) past it.
    if (state.cursor === null) {
      state.since = state.within ? new Date(Date.now() - Number(state.within) * 1000) : null;
    }
    const createdAfter = state.since;
    const page = await listRuns({
      limit: PAGE_SIZE, cursor: state.cursor, status: state.status, workflow_id: state.workflowId,
      created_after: createdAfter ? createdAfter.toISOString() : null, order: 'desc',
    });
    if (!context.alive()) {
      return;
    }
    // Replicas that do not read created_after yet list older runs too: they are left out here, and
    // since the list is newest first, no later page can hold a newer one.
    const items = createdAfter ? page.items.filter((run) => new Date(run.created_at) >= createdAfter) : page.items;
    const next = items.length < page.items.length ? null : page.next_cursor;
    const fingerprint = JSON.stringify([items, next, state.previous.length]);
    if (fingerprint === shown) {
      return;
    }
    shown = fingerprint;
    show(results, table('Runs, newest first', [
      'Run', 'Workflow', 'Status', { label: 'Created' }, { label: 'Duration', optional: true },
      { label: 'Attempt', optional: true }],
    items.map((run) => [
      h('a', { href: '#/runs/' + run.uuid, class: 'mono' }, shortId(run.uuid)),
      workflowCell(run.workflow_id),
      statusBadge(run.status),
      time(run.created_at),
      duration(millisBetween(run.started_at, run.completed_at)),
      run.attempt ?? 1,
    ]), { empty: 'No runs match these filters.' }));
    show(pager,
      h('button', { type: 'button', disabled: state.previous.length === 0, onclick: newer }, '← Newer'),
      h('span', { class: 'muted' }, `page ${state.previous.length + 1} · ${items.length} runs`),
      h('button', { type: 'button', disabled: !next, onclick: () => older(next) }, 'Older →'));
  }

  function older(next) {
    state.previous.push(state.cursor);
    state.cursor = next;
    load().catch((error) => show(results, errorNote(error)));
  }

  function newer() {
    state.cursor = state.previous.pop() ?? null;
    load().catch((error) => show(results, errorNote(error)));
  }

  await load();
  return { refresh: load };
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function workflowCell(id) {
  const link = h('a', { href: '#/workflows/' + id }, '');
  link.textContent = workflowName(id, (name) => {
    link.textContent = name;
  });
  return link;
}
