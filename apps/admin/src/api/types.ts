import type { Schema } from '@rumbo/api-client';

/** Names the screens use for the contract's schemas. */
export type Me = Schema<'MeResponseDto'>;
export type MeMembership = Schema<'MeMembershipDto'>;
export type Role = MeMembership['role'];
export type Tenant = Schema<'TenantDto'>;
export type TenantSummary = Schema<'TenantSummaryDto'>;
export type TenantKind = Schema<'TenantKind'>;
export type TenantCreate = Schema<'TenantCreateDto'>;
export type TenantUpdate = Schema<'TenantUpdateDto'>;
export type AuditEvent = Schema<'AuditEventDto'>;
export type AuditVerification = Schema<'AuditVerificationDto'>;
export type ActorType = AuditEvent['actorType'];

export const ROLES = ['admin', 'analyst', 'viewer', 'auditor'] as const satisfies readonly Role[];
export const TENANT_KINDS = [
  'country',
  'region',
  'province',
  'municipality',
  'institute',
  'other',
] as const satisfies readonly TenantKind[];
export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const satisfies readonly ActorType[];

/** A page of a cursor-paginated list (`?limit=&cursor=`). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type Member = Schema<'MemberDto'>;
export type Invitation = Schema<'InvitationDto'>;
/** An invitation with its one-time token and the SPA path that accepts it (`/accept-invitation#token=…`). */
export type InvitationCreated = Schema<'InvitationCreatedDto'>;
export type InvitationPreview = Schema<'InvitationPreviewDto'>;
export type ApiKeyScope = Schema<'ApiKeyScope'>;
export const API_KEY_SCOPES = ['read', 'write', 'kpis:write', 'admin'] as const satisfies readonly ApiKeyScope[];
export type ApiKey = Schema<'ApiKeyDto'>;
/** A new key with its full secret, shown only in the creation answer. */
export type ApiKeyCreated = Schema<'ApiKeyCreatedDto'>;
/** `POST /v1/tenants/{id}/import` answer: counts and the rejected rows (numbered from 1, header = 0). */
export type ImportReport = Schema<'TenantImportResultDto'>;
export type ImportRejection = Schema<'TenantImportRejectionDto'>;
export type Assessment = Schema<'AssessmentDto'>;
export type AssessmentScores = Schema<'AssessmentScoresDto'>;
export type AreaScore = Schema<'AreaScoreDto'>;
export type DimensionScore = Schema<'DimensionScoreDto'>;
export type QuestionScore = Schema<'QuestionScoreDto'>;
export type Benchmark = Schema<'BenchmarkDto'>;
export type History = Schema<'HistoryDto'>;
export type Gaps = Schema<'GapsDto'>;
export type Comparison = Schema<'CompareDto'>;
export type ModelVersion = Schema<'ModelVersionDto'>;
export type LocalisedText = Schema<'LocalisedTextDto'>;

// ---- Fixed by the maturity contract, not yet in the generated SDK ----------------------------------
// REPLACE WITH THE GENERATED TYPES once `npm run openapi` has run on the merged maturity branch:
// `Schema<'DescendantAssessmentsDto'>` (or whatever the contract names them) and the `text`,
// `answerLabel`, `name` and `questionText` fields of the score schemas. Until then every screen
// takes these shapes from here, and only from here.

/** `409 assessment-exists` (POST …/assessments): the tenant already has one for that model and year. */
export interface AssessmentExistsProblem {
  existingAssessmentId: string;
  existingStatus: Assessment['status'];
}

/** A missing answer (`code: 'missing'`) or missing evidence (`'evidenceRequired'`) in a submit 422. */
export interface SubmitMissing {
  questionKey: string;
  kind: 'answer' | 'evidence';
}

/** An explained question as the contract serves it: its text and the chosen option's label. */
export type ReadableQuestionScore = QuestionScore & { text?: string; answerLabel?: string | null };
/** Areas and dimensions of explained scores carry their name in the negotiated language. */
export type ReadableDimensionScore = Omit<DimensionScore, 'questions'> & { name?: string; questions?: ReadableQuestionScore[] };
export type ReadableAreaScore = Omit<AreaScore, 'dimensions'> & { name?: string; dimensions: ReadableDimensionScore[] };
export type ReadableScores = Omit<AssessmentScores, 'areas'> & { areas: ReadableAreaScore[] };
/** A re-score answer: dropped answers carry the question's text. */
export type ReadableRescore = Omit<Schema<'RescoreResultDto'>, 'areas' | 'dropped'> & {
  areas: ReadableAreaScore[];
  dropped: (Schema<'DroppedAnswerDto'> & { questionText?: string })[];
};

export type AssessmentStatus = Assessment['status'];
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'validated'] as const satisfies readonly AssessmentStatus[];
/** The overview's status filter: an assessment's status, or none yet. */
export type DescendantStatus = 'not_started' | AssessmentStatus;
export const DESCENDANT_STATUSES = ['not_started', ...ASSESSMENT_STATUSES] as const satisfies readonly DescendantStatus[];

/** `GET /v1/tenants/{tenantId}/assessments/descendants` (operationId listDescendantAssessments). */
export interface DescendantAssessment {
  id: string;
  modelVersionId: string;
  period: string;
  title: string | null;
  status: AssessmentStatus;
  score: number | null;
  level: number | null;
  levelName: string | null;
  coverage: number;
  submittedAt: string | null;
  updatedAt: string;
}

export interface DescendantRow {
  tenantId: string;
  code: string;
  name: string;
  kind: TenantKind;
  population: number | null;
  parentId: string | null;
  parentName: string | null;
  assessment: DescendantAssessment | null;
}

export interface DescendantSummary {
  total: number;
  notStarted: number;
  draft: number;
  submitted: number;
  validated: number;
}

export interface DescendantsPage {
  period: string;
  summary: DescendantSummary;
  data: DescendantRow[];
  nextCursor: string | null;
}

export interface DescendantsQuery {
  period?: string;
  status?: DescendantStatus;
  kind?: TenantKind;
  q?: string;
  modelId?: string;
  limit?: number;
  cursor?: string;
}
