// A whole programme played through Slack requests exactly as Slack would send them, on a simulated clock.
import { addDays, addMonths } from '../../core/calendar.js';
import { isWorkingTime, localTime, zonedInstant } from '../../domain/schedule/index.js';
import { createPrng, pick } from '../emulator/prng.js';
import { tick } from '../../jobs/tick.js';
import { Actor, optionsOf, waitFor } from './actor.js';
import { actionIdsIn, findAction, messageLines } from './blockText.js';
import { castFor, type Cast, type DemoRole } from './cast.js';
import { Observer, type Delivered } from './observer.js';
import { Transcript } from './transcript.js';
import { startWorld, type DemoWorld } from './world.js';

/** Everything the scenario did, in order: what the end-to-end test counts on its own. */
export type ScenarioEvent =
  | { kind: 'opened'; at: Date; userId: string }
  | { kind: 'joined'; at: Date; userId: string; role: DemoRole }
  | { kind: 'swapped'; at: Date; userId: string; a: string; b: string }
  | { kind: 'approved'; at: Date; userId: string; rematch: boolean }
  | { kind: 'met'; at: Date; userId: string; checkInId: string; nudge: number }
  | { kind: 'skipped'; at: Date; userId: string; checkInId: string; nudge: number }
  | { kind: 'cadence'; at: Date; userId: string; checkInId: string; days: number }
  | { kind: 'objectives'; at: Date; userId: string; pairingId: string }
  | { kind: 'feedback'; at: Date; userId: string; requestKey: string; rating: number; topics: string[]; concern: boolean }
  | {
      kind: 'survey';
      at: Date;
      userId: string;
      requestKey: string;
      survey: 'midpoint' | 'final';
      progress: number;
      recommend: number;
    }
  | { kind: 'departed'; at: Date; userId: string }
  | { kind: 'report'; at: Date; userId: string; shown: boolean }
  | { kind: 'missing'; at: Date; what: string };

export interface ScenarioOptions {
  people: number;
  seed: number;
  databaseUrl?: string;
  /** Called with a short line as each phase starts (progress on the console). */
  progress?: (line: string) => void;
}

export interface UploadedCopy {
  filename: string;
  bytes: Buffer;
}

export interface ScenarioResult {
  programmeId: string;
  programmeName: string;
  cast: Cast;
  events: ScenarioEvent[];
  transcript: Transcript;
  /** The final /rm-report as text (empty when this build has no report). */
  reportLines: string[];
  /** Files the report's buttons uploaded (CSVs, chart). */
  files: UploadedCopy[];
  /** Every time someone did something in Slack (a command, a click, a submission). */
  acts: Array<{ userId: string; at: Date }>;
}

export const PROGRAMME = {
  name: 'Reverse mentoring 2026',
  timezone: 'Europe/London',
  openOn: '2026-03-02',
  signupDeadline: '2026-03-13',
  startDate: '2026-03-16',
  durationMonths: 6,
  cadenceDays: 14,
  minSeniorityGap: 2,
  objectives:
    'Every mentee uses one AI tool weekly and posts on LinkedIn monthly by September; every mentor leads one leadership-team discussion.',
  departureOn: '2026-06-10',
} as const;

const DAY = 24 * 3600_000;
const LEARNED = [
  'How our leadership team actually decides on budgets.',
  'Set up a prompt library for my weekly reports.',
  'Why juniors prefer async updates to meetings.',
  'Posted my first LinkedIn article, with a lot of help.',
  'How to push back on a senior stakeholder, politely.',
  'What our customers under 25 read and watch.',
];
const CHANGED = [
  'I now ask for feedback from the whole team, not just my directs.',
  'I use AI tools every day.',
  'I understand how strategy is set.',
  'More confident speaking up in big meetings.',
];
const COMMITMENTS = [
  'Keep a monthly skip-level with a junior colleague.',
  'Sponsor the graduate AI guild.',
  'Post monthly on LinkedIn without a ghostwriter.',
];

