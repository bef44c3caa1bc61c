import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { uuidv7 } from '../../platform/database/uuid';
import { describeConstraint } from '../../platform/errors/postgres-errors';
import { ProblemError } from '../../platform/errors/problem';
import type { MaturityModelDto, ModelVersionDto, ModelVersionRefDto } from './dto/model.dto';
import { questionsByKey, type ModelDefinition } from './model-definition';
import { asDefinition, modelShapeErrors } from './model-shape';
import { MaturityModelVersion } from './maturity-model-version.entity';
import { MaturityModel } from './maturity-model.entity';

describeConstraint('ck_model_version_published_immutable', 'status', 'a published version cannot change: import a new version');

/** Maturity models and their versions: import, publish, browse, export. */
@Injectable()
export class MaturityModelsService {
  /** Models visible in this context: global ones, plus (with a tenant) the tenant's and its ancestors'. */
  async list(tenantId?: string, manager: EntityManager = RequestContext.manager()): Promise<MaturityModelDto[]> {
    const usable = tenantId ? await this.usableOwners(tenantId, manager) : null;
    const models = (await manager.find(MaturityModel, { order: { key: 'ASC' } })).filter(
      (m) => !usable || m.ownerTenantId === null || usable.has(m.ownerTenantId),
    );
    const versions = await manager.find(MaturityModelVersion, { order: { version: 'DESC' } });
    return models.map((m) => {
      const own = versions.filter((v) => v.modelId === m.id);
      const refs: ModelVersionRefDto[] = own.map((v) => ({ id: v.id, version: v.version, status: v.status }));
      const latest = own.find((v) => v.status === 'published');
      return {
        id: m.id,
        key: m.key,
        name: m.name,
        description: m.description,
        scope: m.ownerTenantId ? 'tenant' : 'global',
        ownerTenantId: m.ownerTenantId,
        latestVersion: latest ? { id: latest.id, version: latest.version, status: latest.status } : null,
        versions: refs,
      };
    });
  }

  /** A visible version; with a tenant, only one usable there (global, or the tenant's or an ancestor's). */
  async version(id: string, tenantId?: string, manager: EntityManager = RequestContext.manager()): Promise<ModelVersionDto> {
    const version = await manager.findOneBy(MaturityModelVersion, { id });
    if (
      !version ||
      (tenantId && version.ownerTenantId !== null && !(await this.usableOwners(tenantId, manager)).has(version.ownerTenantId))
    ) {
      throw ProblemError.notFound('model version');
    }
    return toVersionDto(version);
  }

  /**
   * Owners whose models a tenant may use: itself and its ancestors (plus global models). Row-level
   * security shows more — descendants' models, so their data stays readable, and every model to
   * platform administrators — but those are not for this tenant's assessments.
   */
  async usableOwners(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<Set<string>> {
    const [tenant]: { ancestors: string[] }[] = await manager.query('SELECT ancestors FROM tenants WHERE id = $1', [tenantId]);
    return new Set([tenantId, ...(tenant?.ancestors ?? [])]);
  }

  /** The stored definition of a visible version (for scoring). */
  async definition(
    id: string,
    manager: EntityManager = RequestContext.manager(),
  ): Promise<{ version: MaturityModelVersion; definition: ModelDefinition }> {
    const version = await manager.findOneBy(MaturityModelVersion, { id });
    if (!version) throw ProblemError.notFound('model version');
    return { version, definition: version.definition as unknown as ModelDefinition };
  }

  /**
   * Imports a model document as a new version of the model with that key (created if new). A draft
   * latest version is replaced instead, since drafts are work in progress; published ones never change.
   */
  async import(
    input: unknown,
    ownerTenantId: string | null,
    publish: boolean,
    manager: EntityManager = RequestContext.manager(),
  ): Promise<ModelVersionDto> {
    const errors = modelShapeErrors(input);
    if (errors.length) throw ProblemError.unprocessable('The model is not valid; see errors.', errors, 'invalid-model');
    const definition = asDefinition(input);
    const stored: Record<string, unknown> = { ...definition };
    delete stored.version;

    let model = await manager
      .createQueryBuilder(MaturityModel, 'm')
      .where('m.key = :key', { key: definition.key })
      .andWhere(ownerTenantId ? 'm.owner_tenant_id = :owner' : 'm.owner_tenant_id IS NULL', { owner: ownerTenantId })
      .getOne();
    if (!model) {
      model = await manager.save(
        manager.create(MaturityModel, {
          id: uuidv7(),
          key: definition.key,
          ownerTenantId,
          name: definition.name,
          description: definition.description ?? null,
        }),
      );
    } else if (
      JSON.stringify(model.name) !== JSON.stringify(definition.name) ||
      JSON.stringify(model.description) !== JSON.stringify(definition.description ?? null)
    ) {
      model.name = definition.name;
      model.description = definition.description ?? null;
      await manager.save(model);
    }
    const latest = await manager.findOne(MaturityModelVersion, { where: { modelId: model.id }, order: { version: 'DESC' } });
    let version: MaturityModelVersion;
    if (latest && latest.status === 'draft') {
      latest.definition = stored;
      version = await manager.save(latest);
    } else {
      version = await manager.save(
        manager.create(MaturityModelVersion, {
          id: uuidv7(),
          modelId: model.id,
          ownerTenantId,
          version: (latest?.version ?? 0) + 1,
          status: 'draft',
          definition: stored,
        }),
      );
    }
    if (publish) return this.publish(version.id, ownerTenantId, manager);
    return toVersionDto(version);
  }

  /** Publishes a version of the given owner (null = global); another owner's version is not found. */
  async publish(id: string, ownerTenantId: string | null, manager: EntityManager = RequestContext.manager()): Promise<ModelVersionDto> {
    const version = await manager.findOne(MaturityModelVersion, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!version || version.ownerTenantId !== ownerTenantId) throw ProblemError.notFound('model version');
    if (version.status === 'published') return toVersionDto(version);
    version.status = 'published';
    version.publishedAt = new Date();
    return toVersionDto(await manager.save(version));
  }
}

export function toVersionDto(version: MaturityModelVersion): ModelVersionDto {
  const definition = version.definition as unknown as ModelDefinition;
  return {
    ...definition,
    id: version.id,
    modelId: version.modelId,
    version: version.version,
    status: version.status,
    scope: version.ownerTenantId ? 'tenant' : 'global',
    publishedAt: version.publishedAt?.toISOString() ?? null,
    questionCount: questionsByKey(definition).size,
  } as ModelVersionDto;
}
