import { LIMITS, validateView } from '../blockKit.js';
import { invalidArguments, SlackApiError } from '../errors.js';
import { isObject, jsonParam, str, type JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';
import type { MethodSpec } from './types.js';

/** Parses and checks the `view` argument the way Slack does, before anything is changed. */
export function viewArgument(params: JsonObject, expectedType?: 'modal' | 'home'): JsonObject {
  const parsed = jsonParam(params, 'view');
  if (!parsed) throw invalidArguments(['[ERROR] missing required field: view']);
  if (!parsed.ok || !isObject(parsed.value)) throw invalidArguments(['[ERROR] failed to parse view JSON [json-pointer:/view]']);
  const view = parsed.value;
  if (Buffer.byteLength(JSON.stringify(view)) > LIMITS.viewBytes) throw new SlackApiError('view_too_large');
  const problems = validateView(view);
  if (expectedType && view.type !== expectedType) problems.unshift(`[ERROR] must be ${expectedType} [json-pointer:/view/type]`);
  if (problems.length > 0) throw invalidArguments(problems);
  return view;
}

function open(params: JsonObject, state: EmulatorState): JsonObject {
  const view = viewArgument(params, 'modal');
  const userId = state.triggers.exchange(str(params, 'trigger_id'));
  return { ok: true, view: state.views.open(userId, view) };
}

function push(params: JsonObject, state: EmulatorState): JsonObject {
  const view = viewArgument(params, 'modal');
  const userId = state.triggers.exchange(str(params, 'trigger_id'));
  return { ok: true, view: state.views.push(userId, view) };
}

function update(params: JsonObject, state: EmulatorState): JsonObject {
  const viewId = str(params, 'view_id');
  const externalId = str(params, 'external_id');
  if (!viewId && !externalId) throw invalidArguments(['[ERROR] either view_id or external_id is required']);
  const view = viewArgument(params);
  const target = viewId ? { viewId } : { externalId: externalId ?? '' };
  return { ok: true, view: state.views.update(target, view, str(params, 'hash')) };
}

function publish(params: JsonObject, state: EmulatorState): JsonObject {
  const user = state.requireUser(str(params, 'user_id'));
  const view = viewArgument(params, 'home');
  return { ok: true, view: state.views.publish(user.id, view, str(params, 'hash')) };
}

export const viewMethods: Record<string, MethodSpec> = {
  'views.open': { token: 'bot', handler: open },
  'views.push': { token: 'bot', handler: push },
  'views.update': { token: 'bot', handler: update },
  'views.publish': { token: 'bot', handler: publish },
};
