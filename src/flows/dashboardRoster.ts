// The dashboard's roster (docs/dashboard.md, "Roster"): a programme's people, searched, filtered, sorted and
// paged; and what a coordinator may do to one of them (pause, withdraw, offer a rematch), with the same rules,
// writes and notices as the Slack side, in one transaction each.
import { isoDateOf, localDate } from '../core/localDate.js';
import { done, refused, type Outcome } from '../core/outcome.js';
import { REMATCH_REQUESTED } from '../domain/matching/index.js';
import { acceptsParticipantChanges, programmePhase } from '../domain/programmes.js';
import { PAUSABLE_STATUSES, pauseDateProblem, pauseEndsAt, suggestedPauseEnd } from '../domain/participation.js';
import {
  pausedByCoordinatorNotice,
  rosterRefusalText,
  withdrawnByCoordinatorNotice,
  type RosterRefusal,
} from '../messages/dashboard.js';
import { partnerLeftNotices, participationEndedNotices } from '../messages/participation/notices.js';
import type { Clock } from '../core/clock.js';
import { inTransaction, type Db } from '../store/database.js';
import { participantWithPairings, pauseParticipation, rosterRecords, type RosterRecords } from '../store/dashboard.js';
import { enqueueMessage } from '../store/outbox.js';
import { asNotice, noticeTimer } from './delivery.js';
import { endParticipation } from '../store/participation.js';
import { findProgramme } from '../store/programmes.js';
import { coordinates, coordinatorsOfProgramme, type CoordinatorDeps } from './coordinators.js';
import { rematchPerson, type Rematched } from './matching/rematch.js';

