/**
 * Reports show an aggregate (an average, a distribution, a score, a topic, comments) only over at least this
 * many answers from at least this many different people (three answers of one person are that person's
 * answers), so nobody's answer can be singled out. The same rule as the feedback flow's canAggregate.
 */
export const MIN_AGGREGATE_RESPONSES = 3;

export const meetsThreshold = (responses: number, people: number): boolean =>
  responses >= MIN_AGGREGATE_RESPONSES && people >= MIN_AGGREGATE_RESPONSES;
