import { Injectable } from '@nestjs/common';
import { ahp, CR_THRESHOLD } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../../audit/audit-trail.service';
import { RequestContext } from '../../../platform/context/request-context';
import { PlatformProblem, platformProblems } from '../../../platform/errors/platform.problems';
import { actingUserId } from '../../../maturity/acting-user';
import { PrioritisationProblem, prioritisationProblems } from '../prioritisation.problems';
import type { ScoringModelCreateDto, ScoringModelDto, ScoringModelUpdateDto } from './dto/scoring-model.dto';
import { checkScoringModel, type ScoringModelInput } from './scoring-model-definition';
import { SCORING_MODEL_LIFECYCLE } from './scoring-model-lifecycle';
import { auditedModel, toScoringModelDto } from './scoring-model-presenter';
import { ScoringModelsRepository, type ScoringModelRow, type ScoringModelWrite } from './scoring-models.repository';

/**
 * A tenant's scoring models: drafts checked as a whole (scoring-model-definition.ts, with
 * @rumbo/method's pairwise rules), versions by name, one active at a time. Every change is audited;
 * activation records the model retired by it too.
 */
@Injectable()
export class ScoringModelsService {
  constructor(
    private readonly models: ScoringModelsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(tenantId: string): Promise<ScoringModelDto[]> {
    return (await this.models.list(RequestContext.manager(), tenantId)).map(toScoringModelDto);
  }

  async get(tenantId: string, id: string): Promise<ScoringModelDto> {
    return toScoringModelDto(await this.find(RequestContext.manager(), tenantId, id));
  }

  async create(tenantId: string, dto: ScoringModelCreateDto): Promise<ScoringModelDto> {
    const manager = RequestContext.manager();
    const write = this.checked(dto);
    const row = await this.models.insert(manager, tenantId, dto.name.trim(), write, actingUserId());
    await this.audit.record(manager, {
      action: 'scoring-model.created',
      entityType: 'scoring_model',
      entityId: row.id,
      after: auditedModel(row),
    });
    return toScoringModelDto(row);
  }

  async update(tenantId: string, id: string, dto: ScoringModelUpdateDto): Promise<ScoringModelDto> {
    const manager = RequestContext.manager();
    const before = await this.draft(manager, tenantId, id);
    const method = dto.method ?? before.method;
    const write = this.checked({
      method,
      criteria:
        dto.criteria ??
        before.criteria.map((c) => ({ key: c.key, field: c.field, manual: c.manual, direction: c.direction, weight: c.weight })),
      // A model that stops being AHP drops its matrix unless the body sends one (which is then refused).
      pairwise: dto.pairwise !== undefined ? dto.pairwise : method === 'ahp' ? before.pairwise : null,
    });
    const after = await this.models.update(manager, tenantId, id, write);
    await this.audit.record(manager, {
      action: 'scoring-model.updated',
      entityType: 'scoring_model',
      entityId: id,
      before: auditedModel(before),
      after: auditedModel(after),
    });
    return toScoringModelDto(after);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const manager = RequestContext.manager();
    const before = await this.draft(manager, tenantId, id);
    await this.models.delete(manager, tenantId, id);
    await this.audit.record(manager, {
      action: 'scoring-model.deleted',
      entityType: 'scoring_model',
      entityId: id,
      before: auditedModel(before),
    });
  }

  /**
   * Makes the model the tenant's active one and retires the one active before (both audited). An AHP
   * model whose comparisons are inconsistent (CR > 0.10) is refused with the pair to revisit.
   */
  async activate(tenantId: string, id: string): Promise<ScoringModelDto> {
    const manager = RequestContext.manager();
    const model = await this.find(manager, tenantId, id, { lock: true });
    const decision = SCORING_MODEL_LIFECYCLE.decide('activate', model.status);
    if (decision.kind === 'stay') return toScoringModelDto(model);
    if (decision.kind === 'refuse')
      throw prioritisationProblems.raise(PrioritisationProblem.ScoringModelNotDraft, { status: model.status });
    if (model.ahp && model.ahp.cr > CR_THRESHOLD) throw inconsistent(model);
    const { activated, retired } = await this.models.activate(manager, tenantId, id);
    if (retired) {
      await this.audit.record(manager, {
        action: 'scoring-model.retired',
        entityType: 'scoring_model',
        entityId: retired.id,
        before: { status: 'active' },
        after: { status: 'retired', replacedBy: id },
      });
    }
    await this.audit.record(manager, {
      action: 'scoring-model.activated',
      entityType: 'scoring_model',
      entityId: id,
      before: { status: model.status },
      after: { status: 'active', replaces: retired?.id ?? null, cr: model.ahp?.cr ?? null },
    });
    return toScoringModelDto(activated);
  }

  /** The tenant's model, or the platform's 404 (another tenant's looks exactly like a missing one). */
  async find(manager: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<ScoringModelRow> {
    const row = await this.models.find(manager, tenantId, id, options);
    if (!row) throw platformProblems.raise(PlatformProblem.NotFound);
    return row;
  }

  private async draft(manager: EntityManager, tenantId: string, id: string): Promise<ScoringModelRow> {
    const row = await this.find(manager, tenantId, id, { lock: true });
    if (SCORING_MODEL_LIFECYCLE.decide('edit', row.status).kind === 'refuse') {
      throw prioritisationProblems.raise(PrioritisationProblem.ScoringModelNotDraft, { status: row.status });
    }
    return row;
  }

  /** The model to store, or the 422 listing every problem of the definition. */
  private checked(input: ScoringModelInput): ScoringModelWrite {
    const { errors, criteria } = checkScoringModel(input);
    if (errors.length > 0) throw prioritisationProblems.raise(PrioritisationProblem.InvalidScoringModel, { errors });
    const pairwise = input.method === 'ahp' ? (input.pairwise as number[][]) : null;
    return { method: input.method, criteria, pairwise, ahp: pairwise ? ahp(pairwise) : null };
  }
}

/** The 422 of an inconsistent AHP model: the entry farthest from w_i / w_j, by criterion keys, with the value that would fit. */
function inconsistent(model: ScoringModelRow) {
  const result = model.ahp!;
  const pair = result.mostInconsistentPair;
  const keyI = pair ? model.criteria[pair.i].key : '';
  const keyJ = pair ? model.criteria[pair.j].key : '';
  return prioritisationProblems.raise(
    PrioritisationProblem.ScoringModelInconsistent,
    { cr: result.cr, keyI, keyJ, value: pair?.value ?? 0, suggestedValue: pair?.suggestedValue ?? 1 },
    {
      extensions: {
        cr: result.cr,
        threshold: CR_THRESHOLD,
        randomIndex: result.randomIndex,
        pair: pair
          ? {
              i: pair.i,
              j: pair.j,
              criteria: [keyI, keyJ],
              value: pair.value,
              consistentValue: pair.consistentValue,
              suggestedValue: pair.suggestedValue,
            }
          : null,
      },
      errors: pair
        ? [
            {
              path: `pairwise[${pair.i}][${pair.j}]`,
              code: 'inconsistent',
              message: { es: `sugerido: ${pair.suggestedValue}`, en: `suggested: ${pair.suggestedValue}` },
            },
          ]
        : [],
    },
  );
}
