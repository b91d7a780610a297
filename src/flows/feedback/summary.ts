import { summariseAnswers, type FeedbackSummary } from '../../domain/feedback.js';
import type { Db } from '../../store/database.js';
import { listProgrammeAnswers } from '../../store/feedback.js';

/** A programme's feedback as coordinators may see it: aggregates over enough people only, never a concern. */
export async function summariseFeedback(db: Db, programmeId: string): Promise<FeedbackSummary> {
  return summariseAnswers(await listProgrammeAnswers(db, programmeId));
}
