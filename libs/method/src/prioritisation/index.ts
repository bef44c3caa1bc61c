// Prioritisation (METHOD.md §4): AHP, weighted sum, RICE, WSJF, sensitivity and rank shifts.
export {
  ahp,
  ahpSynthesis,
  pairwiseIssues,
  mostInconsistentPair,
  nearestSaatyValue,
  PairwiseMatrixError,
  RANDOM_INDEX,
  CR_THRESHOLD,
  AHP_MAX_SIZE,
  RECIPROCAL_TOLERANCE,
  SAATY_SCALE,
} from './ahp';
export type { AhpResult, InconsistentPair, PairwiseIssue, PairwiseIssueCode } from './ahp';
