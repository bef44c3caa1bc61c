// @rumbo/method — the Rumbo method's maths (METHOD.md), pure TypeScript.
export { exactSum } from './sum';
export { weightedMean, normaliseWeights } from './weighted-mean';
export type { WeightedItem, WeightedMeanResult } from './weighted-mean';
export { questionScore, questionPoints, QUESTION_TYPES } from './question-score';
export type { QuestionScoring, QuestionType, ScaleQuestion, YesNoQuestion, PercentageQuestion } from './question-score';
export * from './maturity';
export * from './frictions';
export * from './prioritisation';
