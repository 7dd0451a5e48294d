// One workflow: its definition, a payload editor that triggers a run of it, its newest runs and
// their success rate.
import { getWorkflow, listRuns, trigger } from './api.js';
import {
  duration, errorNote, foldedJson, h, millisBetween, show, shortId, statusBadge, successRate, table, time,
} from './dom.js';
import { rememberName } from './names.js';

const RECENT = 50;

export async function mount(container, context, workflowId) {
  const workflow = await getWorkflow(workflowId);
  rememberName(workflowId, workflow.name);
  document.title = `${workflow.name} — Workflow Automation`;
  const runs = h('section', { 'aria-labelledby': 'runs-title' });
  show(container,
    h('div', { class: 'page-head' }, h('h1', {}, workflow.name),
      h('a', { class: 'button', href: '#/runs?workflow_id=' + encodeURIComponent(workflowId) }, 'All its runs')),
    workflow.description ? h('p', {}, workflow.description) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Workflow id'), h('dd', { class: 'mono' }, workflowId),
      workflow.created_at ? [h('dt', {}, 'Created'), h('dd', {}, time(workflow.created_at))] : null),
    h('section', { 'aria-labelledby': 'definition-title' },
      h('h2', { id: 'definition-title' }, 'Definition'),
      table('Steps of the workflow', ['#', 'Step', 'Type', 'Configuration'],
        workflow.steps.map((step, index) => [index + 1, step.name, step.type, configSummary(step)])),
      foldedJson('Definition as JSON', workflow)),
    triggerForm(workflowId),
    runs);

  let shown = null;
  async function load() {
    const page = await listRuns({ workflow_id: workflowId, limit: RECENT });
    if (!context.alive()) {
      return;
    }
    const fingerprint = JSON.stringify(page.items);
    if (fingerprint === shown) {
      return;
    }
    shown = fingerprint;
    show(runs, h('h2', { id: 'runs-title' }, 'Recent runs'),
      h('p', {}, `Success rate: ${successRate(page.items)} (of its newest ${page.items.length} runs).`),
      table('Recent runs of the workflow', ['Run', 'Status', 'Created', { label: 'Duration', optional: true }],
        page.items.map((run) => [h('a', { href: '#/runs/' + run.uuid, class: 'mono' }, shortId(run.uuid)),
          statusBadge(run.status), time(run.created_at), duration(millisBetween(run.started_at, run.completed_at))]),
        { empty: 'No runs yet: trigger one above.' }));
  }

  await load();
  return { refresh: load };
}

function configSummary(step) {
  const config = step.config || {};
  if (step.type === 'delay') {
    return `wait ${config.duration} s`;
  }
  if (step.type === 'webhook') {
    return h('span', { class: 'mono' }, `${config.method || 'POST'} ${config.url}`);
  }
  return h('span', { class: 'mono' }, JSON.stringify(config));
}

function triggerForm(workflowId) {
  const editor = h('textarea', { id: 'payload', rows: 6, spellcheck: 'false', class: 'code' });
  editor.value = '{\n  "user_id": 42\n}';
  const outcome = h('div', { role: 'status' });
  const form = h('form', { class: 'editor', 'aria-labelledby': 'trigger-title' },
    h('h2', { id: 'trigger-title' }, 'Trigger a run'),
    h('label', { for: 'payload' }, 'Payload (a JSON object; steps read it as ${payload.<field>})'),
    editor,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Trigger run')),
    outcome);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let payload;
    try {
      payload = editor.value.trim() ? JSON.parse(editor.value) : {};
    } catch (error) {
      show(outcome, errorNote('the payload is not valid JSON: ' + error.message));
      return;
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      show(outcome, errorNote('the payload must be a JSON object'));
      return;
    }
    try {
      const triggered = await trigger(workflowId, payload);
      window.location.hash = '#/runs/' + triggered.run_id;
    } catch (error) {
      show(outcome, errorNote(error));
    }
  });
  return form;
}
