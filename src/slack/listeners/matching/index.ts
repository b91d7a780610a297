import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { listCoordinators } from '../../../store/coordinators.js';
import { findProgramme } from '../../../store/programmes.js';
import { HOME_ACTIONS } from '../../../messages/home.js';
import { isCoordinator } from '../kit/guards.js';
import type { Listeners } from '../kit/registry.js';
import {
  approveDraft,
  currentOrNewDraft,
  latestRun,
  loadDraftPreview,
  removePair,
  requestRematch,
  rerunDraft,
  togglePin,
  type ApproveOutcome,
  type EditOutcome,
} from '../../../store/matching.js';
import type { ListenerDeps } from '../kit/deps.js';
import { respondLater } from '../../respond.js';
import { onButtons, onValueButtons, type ActionHandler } from '../kit/buttons.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import { blockActionSchema, type BlockAction, type SlashCommand } from '../../payloads.js';
import { ephemeral } from '../../../messages/common/commandReplies.js';
import { pickProgramme } from '../kit/pickProgramme.js';
import { MATCH_PIN_MODAL, MATCH_SWAP_MODAL, pinModal, swapModal } from '../../../messages/matching/editModals.js';
import { approvalMessages, rematchRequestNotices } from '../../../messages/matching/messages.js';
import { MATCH_ACTIONS, previewModal } from '../../../messages/matching/preview.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import type { CommandOutcome } from '../kit/commands.js';
import { unreadableForm } from '../kit/submissions.js';
import { submitPin, submitSwap } from './edits.js';

const previewStateSchema = z.object({ runId: z.string().min(1), page: z.number().int().min(0) });
const viewMetaSchema = z.object({ view: z.object({ id: z.string(), private_metadata: z.string().default('') }) });

function readPreviewState(body: unknown): { viewId: string; runId: string; page: number } | null {
  const parsed = viewMetaSchema.safeParse(body);
  if (!parsed.success) return null;
  try {
    const state = previewStateSchema.parse(JSON.parse(parsed.data.view.private_metadata));
    return { viewId: parsed.data.view.id, ...state };
  } catch {
    return null;
  }
}

async function showPreview(deps: ListenerDeps, client: WebClient, viewId: string, runId: string, page: number, notice?: string): Promise<void> {
  const preview = await loadDraftPreview(deps.db, runId);
  const view = preview ? previewModal(preview, page, notice) : noticeModal('Matching preview', 'This draft no longer exists. Run `/rm-admin match` again.');
  await client.views.update({ view_id: viewId, view });
}

/** /rm-admin match [programme]: the draft (the current one when still up to date) in a modal for the coordinator. */
async function handleMatchCommand(command: SlashCommand, args: string[], deps: ListenerDeps, client: WebClient): Promise<CommandOutcome> {
  const programme = await pickProgramme(deps, args, 'match');
  if ('reply' in programme) return { reply: programme.reply };
  return { afterAck: () => openMatchingPreview(deps, client, command.trigger_id, command.user_id, programme) };
}

/** Opens the draft preview (a "Matching..." modal first: computing a large cohort takes a moment). */
export async function openMatchingPreview(deps: ListenerDeps, client: WebClient, triggerId: string, userId: string, programme: { id: string; name: string }): Promise<void> {
  const opened = await client.views.open({ trigger_id: triggerId, view: noticeModal('Matching preview', `Matching *${programme.name}*...`) });
  const viewId = opened.view?.id;
  if (!viewId) return;
  const outcome = await currentOrNewDraft(deps.db, programme.id, userId, deps.clock.now());
  if (!outcome.ok) {
    const why = 'pinErrors' in outcome ? outcome.pinErrors.map((e) => e.message).join('; ') : 'The programme no longer exists.';
    await client.views.update({ view_id: viewId, view: noticeModal('Matching preview', why) });
    return;
  }
  await showPreview(deps, client, viewId, outcome.runId, 0);
}

export function approvalText(outcome: ApproveOutcome): string {
  if (outcome.ok) {
    return `Approved. ${outcome.pairs} pair${outcome.pairs === 1 ? '' : 's'} will be introduced in a group DM, and ${outcome.waitlisted} ${outcome.waitlisted === 1 ? 'person is' : 'people are'} told kindly that they are on the waitlist.`;
  }
  switch (outcome.reason) {
    case 'already_approved':
      return `This matching was already approved${outcome.by ? ` by <@${outcome.by}>` : ''}; nothing was sent twice.`;
    case 'stale':
      return 'Profiles changed since this draft was computed, so it was not approved and nobody was told. Press Re-run (or run `/rm-admin match` again) and check the new draft.';
    case 'superseded':
      return 'A newer draft replaced this one, so it was not approved. Run `/rm-admin match` to see the current draft.';
    default:
      return 'There is no draft to approve. Run `/rm-admin match` first.';
  }
}

