import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import {
  approveMatching,
  currentOrNewDraft,
  draftPreview,
  latestRunOf,
  programmeToPreview,
  removePair,
  requestRematch,
  rerunDraft,
  togglePin,
  type ApproveOutcome,
  type EditOutcome,
} from '../../../flows/matching/index.js';
import { HOME_ACTIONS } from '../../../messages/home.js';
import { isCoordinator } from '../kit/guards.js';
import { coordinatesRun, mayCoordinateProgramme } from '../../../flows/coordinators.js';
import { notYourMatchingText } from '../../../messages/coordinators.js';
import type { Listeners } from '../kit/registry.js';
import type { ListenerDeps } from '../kit/deps.js';
import { respondLater } from '../../respond.js';
import { onButtons, onValueButtons, type ActionHandler } from '../kit/buttons.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import { blockActionSchema, type BlockAction, type SlashCommand } from '../../payloads.js';
import { ephemeral } from '../../../messages/common/commandReplies.js';
import { programmeMeant } from '../../../flows/programmes.js';
import { MATCH_PIN_MODAL, MATCH_SWAP_MODAL, pinModal, swapModal } from '../../../messages/matching/editModals.js';
import { MATCH_ACTIONS, previewModal } from '../../../messages/matching/preview.js';
import {
  approvedText,
  approvingText,
  coordinatorsOnlyButtonText,
  coordinatorsOnlyPreviewText,
  draftGoneText,
  matchingProgressText,
  noDraftYetText,
  rematchReplyText,
} from '../../../messages/matching/replies.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import type { CommandOutcome } from '../kit/commands.js';
import { readPrivateMetadata, unreadableForm } from '../kit/submissions.js';
import { submitPin, submitSwap } from './edits.js';
import { registerRematchButton } from './rematchButton.js';
import { programmeNotSettledReply } from '../kit/programmeChoice.js';

const previewStateSchema = z.object({ runId: z.string().min(1), page: z.number().int().min(0) });
const viewMetaSchema = z.object({ view: z.object({ id: z.string(), private_metadata: z.string().default('') }) });

function readPreviewState(body: unknown): { viewId: string; runId: string; page: number } | null {
  const parsed = viewMetaSchema.safeParse(body);
  if (!parsed.success) return null;
  const state = readPrivateMetadata(previewStateSchema, parsed.data.view.private_metadata);
  return state ? { viewId: parsed.data.view.id, ...state } : null;
}

async function showPreview(
  deps: ListenerDeps,
  client: WebClient,
  viewId: string,
  runId: string,
  page: number,
  notice?: string,
): Promise<void> {
  const preview = await draftPreview(deps.db, runId);
  const view = preview ? previewModal(preview, page, notice) : noticeModal('Matching preview', draftGoneText());
  await client.views.update({ view_id: viewId, view });
}

/** /rm-admin match [programme]: the draft (the current one when still up to date) in a modal for the coordinator. */
async function handleMatchCommand(
  command: SlashCommand,
  args: string[],
  deps: ListenerDeps,
  client: WebClient,
): Promise<CommandOutcome> {
  const meant = await programmeMeant(deps, command.user_id, args, 'match');
  if (!meant.ok) return { reply: programmeNotSettledReply(meant, ['match']) };
  const programme = meant.value;
  return { afterAck: () => openMatchingPreview(deps, client, command.trigger_id, command.user_id, programme) };
}

/** Opens the draft preview (a "Matching..." modal first: computing a large cohort takes a moment). */
async function openMatchingPreview(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
  userId: string,
  programme: { id: string; name: string },
): Promise<void> {
  const opened = await client.views.open({
    trigger_id: triggerId,
    view: noticeModal('Matching preview', matchingProgressText(programme.name)),
  });
  const viewId = opened.view?.id;
  if (!viewId) return;
  const outcome = await currentOrNewDraft(deps.db, programme.id, userId, deps.clock.now());
  if (!outcome.ok) {
    await client.views.update({ view_id: viewId, view: noticeModal('Matching preview', outcome.message) });
    return;
  }
  await showPreview(deps, client, viewId, outcome.value.runId, 0);
}

