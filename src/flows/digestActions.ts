// The weekly digest's buttons (docs/coordinators.md, "The weekly digest"): nudge a pair at risk again, pause it,
// offer a rematch, open someone's profile. Each checks who pressed (a coordinator of that programme) and that what
// it was offered for still holds; a second press finds it handled and changes nothing.
import type { Clock } from '../core/clock.js';
import { formatDate, isoDateOf, localDate } from '../core/localDate.js';
import { done, refused, type Outcome } from '../core/outcome.js';
import { firstMomentForAll } from '../domain/delivery.js';
import { receiversOf } from '../domain/schedule/index.js';
import { nudgeMessage, pairTarget, pausedNote, type PairPeople } from '../messages/checkIns.js';
import {
  digestRefusalText,
  nudgedAgainText,
  nudgeWithoutCheckInText,
  pausedPairText,
  type DigestActionRefusal,
  type ProfileView,
} from '../messages/digestReplies.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import { rematchedText } from '../messages/participation/rematchOffer.js';
import { setPairingStatus } from '../store/checkIns.js';
import { outboxKeyExists, pairForAction, profileOf } from '../store/digest.js';
import { enqueueMessages } from '../store/outbox.js';
import { rematchPerson } from './matching/rematch.js';
import type { CoordinatorDeps } from './coordinators.js';
import { coordinatesProgramme } from './digestAudience.js';

/** The pair's group DM is read by both; the mentee's clock first (firstMomentForAll). */
const zonesOf = (p: Parameters<typeof receiversOf>[0]): string[] => {
  const r = receiversOf(p);
  return [r.menteeZone, r.mentorZone];
};

export interface DigestActionDeps extends CoordinatorDeps {
  clock: Clock;
}

/** What the coordinator reads: what was done, or why nothing was. */
export type DigestActionOutcome = Outcome<string, DigestActionRefusal | string>;

const refuse = (reason: DigestActionRefusal, programmeName?: string) => refused(reason, digestRefusalText(reason, programmeName));

type Pair = NonNullable<Awaited<ReturnType<typeof pairForAction>>>;

const peopleOf = (p: Pair): PairPeople => ({
  pairingId: p.id,
  programmeName: p.programme.name,
  mentor: p.mentor,
  mentee: p.mentee,
  groupChannelId: p.groupChannelId,
});

/** The pairing, when the one who pressed coordinates its programme. */
async function pairFor(deps: DigestActionDeps, pairingId: string, clicker: string): Promise<Outcome<Pair, DigestActionRefusal>> {
  const p = await pairForAction(deps.db, pairingId);
  if (!p) return refuse('gone');
  if (!(await coordinatesProgramme(deps, p.programmeId, clicker))) return refuse('not_coordinator', p.programme.name);
  return done(p);
}

const bothActive = (p: Pair) => p.status === 'active' && p.mentor.status === 'active' && p.mentee.status === 'active';

/** One more nudge for a pair at risk, in their working hours: once per time the pair was flagged. */
export async function nudgeAgain(
  deps: DigestActionDeps,
  v: { pairingId: string; flaggedAt: number },
  clicker: string,
): Promise<DigestActionOutcome> {
  const found = await pairFor(deps, v.pairingId, clicker);
  if (!found.ok) return found;
  const p = found.value;
  if (!bothActive(p) || p.atRiskFlaggedAt?.getTime() !== v.flaggedAt) return refuse('no_longer_at_risk');
  const key = `digest-nudge:${p.id}:${v.flaggedAt}`;
  if (await outboxKeyExists(deps.db, key)) return refuse('already_nudged');
  const notBefore = firstMomentForAll(deps.clock.now(), zonesOf(p));
  const people = peopleOf(p);
  const open = p.checkIns[0];
  const message: OutgoingMessage = open
    ? {
        ...nudgeMessage({
          ...people,
          checkInId: open.id,
          sequence: open.sequence,
          dueDate: isoDateOf(open.dueAt),
          scheduledFor: open.scheduledFor ? isoDateOf(open.scheduledFor) : null,
          n: 2,
          notBefore,
        }),
        idempotencyKey: key,
        kind: 'checkin.coordinator_nudge',
      }
    : {
        idempotencyKey: key,
        kind: 'checkin.coordinator_nudge',
        to: pairTarget(people)!,
        text: nudgeWithoutCheckInText(p.mentor.slackUserId, p.mentee.slackUserId, p.programme.name),
        notBefore,
        metadata: { pairing_id: p.id, planned_at: notBefore.toISOString() },
      };
  await enqueueMessages(deps.db, [message]);
  const when =
    notBefore.getTime() > deps.clock.now().getTime()
      ? `on ${formatDate(localDate(notBefore, p.mentee.timezone))}, in their working hours`
      : 'now';
  return done(nudgedAgainText(p.mentor.slackUserId, p.mentee.slackUserId, when));
}

