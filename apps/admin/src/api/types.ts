import type { operations, Schema } from '@rumbo/api-client';

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
export type Benchmark = Schema<'BenchmarkDto'>;
export type History = Schema<'HistoryDto'>;
export type Gaps = Schema<'GapsDto'>;
export type Comparison = Schema<'CompareDto'>;
export type ModelVersion = Schema<'ModelVersionDto'>;
export type LocalisedText = Schema<'LocalisedTextDto'>;
/** One answer as `PUT …/answers` takes it. */
export type AnswerInput = Schema<'AnswerInputDto'>;
/** `PUT …/answers` answer: the counts and the answers not stored, each `{ row (from 1), field, code, message, questionKey }`. */
export type AnswersResult = Schema<'AnswersResultDto'>;
export type AnswerRejection = Schema<'AnswerRejectionDto'>;

export type DroppedAnswer = Schema<'DroppedAnswerDto'>;

export type AssessmentStatus = Assessment['status'];
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'validated'] as const satisfies readonly AssessmentStatus[];
/** The overview's status filter: an assessment's status, or none yet. */
export type DescendantStatus = Schema<'DescendantStatus'>;
export const DESCENDANT_STATUSES = ['not_started', ...ASSESSMENT_STATUSES] as const satisfies readonly DescendantStatus[];

/** `GET /v1/tenants/{tenantId}/assessments/descendants` (listDescendantAssessments). */
export type DescendantsPage = Schema<'DescendantsPageDto'>;
export type DescendantRow = Schema<'DescendantRowDto'>;
export type DescendantSummary = Schema<'DescendantsSummaryDto'>;
export type DescendantsQuery = NonNullable<operations['listDescendantAssessments']['parameters']['query']>;

// ---- SPA-local: what the SPA reads out of problem documents ------------------------------------
// The contract describes these extension members of a problem in prose (the Problem schema only
// says `errors[]` may carry more members), so their shape is written down here, once.

/** `409 assessment-exists` (POST …/assessments): the tenant already has one for that model and year. */
export interface AssessmentExistsProblem {
  existingAssessmentId: string;
  existingStatus: AssessmentStatus;
}

/** A missing answer (`code: 'missing'`) or missing evidence (`'evidenceRequired'`) in a submit 422. */
export interface SubmitMissing {
  questionKey: string;
  kind: 'answer' | 'evidence';
}

// --- frictions (issue 10) ---
export type Friction = Schema<'FrictionDto'>;
/** A row of the frictions list: the whole friction, with the statuses it may move to. */
export type FrictionSummary = Friction;
export type FrictionCreate = Schema<'FrictionCreateDto'>;
export type FrictionSort = NonNullable<operations['listFrictions']['parameters']['query']>['sort'] & string;
export type BulkStatusResult = Schema<'BulkStatusResultDto'>;
export type GapCosts = Schema<'GapCostsDto'>;
export type FrictionSettings = Schema<'FrictionSettingsDto'>;
export type FrictionArea = Schema<'FrictionAreaDto'>;
export type FrictionOwner = Schema<'FrictionOwnerDto'>;
export type FrictionImportReport = Schema<'FrictionImportResultDto'>;
export type FrictionImportRejection = Schema<'FrictionImportRejectionDto'>;
