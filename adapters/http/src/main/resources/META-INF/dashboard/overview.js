// The overview, computed in the browser from what the public API returns: the newest runs (at most
// SAMPLE, none older than WINDOW_MINUTES) and the service's health endpoints. The legend under the
// figures says where each one comes from and how many runs it looked at.
import { call, newestRuns } from './api.js';
import { TERMINAL, duration, h, millisBetween, percentile, show, statusBadge, table } from './dom.js';
import { workflowName } from './names.js';

const SAMPLE = 1000;
const WINDOW_MINUTES = 30;
const OUTCOMES = ['success', 'failed', 'cancelled', 'running', 'pending'];

export async function mount(container, context) {
  const body = h('div');
  show(container, h('div', { class: 'page-head' }, h('h1', {}, 'Overview')), body);

  let shown = null;
  async function load() {
    const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
    const [runs, health] = await Promise.all([newestRuns(SAMPLE, since), healthChecks()]);
    if (!context.alive()) {
      return;
    }
    const fingerprint = JSON.stringify([runs.map((run) => [run.uuid, run.status]), health]);
    if (fingerprint === shown) {
      return;
    }
    shown = fingerprint;
    const finished = runs.filter((run) => run.status === 'success' || run.status === 'failed');
    const durations = finished.map((run) => millisBetween(run.started_at, run.completed_at)).filter((ms) => ms !== null);
    show(body,
      h('section', { 'aria-labelledby': 'figures-title' },
        h('h2', { id: 'figures-title', class: 'visually-hidden' }, 'Figures'),
        h('div', { class: 'cards' },
          card('Runs looked at', runs.length, `created in the last ${WINDOW_MINUTES} min`),
          card('p50 run duration', duration(percentile(durations, 50)), `of ${durations.length} succeeded or failed`),
          card('p95 run duration', duration(percentile(durations, 95)), `of ${durations.length} succeeded or failed`),
          card('Failed', runs.filter((run) => run.status === 'failed').length,
            `of ${runs.filter((run) => TERMINAL.has(run.status)).length} ended (incl. cancelled)`))),
      h('section', { 'aria-labelledby': 'rate-title' },
        h('h2', { id: 'rate-title' }, 'Runs per minute by outcome'), perMinuteChart(runs)),
      h('section', { 'aria-labelledby': 'failing-title' },
        h('h2', { id: 'failing-title' }, 'Failing steps'), failingSteps(runs)),
      h('section', { 'aria-labelledby': 'health-title' },
        h('h2', { id: 'health-title' }, 'Service, workers and queue'), healthTable(health, runs)),
      h('section', { class: 'legend', 'aria-labelledby': 'legend-title' },
        h('h2', { id: 'legend-title' }, 'Where the numbers come from'),
        h('ul', {},
          h('li', {}, `Runs: GET /api/v1/runs, newest first, paged until a run older than ${WINDOW_MINUTES} minutes or ${SAMPLE} runs; ${runs.length} looked at.`),
          h('li', {}, 'Per minute: runs by the minute they were created in, coloured by their status now.'),
          h('li', {}, 'Durations: started_at to completed_at of the succeeded and failed runs among them.'),
          h('li', {}, 'Failing steps: step_results with status failed in those runs, grouped by workflow and step.'),
          h('li', {}, 'Service: GET /health and /observe/health/ready of the replica that answered. Queue: the pending runs among those looked at, and how long the oldest has waited; runs are handed to workers through it, so a growing wait means workers are short or down.'))));
  }

  await load();
  return { refresh: load };
}

