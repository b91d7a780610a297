import { validateView } from './blockKit.js';
import { SlackApiError } from './errors.js';
import { isObject, type JsonObject } from './json.js';
import type { ViewStore } from './viewStore.js';

/**
 * What the Slack client does with the answer to a view_submission (shared fixture
 * view_submission_response_actions.json): empty = close this view, errors = stay open with inline errors,
 * update = replace this view, push = stack a new one, clear = close them all. Answers the client would
 * refuse are noted in `problems`. Returns the action taken.
 */
export function applyViewResponse(
  views: ViewStore,
  viewId: string,
  response: JsonObject | undefined,
  problems: string[],
): string {
  const userId = views.ownerOf(viewId);
  if (userId === undefined) return 'none';
  const action = typeof response?.response_action === 'string' ? response.response_action : 'close';
  const nextView = isObject(response?.view) ? response.view : undefined;
  switch (action) {
    case 'close':
      views.close(viewId);
      break;
    case 'clear':
      views.clear(userId);
      break;
    case 'errors': {
      const errors = isObject(response?.errors) ? response.errors : {};
      const inputs = new Set(
        views
          .get(viewId)
          ?.blocks.filter((b) => b.type === 'input')
          .map((b) => b.block_id),
      );
      const stray = Object.keys(errors).filter((k) => !inputs.has(k));
      if (stray.length > 0) problems.push(`response_action errors names non-input blocks: ${stray.join(', ')}`);
      views.setErrors(viewId, Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)])));
      break;
    }
    case 'update':
    case 'push': {
      const viewProblems = nextView ? validateView(nextView) : ['missing view'];
      if (!nextView || viewProblems.length > 0) {
        problems.push(`response_action ${action} with an invalid view: ${viewProblems.join('; ')}`);
      } else if (action === 'update') {
        views.replace(viewId, nextView);
      } else {
        try {
          views.push(userId, nextView);
        } catch (error) {
          problems.push(`response_action push failed: ${error instanceof SlackApiError ? error.code : String(error)}`);
        }
      }
      break;
    }
    default:
      problems.push(`unknown response_action ${action}`);
  }
  return action;
}
