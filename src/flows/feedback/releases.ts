// Feedback reaches coordinators in releases of at least three answers from three people (docs/feedback.md,
// "Releases"): tried after every answer, and by each scheduler pass for whatever a failed or raced try left.
import type { Db } from '../../store/database.js';
import { programmesWithPendingFeedback, releaseCompleteBatches } from '../../store/feedbackReleases.js';

/** Releases the programme's complete batches, if any; returns how many answers became visible. */
export function releaseFeedback(db: Db, programmeId: string, now: Date): Promise<number> {
  return releaseCompleteBatches(db, programmeId, now);
}

/** Every programme's complete batches. */
export async function releasePendingFeedback(db: Db, now: Date): Promise<number> {
  let released = 0;
  for (const programmeId of await programmesWithPendingFeedback(db)) released += await releaseFeedback(db, programmeId, now);
  return released;
}
