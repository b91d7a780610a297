import { monthKeyOf } from './months.js';

// What one released answer adds to /rm-report's feedback counters (and what its copy takes away when an edit
// replaces it): the same figures the report used to aggregate from every released answer.

export interface ReleasedFigures {
  kind: string;
  releasedAt: Date;
  personKey: string;
  rating: number | null;
  progress: number | null;
  recommendScore: number | null;
  topics: readonly string[];
}

export interface FeedbackCountKey {
  kind: string;
  /** YYYY-MM of the release, in the programme's time zone */
  month: string;
  metric: 'answer' | 'rating' | 'progress' | 'recommend' | 'topic';
  key: string;
}

export const ratingScope = (month: string) => `rating:${month}`;
export const topicScope = (topic: string) => `topic:${topic}`;

/** Net changes of counts and of people's answers per scope, by serialised key. */
export class FeedbackCounterDeltas {
  readonly counts = new Map<string, { key: FeedbackCountKey; delta: number }>();
  readonly people = new Map<string, { scope: string; personKey: string; delta: number }>();

  /** Month keys by instant: a release's answers share one, and a rebuild meets each many times. */
  private readonly months = new Map<number, string>();

  constructor(private readonly zone: string) {}

  private monthOf(instant: Date): string {
    let month = this.months.get(instant.getTime());
    if (month === undefined) this.months.set(instant.getTime(), (month = monthKeyOf(instant, this.zone)));
    return month;
  }

  add(answer: ReleasedFigures, sign: 1 | -1 = 1): void {
    const month = this.monthOf(answer.releasedAt);
    const count = (metric: FeedbackCountKey['metric'], key: string) =>
      this.bump(
        this.counts,
        JSON.stringify([answer.kind, month, metric, key]),
        { key: { kind: answer.kind, month, metric, key } },
        sign,
      );
    const person = (scope: string) =>
      this.bump(this.people, JSON.stringify([scope, answer.personKey]), { scope, personKey: answer.personKey }, sign);
    count('answer', '');
    if (answer.rating !== null) count('rating', String(answer.rating));
    if (answer.progress !== null) count('progress', String(answer.progress));
    if (answer.recommendScore !== null) count('recommend', String(answer.recommendScore));
    for (const t of answer.topics) {
      count('topic', t);
      person(topicScope(t));
    }
    if (answer.kind === 'checkin' && answer.rating !== null) person(ratingScope(month));
    if (answer.kind === 'midpoint' || answer.kind === 'final') person(answer.kind);
  }

  private bump<T extends object>(map: Map<string, T & { delta: number }>, id: string, value: T, sign: number): void {
    const entry = map.get(id) ?? { ...value, delta: 0 };
    entry.delta += sign;
    map.set(id, entry);
  }
}
