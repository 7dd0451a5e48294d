// The dashboard's one way to the service: the public API on this origin, with the user's API key
// (sent as a Bearer token when one is set). Errors arrive as problem+json; their `detail` is what
// the user reads.
const KEY_ITEM = 'workflow.apiKey';

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

export function apiKey() {
  try {
    return window.localStorage.getItem(KEY_ITEM) || '';
  } catch (e) {
    return '';
  }
}

export function setApiKey(key) {
  try {
    if (key) {
      window.localStorage.setItem(KEY_ITEM, key);
    } else {
      window.localStorage.removeItem(KEY_ITEM);
    }
  } catch (e) {
    // storage refused (private mode): the key lasts as long as this page
  }
  sessionKey = key;
}

let sessionKey = null;

export async function call(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const key = sessionKey ?? apiKey();
  if (key) {
    headers.Authorization = 'Bearer ' + key;
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let data = text;
  if (text && (response.headers.get('Content-Type') || '').includes('json')) {
    data = JSON.parse(text);
  }
  if (!response.ok) {
    const detail = (data && data.detail) || response.statusText || 'HTTP ' + response.status;
    const hint = response.status === 401 || response.status === 403 ? ' (enter an API key above)' : '';
    throw new ApiError(response.status, detail + hint, data);
  }
  return data;
}

export const getRun = (id) => call('/api/v1/runs/' + encodeURIComponent(id));
export const getWorkflow = (id) => call('/api/v1/workflows/' + encodeURIComponent(id));
export const cancelRun = (id) => call('/api/v1/runs/' + encodeURIComponent(id) + '/cancel', { method: 'POST' });
export const retryRun = (id) => call('/api/v1/runs/' + encodeURIComponent(id) + '/retry', { method: 'POST' });
export const trigger = (workflowId, payload) =>
  call('/api/v1/trigger', { method: 'POST', body: { workflow_id: workflowId, payload } });
export const createWorkflow = (definition) => call('/api/v1/workflows', { method: 'POST', body: definition });

/** One page of runs, newest first; `filter` holds the query parameters the API reads (unknown ones it ignores). */
export function listRuns(filter) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, value);
    }
  }
  return call('/api/v1/runs?' + query);
}

/** The newest runs, up to `max` of them, in pages of 200; stops at the first run created before `since` (a Date). */
export async function newestRuns(max, since, filter = {}) {
  const runs = [];
  let cursor = null;
  do {
    const page = await listRuns({ ...filter, limit: Math.min(200, max - runs.length), cursor });
    for (const run of page.items) {
      if (since && new Date(run.created_at) < since) {
        return runs;
      }
      runs.push(run);
    }
    cursor = page.next_cursor;
  } while (cursor && runs.length < max);
  return runs;
}

let listingDescribed = null;

/**
 * Whether this API lists workflows (GET /api/v1/workflows), read from its own description, so the
 * dashboard never sends a request it knows will fail. Older replicas only create workflows there.
 */
async function listsWorkflows() {
  if (listingDescribed === null) {
    const yaml = await call('/openapi', { accept: 'application/yaml, application/json' });
    listingDescribed = describesGet(String(yaml), '/api/v1/workflows');
  }
  return listingDescribed;
}

/** True when the OpenAPI document (YAML) has a `get` operation under `path`. */
export function describesGet(yaml, path) {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line.replace(/['"]/g, '').trimEnd() === '  ' + path + ':');
  if (start < 0) {
    return false;
  }
  for (const line of lines.slice(start + 1)) {
    if (/^ {0,2}\S/.test(line)) {
      return false;
    }
    if (/^ {4}get:/.test(line)) {
      return true;
    }
  }
  return false;
}

/**
 * The workflows to show: the API's listing when it has one; otherwise the workflows of the newest
 * runs (up to `sample` runs), each fetched by id. `source` says which it was.
 */
export async function knownWorkflows(sample = 200) {
  if (await listsWorkflows()) {
    try {
      const listed = await call('/api/v1/workflows?limit=200');
      return { workflows: Array.isArray(listed) ? listed : listed.items, source: 'listing' };
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) {
        throw e;
      }
    }
  }
  const runs = await newestRuns(sample);
  const ids = [...new Set(runs.map((run) => run.workflow_id))].slice(0, 50);
  const workflows = await Promise.all(ids.map((id) => getWorkflow(id).catch(() => null)));
  return { workflows: workflows.filter(Boolean), source: 'runs', runs };
}
