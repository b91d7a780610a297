// Matching, as coordinators and pairs live it: preview a draft, edit it, approve it; a pair asks for a rematch.
export {
  currentOrNewDraft,
  draftPreview,
  latestRunOf,
  programmeToPreview,
  programmesToMatch,
  type DraftOutcome,
  type DraftRefusal,
} from './drafts.js';
export { pinPair, removePair, rerunDraft, swapPeople, togglePin, type EditOutcome } from './edits.js';
export { approveMatching, type ApproveOutcome } from './approval.js';
export { requestRematch, type RematchOutcome } from './rematch.js';
