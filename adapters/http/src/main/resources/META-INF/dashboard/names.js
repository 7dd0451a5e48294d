// Workflow names by id, fetched once each: the run lists show names, the API's runs carry ids.
import { getWorkflow } from './api.js';
import { shortId } from './dom.js';

const names = new Map();

/** The workflow's name, or its id's start while unknown; `then` is called once the name arrives. */
export function workflowName(id, then) {
  if (!names.has(id)) {
    names.set(id, getWorkflow(id).then((workflow) => workflow.name, () => null));
  }
  names.get(id).then((name) => name && then(name));
  return shortId(id);
}

export function rememberName(id, name) {
  names.set(id, Promise.resolve(name));
}
