import type { ScoringModelDto } from './dto/scoring-model.dto';
import { weightedCriteria } from './scoring-model-definition';
import type { ScoringModelRow } from './scoring-models.repository';

export function toScoringModelDto(row: ScoringModelRow): ScoringModelDto {
  const builtIn = row.method === 'rice' || row.method === 'wsjf';
  const weights = builtIn ? null : weightedCriteria(row.criteria, row.ahp);
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    method: row.method,
    status: row.status,
    criteria: row.criteria.map((c, i) => ({
      key: c.key,
      field: c.field,
      manual: c.manual,
      direction: c.direction,
      givenWeight: c.weight,
      weight: weights ? weights[i].weight : null,
    })),
    pairwise: row.pairwise,
    ahp: row.ahp,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a model (its definition; timestamps are the event's own). */
export function auditedModel(row: ScoringModelRow): Record<string, unknown> {
  return { name: row.name, version: row.version, method: row.method, status: row.status, criteria: row.criteria, pairwise: row.pairwise };
}
