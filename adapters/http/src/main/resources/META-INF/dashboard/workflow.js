// One workflow: its definition, a payload editor that triggers a run of it, its newest runs and
// their success rate.
import { getWorkflow, listRuns, trigger } from './api.js';
import {
  duration, foldedJson, h, jsonEditorForm, millisBetween, show, shortId, statusBadge, successRate, table, time,
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
  return jsonEditorForm({
    id: 'payload',
    title: 'Trigger a run',
    label: 'Payload (a JSON object; steps read it as ${payload.<field>})',
    rows: 6,
    initial: '{\n  "user_id": 42\n}',
    button: 'Trigger run',
    async submit(payload) {
      const triggered = await trigger(workflowId, payload);
      window.location.hash = '#/runs/' + triggered.run_id;
    },
  });
}
