// /rm-admin edit [programme] and App Home's "Edit programme": the opening form, filled in; its submission.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { editProgramme, programmeEditForm } from '../../../flows/programmeEdit.js';
import { programmeMeant } from '../../../flows/programmes.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import { programmeEditModal } from '../../../messages/programmes/programmeEditModal.js';
import { readProgrammeEditForm } from '../../forms/programmeForm.js';
import { viewSubmissionSchema } from '../../forms/stateValues.js';
import type { SlashCommand } from '../../payloads.js';
import type { ActionHandler } from '../kit/buttons.js';
import { programmeNotSettledReply } from '../kit/programmeChoice.js';
import type { CommandOutcome } from '../kit/commands.js';
import type { ListenerDeps } from '../kit/deps.js';
import { inlineErrors, readPrivateMetadata, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

/** The edit modal for this programme, or a notice saying why not. */
async function openEditModal(deps: ListenerDeps, client: WebClient, triggerId: string, programmeId: string, userId: string) {
  const form = await programmeEditForm(deps, programmeId, userId);
  const view = form.ok ? programmeEditModal(form.value, form.value.state) : noticeModal('Edit programme', form.message);
  await client.views.open({ trigger_id: triggerId, view });
}

/** `/rm-admin edit [programme]`: the programme named (or the only one), then its form after the ack. */
export async function handleEditCommand(
  command: SlashCommand,
  args: string[],
  client: WebClient,
  deps: ListenerDeps,
): Promise<CommandOutcome> {
  const meant = await programmeMeant(deps, command.user_id, args, 'edit');
  if (!meant.ok) return { reply: programmeNotSettledReply(meant, ['edit']) };
  const programmeId = meant.value.id;
  return { afterAck: () => openEditModal(deps, client, command.trigger_id, programmeId, command.user_id) };
}

/** App Home's "Edit programme" button (its value is the programme's id). */
export const editProgrammeFromHome: ActionHandler = (action, programmeId, deps, client) =>
  openEditModal(deps, client, action.trigger_id, programmeId, action.user.id);

const editStateSchema = z.object({ programmeId: z.string().min(1), version: z.string().min(1) });

/** The submission: inline errors, or nothing (the modal closes); `saved` names whose Home to refresh. */
export async function submitProgrammeEdit(
  body: unknown,
  deps: ListenerDeps,
): Promise<{ ack: SubmissionAck; saved?: { editor: string; programmeId?: string; outsidersSeeIt?: boolean } }> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return { ack: unreadableForm('name') };
  const { user, view } = parsed.data;
  const state = readPrivateMetadata(editStateSchema, view.private_metadata);
  if (!state) return { ack: unreadableForm('name') };
  const form = readProgrammeEditForm(view.state.values);
  const outcome = await editProgramme(deps, { coordinatorId: user.id, viewId: view.id, state, form });
  if (outcome.ok) {
    // Only an edit that changed something concerns everyone's Home (a retry's first submission did that already).
    return {
      ack: undefined,
      saved: {
        editor: user.id,
        ...(outcome.value.changes > 0 ? { programmeId: state.programmeId, outsidersSeeIt: outcome.value.outsidersSeeIt } : {}),
      },
    };
  }
  return { ack: inlineErrors(outcome.reason === 'invalid' ? outcome.problems : { name: outcome.message }) };
}
