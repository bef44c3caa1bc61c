import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MaturityGapReader, type ModelGaps } from '../../maturity/insights/dimension-gaps.reader';
import { RequestContext } from '../../platform/context/request-context';
import type { ProblemFieldError } from '../../platform/errors/problem';
import type { RootCauseDto } from '../dto/friction.dto';
import type { RootCauseRefDto } from '../dto/friction-input.dto';
import type { CauseRow } from '../frictions.repository';
import { FrictionProblem, frictionProblems } from '../frictions.problems';
import { FRICTION_FIELD_MESSAGES } from '../frictions.texts';

export type RootCause = Omit<CauseRow, 'frictionId'>;

/**
 * Root causes: dimensions of maturity models the tenant may use (global, its own, an ancestor's),
 * checked on every write and shown with the dimension's score and gap in the tenant's latest
 * submitted assessment of the model (MaturityGapReader, the only way frictions read maturity).
 */
@Injectable()
export class RootCausesService {
  constructor(private readonly gaps: MaturityGapReader) {}

  /** Field errors of these links (empty: all are dimensions of usable models). */
  async issues(tenantId: string, refs: readonly RootCauseRefDto[], prefix: string, manager: EntityManager): Promise<ProblemFieldError[]> {
    const models = await this.gaps.gaps(tenantId, [...new Set(refs.map((r) => r.modelId))], manager);
    const errors: ProblemFieldError[] = [];
    refs.forEach((ref, i) => {
      const model = models.get(ref.modelId);
      if (!model) {
        errors.push({
          path: `${prefix}[${i}].modelId`,
          code: 'modelUnusable',
          message: FRICTION_FIELD_MESSAGES.modelUnusable,
          modelId: ref.modelId,
        });
      } else if (!model.dimensions.some((d) => d.areaKey === ref.areaKey && d.dimensionKey === ref.dimensionKey)) {
        errors.push({ path: `${prefix}[${i}].dimensionKey`, code: 'dimensionUnknown', message: FRICTION_FIELD_MESSAGES.dimensionUnknown });
      }
    });
    return errors;
  }

  /** The links, checked (422 `friction-root-cause-invalid` naming each bad one) and without repeats. */
  async checked(
    tenantId: string,
    refs: readonly RootCauseRefDto[],
    manager: EntityManager = RequestContext.manager(),
  ): Promise<RootCause[]> {
    const errors = await this.issues(tenantId, refs, 'rootCauses', manager);
    if (errors.length > 0) throw frictionProblems.raise(FrictionProblem.RootCauseInvalid, { errors });
    const unique = new Map(refs.map((r) => [`${r.modelId}:${r.areaKey}/${r.dimensionKey}`, r]));
    return [...unique.values()].map((r) => ({ modelId: r.modelId, areaKey: r.areaKey, dimensionKey: r.dimensionKey }));
  }

  /** The gaps of every model these causes name (usable ones only), by model id. */
  models(
    tenantId: string,
    causes: Iterable<RootCause>,
    manager: EntityManager = RequestContext.manager(),
  ): Promise<Map<string, ModelGaps>> {
    return this.gaps.gaps(tenantId, [...new Set([...causes].map((c) => c.modelId))], manager);
  }

  /** Each friction's root causes as shown, in the caller's language. */
  async present(
    tenantId: string,
    causes: ReadonlyMap<string, RootCause[]>,
    manager: EntityManager = RequestContext.manager(),
  ): Promise<Map<string, RootCauseDto[]>> {
    const models = await this.models(tenantId, [...causes.values()].flat(), manager);
    const language = RequestContext.language();
    const out = new Map<string, RootCauseDto[]>();
    for (const [frictionId, list] of causes) {
      out.set(
        frictionId,
        list.map((c) => {
          const model = models.get(c.modelId);
          const dimension = model?.dimensions.find((d) => d.areaKey === c.areaKey && d.dimensionKey === c.dimensionKey);
          return {
            modelId: c.modelId,
            modelKey: model?.model.key ?? '',
            areaKey: c.areaKey,
            dimensionKey: c.dimensionKey,
            dimensionName: dimension?.name[language] ?? c.dimensionKey,
            assessmentId: model?.assessmentId ?? null,
            period: model?.period ?? null,
            score: dimension?.score ?? null,
            level: dimension?.level ?? null,
            nextLevel: dimension?.nextLevel ?? null,
            shortfall: dimension?.shortfall ?? null,
          };
        }),
      );
    }
    return out;
  }
}
