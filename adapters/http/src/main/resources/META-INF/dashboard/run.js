// One run: its status and times, every step of its workflow in order with the step's result (or
// why it has none yet), each attempt's duration and error, payload and outputs as folded JSON, and
// the actions the API offers for it (cancel while it runs, retry once it failed or was cancelled).
import { ApiError, cancelRun, getRun, getWorkflow, retryRun } from './api.js';
import {
  TERMINAL, duration, errorNote, foldedJson, h, millisBetween, show, shortId, statusBadge, table, time,
} from './dom.js';

const KNOWN_RESULT_FIELDS = new Set(['step_name', 'status', 'started_at', 'completed_at', 'output', 'error', 'attempts']);

export async function mount(container, context, runId) {
  let run = await getRun(runId);
  let workflow = null;
  try {
    workflow = await getWorkflow(run.workflow_id);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) {
      throw error;
    }
  }
  const head = h('div');
  const actions = h('div', { class: 'actions' });
  const steps = h('section', { 'aria-labelledby': 'steps-title' });
  const data = h('section', { 'aria-labelledby': 'data-title' });
  const notice = h('div', { role: 'alert', class: 'notice' });
  show(container, head, actions, notice, steps, data);

  let shown = null;
  function draw() {
    const fingerprint = JSON.stringify(run);
    if (fingerprint === shown) {
      return;
    }
    shown = fingerprint;
    document.title = `Run ${shortId(run.uuid)} (${run.status}) — Workflow Automation`;
    show(head,
      h('div', { class: 'page-head' },
        h('h1', {}, 'Run ', h('span', { class: 'mono' }, shortId(run.uuid)), ' ', statusBadge(run.status))),
      h('dl', { class: 'facts' },
        fact('Run id', h('span', { class: 'mono' }, run.uuid)),
        fact('Workflow', h('a', { href: '#/workflows/' + run.workflow_id },
          workflow ? workflow.name : run.workflow_id)),
        fact('Created', time(run.created_at)),
        fact('Started', time(run.started_at)),
        fact('Completed', time(run.completed_at)),
        fact('Duration', duration(millisBetween(run.started_at, run.completed_at))),
        fact('Attempt', run.attempt ?? 1),
        run.error ? fact('Error', h('span', { class: 'error-text' }, run.error)) : null));
    show(actions,
      h('button', { type: 'button', disabled: TERMINAL.has(run.status), onclick: () => act(cancelRun, 'Cancelled') },
        'Cancel run'),
      h('button', { type: 'button', disabled: run.status !== 'failed' && run.status !== 'cancelled',
        onclick: () => act(retryRun, 'Retried') }, 'Retry run'));
    show(steps, h('h2', { id: 'steps-title' }, 'Steps'), stepTable(run, workflow), attemptsOf(run));
    show(data, h('h2', { id: 'data-title' }, 'Payload and outputs'),
      foldedJson('Payload', run.payload ?? {}),
      Object.values(run.step_results || {}).map((result) =>
        foldedJson(`Output of ${result.step_name}`, result.output ?? null)));
  }

  async function act(action, done) {
    try {
      run = await action(run.uuid);
      show(notice, h('p', { class: 'ok' }, `${done}: the run is ${run.status} now.`));
      context.say(`${done} run ${shortId(run.uuid)}.`);
      draw();
    } catch (error) {
      show(notice, errorNote(error));
    }
  }

  draw();
  return {
    async refresh() {
      if (TERMINAL.has(run.status) && shown !== null) {
        return; // an ended run changes only through the actions above
      }
      const fresh = await getRun(runId);
      if (context.alive()) {
        run = fresh;
        draw();
      }
    },
  };
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

/** Every step of the workflow in order, with its result; steps of the run unknown to the workflow follow. */
function stepTable(run, workflow) {
  const results = run.step_results || {};
  const defined = workflow ? workflow.steps.map((step) => ({ name: step.name, type: step.type })) : [];
  const names = new Set(defined.map((step) => step.name));
  const rows = defined.concat(Object.keys(results).filter((name) => !names.has(name)).map((name) => ({ name, type: '?' })));
  const runMillis = millisBetween(run.started_at, run.completed_at) || 1;
  let waiting = false;
  return table('Steps in order', ['#', 'Step', { label: 'Type', optional: true }, 'Status',
    { label: 'Started', optional: true }, 'Duration', { label: 'Timeline', optional: true },
    { label: 'Attempts', optional: true }, 'Error / details'],
  rows.map((step, index) => {
    const result = results[step.name];
    if (!result) {
      // The first step without a result is the one in progress; after an ended run none will come.
      let status = 'pending';
      if (TERMINAL.has(run.status)) {
        status = 'not run';
      } else if (!waiting && run.status === 'running') {
        status = 'running';
      }
      waiting = true;
      return [index + 1, step.name, step.type, statusBadge(status), time(null), '—', '', '—', ''];
    }
    const millis = millisBetween(result.started_at, result.completed_at);
    const extra = Object.fromEntries(Object.entries(result).filter(([name]) => !KNOWN_RESULT_FIELDS.has(name)));
    return [index + 1, step.name, step.type, statusBadge(result.status), time(result.started_at), duration(millis),
      timelineBar(run, result, runMillis), (result.attempts || []).length || 1,
      h('div', {}, result.error ? h('span', { class: 'error-text' }, result.error) : null,
        Object.keys(extra).length ? foldedJson('More fields', extra) : null)];
  }), {
    empty: 'This run has no steps to show.',
    rowClass: (index) => (results[rows[index].name] && results[rows[index].name].status === 'failed' ? 'row-failed' : null),
  });
}

/** Where in the run's time the step ran, as a bar: its offset and length relative to the whole run. */
function timelineBar(run, result, runMillis) {
  const offset = millisBetween(run.started_at, result.started_at) ?? 0;
  const length = millisBetween(result.started_at, result.completed_at) ?? 0;
  const bar = h('span', { class: 'bar bar-' + result.status });
  bar.style.marginLeft = Math.min(100, (100 * offset) / runMillis) + '%';
  bar.style.width = Math.max(1, Math.min(100, (100 * length) / runMillis)) + '%';
  return h('span', { class: 'track', 'aria-hidden': 'true' }, bar);
}

/** Each try of each step that was tried more than once (retries within a run, or the run's retries). */
function attemptsOf(run) {
  const tried = Object.values(run.step_results || {}).filter((result) => (result.attempts || []).length > 1);
  if (tried.length === 0) {
    return null;
  }
  return h('div', {}, h('h3', {}, 'Attempts'), tried.map((result) => table(`Attempts of ${result.step_name}`,
    ['Step', 'Try', 'Started', 'Duration', 'Error'],
    result.attempts.map((attempt, index) => [result.step_name, index + 1, time(attempt.started_at),
      duration(attempt.duration_ms ?? millisBetween(attempt.started_at, attempt.completed_at)),
      attempt.error ? h('span', { class: 'error-text' }, attempt.error) : '—']))));
}