interface Stage {
  world: DemoWorld;
  actor: Actor;
  cast: Cast;
  events: ScenarioEvent[];
  random: () => number;
  programmeId: string;
  /** Pair group DMs that never answer a nudge (to show reminders and the at-risk flag), and their pairings. */
  quietChannels: Set<string>;
  quietPairings: Set<string>;
  /** Nudges sent to each member's own DM (a pair with no common working hour): the first copy read decides. */
  answeredNudges: Set<string>;
  /** Group DMs whose objectives were set, and check-ins already decided. */
  objectivesAsked: Set<string>;
  cadenceChanged: boolean;
  seenFeatures: Set<string>;
  /** What people will do when they are next at work, soonest first. */
  later: Array<{ at: Date; userId: string; run: () => Promise<void> }>;
}

const now = (s: Stage) => s.world.clock.now();
const log = (s: Stage, e: ScenarioEvent) => s.events.push(e);

function at(s: Stage, date: string, minute: number, zone: string): void {
  const t = zonedInstant(date, minute, zone);
  if (t > now(s)) s.world.clock.set(t);
}

async function openProgramme(s: Stage): Promise<void> {
  const coordinator = s.cast.coordinator.id;
  at(s, PROGRAMME.openOn, 9 * 60 + 30, s.cast.coordinator.tz);
  await s.actor.command(coordinator, '/rm-admin', 'open');
  const view = await s.actor.modal(coordinator, 'programme_open');
  const general = s.cast.workspace.channels.find((c) => c.name === 'general')?.id;
  const errors = await s.actor.submit(
    coordinator,
    view,
    {
      name: PROGRAMME.name,
      startDate: PROGRAMME.startDate,
      durationMonths: String(PROGRAMME.durationMonths),
      cadenceDays: String(PROGRAMME.cadenceDays),
      minSeniorityGap: String(PROGRAMME.minSeniorityGap),
      objectives: PROGRAMME.objectives,
      signupDeadline: PROGRAMME.signupDeadline,
      ...(general ? { announcementChannel: general } : {}),
    },
    '"Open a programme"',
  );
  if (errors) throw new Error(`demo: the programme modal was refused: ${JSON.stringify(errors)}`);
  await s.actor.settle();
  const programme = await waitFor(
    () =>
      s.world.bot.db.client.programme
        .findFirst({ where: { name: PROGRAMME.name }, orderBy: { createdAt: 'desc' } })
        .then((p) => p ?? undefined),
    'the programme',
  );
  s.programmeId = programme.id;
  log(s, { kind: 'opened', at: now(s), userId: coordinator });
}

async function signUps(s: Stage): Promise<void> {
  for (const m of s.cast.members) {
    if (m.joinsAt > now(s)) s.world.clock.set(m.joinsAt);
    await s.actor.command(m.userId, '/rm-join');
    const view = await s.actor.modal(m.userId, 'signup');
    const errors = await s.actor.submit(m.userId, view, m.answers, `"Join" as ${m.role} (${m.title}, ${m.timezone})`);
    if (errors) throw new Error(`demo: ${m.name}'s signup was refused: ${JSON.stringify(errors)}`);
    log(s, { kind: 'joined', at: now(s), userId: m.userId, role: m.role });
    await s.actor.settle();
  }
}

const previewReady = (v: { blocks: unknown[] }) => actionIdsIn(v.blocks).includes('match_approve');

