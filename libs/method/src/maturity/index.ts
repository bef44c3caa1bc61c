// Maturity assessment (METHOD.md §1) and benchmarking (METHOD.md §2).
export type * from './types';
export { MaturityValidationError } from './errors';
export { DEFAULT_LEVELS, DEFAULT_AREA_KEYS, levelFor } from './levels';
export { validateModel, prepareModel, PreparedModel, MAX_WEIGHT } from './model';
export type { PreparedArea, PreparedDimension, PreparedQuestion } from './model';
export { validateAnswers } from './answers';
export { checkAnswerInputs, ANSWER_INPUT_FIELDS, DEFAULT_ANSWER_INPUT_LIMITS } from './answer-inputs';
export type {
  AcceptedAnswerInput,
  AnswerInputField,
  AnswerInputIssue,
  AnswerInputIssueCode,
  AnswerInputLimits,
  CheckedAnswerInputs,
  ExpectedValue,
} from './answer-inputs';
export { submissionGaps } from './submission';
export type { SubmissionGap } from './submission';
export { scoreAssessment, missingQuestions, COVERAGE_BELOW_ONE } from './score';
export type { MissingQuestion } from './score';
export { mapAnswers } from './map-answers';
export type { DropReason, DroppedAnswer, MappedAnswers } from './map-answers';
export { populationBand, benchmark, distribution, POPULATION_BANDS, MIN_PEERS } from './benchmark';
export type { PopulationBand, Quartiles, BenchmarkOptions, BenchmarkResult, DistributionResult, NoBenchmark } from './benchmark';
export { gaps } from './gaps';
export type { Gap, GapsOptions } from './gaps';
