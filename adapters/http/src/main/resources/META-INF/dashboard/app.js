// The dashboard's router: the URL's fragment names the view (#/runs, #/runs/<id>, #/workflows,
// #/workflows/<id>, #/overview), so every view can be bookmarked and the back button works. The
// shown view is refreshed every few seconds while the page is visible and "Live refresh" is on.
import { apiKey, setApiKey } from './api.js';
import { errorNote, show } from './dom.js';
import * as runs from './runs.js';
import * as run from './run.js';
import * as workflows from './workflows.js';
import * as workflow from './workflow.js';
import * as overview from './overview.js';

const REFRESH_MILLIS = 3000;
const view = document.getElementById('view');
const statusLine = document.getElementById('status-line');
const live = document.getElementById('live');

let current = null; // { refresh, generation }
let generation = 0;
let refreshing = false;

function route() {
  const [path, query = ''] = (window.location.hash.replace(/^#/, '') || '/runs').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'runs' && parts[1]) {
    return { page: run, name: 'runs', args: [parts[1]] };
  }
  if (parts[0] === 'workflows' && parts[1]) {
    return { page: workflow, name: 'workflows', args: [parts[1]] };
  }
  if (parts[0] === 'workflows') {
    return { page: workflows, name: 'workflows', args: [] };
  }
  if (parts[0] === 'overview') {
    return { page: overview, name: 'overview', args: [] };
  }
  return { page: runs, name: 'runs', args: [params] };
}

async function render() {
  const mine = ++generation;
  const { page, name, args } = route();
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const container = document.createElement('div');
  view.replaceChildren(container);
  delete view.dataset.ready; // set once the view has drawn itself: what tests (and scripts) wait for
  current = null;
  const context = { alive: () => mine === generation, say };
  try {
    const mounted = await page.mount(container, context, ...args);
    if (mine === generation) {
      current = mounted || null;
      view.dataset.ready = window.location.hash;
    }
  } catch (error) {
    if (mine === generation) {
      show(container, errorNote(error));
    }
  }
}

/** A short message for screen readers and eyes, in the status line under the header. */
function say(text) {
  statusLine.textContent = text;
}

async function tick() {
  if (refreshing || !live.checked || document.visibilityState !== 'visible' || !current || !current.refresh) {
    return;
  }
  refreshing = true;
  const mine = generation;
  try {
    await current.refresh();
  } catch (error) {
    if (mine === generation) {
      say('Refresh failed: ' + error.message);
    }
  } finally {
    refreshing = false;
  }
}

function setUpKeyForm() {
  const form = document.getElementById('key-form');
  const input = document.getElementById('api-key');
  input.value = apiKey();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey(input.value.trim());
    say(input.value.trim() ? 'API key set: requests carry it as a Bearer token.' : 'API key cleared.');
    render();
  });
  document.getElementById('key-clear').addEventListener('click', () => {
    input.value = '';
    setApiKey('');
    say('API key cleared.');
    render();
  });
}

setUpKeyForm();
window.addEventListener('hashchange', () => {
  render();
  view.focus({ preventScroll: true });
});
document.addEventListener('visibilitychange', tick);
live.addEventListener('change', tick);
window.setInterval(tick, REFRESH_MILLIS);
render();
