// What a coordinator or a pair reads when a matching action is done or refused: one function per refusal reason.
import { isPrivateConstraint, PAIR_CANNOT_BE_MADE, type EditRefusal, type SwapProblem } from '../../domain/matching/index.js';
import { escapeText } from '../common/text.js';

/** Why a run can no longer be changed or approved. */
export type RunState = 'missing' | 'approved' | 'superseded';

/** In a modal the coordinator closes first; in the preview itself they can run the command again. */
export function runStateText(state: RunState, where: 'preview' | 'modal' = 'preview'): string {
  switch (state) {
    case 'approved':
      return 'This matching is already approved: it can no longer change.';
    case 'superseded':
      return where === 'modal'
        ? 'A newer draft replaced this one. Close this and run /rm-admin match again.'
        : 'A newer draft replaced this one. Run `/rm-admin match` again.';
    default:
      return 'This draft no longer exists.';
  }
}

export const programmeGoneText = (): string => 'The programme no longer exists.';

export const pinErrorsText = (errors: readonly { message: string }[]): string =>
  escapeText(errors.map((e) => e.message).join('; '));

function swapProblemText(p: SwapProblem): string {
  switch (p.kind) {
    case 'paused':
      return `${escapeText(p.mentor)} - ${escapeText(p.mentee)}: one of them is paused`;
    case 'constraint':
      if (isPrivateConstraint(p.constraint)) return `${escapeText(p.mentor)} - ${escapeText(p.mentee)}: ${PAIR_CANNOT_BE_MADE}`;
      return `${escapeText(p.mentor)} - ${escapeText(p.mentee)} breaks a hard constraint (${p.constraint}): ${escapeText(p.message)}`;
    case 'capacity':
      return `${escapeText(p.name)} can take ${p.capacity} mentee(s), not ${p.count}`;
  }
}

export function editRefusalText(r: EditRefusal): string {
  switch (r.reason) {
    case 'not_a_mentor':
      return `<@${r.slackUserId}> is not an active mentor in this programme.`;
    case 'not_a_mentee':
      return `<@${r.slackUserId}> is not an active mentee in this programme.`;
    case 'already_paired':
      return `<@${r.slackUserId}> already has a mentor.`;
    case 'same_person':
      return 'Choose two different people.';
    case 'not_in_draft':
      return `<@${r.slackUserId}> is not in this programme's draft.`;
    case 'different_roles':
      return `<@${r.a.slackUserId}> is a ${r.a.role} and <@${r.b.slackUserId}> is a ${r.b.role}: swap two mentors or two mentees.`;
    case 'no_partners':
      return 'Neither of them has a partner in this draft.';
    case 'swap_breaks_rules':
      return `Swap refused: ${r.problems.map(swapProblemText).join('; ')}.`;
  }
}

export type ApprovalRefusal = 'missing' | 'stale' | 'superseded' | 'already_approved';

export function approvedText(done: { pairs: number; waitlisted: number }): string {
  return `Approved. ${done.pairs} pair${done.pairs === 1 ? '' : 's'} will be introduced in a group DM, and ${done.waitlisted} ${done.waitlisted === 1 ? 'person is' : 'people are'} told kindly that they are on the waitlist.`;
}

/** `by`: who approved it first (reason already_approved). */
export function approvalRefusalText(reason: ApprovalRefusal, by?: string | null): string {
  switch (reason) {
    case 'already_approved':
      return `This matching was already approved${by ? ` by <@${by}>` : ''}; nothing was sent twice.`;
    case 'stale':
      return 'Profiles changed since this draft was computed, so it was not approved and nobody was told. Press Re-run (or run `/rm-admin match` again) and check the new draft.';
    case 'superseded':
      return 'A newer draft replaced this one, so it was not approved. Run `/rm-admin match` to see the current draft.';
    default:
      return 'There is no draft to approve. Run `/rm-admin match` first.';
  }
}

export const noDraftYetText = (programmeName: string): string =>
  `There is no draft for *${escapeText(programmeName)}* yet. Run \`/rm-admin match\` first.`;
export const approvingText = (programmeName: string): string => `Approving the matching of *${escapeText(programmeName)}*...`;
export const matchingProgressText = (programmeName: string): string => `Matching *${escapeText(programmeName)}*...`;
export const draftGoneText = (): string => 'This draft no longer exists. Run `/rm-admin match` again.';

export type RematchRefusal = 'already' | 'not_member';

export function rematchReplyText(outcome: 'requested' | RematchRefusal): string {
  switch (outcome) {
    case 'not_member':
      return 'Only the two people of this pair can ask for that.';
    case 'already':
      return 'The coordinators already know; they will be in touch.';
    default:
      return 'Thank you for telling us. Only the programme coordinators are told; they will find a better match, and nobody is told anything before they approve it.';
  }
}

export const swappedText = (a: string, b: string): string => `Swapped <@${a}> and <@${b}>.`;
export const pinnedText = (mentor: string, mentee: string): string =>
  `Pinned <@${mentor}> with <@${mentee}>; everyone else was matched again around them.`;
export const coordinatorsOnlyEditText = (): string => 'Only programme coordinators can change a matching.';
export const coordinatorsOnlyButtonText = (): string =>
  'Only programme coordinators can change or approve a matching. Nothing was changed.';
export const coordinatorsOnlyPreviewText = (): string => 'Only programme coordinators can preview a matching.';
export const choosePersonText = (): string => 'Choose a person.';
