// Reminders of a coordinator's own next step, a step of the scheduler pass (docs/coordinators.md, "Reminders"):
// signup has closed, a draft matching has waited two working days, the programme ends soon. Each goes once per
// programme (or draft) and coordinator (its outbox key), in the coordinator's working hours.
import { isoDateOf, localDate } from '../core/localDate.js';
import { afterWorkingDays, DRAFT_WAIT_WORKING_DAYS, endsSoon } from '../domain/digest.js';
import { firstWorkingMoment } from '../domain/delivery.js';
import { isOver, programmePhase } from '../domain/programmes.js';
import { draftWaitingReminder, endingSoonReminder, signupClosedReminder, type ReminderTo } from '../messages/digestReminders.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import type { Db } from '../store/database.js';
import {
  outboxKeyExists,
  runningProgrammes,
  signupCounts,
  waitingDraft,
  wasMatched,
  type RunningProgramme,
} from '../store/digest.js';
import { enqueueMessages } from '../store/outbox.js';
import { coordinatorsOf, coordinatorZone } from './digestAudience.js';

export interface CoordinatorPassDeps {
  db: Db;
  /** Coordinators from the configuration (RM_COORDINATORS); those added in Slack are read too. */
  coordinators?: readonly string[];
}

export const audienceOf = (deps: CoordinatorPassDeps) => ({
  db: deps.db,
  config: { coordinators: [...(deps.coordinators ?? [])] },
});

type Reminder = (to: ReminderTo) => OutgoingMessage;

/** The reminders programme `p` calls for as of `now`, before choosing their receivers. */
async function remindersFor(db: Db, p: RunningProgramme, now: Date): Promise<Reminder[]> {
  const today = localDate(now, p.timezone);
  const phase = programmePhase(p, today);
  if (isOver(phase)) return [];
  const due: Reminder[] = [];
  if (phase !== 'signup_open' && !(await wasMatched(db, p.id))) {
    const counts = await signupCounts(db, p.id);
    due.push((to) => signupClosedReminder(to, counts));
  }
  const draft = await waitingDraft(db, p.id);
  if (draft && now >= afterWorkingDays(draft.createdAt, DRAFT_WAIT_WORKING_DAYS, p.timezone)) {
    due.push((to) => draftWaitingReminder(to, { runId: draft.id, createdAt: draft.createdAt }));
  }
  const endDate = isoDateOf(p.endDate);
  if (phase === 'running' && endsSoon(endDate, today)) due.push((to) => endingSoonReminder(to, endDate));
  return due;
}

/** Writes every reminder that is due and not yet written; returns how many it wrote. */
export async function runCoordinatorReminders(deps: CoordinatorPassDeps, now: Date): Promise<number> {
  let written = 0;
  for (const p of await runningProgrammes(deps.db)) {
    const due = await remindersFor(deps.db, p, now);
    if (due.length === 0) continue;
    for (const coordinator of await coordinatorsOf(audienceOf(deps), p.id)) {
      const zone = await coordinatorZone(audienceOf(deps), p, coordinator);
      const to = { programmeId: p.id, programmeName: p.name, coordinator, zone, notBefore: firstWorkingMoment(now, zone) };
      for (const make of due) {
        const message = make(to);
        if (await outboxKeyExists(deps.db, message.idempotencyKey)) continue;
        await enqueueMessages(deps.db, [message]);
        written++;
      }
    }
  }
  return written;
}
