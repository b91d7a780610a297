import type { Db } from '../store/database.js';
import { runCheckIns, type CheckInReport } from '../flows/checkIns/index.js';
import { runFeedback, type FeedbackReport } from '../flows/feedback/index.js';
import { pruneProcessedEvents } from '../store/processedEvents.js';
import { resumeParticipantsDue } from '../store/participation.js';
import { runCoordinatorReminders } from '../flows/coordinatorReminders.js';
import { runDigests, type DigestReport } from '../flows/digest.js';

export interface TickDeps {
  db: Db;
  /** Coordinators from the configuration (RM_COORDINATORS), told about pairs at risk. */
  coordinators?: readonly string[];
}

export interface TickReport {
  at: string;
  resumedParticipants: number;
  prunedEvents: number;
  checkIns: CheckInReport;
  feedback: FeedbackReport;
  coordinatorReminders: number;
  digests: DigestReport;
}

/** Slack retries an event for at most about 5 minutes; a week of event ids is ample. */
const EVENT_ID_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One scheduler pass as of `now`: a function of the database and `now` only, so it is the same
 * whether node-cron calls it with the real clock or an operator runs `cli tick --now <time>`.
 * Each step is idempotent and safe to run on several replicas at once.
 */
export async function tick(deps: TickDeps, now: Date): Promise<TickReport> {
  const resumedParticipants = await resumeParticipantsDue(deps.db, now);
  const prunedEvents = await pruneProcessedEvents(deps.db, new Date(now.getTime() - EVENT_ID_RETENTION_MS));
  const checkIns = await runCheckIns(deps, now);
  const feedback = await runFeedback(deps.db, now);
  const coordinatorReminders = await runCoordinatorReminders(deps, now);
  const digests = await runDigests(deps, now);
  return { at: now.toISOString(), resumedParticipants, prunedEvents, checkIns, feedback, coordinatorReminders, digests };
}