/** /rm-admin announce [programme]: approves the programme's current draft, as the preview's button does. */
async function handleAnnounceCommand(command: SlashCommand, args: string[], deps: ListenerDeps): Promise<CommandOutcome> {
  const programme = await pickProgramme(deps, args, 'announce');
  if ('reply' in programme) return { reply: programme.reply };
  const run = await latestRun(deps.db, programme.id);
  if (!run) return { reply: ephemeral(`There is no draft for *${programme.name}* yet. Run \`/rm-admin match\` first.`) };
  // A large cohort's approval writes thousands of rows: ack first, answer through the response_url.
  return {
    reply: ephemeral(`Approving the matching of *${programme.name}*...`),
    afterAckInBackground: true,
    afterAck: async () => {
      const now = deps.clock.now();
      const outcome = await approveDraft(deps.db, run.id, command.user_id, now, approvalMessages(now));
      await respondLater(command.response_url, approvalText(outcome));
    },
  };
}

function editNotice(outcome: EditOutcome): string | undefined {
  if (outcome.ok) return undefined;
  if ('notDraft' in outcome) return outcome.notDraft === 'approved' ? 'This matching is already approved: it can no longer change.' : 'A newer draft replaced this one. Run `/rm-admin match` again.';
  if ('refused' in outcome) return outcome.refused;
  if ('pinErrors' in outcome) return outcome.pinErrors.map((e) => e.message).join('; ');
  return 'This draft no longer exists.';
}

type Handler = (action: BlockAction, value: string, body: unknown, deps: ListenerDeps, client: WebClient, privately: (text: string) => Promise<void>) => Promise<void>;

const coordinatorHandlers: Record<string, Handler> = {
  [MATCH_ACTIONS.approve]: async (action, runId, body, deps, client) => {
    const now = deps.clock.now();
    const outcome = await approveDraft(deps.db, runId, action.user.id, now, approvalMessages(now));
    const state = readPreviewState(body);
    if (state) await showPreview(deps, client, state.viewId, runId, state.page, approvalText(outcome));
  },
  [MATCH_ACTIONS.rerun]: async (action, runId, body, deps, client) => {
    const outcome = await rerunDraft(deps.db, runId, action.user.id, deps.clock.now());
    const state = readPreviewState(body);
    if (!state) return;
    await showPreview(deps, client, state.viewId, outcome.ok ? outcome.runId : runId, 0, editNotice(outcome));
  },
  [MATCH_ACTIONS.swap]: async (action, runId, body, _deps, client) => {
    const state = readPreviewState(body);
    if (state) await client.views.push({ trigger_id: action.trigger_id, view: swapModal({ runId, previewViewId: state.viewId }) });
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
  const coordinators = await listCoordinators(deps.db, deps.config.coordinators);
  const outcome = await requestRematch(deps.db, pairingId, action.user.id, rematchRequestNotices(coordinators));
  const text =
    outcome === 'not_member'
      ? 'Only the two people of this pair can ask for that.'
      : outcome === 'already'
        ? 'The coordinators already know; they will be in touch.'
        : 'Thank you for telling us. Only the programme coordinators are told; they will find a better match, and nobody is told anything before they approve it.';
  await privately(text);
};

/** Buttons and modals of the matching (ack first, parse with zod, then the work). */
/** A coordinator's "Preview matching" on App Home: the same draft preview as /rm-admin match. */
const previewMatchingFromHome: ActionHandler = async (action, programmeId, deps, client) => {
  if (!(await isCoordinator(deps, action.user.id))) {
    await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Coordinators only', 'Only programme coordinators can preview a matching.') });
    return;
  }
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme) return;
  await openMatchingPreview(deps, client, action.trigger_id, action.user.id, programme);
};

/** Matching: /rm-admin match and announce, the preview's buttons and modals, "This isn't working". */
export function register({ routes, commands, deps }: Listeners): void {
  commands.admin('match', (command, args, client) => handleMatchCommand(command, args, deps, client));
  commands.admin('announce', (command, args) => handleAnnounceCommand(command, args, deps));
  onValueButtons(routes, deps, { [HOME_ACTIONS.previewMatching]: previewMatchingFromHome });
  const all: Record<string, { handler: Handler; coordinatorsOnly: boolean }> = {
    ...Object.fromEntries(Object.entries(coordinatorHandlers).map(([id, handler]) => [id, { handler, coordinatorsOnly: true }])),
    [MATCH_ACTIONS.notWorking]: { handler: notWorking, coordinatorsOnly: false },
  };
  onButtons(routes, deps, Object.keys(all), blockActionSchema, async (action, { actionId, body, client, respond }) => {
    const { handler, coordinatorsOnly } = all[actionId]!;
    const value = action.actions[0]?.value;
    if (value === undefined) return;
    if (coordinatorsOnly && !(await isCoordinator(deps, action.user.id))) {
      await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Coordinators only', 'Only programme coordinators can change or approve a matching. Nothing was changed.') });
      return;
    }
    // Only the person who pressed sees this (the response_url of a message button).
    const privately = async (text: string) => void (await respond({ response_type: 'ephemeral', replace_original: false, text }));
    await handler(action, value, body, deps, client, privately);
  }, 'urgent');
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
      const result = await submit(parsed.data.user.id, parsed.data.view.private_metadata, new FormValues(parsed.data.view.state.values), deps);
      await ack(result.ack);
      if (result.after) await showPreview(deps, client, result.after.previewViewId, result.after.runId, 0, result.after.notice);
    });
  }
}