function card(label, value, note) {
  return h('div', { class: 'card' }, h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value' }, String(value)), h('div', { class: 'muted' }, note));
}

/** One stacked bar per minute (oldest left), drawn with plain elements; a table carries the same numbers for screen readers. */
function perMinuteChart(runs) {
  const now = Math.floor(Date.now() / 60_000);
  const minutes = Array.from({ length: WINDOW_MINUTES }, (_, index) => now - WINDOW_MINUTES + 1 + index);
  const counts = new Map(minutes.map((minute) => [minute, Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0]))]));
  for (const run of runs) {
    const bucket = counts.get(Math.floor(new Date(run.created_at).getTime() / 60_000));
    if (bucket && run.status in bucket) {
      bucket[run.status] += 1;
    }
  }
  const highest = Math.max(1, ...[...counts.values()].map((bucket) => OUTCOMES.reduce((sum, o) => sum + bucket[o], 0)));
  const chart = h('div', { class: 'chart', 'aria-hidden': 'true' }, minutes.map((minute) => {
    const column = h('div', { class: 'chart-column', title: label(minute, counts.get(minute)) });
    for (const outcome of OUTCOMES) {
      if (counts.get(minute)[outcome] > 0) {
        const part = h('div', { class: 'chart-part bar-' + outcome });
        part.style.height = (100 * counts.get(minute)[outcome]) / highest + '%';
        column.append(part);
      }
    }
    return column;
  }));
  const busy = minutes.filter((minute) => OUTCOMES.some((outcome) => counts.get(minute)[outcome] > 0));
  return h('div', {},
    chart,
    h('p', { class: 'chart-axis muted', 'aria-hidden': 'true' },
      h('span', {}, `${WINDOW_MINUTES} min ago`), h('span', {}, `highest: ${highest} a minute`), h('span', {}, 'now')),
    h('p', { class: 'chart-key' }, OUTCOMES.map((outcome) => h('span', {}, h('span', { class: 'swatch bar-' + outcome }), outcome))),
    h('details', {}, h('summary', {}, 'The same numbers as a table'),
      table('Runs per minute by outcome', ['Minute', ...OUTCOMES],
        busy.map((minute) => [clock(minute), ...OUTCOMES.map((outcome) => counts.get(minute)[outcome])]),
        { empty: 'No runs in this window.' })));
}

function label(minute, bucket) {
  return clock(minute) + ': ' + OUTCOMES.filter((o) => bucket[o] > 0).map((o) => `${bucket[o]} ${o}`).join(', ');
}

function clock(minute) {
  const at = new Date(minute * 60_000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

function failingSteps(runs) {
  const groups = new Map();
  for (const run of runs) {
    for (const result of Object.values(run.step_results || {})) {
      if (result.status !== 'failed') {
        continue;
      }
      const key = run.workflow_id + '\u0000' + result.step_name;
      const group = groups.get(key) || { workflowId: run.workflow_id, step: result.step_name, count: 0, last: run };
      group.count += 1;
      groups.set(key, group);
    }
  }
  const rows = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, 10);
  return table('Failing steps', ['Workflow', 'Step', 'Failures', 'Latest error'], rows.map((group) => {
    const link = h('a', { href: '#/workflows/' + group.workflowId }, '');
    link.textContent = workflowName(group.workflowId, (name) => {
      link.textContent = name;
    });
    const error = group.last.step_results[group.step].error || group.last.error || '—';
    return [link, group.step, group.count, h('a', { href: '#/runs/' + group.last.uuid, class: 'error-text' }, error)];
  }), { empty: 'No failed steps in these runs.' });
}

/** /health (liveness) and /observe/health/ready (each dependency), as the answering replica sees them. */
async function healthChecks() {
  const checks = [];
  try {
    const live = await call('/health');
    checks.push({ name: 'API replica (liveness)', status: live.status === 'ok' ? 'up' : String(live.status) });
  } catch (error) {
    checks.push({ name: 'API replica (liveness)', status: 'down', detail: error.message });
  }
  try {
    const ready = await call('/observe/health/ready');
    checks.push({ name: 'readiness', status: String(ready.status || 'UP').toLowerCase() });
    for (const check of ready.checks || []) {
      checks.push({ name: check.name, status: String(check.status).toLowerCase() });
    }
  } catch (error) {
    const body = error.body && typeof error.body === 'object' ? error.body : null;
    checks.push({ name: 'readiness', status: body ? String(body.status).toLowerCase() : 'unknown', detail: error.message });
    for (const check of (body && body.checks) || []) {
      checks.push({ name: check.name, status: String(check.status).toLowerCase() });
    }
  }
  return checks;
}

function healthTable(checks, runs) {
  const pending = runs.filter((run) => run.status === 'pending');
  const oldest = pending.length ? pending[pending.length - 1] : null;
  const running = runs.filter((run) => run.status === 'running');
  const rows = checks.map((check) => [check.name, statusBadge(check.status), check.detail || '']);
  rows.push(['queue: pending runs', String(pending.length),
    oldest ? `oldest waiting ${duration(millisBetween(oldest.created_at))}` : 'none waiting']);
  rows.push(['workers: running runs', String(running.length),
    running.length ? `longest running ${duration(Math.max(...running.map((run) => millisBetween(run.started_at || run.created_at))))}` : 'none running']);
  return table('Health', ['Check', 'State', 'Details'], rows);
}