function approvalText(outcome: ApproveOutcome): string {
  return outcome.ok ? approvedText(outcome.value) : outcome.message;
}

/** /rm-admin announce [programme]: approves the programme's current draft, as the preview's button does. */
async function handleAnnounceCommand(command: SlashCommand, args: string[], deps: ListenerDeps): Promise<CommandOutcome> {
  const meant = await programmeMeant(deps, command.user_id, args, 'announce');
  if (!meant.ok) return { reply: programmeNotSettledReply(meant, ['announce']) };
  const programme = meant.value;
  const run = await latestRunOf(deps.db, programme.id);
  if (!run) return { reply: ephemeral(noDraftYetText(programme.name)) };
  // A large cohort's approval writes thousands of rows: ack first, answer through the response_url.
  return {
    reply: ephemeral(approvingText(programme.name)),
    afterAckInBackground: true,
    afterAck: async () => {
      const outcome = await approveMatching(deps.db, run.id, command.user_id, deps.clock.now());
      await respondLater(command.response_url, approvalText(outcome), undefined, deps.config.slackTimeoutMs);
    },
  };
}

const editNotice = (outcome: EditOutcome): string | undefined => (outcome.ok ? undefined : outcome.message);

type Handler = (
  action: BlockAction,
  value: string,
  body: unknown,
  deps: ListenerDeps,
  client: WebClient,
  privately: (text: string) => Promise<void>,
) => Promise<void>;

const coordinatorHandlers: Record<string, Handler> = {
  [MATCH_ACTIONS.approve]: async (action, runId, body, deps, client) => {
    const outcome = await approveMatching(deps.db, runId, action.user.id, deps.clock.now());
    const state = readPreviewState(body);
    if (state) await showPreview(deps, client, state.viewId, runId, state.page, approvalText(outcome));
  },
  [MATCH_ACTIONS.rerun]: async (action, runId, body, deps, client) => {
    const outcome = await rerunDraft(deps.db, runId, action.user.id, deps.clock.now());
    const state = readPreviewState(body);
    if (!state) return;
    await showPreview(deps, client, state.viewId, outcome.ok ? outcome.value.runId : runId, 0, editNotice(outcome));
  },
  [MATCH_ACTIONS.swap]: async (action, runId, body, _deps, client) => {
    const state = readPreviewState(body);
    if (state)
      await client.views.push({ trigger_id: action.trigger_id, view: swapModal({ runId, previewViewId: state.viewId }) });
  },
  [MATCH_ACTIONS.pin]: async (action, runId, body, _deps, client) => {
    const state = readPreviewState(body);
    if (state) await client.views.push({ trigger_id: action.trigger_id, view: pinModal({ runId, previewViewId: state.viewId }) });
  },
  [MATCH_ACTIONS.pinPair]: async (_action, value, body, deps, client) => {
    const [runId = '', pairingId = ''] = value.split('|');
    const outcome = await togglePin(deps.db, runId, pairingId, deps.clock.now());
    const state = readPreviewState(body);
    if (state) await showPreview(deps, client, state.viewId, runId, state.page, editNotice(outcome));
  },
  [MATCH_ACTIONS.removePair]: async (_action, value, body, deps, client) => {
    const [runId = '', pairingId = ''] = value.split('|');
    const outcome = await removePair(deps.db, runId, pairingId, deps.clock.now());
    const state = readPreviewState(body);
    if (state) await showPreview(deps, client, state.viewId, runId, state.page, editNotice(outcome));
  },
  [MATCH_ACTIONS.next]: async (_action, page, body, deps, client) => {
    const state = readPreviewState(body);
    if (state) await showPreview(deps, client, state.viewId, state.runId, Number(page) || 0);
  },
  [MATCH_ACTIONS.previous]: async (_action, page, body, deps, client) => {
    const state = readPreviewState(body);
    if (state) await showPreview(deps, client, state.viewId, state.runId, Number(page) || 0);
  },
};

