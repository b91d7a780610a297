import { CHECK_INS, FAILED_OUTBOX_KINDS, FEEDBACK, PAIRS, PEOPLE, REPORT_NOW, TOPIC_LABELS, UNMATCHED } from './reportFixture.js';

// Every figure of the Spring 2026 report, computed straight from the fixture's arrays (not with the code
// under test). Fixture dates sit well inside their months in both UTC and London time, so a month is the
// first 7 characters of the ISO date.

const DAY = 86_400_000;
const MIN = 3;
/** The privacy rule: at least 3 answers from at least 3 different people. */
const enough = (answers: Array<{ who: string }>) => answers.length >= MIN && new Set(answers.map((a) => a.who)).size >= MIN;
export const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06'];
const month = (iso: string) => iso.slice(0, 7);

/**
 * What coordinators' figures are made of: per kind, answers in the order they came, released together once the
 * waiting ones are 3 answers from 3 people, and dated by that release (docs/feedback.md, "Releases"). Answers
 * still waiting are in no figure.
 */
export const RELEASED: typeof FEEDBACK = (['checkin', 'midpoint', 'final'] as const).flatMap((kind) => {
  const released: typeof FEEDBACK = [];
  let waiting: typeof FEEDBACK = [];
  for (const f of FEEDBACK.filter((a) => a.kind === kind).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    waiting.push(f);
    if (enough(waiting)) {
      released.push(...waiting.map((w) => ({ ...w, createdAt: f.createdAt })));
      waiting = [];
    }
  }
  return released;
});

const cameDue = CHECK_INS.filter((c) => new Date(c.dueAt) <= REPORT_NOW || ['met', 'skipped', 'missed'].includes(c.status));
function figures(list: typeof CHECK_INS) {
  const n = (s: string[]) => list.filter((c) => s.includes(c.status)).length;
  const due = list.length;
  const met = n(['met']);
  return {
    due,
    met,
    skipped: n(['skipped']),
    missed: n(['missed']),
    open: n(['due', 'scheduled']),
    adherence: due === 0 ? null : met / due,
  };
}

const ratings = RELEASED.filter((f) => f.kind === 'checkin' && f.rating !== undefined);
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const topicAnswers = new Map<string, typeof FEEDBACK>();
for (const f of RELEASED) for (const t of f.topics ?? []) topicAnswers.set(t, [...(topicAnswers.get(t) ?? []), f]);

