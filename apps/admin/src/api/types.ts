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