const notWorking: Handler = async (action, pairingId, _body, deps, _client, privately) => {
  const outcome = await requestRematch(deps, pairingId, action.user.id);
  await privately(outcome.ok ? rematchReplyText('requested') : outcome.message);
};

/** A coordinator's "Preview matching" on App Home: the same draft preview as /rm-admin match. */
const previewMatchingFromHome: ActionHandler = async (action, programmeId, deps, client) => {
  if (!(await isCoordinator(deps, action.user.id))) {
    await client.views.open({
      trigger_id: action.trigger_id,
      view: noticeModal('Coordinators only', coordinatorsOnlyPreviewText()),
    });
    return;
  }
  const programme = await programmeToPreview(deps.db, programmeId);
  if (!programme) return;
  const may = await mayCoordinateProgramme(deps, action.user.id, programme);
  if (!may.ok) {
    await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Not your programme', may.message) });
    return;
  }
  await openMatchingPreview(deps, client, action.trigger_id, action.user.id, programme);
};

/** Matching: /rm-admin match and announce, the preview's buttons and modals, "This isn't working". */
export function register({ routes, commands, deps }: Listeners): void {
  commands.admin('match', (command, args, client) => handleMatchCommand(command, args, deps, client));
  commands.admin('announce', (command, args) => handleAnnounceCommand(command, args, deps));
  onValueButtons(routes, deps, { [HOME_ACTIONS.previewMatching]: previewMatchingFromHome });
  registerRematchButton(routes, deps);
  const all: Record<string, { handler: Handler; coordinatorsOnly: boolean }> = {
    ...Object.fromEntries(Object.entries(coordinatorHandlers).map(([id, handler]) => [id, { handler, coordinatorsOnly: true }])),
    [MATCH_ACTIONS.notWorking]: { handler: notWorking, coordinatorsOnly: false },
  };
  onButtons(
    routes,
    deps,
    Object.keys(all),
    blockActionSchema,
    async (action, { actionId, body, client, respond }) => {
      const { handler, coordinatorsOnly } = all[actionId]!;
      const value = action.actions[0]?.value;
      if (value === undefined) return;
      if (coordinatorsOnly && !(await isCoordinator(deps, action.user.id))) {
        await client.views.open({
          trigger_id: action.trigger_id,
          view: noticeModal('Coordinators only', coordinatorsOnlyButtonText()),
        });
        return;
      }
      // Which programme: the run the preview shows, or the one the button names ("runId" or "runId|pairingId").
      const runId = readPreviewState(body)?.runId ?? value.split('|')[0] ?? '';
      if (coordinatorsOnly && !(await coordinatesRun(deps, action.user.id, runId))) {
        await client.views.open({
          trigger_id: action.trigger_id,
          view: noticeModal('Not your programme', notYourMatchingText()),
        });
        return;
      }
      // Only the person who pressed sees this (the response_url of a message button).
      const privately = async (text: string) =>
        void (await respond({ response_type: 'ephemeral', replace_original: false, text }));
      await handler(action, value, body, deps, client, privately);
    },
    'urgent',
  );
  for (const [callbackId, submit] of [
    [MATCH_SWAP_MODAL, submitSwap],
    [MATCH_PIN_MODAL, submitPin],
  ] as const) {
    routes.view(callbackId, async ({ ack, body, client }) => {
      const parsed = viewSubmissionSchema.safeParse(body);
      if (!parsed.success) {
        await ack(unreadableForm(callbackId === MATCH_SWAP_MODAL ? 'personA' : 'mentor'));
        return;
      }
      const result = await submit(
        parsed.data.user.id,
        parsed.data.view.private_metadata,
        new FormValues(parsed.data.view.state.values),
        deps,
      );
      await ack(result.ack);
      if (result.after) await showPreview(deps, client, result.after.previewViewId, result.after.runId, 0, result.after.notice);
    });
  }
}
