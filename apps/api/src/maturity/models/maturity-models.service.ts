import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext } from '../../platform/context/request-context';
import { describeConstraint } from '../../platform/errors/postgres-errors';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { TenantReader } from '../../tenancy/tenants/tenant-reader';
import { MATURITY_FIELD_MESSAGES, MaturityProblem, maturityProblems } from '../maturity.problems';
import type { MaturityModelDto, ModelVersionDto } from './dto/model.dto';
import { MaturityModelsRepository, type VersionRow } from './maturity-models.repository';
import { questionsByKey } from './model-definition';
import { asDefinition, modelDocumentErrors } from './model-shape';

describeConstraint('ck_model_version_published_immutable', 'status', MATURITY_FIELD_MESSAGES.publishedImmutable);
describeConstraint('uq_maturity_models_key', 'key', MATURITY_FIELD_MESSAGES.modelKeyRace);

/** Maturity models and their versions: import, publish, browse, export. */
@Injectable()
export class MaturityModelsService {
  constructor(
    private readonly repository: MaturityModelsRepository,
    private readonly audit: AuditTrail,
    private readonly tenants: TenantReader,
  ) {}

  /** Models visible in this context: global ones, plus (with a tenant) the tenant's and its ancestors'. */
  async list(tenantId?: string, manager: EntityManager = RequestContext.manager()): Promise<MaturityModelDto[]> {
    const usable = tenantId ? await this.usableOwners(tenantId, manager) : null;
    const models = (await this.repository.models(manager)).filter((m) =>
      usable ? m.ownerTenantId === null || usable.has(m.ownerTenantId) : m.ownerTenantId === null,
    );
    const versions = await this.repository.versionRefs(
      manager,
      models.map((m) => m.id),
    );
    return models.map((m) => {
      const own = versions.filter((v) => v.modelId === m.id);
      const latest = own.find((v) => v.status === 'published');
      return {
        id: m.id,
        key: m.key,
        name: m.name,
        description: m.description,
        scope: m.ownerTenantId ? 'tenant' : 'global',
        ownerTenantId: m.ownerTenantId,
        latestVersion: latest ? { id: latest.id, version: latest.version, status: latest.status } : null,
        versions: own.map((v) => ({ id: v.id, version: v.version, status: v.status })),
      };
    });
  }

  /** A visible version; with a tenant, only one usable there (global, or the tenant's or an ancestor's). */
  async version(id: string, tenantId?: string, manager: EntityManager = RequestContext.manager()): Promise<ModelVersionDto> {
    const version = await this.repository.version(manager, id);
    if (!version || (tenantId && !(await this.isUsable(version.ownerTenantId, tenantId, manager)))) {
      throw platformProblems.raise(PlatformProblem.NotFound);
    }
    return toVersionDto(version);
  }

  /** Whether a version of this owner (null: global) may be used in the tenant. */
  async isUsable(ownerTenantId: string | null, tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<boolean> {
    return ownerTenantId === null || (await this.usableOwners(tenantId, manager)).has(ownerTenantId);
  }

  /**
   * Owners whose models a tenant may use: itself and its ancestors (plus global models). Row-level
   * security shows more — descendants' models, so their data stays readable, and every model to
   * platform administrators — but those are not for this tenant's assessments.
   */
  private async usableOwners(tenantId: string, manager: EntityManager): Promise<Set<string>> {
    return new Set([tenantId, ...(await this.tenants.ancestors(tenantId, manager))]);
  }

  /**
   * Imports a model document as a new version of the model with that key (created if new). A draft
   * latest version is replaced instead, since drafts are work in progress; published ones never change.
   * The document is checked by @rumbo/method's rules and the API's document format (model-shape.ts):
   * anything either refuses is a 422 naming every field.
   */
  async import(
    input: unknown,
    ownerTenantId: string | null,
    publish: boolean,
    manager: EntityManager = RequestContext.manager(),
  ): Promise<ModelVersionDto> {
    const errors = modelDocumentErrors(input);
    if (errors.length) throw maturityProblems.raise(MaturityProblem.InvalidModel, { errors });
    const { version: _ignored, ...document } = asDefinition(input);
    // Stored complete: an area without a weight weighs 1, as the method reads it.
    const definition = { ...document, areas: document.areas.map((area) => ({ ...area, weight: area.weight ?? 1 })) };
    const description = definition.description ?? null;

    let model = await this.repository.modelForUpdate(manager, definition.key, ownerTenantId);
    if (!model) {
      model = await this.repository.insertModel(manager, { key: definition.key, ownerTenantId, name: definition.name, description });
    } else if (
      JSON.stringify(model.name) !== JSON.stringify(definition.name) ||
      JSON.stringify(model.description) !== JSON.stringify(description)
    ) {
      await this.repository.updateModelTexts(manager, model.id, definition.name, description);
    }
    const latest = await this.repository.latestVersionForUpdate(manager, model.id);
    const version =
      latest && latest.status === 'draft'
        ? await this.repository.replaceDraft(manager, latest.id, definition)
        : await this.repository.insertVersion(manager, {
            modelId: model.id,
            ownerTenantId,
            version: (latest?.version ?? 0) + 1,
            definition,
          });
    await this.record(manager, 'maturity_model_version.imported', version, {
      key: definition.key,
      questionCount: questionsByKey(definition).size,
    });
    if (publish) return this.publish(version.id, ownerTenantId, manager);
    return toVersionDto(version);
  }

  /**
   * Publishes a version of the given owner (null = global); another owner's version is not found.
   * Its document is checked again first, so nothing the rules refuse (a draft imported before a rule
   * existed) becomes usable.
   */
  async publish(id: string, ownerTenantId: string | null, manager: EntityManager = RequestContext.manager()): Promise<ModelVersionDto> {
    const version = await this.repository.versionForUpdate(manager, id);
    if (!version || version.ownerTenantId !== ownerTenantId) throw platformProblems.raise(PlatformProblem.NotFound);
    if (version.status === 'published') return toVersionDto(version);
    const errors = modelDocumentErrors(version.definition);
    if (errors.length) throw maturityProblems.raise(MaturityProblem.InvalidModel, { errors });
    const published = await this.repository.publish(manager, id);
    await this.record(manager, 'maturity_model_version.published', published, {});
    return toVersionDto(published);
  }

  /**
   * A tenant-owned model's changes go to its owner's audit chain. Global models belong to no tenant's
   * chain: they are versioned, immutable once published, and named by every score that used them.
   */
  private async record(manager: EntityManager, action: string, version: VersionRow, extra: Record<string, unknown>): Promise<void> {
    if (version.ownerTenantId === null) return;
    await this.audit.record(manager, {
      tenantId: version.ownerTenantId,
      action,
      entityType: 'maturity_model_version',
      entityId: version.id,
      after: { modelId: version.modelId, version: version.version, status: version.status, ...extra },
    });
  }
}

export function toVersionDto(version: VersionRow): ModelVersionDto {
  const { definition } = version;
  return {
    ...definition,
    id: version.id,
    modelId: version.modelId,
    version: version.version,
    status: version.status,
    scope: version.ownerTenantId ? 'tenant' : 'global',
    publishedAt: version.publishedAt ? new Date(version.publishedAt).toISOString() : null,
    questionCount: questionsByKey(definition).size,
  } as ModelVersionDto;
}