export const ROSTER_PAGE_SIZE = 100;
export const ROSTER_SORTS = ['name', 'role', 'status', 'department', 'timezone', 'seniority', 'joined'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

export interface RosterQuery {
  q: string;
  role: string;
  status: string;
  department: string;
  timezone: string;
  sort: RosterSort;
  dir: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_ROSTER_QUERY: RosterQuery = {
  q: '',
  role: '',
  status: '',
  department: '',
  timezone: '',
  sort: 'name',
  dir: 'asc',
  page: 1,
};

export interface RosterPartner {
  pairingId: string;
  name: string;
  slackUserId: string;
  /** active, or paused (a rematch was asked for, or the partner left) */
  status: string;
  rematchRequested: boolean;
}

export interface RosterRow {
  participantId: string;
  slackUserId: string;
  name: string;
  title: string;
  role: 'mentor' | 'mentee';
  status: string;
  pausedUntil: string | null;
  department: string;
  timezone: string;
  seniorityLevel: number;
  joined: string;
  partners: RosterPartner[];
}

export interface RosterView {
  programme: { id: string; name: string; status: string; endDate: string };
  /** participations may still change (pause, withdraw, rematch): the programme has not ended */
  changesAllowed: boolean;
  rows: RosterRow[];
  /** people in the programme (not erased) */
  total: number;
  /** people the filters keep */
  matching: number;
  page: number;
  pages: number;
  departments: string[];
  timezones: string[];
}

function rowsOf(records: RosterRecords): RosterRow[] {
  const byId = new Map(records.people.map((p) => [p.id, p] as const));
  const partners = new Map<string, RosterPartner[]>();
  for (const pairing of records.pairings) {
    for (const [me, other] of [
      [pairing.mentorId, pairing.menteeId],
      [pairing.menteeId, pairing.mentorId],
    ] as const) {
      const partner = byId.get(other);
      const list = partners.get(me) ?? [];
      list.push({
        pairingId: pairing.id,
        name: partner ? partner.displayName || partner.slackUserId : 'someone who deleted their data',
        slackUserId: partner?.slackUserId ?? '',
        status: pairing.status,
        rematchRequested: pairing.endReason === REMATCH_REQUESTED,
      });
      partners.set(me, list);
    }
  }
  return records.people.map((p) => ({
    participantId: p.id,
    slackUserId: p.slackUserId,
    name: p.displayName || p.slackUserId,
    title: p.title,
    role: p.role === 'mentor' ? 'mentor' : 'mentee',
    status: p.status,
    pausedUntil: p.pausedUntil ? localDate(p.pausedUntil, p.timezone) : null, // stored as the instant that day begins there
    department: p.department,
    timezone: p.timezone,
    seniorityLevel: p.seniorityLevel,
    joined: p.createdAt.toISOString(),
    partners: partners.get(p.id) ?? [],
  }));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const SORT_KEYS: Record<RosterSort, (r: RosterRow) => string | number> = {
  name: (r) => r.name,
  role: (r) => r.role,
  status: (r) => r.status,
  department: (r) => r.department,
  timezone: (r) => r.timezone,
  seniority: (r) => r.seniorityLevel,
  joined: (r) => r.joined,
};

/** Keeps the rows the query's filters and search words match, sorted (then by name), whole. Pure. */
export function filterRoster(rows: RosterRow[], q: RosterQuery): RosterRow[] {
  const words = folded(q.q).split(/\s+/).filter(Boolean);
  const kept = rows.filter(
    (r) =>
      (!q.role || r.role === q.role) &&
      (!q.status || r.status === q.status) &&
      (!q.department || r.department === q.department) &&
      (!q.timezone || r.timezone === q.timezone) &&
      words.every((w) => folded(`${r.name} ${r.title} ${r.department} ${r.slackUserId}`).includes(w)),
  );
  const key = SORT_KEYS[q.sort];
  const sign = q.dir === 'desc' ? -1 : 1;
  return kept.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const by = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * by || collator.compare(a.name, b.name) || a.participantId.localeCompare(b.participantId);
  });
}

const distinct = (values: string[]) => [...new Set(values.filter((v) => v.trim() !== ''))].sort(collator.compare);

/** One page of a programme's roster; null when there is no such programme. */
export async function rosterView(
  deps: { db: Db },
  programmeId: string,
  query: RosterQuery,
  now: Date,
): Promise<RosterView | null> {
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme) return null;
  const rows = rowsOf(await rosterRecords(deps.db, programmeId));
  const kept = filterRoster(rows, query);
  const pages = Math.max(1, Math.ceil(kept.length / ROSTER_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  return {
    programme: { id: programme.id, name: programme.name, status: programme.status, endDate: isoDateOf(programme.endDate) },
    changesAllowed: acceptsParticipantChanges(programmePhase(programme, localDate(now, programme.timezone))),
    rows: kept.slice((page - 1) * ROSTER_PAGE_SIZE, page * ROSTER_PAGE_SIZE),
    total: rows.length,
    matching: kept.length,
    page,
    pages,
    departments: distinct(rows.map((r) => r.department)),
    timezones: distinct(rows.map((r) => r.timezone)),
  };
}

// ---- A coordinator's actions on one person ----

export interface RosterActionDeps extends CoordinatorDeps {
  clock: Clock;
}

export interface RosterTarget {
  programmeId: string;
  participantId: string;
  /** the coordinator acting */
  by: string;
}

export type RosterOutcome<T = void> = Outcome<T, RosterRefusal>;

const refuse = (reason: RosterRefusal, programmeEnd?: string) => refused(reason, rosterRefusalText(reason, programmeEnd));

/** The person the action is about, checked: a coordinator acts, on someone of this programme who has not erased their data. */
async function target(deps: RosterActionDeps, t: RosterTarget) {
  if (!(await coordinates(deps, t.by, t.programmeId))) return refuse('not_coordinator');
  const p = await participantWithPairings(deps.db, t.participantId);
  if (!p || p.programmeId !== t.programmeId || p.erasedAt) return refuse('missing');
  return done(p);
}

export interface PersonToConfirm {
  participantId: string;
  slackUserId: string;
  name: string;
  role: string;
  status: string;
  programmeName: string;
  /** the day a pause form suggests (the person's calendar) */
  suggestedPauseEnd: string;
  programmeEnd: string;
  activePartners: { pairingId: string; name: string }[];
}

/** What a confirmation page shows about the person an action is about. */
export async function personToConfirm(deps: RosterActionDeps, t: RosterTarget): Promise<RosterOutcome<PersonToConfirm>> {
  const found = await target(deps, t);
  if (!found.ok) return found;
  const p = found.value;
  const partners = [
    ...p.mentorPairings.map((x) => ({ x, partner: x.mentee })),
    ...p.menteePairings.map((x) => ({ x, partner: x.mentor })),
  ];
  return done({
    participantId: p.id,
    slackUserId: p.slackUserId,
    name: p.displayName || p.slackUserId,
    role: p.role,
    status: p.status,
    programmeName: p.programme.name,
    suggestedPauseEnd: suggestedPauseEnd(localDate(deps.clock.now(), p.timezone)),
    programmeEnd: isoDateOf(p.programme.endDate),
    activePartners: partners
      .filter(({ x }) => x.status === 'active')
      .map(({ x, partner }) => ({ pairingId: x.id, name: partner.displayName || partner.slackUserId })),
  });
}

/** Pauses someone until a day of their calendar (the Slack pause's date rules); they are told, once per day chosen. */
export async function pauseParticipant(
  deps: RosterActionDeps,
  t: RosterTarget,
  until: string | undefined,
): Promise<RosterOutcome> {
  const found = await target(deps, t);
  if (!found.ok) return found;
  const p = found.value;
  const now = deps.clock.now();
  if (!PAUSABLE_STATUSES.includes(p.status)) return refuse('not_active');
  if (!acceptsParticipantChanges(programmePhase(p.programme, localDate(now, p.programme.timezone))))
    return refuse('programme_over');
  const programmeEnd = isoDateOf(p.programme.endDate);
  const problem = pauseDateProblem(until, localDate(now, p.timezone), programmeEnd);
  if (problem) return refuse(problem, programmeEnd);
  const paused = await inTransaction(deps.db, async (tx) => {
    if (!(await pauseParticipation(tx, p.id, pauseEndsAt(until!, p.timezone), now))) return false;
    const notice = pausedByCoordinatorNotice({
      participantId: p.id,
      slackUserId: p.slackUserId,
      programmeName: p.programme.name,
      until: until!,
      coordinatorSlackId: t.by,
      timezone: p.timezone,
    });
    // The coordinator acted, not the person: they hear of it in their working hours.
    await enqueueMessage(
      tx,
      asNotice(notice, now, () => p.timezone, p.programme.timezone),
    );
    return true;
  });
  return paused ? done(undefined) : refuse('not_active');
}

/**
 * Withdraws someone, as "Leave the programme" does: their pairs pause, the coordinators and the partners left
 * without a pair get the same notices, and the person is told a coordinator did it. A second withdrawal changes nothing.
 */
export async function withdrawParticipant(deps: RosterActionDeps, t: RosterTarget): Promise<RosterOutcome> {
  const found = await target(deps, t);
  if (!found.ok) return found;
  const p = found.value;
  const coordinators = await coordinatorsOfProgramme(deps, p.programmeId);
  const now = deps.clock.now();
  const timed = await noticeTimer(deps.db, coordinators, p.programme.timezone);
  // A coordinator acted: the person, their partners and the other coordinators hear of it in their working hours.
  const ended = await inTransaction(deps.db, (tx) =>
    endParticipation(tx, p.id, 'withdrawn', now, (partners) => {
      const ended = {
        participantId: p.id,
        slackUserId: p.slackUserId,
        programmeName: p.programme.name,
        role: p.role,
        partners,
        reason: 'withdrawn' as const,
      };
      const notices = [
        ...participationEndedNotices(coordinators, ended),
        ...partnerLeftNotices(ended),
        withdrawnByCoordinatorNotice({
          participantId: p.id,
          slackUserId: p.slackUserId,
          programmeName: p.programme.name,
          coordinatorSlackId: t.by,
        }),
      ];
      return timed(notices, now, [...partners, { slackUserId: p.slackUserId, timezone: p.timezone }], t.by);
    }),
  );
  return ended ? done(undefined) : refuse('not_active');
}

/**
 * Rematches someone left without a partner, with the use case of the coordinator's Rematch button in Slack
 * (flows/matching/rematch.ts `rematchPerson`): the best partner available now, introduced at once; its refusals
 * (paired already, paused, nobody fits, the programme is over) are the same.
 */
export async function rematchParticipant(deps: RosterActionDeps, t: RosterTarget): Promise<Outcome<Rematched, string>> {
  const found = await target(deps, t);
  if (!found.ok) return found;
  return rematchPerson(deps, found.value.id, t.by);
}
