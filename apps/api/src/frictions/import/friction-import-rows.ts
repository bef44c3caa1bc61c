import { AUDIENCES, validateBurden, type Audience, type BurdenInput } from '@rumbo/method';
import type { RowProblem } from '../../platform/bulk/bulk-rejection';
import type { BulkFormat, RawRow } from '../../platform/bulk/bulk-rows';
import { AREA_KEY } from '../dto/friction-input.dto';
import { FRICTION_STATUSES, type EvidenceLink, type FrictionStatus } from '../friction.entity';
import { FrictionImportRejection as R, frictionImportRejections as reasons } from './friction-import.rejections';

export const MAX_IMPORT_ROWS = 50_000;

const LINE_FIELDS = ['Population', 'FrequencyPerYear', 'MinutesPerOccurrence', 'TariffPerHour', 'OutOfPocketPerOccurrence'] as const;
const TEXT_COLUMNS = [
  'ref',
  'title',
  'description',
  'area',
  'service',
  'channel',
  'status',
  'ownerEmail',
  'tags',
  'evidence',
  'rootCauses',
] as const;

/** The columns of the import and the export, in order: the texts, then five per audience. */
export const FRICTION_COLUMNS = [...TEXT_COLUMNS, ...AUDIENCES.flatMap((a) => LINE_FIELDS.map((f) => `${a}${f}` as const))] as const;
export type FrictionColumn = (typeof FRICTION_COLUMNS)[number];

export const FRICTION_IMPORT_FORMAT: BulkFormat<FrictionColumn> = {
  columns: FRICTION_COLUMNS,
  envelope: 'rows',
  maxRows: MAX_IMPORT_ROWS,
  csv: true,
};

/** A rejection names the row's friction by its ref. */
export type FrictionImportId = { ref: string | null };

/** A root cause as a file writes it: `modelKey:areaKey/dimensionKey`. */
export interface CauseKey {
  modelKey: string;
  areaKey: string;
  dimensionKey: string;
  text: string;
}

/** A row that passed validation; what needs the database (area, owner, models) is resolved by the plan. */
export interface FrictionImportRow {
  row: number;
  ref: string;
  title: string;
  description: string | null;
  area: string;
  service: string | null;
  channel: string | null;
  /** null: identified for a new friction, unchanged for an existing one. */
  status: FrictionStatus | null;
  ownerEmail: string | null;
  tags: string[];
  /** Labels only from JSON; a CSV gives URLs (the plan keeps the labels a friction already has). */
  evidence: EvidenceLink[];
  evidenceLabelled: boolean;
  rootCauses: CauseKey[];
  lines: BurdenInput[];
}

type Values = RawRow<FrictionColumn>['values'];

export function identifyFrictionRow(values: Values): FrictionImportId {
  const ref = typeof values.ref === 'string' ? unguard(values.ref).trim() : typeof values.ref === 'number' ? String(values.ref) : '';
  return { ref: ref === '' ? null : ref };
}

/** Undoes the export's guard against spreadsheet formulas (a leading apostrophe before = + - @). */
function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A text cell: trimmed, '' as null; undefined when it is not text at all. */
function text(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const t = unguard(value).trim();
  return t === '' ? null : t;
}

/** A list cell: a JSON array of texts, or a `;`-separated text. */
function list(value: unknown): string[] | undefined {
  if (Array.isArray(value))
    return value.every((v) => typeof v === 'string') ? (value as string[]).map((v) => v.trim()).filter(Boolean) : undefined;
  const t = text(value);
  if (t === undefined) return undefined;
  return t === null
    ? []
    : t
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean);
}

