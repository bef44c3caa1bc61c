import type { Schema } from '@rumbo/api-client';

/** Names the prioritisation screens use for the contract's schemas. */
export type ScoringModel = Schema<'ScoringModelDto'>;
export type ScoringModelCreate = Schema<'ScoringModelCreateDto'>;
export type ScoringModelUpdate = Schema<'ScoringModelUpdateDto'>;
export type RankingModel = Schema<'RankingModelDto'>;
export type RankedFriction = Schema<'RankedFrictionDto'>;
export type Sensitivity = Schema<'SensitivityDto'>;
export type RankShifts = Schema<'RankShiftsDto'>;
export type ImpactEffort = Schema<'ImpactEffortDto'>;
export type ImpactEffortPoint = Schema<'ImpactEffortPointDto'>;
export type CriterionImportReport = Schema<'CriterionImportResultDto'>;
