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
export { weightedRanking, normaliseCriterion, rankScored, DIRECTIONS } from './weighted';
export type { Contribution, Direction, RankInput, Ranked, WeightedCriterion } from './weighted';
export { riceRanking, wsjfRanking, RICE_IMPACT, RICE_CONFIDENCE, WSJF_SCALE, RICE_KEYS, WSJF_KEYS } from './formulas';
export { sensitivity, rankShifts } from './sensitivity';
export type { RankMove, RankShift, SensitivityResult } from './sensitivity';