function countBy(values: string[]) {
  const m = new Map<string, number>();
  for (const v of values) m.set(v || 'Not given', (m.get(v || 'Not given') ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const atRisk = PAIRS.filter((p) => p.status === 'active' && p.atRiskFlaggedAt)
  .map((p) => {
    const mets = CHECK_INS.filter((c) => c.pair === p.id && c.status === 'met').map((c) => new Date(c.metAt!).getTime());
    const lastMet = mets.length ? Math.max(...mets) : null;
    return { p, lastMet };
  })
  .filter(({ p, lastMet }) => lastMet === null || lastMet < new Date(p.atRiskFlaggedAt!).getTime())
  .map(({ p, lastMet }) => {
    const since = lastMet ?? new Date(p.introducedAt).getTime();
    const person = (id: string) => PEOPLE.find((x) => x.id === id)!;
    return {
      pairingId: p.id,
      mentor: person(p.mentor),
      mentee: person(p.mentee),
      since,
      days: Math.floor((REPORT_NOW.getTime() - since) / DAY),
      neverMet: lastMet === null,
    };
  })
  .sort((a, b) => a.since - b.since);

function survey(kind: 'midpoint' | 'final') {
  const rows = RELEASED.filter((f) => f.kind === kind);
  const progress = rows.map((r) => r.progress!).filter((x) => x !== undefined);
  const rec = rows.map((r) => r.recommendScore!).filter((x) => x !== undefined);
  const people = new Set(rows.map((r) => r.who)).size;
  const promoters = rec.filter((s) => s >= 9).length;
  const passives = rec.filter((s) => s === 7 || s === 8).length;
  const detractors = rec.filter((s) => s <= 6).length;
  const shown = rec.length >= MIN && people >= MIN;
  return {
    kind,
    responses: rows.length,
    averageProgress: progress.length >= MIN && people >= MIN ? avg(progress) : null,
    nps: shown ? Math.round(((promoters - detractors) / rec.length) * 100) : null,
    promoters: shown ? promoters : null,
    passives: shown ? passives : null,
    detractors: shown ? detractors : null,
  };
}

const livePairs = PAIRS.filter((p) => p.status === 'active' || p.status === 'paused');

export const expected = {
  participants: {
    total: PEOPLE.length,
    mentors: PEOPLE.filter((p) => p.role === 'mentor').length,
    mentees: PEOPLE.filter((p) => p.role === 'mentee').length,
    byStatus: Object.fromEntries(
      ['active', 'paused', 'withdrawn', 'departed'].map((s) => [s, PEOPLE.filter((p) => p.status === s).length]),
    ),
    byRoleAndStatus: Object.fromEntries(
      ['mentor', 'mentee'].map((r) => [
        r,
        Object.fromEntries(
          ['active', 'paused', 'withdrawn', 'departed'].map((s) => [
            s,
            PEOPLE.filter((p) => p.role === r && p.status === s).length,
          ]),
        ),
      ]),
    ),
  },
  pairs: Object.fromEntries(['active', 'paused', 'ended'].map((s) => [s, PAIRS.filter((p) => p.status === s).length])),
  waitlist: UNMATCHED.filter(
    (id) => PEOPLE.find((p) => p.id === id)!.status === 'active' && !livePairs.some((p) => p.mentor === id || p.mentee === id),
  ).length,
  checkIns: figures(cameDue),
  checkInsByMonth: MONTHS.map((m) => ({ month: m, ...figures(cameDue.filter((c) => month(c.dueAt) === m)) })),
  ratingsShown: enough(ratings),
  ratings: {
    responses: ratings.length,
    average: avg(ratings.map((r) => r.rating!)),
    distribution: Object.fromEntries([1, 2, 3, 4, 5].map((s) => [s, ratings.filter((r) => r.rating === s).length])),
  },
  // Months show only when every month with ratings has enough of them (else one could be subtracted out).
  ratingsByMonth: MONTHS.map((m) => {
    const answers = ratings.filter((r) => month(r.createdAt) === m);
    const allShown = MONTHS.every((n) => {
      const inMonth = ratings.filter((r) => month(r.createdAt) === n);
      return inMonth.length === 0 || enough(inMonth);
    });
    return {
      month: m,
      responses: answers.length,
      enough: enough(answers),
      average: allShown && enough(answers) ? avg(answers.map((r) => r.rating!)) : null,
    };
  }),
  atRisk,
  topics: [...topicAnswers]
    .filter(([, answers]) => enough(answers))
    .map(([key, answers]) => ({ key, label: TOPIC_LABELS[key]!, count: answers.length }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
  departments: countBy(PEOPLE.map((p) => p.department)),
  generations: countBy(PEOPLE.map((p) => p.generation)),
  surveys: [survey('midpoint'), survey('final')],
  failedMessages: FAILED_OUTBOX_KINDS.length,
};

/** A feedback.csv group shows only when every group of its kind has enough answers and people. */
export function groupShown(kind: string): boolean {
  return [...feedbackGroups()].filter(([key]) => key.startsWith(`${kind}|`)).every(([, list]) => enough(list));
}

/** The comments feedback_comments.csv may hold: per group and question, only with enough people writing one. */
export function shownComments(): string[] {
  return [...feedbackGroups().values()].flatMap((list) =>
    (['learned', 'changed', 'commitment'] as const).flatMap((field) => {
      const written = list.filter((f) => f[field]);
      return enough(written) ? written.map((f) => f[field]!) : [];
    }),
  );
}

/** Feedback groups (kind x month) for feedback.csv. */
export function feedbackGroups() {
  const groups = new Map<string, typeof FEEDBACK>();
  for (const f of RELEASED)
    groups.set(`${f.kind}|${month(f.createdAt)}`, [...(groups.get(`${f.kind}|${month(f.createdAt)}`) ?? []), f]);
  return groups;
}

export const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
export const monthName = (m: string) =>
  `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;