/** /rm-admin match, an adjustment (a swap the constraints allow), then approval. */
async function matching(s: Stage, rematch: boolean): Promise<void> {
  const coordinator = s.cast.coordinator.id;
  const db = s.world.bot.db.client;
  await s.actor.command(coordinator, '/rm-admin', 'match');
  const preview = await s.actor.modal(coordinator, 'match_preview', previewReady);
  await s.actor.settle();
  if (!rematch) {
    const draft = await db.matchRun.findFirstOrThrow({
      where: { status: 'draft', programmeId: s.programmeId },
      include: { pairings: { include: { mentor: true } } },
      orderBy: { createdAt: 'desc' },
    });
    // Slack ids, not database ids (random UUIDs), keep a seed's run the same.
    const mentors = draft.pairings.map((p) => p.mentor.slackUserId).sort();
    for (let i = 0; i + 1 < mentors.length && i < 8; i += 2) {
      await s.actor.press(coordinator, preview, 'match_swap_open', 'Swap');
      const swap = await s.actor.modal(coordinator, 'match_swap');
      const [a, b] = [mentors[i]!, mentors[i + 1]!];
      const errors = await s.actor.submit(
        coordinator,
        swap,
        { personA: a, personB: b },
        `"Swap" ${s.actor.nameOf(a)} ⇄ ${s.actor.nameOf(b)}`,
      );
      if (!errors) {
        await s.actor.settle();
        log(s, { kind: 'swapped', at: now(s), userId: coordinator, a, b });
        break;
      }
      await s.world.driver.closeView({ userId: coordinator, viewId: swap.id });
      await s.actor.settle();
    }
  }
  const run = await db.matchRun.findFirstOrThrow({
    where: { status: 'draft', programmeId: s.programmeId },
    orderBy: { createdAt: 'desc' },
  });
  await s.actor.press(coordinator, preview, 'match_approve', 'Approve and announce');
  await waitFor(
    async () => (await db.matchRun.findUniqueOrThrow({ where: { id: run.id } })).status === 'approved',
    'the approval',
  );
  log(s, { kind: 'approved', at: now(s), userId: coordinator, rematch });
  await react(s, await s.actor.settle());
}

function weighted(random: () => number, values: readonly string[]): string {
  return pick(random, values);
}

async function answerFeedback(s: Stage, userId: string, message: Delivered): Promise<void> {
  const button = findAction(message.blocks, 'feedback_open');
  const requestKey = String(button?.element.value ?? '');
  await s.actor.click(userId, message, 'feedback_open');
  const view = await s.actor.modal(userId, 'feedback_checkin');
  const topicsOffered = optionsOf(view, 'topics');
  const rating = Number(weighted(s.random, ['5', '4', '4', '5', '3', '4', '2']));
  const topics = topicsOffered.length > 0 ? [pick(s.random, topicsOffered)] : [];
  const concern = s.random() < 0.06;
  const errors = await s.actor.submit(
    userId,
    view,
    {
      rating: String(rating),
      learned: pick(s.random, LEARNED),
      ...(topics.length > 0 ? { topics } : {}),
      ...(concern ? { concern: 'We keep rescheduling; I am not sure it is working.', concern_consent: ['share'] } : {}),
    },
    '"Check-in feedback"',
  );
  if (errors) return;
  log(s, { kind: 'feedback', at: now(s), userId, requestKey, rating, topics, concern });
}

async function answerSurvey(s: Stage, userId: string, message: Delivered): Promise<void> {
  const button = findAction(message.blocks, 'survey_open');
  const requestKey = String(button?.element.value ?? '');
  await s.actor.click(userId, message, 'survey_open');
  const view = await waitFor(() => {
    const v = s.world.emulator.lastViewFor(userId);
    return v && v.callback_id.startsWith('survey_') && s.world.emulator.isViewOpen(v.id) ? v : undefined;
  }, `a survey modal for ${userId}`);
  const survey = view.callback_id === 'survey_final' ? 'final' : 'midpoint';
  const progress = Number(weighted(s.random, ['4', '5', '3', '4', '5']));
  const recommend = Number(weighted(s.random, ['9', '10', '8', '7', '9', '6']));
  const errors = await s.actor.submit(
    userId,
    view,
    {
      progress: String(progress),
      recommend: String(recommend),
      changed: pick(s.random, CHANGED),
      commitment: pick(s.random, COMMITMENTS),
    },
    `"${survey === 'final' ? 'Final' : 'Midpoint'} survey"`,
  );
  if (errors) return;
  log(s, { kind: 'survey', at: now(s), userId, requestKey, survey, progress, recommend });
}

