// Workflows: the API's listing where it has one, otherwise those seen in the newest runs; each with
// its steps and its recent success rate. A definition editor creates new ones.
import { createWorkflow, knownWorkflows, newestRuns } from './api.js';
import { h, jsonEditorForm, show, shortId, successRate, table, workflowIdOf } from './dom.js';
import { rememberName } from './names.js';

const SAMPLE_RUNS = 200;
const EXAMPLE = {
  name: 'welcome',
  description: 'wait a second, then notify',
  steps: [
    { name: 'wait', type: 'delay', config: { duration: 1 } },
    { name: 'notify', type: 'webhook', config: { url: 'http://127.0.0.1:9000/hooks/${payload.user_id}', method: 'POST',
      body: { user: '${payload.user_id}' } } },
  ],
};

export async function mount(container, context) {
  const list = h('section', { 'aria-labelledby': 'workflows-title' });
  show(container, h('div', { class: 'page-head' }, h('h1', { id: 'workflows-title' }, 'Workflows')), list, creator());

  let shown = null;
  async function load() {
    const known = await knownWorkflows(SAMPLE_RUNS);
    const runs = known.runs || await newestRuns(SAMPLE_RUNS);
    if (!context.alive()) {
      return;
    }
    const fingerprint = JSON.stringify([known.workflows, runs.map((run) => [run.uuid, run.status])]);
    if (fingerprint === shown) {
      return;
    }
    shown = fingerprint;
    show(list,
      h('p', { class: 'muted' }, known.source === 'listing'
        ? `All workflows the API lists; runs and success rates from the newest ${runs.length} runs.`
        : `Workflows seen in the newest ${runs.length} runs (this API does not list workflows); success rates from those runs.`),
      table('Workflows', ['Workflow', { label: 'Id', optional: true }, 'Steps', 'Recent runs', 'Success'],
        known.workflows.map((workflow) => {
          const id = workflowIdOf(workflow);
          rememberName(id, workflow.name);
          const its = runs.filter((run) => run.workflow_id === id);
          return [h('a', { href: '#/workflows/' + id }, workflow.name), h('span', { class: 'mono' }, shortId(id)),
            (workflow.steps || []).map((step) => step.name).join(' → '), its.length, successRate(its)];
        }), { empty: 'No workflows yet: create one below.' }));
  }

  await load();
  return { refresh: load };
}

/** The definition editor; the API's answer names any bad field. */
function creator() {
  return jsonEditorForm({
    id: 'definition',
    title: 'Create a workflow',
    label: 'Definition (JSON: name, description, steps of type delay or webhook)',
    rows: 14,
    initial: JSON.stringify(EXAMPLE, null, 2),
    button: 'Create workflow',
    async submit(definition) {
      const created = await createWorkflow(definition);
      rememberName(created.workflow_id, definition.name);
      window.location.hash = '#/workflows/' + created.workflow_id;
    },
  });
}
