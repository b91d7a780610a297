/**
 * Reports show an aggregate (an average, a distribution, a score, comments) only when at least this many
 * responses stand behind it, so nobody's answer can be singled out. The feedback flow uses the same number.
 */
export const MIN_AGGREGATE_RESPONSES = 3;

export const meetsThreshold = (responses: number): boolean => responses >= MIN_AGGREGATE_RESPONSES;
