import type { BurdenInput } from '@rumbo/method';
import { rejection, type BulkRejection } from '../../platform/bulk/bulk-rejection';
import type { EvidenceLink, FrictionStatus } from '../friction.entity';
import { allowedNext, FRICTION_LIFECYCLE } from '../friction-lifecycle';
import type { CauseRow, FrictionFields, FrictionRow, LineRow } from '../frictions.repository';
import type { RootCause } from '../root-causes/root-causes.service';
import type { FrictionImportId, FrictionImportRow } from './friction-import-rows';
import { FrictionImportRejection as R, frictionImportRejections as reasons } from './friction-import.rejections';

/** A friction the import found by ref, with its lines and root causes. */
export interface ExistingFriction {
  row: FrictionRow;
  lines: LineRow[];
  causes: CauseRow[];
}

/** What the plan reads from the database, once, for every row. */
export interface ImportLookups {
  existing: ReadonlyMap<string, ExistingFriction>;
  /** Area keys of the rows that are not areas of the tenant. */
  unknownAreas: ReadonlySet<string>;
  /** Member user ids by lower-case email. */
  members: ReadonlyMap<string, string>;
  /** Usable models by key, with their dimensions (`areaKey/dimensionKey`). */
  models: ReadonlyMap<string, { id: string; dimensions: ReadonlySet<string> }>;
}

export interface PlannedFriction {
  ref: string;
  fields: FrictionFields;
  status: FrictionStatus;
  lines: BurdenInput[];
  causes: RootCause[];
}

export interface FrictionImportPlan {
  create: PlannedFriction[];
  update: (PlannedFriction & { id: string; before: FrictionRow })[];
  unchanged: number;
  rejected: BulkRejection<FrictionImportId>[];
}

/** A line's inputs as stored, in the form a file gives them (no out-of-pocket cost reads as 0). */
function storedInput(line: LineRow): BurdenInput {
  return {
    audience: line.audience,
    population: line.population,
    frequencyPerYear: line.frequencyPerYear,
    minutesPerOccurrence: line.minutesPerOccurrence,
    tariffPerHour: line.tariffPerHour,
    outOfPocketPerOccurrence: line.outOfPocket,
  };
}

const lineKey = (l: BurdenInput) =>
  [l.audience, l.population, l.frequencyPerYear, l.minutesPerOccurrence, l.tariffPerHour ?? null, l.outOfPocketPerOccurrence ?? 0].join(
    '|',
  );
const causeKey = (c: RootCause) => `${c.modelId}:${c.areaKey}/${c.dimensionKey}`;
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const evidenceKey = (e: EvidenceLink[]) => JSON.stringify(e.map((x) => [x.url, x.label ?? null]));

/**
 * The import's decisions, from the valid rows and the lookups, without touching the database:
 * a ref seen before in the file is rejected; unknown area, owner or root cause rejects the row; an
 * existing ref whose every field, line and root cause already match is unchanged, one that differs
 * is updated (a status change must be a move the lifecycle allows), a new ref is created.
 */
export function planFrictionImport(rows: readonly FrictionImportRow[], lookups: ImportLookups): FrictionImportPlan {
  const plan: FrictionImportPlan = { create: [], update: [], unchanged: 0, rejected: [] };
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const id = { ref: row.ref };
    const refuse = (problem: ReturnType<typeof reasons.problem>) => plan.rejected.push(rejection(row.row, id, problem));
    const first = firstRow.get(row.ref);
    if (first !== undefined) {
      refuse(reasons.problem(R.DuplicateRef, 'ref', { first }));
      continue;
    }
    firstRow.set(row.ref, row.row);
    if (lookups.unknownAreas.has(row.area)) {
      refuse(reasons.problem(R.UnknownArea, 'area', { area: row.area }));
      continue;
    }
    const ownerId = row.ownerEmail === null ? null : (lookups.members.get(row.ownerEmail) ?? undefined);
    if (ownerId === undefined) {
      refuse(reasons.problem(R.UnknownOwner, 'ownerEmail'));
      continue;
    }
    const causes: RootCause[] = [];
    const unknownCause = row.rootCauses.find((c) => {
      const model = lookups.models.get(c.modelKey);
      if (!model || !model.dimensions.has(`${c.areaKey}/${c.dimensionKey}`)) return true;
      causes.push({ modelId: model.id, areaKey: c.areaKey, dimensionKey: c.dimensionKey });
      return false;
    });
    if (unknownCause) {
      refuse(reasons.problem(R.UnknownRootCause, 'rootCauses', { cause: unknownCause.text }));
      continue;
    }
    const existing = lookups.existing.get(row.ref);
    // A CSV names evidence by URL only: the labels a friction already has for those URLs are kept.
    const labels = new Map((existing?.row.evidence ?? []).map((e) => [e.url, e.label]));
    const evidence = row.evidenceLabelled
      ? row.evidence
      : row.evidence.map((e) => (labels.get(e.url) ? { url: e.url, label: labels.get(e.url)! } : { url: e.url }));
    const fields: FrictionFields = {
      ref: row.ref,
      title: row.title,
      description: row.description,
      area: row.area,
      service: row.service,
      channel: row.channel,
      ownerId,
      evidence,
      tags: row.tags,
    };
    const uniqueCauses = [...new Map(causes.map((c) => [causeKey(c), c])).values()];
    if (!existing) {
      plan.create.push({ ref: row.ref, fields, status: row.status ?? 'identified', lines: row.lines, causes: uniqueCauses });
      continue;
    }
    const before = existing.row;
    const status = row.status ?? before.status;
    if (status !== before.status && FRICTION_LIFECYCLE.decide(status, before.status).kind === 'refuse') {
      refuse(reasons.problem(R.TransitionInvalid, 'status', { from: before.status, to: status, allowed: allowedNext(before.status) }));
      continue;
    }
    const same =
      status === before.status &&
      fields.title === before.title &&
      fields.description === before.description &&
      fields.area === before.area &&
      fields.service === before.service &&
      fields.channel === before.channel &&
      fields.ownerId === before.ownerId &&
      evidenceKey(fields.evidence) === evidenceKey(before.evidence) &&
      sameSet(fields.tags, before.tags) &&
      sameSet(
        row.lines.map(lineKey),
        existing.lines.map((l) => lineKey(storedInput(l))),
      ) &&
      sameSet(uniqueCauses.map(causeKey), existing.causes.map(causeKey));
    if (same) plan.unchanged += 1;
    else plan.update.push({ id: before.id, before, ref: row.ref, fields, status, lines: row.lines, causes: uniqueCauses });
  }
  return plan;
}