/** A number cell: a JSON number, or a text with a decimal point; '' as null. */
function number(value: unknown): number | null | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const t = text(value);
  if (t === null) return null;
  if (t === undefined || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

const STATUSES: ReadonlySet<string> = new Set(FRICTION_STATUSES);
const CAUSE = /^([^:;\s]+):([^/;\s]+)\/([^;\s]+)$/;
const LIMITS = { ref: 100, title: 300, description: 5000, service: 300, channel: 100, ownerEmail: 320 } as const;

/** The validate stage: a row's fields checked by hand, the first problem wins. */
export function validateFrictionRow(raw: RawRow<FrictionColumn>): FrictionImportRow | RowProblem {
  const v = raw.values;
  const texts: Partial<Record<keyof typeof LIMITS | 'area' | 'status', string | null>> = {};
  for (const field of [...(Object.keys(LIMITS) as (keyof typeof LIMITS)[]), 'area', 'status'] as const) {
    const t = text(v[field]);
    if (t === undefined) return reasons.problem(R.InvalidType, field, { field });
    const max = (LIMITS as Record<string, number>)[field];
    if (t !== null && max !== undefined && t.length > max) return reasons.problem(R.TooLong, field, { field, max });
    texts[field] = t;
  }
  if (!texts.ref) return reasons.problem(R.RefRequired, 'ref');
  if (!texts.title) return reasons.problem(R.TitleRequired, 'title');
  if (!texts.area || !AREA_KEY.test(texts.area) || texts.area.length > 60) return reasons.problem(R.InvalidArea, 'area');
  const status = texts.status?.toLowerCase() ?? null;
  if (status !== null && !STATUSES.has(status)) return reasons.problem(R.InvalidStatus, 'status');
  const tags = list(v.tags);
  if (!tags || tags.length > 50 || tags.some((t) => t.length > 60)) return reasons.problem(R.InvalidType, 'tags', { field: 'tags' });
  const evidence = evidenceOf(v.evidence);
  if (!evidence) return reasons.problem(R.InvalidEvidence, 'evidence');
  const causes = list(v.rootCauses);
  if (!causes || causes.length > 50) return reasons.problem(R.InvalidRootCause, 'rootCauses');
  const rootCauses: CauseKey[] = [];
  for (const cause of causes) {
    const m = CAUSE.exec(cause);
    if (!m) return reasons.problem(R.InvalidRootCause, 'rootCauses');
    rootCauses.push({ modelKey: m[1], areaKey: m[2], dimensionKey: m[3], text: cause });
  }
  const lines: BurdenInput[] = [];
  for (const audience of AUDIENCES) {
    const line = lineOf(v, audience);
    if ('field' in line) return line.problem;
    if (line.input) lines.push(line.input);
  }
  return {
    row: raw.row,
    ref: texts.ref,
    title: texts.title,
    description: texts.description ?? null,
    area: texts.area,
    service: texts.service ?? null,
    channel: texts.channel ?? null,
    status: status as FrictionStatus | null,
    ownerEmail: texts.ownerEmail?.toLowerCase() ?? null,
    tags: [...new Set(tags)],
    evidence: evidence.links,
    evidenceLabelled: evidence.labelled,
    rootCauses,
    lines,
  };
}

/** Evidence: `;`-separated URLs, or (JSON) URLs and `{ url, label? }` objects. */
function evidenceOf(value: unknown): { links: EvidenceLink[]; labelled: boolean } | null {
  const items: unknown[] = Array.isArray(value) ? value : (list(value) ?? [null]);
  const links: EvidenceLink[] = [];
  for (const item of items) {
    const link = typeof item === 'string' ? { url: item.trim() } : item && typeof item === 'object' ? (item as EvidenceLink) : null;
    if (!link || typeof link.url !== 'string' || !/^https?:\/\/\S+$/.test(link.url) || link.url.length > 2000) return null;
    if (link.label !== undefined && (typeof link.label !== 'string' || link.label.length > 200)) return null;
    links.push(link.label ? { url: link.url, label: link.label } : { url: link.url });
  }
  if (links.length > 50) return null;
  return { links, labelled: Array.isArray(value) };
}

/** One audience's five cells: no line when all are empty, else a line @rumbo/method's validateBurden accepts. */
function lineOf(v: Values, audience: Audience): { input: BurdenInput | null } | { field: string; problem: RowProblem } {
  const cells = LINE_FIELDS.map((f) => ({
    field: `${audience}${f}` as FrictionColumn,
    value: number(v[`${audience}${f}` as FrictionColumn]),
  }));
  const bad = cells.find((c) => c.value === undefined);
  if (bad) return { field: bad.field, problem: reasons.problem(R.InvalidNumber, bad.field, { field: bad.field }) };
  if (cells.every((c) => c.value === null)) return { input: null };
  const [population, frequencyPerYear, minutesPerOccurrence, tariffPerHour, outOfPocketPerOccurrence] = cells.map((c) => c.value);
  const input = { audience, population, frequencyPerYear, minutesPerOccurrence, tariffPerHour, outOfPocketPerOccurrence };
  const [issue] = validateBurden(input);
  if (issue) {
    const field = `${audience}${issue.path.charAt(0).toUpperCase()}${issue.path.slice(1)}`;
    return { field, problem: reasons.problem(R.InvalidBurden, field, { field, code: issue.code }) };
  }
  return { input: input as BurdenInput };
}