async function setObjectives(s: Stage, userId: string, message: Delivered): Promise<void> {
  const pairingId = String(findAction(message.blocks, 'objectives_edit')?.element.value ?? '');
  await s.actor.click(userId, message, 'objectives_edit');
  const view = await s.actor.modal(userId, 'pair_objectives');
  const errors = await s.actor.submit(
    userId,
    view,
    {
      objectives:
        'By the midpoint: one AI tool in daily use, one LinkedIn post a month; by the end: lead a team discussion on how juniors work.',
    },
    '"Our objectives"',
  );
  if (!errors) log(s, { kind: 'objectives', at: now(s), userId, pairingId });
}

/** A nudge (or reminder): the pair meets, skips this one, or lets it pass, as pairs do. Decided now, done in working hours. */
function answerNudge(s: Stage, message: Delivered): void {
  const pairingId = String(findAction(message.blocks, 'objectives_edit')?.element.value ?? '');
  if (s.quietChannels.has(message.channelId) || s.quietPairings.has(pairingId)) return;
  const checkInId = String(findAction(message.blocks, 'checkin_met')?.element.value ?? '');
  const nudge = Number(message.key?.split(':')[2] ?? '1');
  if (s.answeredNudges.has(`${checkInId}:${nudge}`)) return;
  s.answeredNudges.add(`${checkInId}:${nudge}`);
  // Whoever is at work answers; when neither is, one of them does next morning.
  const atWork = message.receivers.filter((u) => isWorkingTime(localTime(now(s), s.actor.zoneOf(u))));
  const who = pick(s.random, atWork.length > 0 ? atWork : message.receivers);
  const changeCadence = !s.cadenceChanged && nudge === 1 && findAction(message.blocks, 'checkin_cadence') !== undefined;
  if (changeCadence) s.cadenceChanged = true;
  const r = s.random();
  const meets = nudge === 1 ? r < 0.78 : r < 0.8;
  const skips = nudge === 1 && !meets && r < 0.85;
  if (!changeCadence && !meets && !skips) return;
  act(s, who, async () => {
    if (changeCadence) {
      await s.actor.click(who, message, 'checkin_cadence', { selectedOption: '21' });
      log(s, { kind: 'cadence', at: now(s), userId: who, checkInId, days: 21 });
      await s.actor.settle();
    }
    if (meets) {
      await s.actor.click(who, message, 'checkin_met');
      log(s, { kind: 'met', at: now(s), userId: who, checkInId, nudge });
    } else if (skips) {
      await s.actor.click(who, message, 'checkin_skip');
      log(s, { kind: 'skipped', at: now(s), userId: who, checkInId, nudge });
    }
  });
}

const isReminder = (m: Delivered) => m.key?.startsWith('feedback-reminder:') ?? false;

/** The next moment the person is at work: now if they are, else their next weekday morning. */
function nextWorkingMoment(s: Stage, userId: string): Date {
  const zone = s.actor.zoneOf(userId);
  const t = localTime(now(s), zone);
  if (isWorkingTime(t)) return now(s);
  const jitter = 15 * Math.floor(s.random() * 8);
  for (let d = t.minute < 9 * 60 ? 0 : 1; ; d++) {
    const at = zonedInstant(addDays(t.date, d), 9 * 60 + jitter, zone);
    if (isWorkingTime(localTime(at, zone))) return at;
  }
}

