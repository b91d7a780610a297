export * from './types.js';
export { matchCohort } from './matchCohort.js';
export { checkPin, checkPins } from './pins.js';
export { explainPair, type PairExplanation, type PairRules } from './explain.js';
export {
  findViolation,
  isPrivateConstraint,
  makeConstraintRules,
  PAIR_CANNOT_BE_MADE,
  pairKey,
  type ConstraintRules,
} from './constraints.js';
export { DEFAULT_WEIGHTS, WEIGHT_SCALE, mentorCapacity, normaliseWeights } from './score.js';
export { utcOffsetMinutes, workingOverlapMinutes, DEFAULT_WORKING_DAY } from './workingHours.js';
// Lower levels, for benchmarks and tests.
export { compileCohort, pairWeight, pairPoints, passesHardConstraints, type Cohort } from './cohort.js';
export { assignCohort, CERTIFY_LIMIT, DENSE_LIMIT, type CohortAssignment } from './assignCohort.js';
export { assignDense, assignSparse, totalWeight, type AssignmentProblem, type WeightedPairs } from './assignment.js';
export { buildCandidates, allFeasiblePairs, type CandidatePairs } from './candidates.js';
export { solveDenseAssignment } from './denseSolver.js';
export { solveSparseAssignment, type SparseGraph } from './sparseSolver.js';
export { findInvariantViolation } from './sparseInvariants.js';
export { findCertificateViolation } from './certificate.js';
export type { RowThreads, RowThreadSession } from './rowThreads.js';
// From stored records to the matcher's input, and the rules of a coordinator's draft.
export * from './cohortFromRecords.js';
export * from './draftEdits.js';