/** Pauses a running pair's check-ins (as their own Pause button does); the pair is told in their working hours. */
export async function pausePair(deps: DigestActionDeps, pairingId: string, clicker: string): Promise<DigestActionOutcome> {
  const found = await pairFor(deps, pairingId, clicker);
  if (!found.ok) return found;
  const p = found.value;
  if (p.status !== 'active') return refuse('not_running');
  const now = deps.clock.now();
  const notBefore = firstMomentForAll(now, zonesOf(p));
  const notes = pausedNote(peopleOf(p), clicker, `digest-${now.getTime()}`).map((m) => ({ ...m, notBefore }));
  if (!(await setPairingStatus(deps.db, p.id, 'active', 'paused', notes, now))) return refuse('not_running');
  return done(pausedPairText(p.mentor.slackUserId, p.mentee.slackUserId));
}

/** The existing rematch for someone of a pair waiting for one (src/flows/matching/rematch.ts checks the rest). */
export async function offerRematch(
  deps: DigestActionDeps,
  v: { participantId: string; pairingId: string },
  clicker: string,
): Promise<DigestActionOutcome> {
  const found = await pairFor(deps, v.pairingId, clicker);
  if (!found.ok) return found;
  const p = found.value;
  if (p.mentorId !== v.participantId && p.menteeId !== v.participantId) return refuse('gone', p.programme.name);
  if (p.status !== 'paused') return refuse('not_waiting');
  const outcome = await rematchPerson(deps, v.participantId, clicker);
  return outcome.ok ? done(rematchedText(outcome.value)) : outcome;
}

/** A participant's profile as a coordinator of their programme may see it (never feedback). */
export async function profileFor(
  deps: DigestActionDeps,
  participantId: string,
  clicker: string,
): Promise<Outcome<ProfileView, DigestActionRefusal>> {
  const p = await profileOf(deps.db, participantId);
  if (!p) return refuse('gone');
  if (!(await coordinatesProgramme(deps, p.programmeId, clicker))) return refuse('not_coordinator', p.programme.name);
  if (p.erasedAt) return refuse('erased');
  const label = new Map(p.programme.topics.map((t) => [t.key, t.label]));
  const topics = (kind: string) => p.topics.filter((t) => t.kind === kind).map((t) => label.get(t.topicKey) ?? t.topicKey);
  return done({
    slackUserId: p.slackUserId,
    displayName: p.displayName,
    title: p.title,
    programmeName: p.programme.name,
    role: p.role,
    status: p.status,
    ...(p.pausedUntil ? { pausedUntil: localDate(p.pausedUntil, p.timezone) } : {}),
    ...(p.leftAt ? { leftOn: localDate(p.leftAt, p.timezone) } : {}),
    department: p.department,
    seniorityLevel: p.seniorityLevel,
    careerStage: p.careerStage,
    generation: p.generation,
    meetingPreference: p.meetingPreference,
    timezone: p.timezone,
    capacity: p.capacity,
    teaches: topics('teach'),
    learns: topics('learn'),
    goals: p.goals,
  });
}