/** Does it now if the person is at work, else when they are next (the main loop runs it then). */
function act(s: Stage, userId: string, run: () => Promise<void>): void {
  const at = nextWorkingMoment(s, userId);
  s.later.push({ at, userId, run });
  s.later.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Runs what people meant to do by now (in order), and what it causes. */
async function catchUp(s: Stage): Promise<void> {
  while (s.later.length > 0 && s.later[0]!.at <= now(s)) {
    const next = s.later.shift()!;
    if (s.world.emulator.user(next.userId)?.deleted) continue;
    await next.run();
    await react(s, await s.actor.settle(), false);
  }
}

/** People read what arrived and decide what to do about it; what is done now causes more to read. */
async function react(s: Stage, delivered: Delivered[], runDue = true): Promise<void> {
  // In an order that does not depend on the outbox's concurrency or on database ids, so a seed replays the same.
  const order = (m: Delivered) => `${m.at.toISOString()} ${[...m.receivers].sort().join(',')} ${m.text}`;
  for (const message of [...delivered].sort((a, b) => order(a).localeCompare(order(b)))) {
    const ids = actionIdsIn(message.blocks);
    for (const id of ['feedback_open', 'survey_open', 'objectives_edit']) if (ids.includes(id)) s.seenFeatures.add(id);
    const receiver = message.receivers[0];
    if (message.kind !== 'message' || !receiver) continue;
    if (ids.includes('checkin_met')) answerNudge(s, message);
    // Half answer the prompt, a few more the one reminder; surveys get more care.
    else if (ids.includes('feedback_open') && message.receivers.length === 1 && s.random() < (isReminder(message) ? 0.3 : 0.5))
      act(s, receiver, () => answerFeedback(s, receiver, message));
    else if (ids.includes('survey_open') && message.receivers.length === 1 && s.random() < (isReminder(message) ? 0.5 : 0.8))
      act(s, receiver, () => answerSurvey(s, receiver, message));
    if (ids.includes('objectives_edit') && message.receivers.length === 2 && !s.objectivesAsked.has(message.channelId)) {
      s.objectivesAsked.add(message.channelId);
      if (s.random() < 0.5) {
        const who = pick(s.random, message.receivers);
        act(s, who, () => setObjectives(s, who, message));
      }
    }
  }
  if (runDue) await catchUp(s);
}

async function departure(s: Stage): Promise<void> {
  const db = s.world.bot.db.client;
  const pairs = (
    await db.pairing.findMany({ where: { programmeId: s.programmeId, status: 'active' }, include: { mentee: true } })
  ).sort((a, b) => a.mentee.slackUserId.localeCompare(b.mentee.slackUserId));
  const candidates = pairs.filter((p) => !s.quietChannels.has(p.groupChannelId ?? ''));
  const leaving = pick(s.random, candidates.length > 0 ? candidates : pairs);
  const userId = leaving.mentee.slackUserId;
  s.actor.note(userId, 'leaves the company (the Slack account is deactivated)');
  s.world.emulator.deleteUser(userId);
  await s.world.driver.userChange(userId, { eventId: 'EvDEMODEPART1' });
  log(s, { kind: 'departed', at: now(s), userId });
  await react(s, await s.actor.settle());
}

async function finalReport(s: Stage, files: UploadedCopy[]): Promise<string[]> {
  const coordinator = s.cast.coordinator.id;
  await until(
    s,
    zonedInstant(addDays(addMonths(PROGRAMME.startDate, PROGRAMME.durationMonths), 5), 10 * 60, s.cast.coordinator.tz),
  );
  const uploadedBefore = new Set(s.world.emulator.files.map((f) => f.id));
  await s.actor.command(coordinator, '/rm-report', PROGRAMME.name);
  const replies = (await s.actor.settle()).filter((d) => d.receivers.includes(coordinator));
  const withButtons = [...replies].reverse().find((d) => actionIdsIn(d.blocks).includes('report_export_csv'));
  const view = s.world.emulator.lastViewFor(coordinator);
  const viewWithButtons =
    view && s.world.emulator.isViewOpen(view.id) && actionIdsIn(view.blocks).includes('report_export_csv') ? view : undefined;
  const shown = replies.find((d) => d.blocks.length > 0 || d.text.length > 0);
  const lines = withButtons
    ? messageLines(withButtons, s.actor.nameOf)
    : viewWithButtons
      ? messageLines(viewWithButtons, s.actor.nameOf)
      : shown
        ? messageLines(shown, s.actor.nameOf)
        : [];
  const available = Boolean(withButtons || viewWithButtons);
  log(s, { kind: 'report', at: now(s), userId: coordinator, shown: available });
  if (!available) {
    s.actor.aside('the programme report is not in this build yet: /rm-report answered without a report; CSV and chart skipped');
    log(s, { kind: 'missing', at: now(s), what: 'report' });
    return lines;
  }
  for (const [actionId, label] of [
    ['report_export_csv', 'Export CSV'],
    ['report_chart', 'Chart'],
  ] as const) {
    if (withButtons && findAction(withButtons.blocks, actionId)) await s.actor.click(coordinator, withButtons, actionId);
    else if (viewWithButtons && actionIdsIn(viewWithButtons.blocks).includes(actionId))
      await s.actor.press(coordinator, viewWithButtons, actionId, label);
    await s.actor.settle();
  }
  await waitFor(
    () => s.world.emulator.files.some((f) => !uploadedBefore.has(f.id) && f.completed) || undefined,
    'the report files',
    10_000,
  ).catch(() => undefined);
  for (const f of s.world.emulator.files)
    if (!uploadedBefore.has(f.id) && f.bytes) files.push({ filename: f.filename, bytes: f.bytes });
  return lines;
}

/** Moves the clock to `to`, letting people do on the way what they meant to do by then. */
async function until(s: Stage, to: Date): Promise<void> {
  for (;;) {
    const action = s.later.length > 0 && s.later[0]!.at <= to ? s.later[0]!.at : undefined;
    // A message held for its receivers' working hours goes at that time, as the bot's sender (every second) does.
    const held = await s.world.bot.db.client.outboxMessage.findFirst({
      where: { status: 'pending', nextAttemptAt: { gt: now(s), lte: action ?? to } },
      orderBy: { nextAttemptAt: 'asc' },
    });
    if (held) {
      s.world.clock.set(held.nextAttemptAt);
      await react(s, await s.actor.settle(), false);
      continue;
    }
    if (!action) break;
    if (action > now(s)) s.world.clock.set(action);
    await catchUp(s);
  }
  if (to > now(s)) s.world.clock.set(to);
}

/**
 * Six months at every instant that matters: a scheduler pass a few minutes after each planned nudge or
 * message and at least daily (as node-cron's passes would find them), each person's actions when they are
 * at work, the departure, and the coordinator's rematch the next morning.
 */
async function sixMonths(s: Stage): Promise<void> {
  const db = s.world.bot.db.client;
  const deps = { db, coordinators: s.world.coordinators };
  const endAt = zonedInstant(addDays(addMonths(PROGRAMME.startDate, PROGRAMME.durationMonths), 4), 12 * 60, PROGRAMME.timezone);
  const happenings = [
    { at: zonedInstant(PROGRAMME.departureOn, 10 * 60, 'UTC'), run: () => departure(s) },
    { at: zonedInstant(addDays(PROGRAMME.departureOn, 1), 10 * 60, s.cast.coordinator.tz), run: () => matching(s, true) },
  ];
  let lastTick = now(s);
  let lastMonth = '';
  while (lastTick < endAt) {
    const nextNudge = await db.checkIn.findFirst({
      where: { status: { in: ['due', 'scheduled'] }, nextNudgeAt: { gt: lastTick } },
      orderBy: { nextNudgeAt: 'asc' },
    });
    const nextMessage = await db.outboxMessage.findFirst({
      where: { status: 'pending', nextAttemptAt: { gt: lastTick } },
      orderBy: { nextAttemptAt: 'asc' },
    });
    const wakes = [nextNudge?.nextNudgeAt, nextMessage?.nextAttemptAt]
      .filter((d): d is Date => d instanceof Date)
      .map((d) => d.getTime() + 5 * 60_000);
    const tickAt = new Date(Math.max(now(s).getTime(), Math.min(lastTick.getTime() + DAY, ...wakes)));
    const happening = happenings[0] && happenings[0].at <= tickAt ? happenings.shift() : undefined;
    await until(s, happening ? happening.at : tickAt);
    if (happening) {
      await happening.run();
      continue;
    }
    lastTick = now(s);
    const month = lastTick.toISOString().slice(0, 7);
    if (month !== lastMonth) {
      lastMonth = month;
      s.actor.progress(`simulated ${month}`);
    }
    await tick(deps, lastTick);
    await react(s, await s.actor.settle());
  }
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult & { world: DemoWorld }> {
  const opened = zonedInstant(PROGRAMME.openOn, 9 * 60, PROGRAMME.timezone);
  const cast = castFor(options.people, options.seed, opened, 8);
  const world = await startWorld({
    workspace: cast.workspace,
    coordinator: cast.coordinator.id,
    start: opened,
    programmeTimezone: PROGRAMME.timezone,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const transcript = new Transcript();
  const observer = new Observer(world.emulator, transcript, PROGRAMME.timezone);
  const actor = new Actor(world, observer, transcript, options.progress ?? (() => undefined));
  const s: Stage = {
    world,
    actor,
    cast,
    events: [],
    random: createPrng(options.seed),
    programmeId: '',
    quietChannels: new Set(),
    quietPairings: new Set(),
    answeredNudges: new Set(),
    objectivesAsked: new Set(),
    cadenceChanged: false,
    seenFeatures: new Set(),
    later: [],
  };
  const files: UploadedCopy[] = [];
  try {
    actor.progress(
      `${cast.members.length} people join, ${cast.bystanders.length} do not; ${cast.coordinator.real_name} coordinates`,
    );
    await openProgramme(s);
    await signUps(s);
    actor.progress('the coordinator previews, adjusts and approves the matching');
    at(s, PROGRAMME.startDate, 10 * 60, cast.coordinator.tz);
    await matchingWithQuietPair(s);
    await sixMonths(s);
    for (const [feature, what] of [
      ['feedback_open', 'check-in feedback prompts'],
      ['survey_open', 'midpoint and final surveys'],
      ['objectives_edit', 'pair objectives'],
    ] as const) {
      if (!s.seenFeatures.has(feature)) {
        actor.aside(`${what} are not in this build yet: skipped`);
        log(s, { kind: 'missing', at: now(s), what: feature });
      }
    }
    actor.progress('the coordinator asks for the report');
    const reportLines = await finalReport(s, files);
    return {
      world,
      programmeId: s.programmeId,
      programmeName: PROGRAMME.name,
      cast,
      events: s.events,
      transcript,
      reportLines,
      files,
      acts: actor.acts,
    };
  } catch (err) {
    await world.stop().catch(() => undefined);
    throw err;
  }
}

async function matchingWithQuietPair(s: Stage): Promise<void> {
  await matching(s, false);
  // One pair never answers a nudge: the reminders stop at two and the coordinator hears of it once.
  const pairs = (
    await s.world.bot.db.client.pairing.findMany({
      where: { programmeId: s.programmeId, status: 'active' },
      include: { mentor: true },
    })
  ).sort((a, b) => a.mentor.slackUserId.localeCompare(b.mentor.slackUserId));
  if (pairs.length >= 6) {
    const quiet = pairs[Math.floor(s.random() * pairs.length)]!;
    if (quiet.groupChannelId) s.quietChannels.add(quiet.groupChannelId);
    s.quietPairings.add(quiet.id);
  }
}
