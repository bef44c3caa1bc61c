import type { Localised } from '../../platform/errors/catalogue';
import type { ContentLanguage } from '../../platform/http/language';
import type { TenantKind } from '../../tenancy/tenants/tenant-reader';
import { formatNumber } from '../maturity.texts';
import type { OverviewStatus } from './dto/descendants.dto';
import type { OverviewRow } from './descendants.repository';

const KINDS: Record<TenantKind, Localised> = {
  country: { es: 'País', en: 'Country' },
  region: { es: 'Región', en: 'Region' },
  province: { es: 'Provincia', en: 'Province' },
  municipality: { es: 'Municipio', en: 'Municipality' },
  institute: { es: 'Organismo', en: 'Institute' },
  other: { es: 'Otro', en: 'Other' },
};

const STATUSES: Record<OverviewStatus, Localised> = {
  not_started: { es: 'Sin empezar', en: 'Not started' },
  draft: { es: 'Borrador', en: 'Draft' },
  submitted: { es: 'Enviada', en: 'Submitted' },
  validated: { es: 'Validada', en: 'Validated' },
};

/** The columns, in order: header in both languages and the cell of a row. */
const COLUMNS: { header: Localised; cell: (row: OverviewRow, language: ContentLanguage, period: string) => string }[] = [
  { header: { es: 'Código', en: 'Code' }, cell: (r) => r.code },
  { header: { es: 'Nombre', en: 'Name' }, cell: (r) => r.name },
  { header: { es: 'Tipo', en: 'Kind' }, cell: (r, l) => KINDS[r.kind][l] },
  { header: { es: 'Población', en: 'Population' }, cell: (r) => (r.population === null ? '' : String(r.population)) },
  { header: { es: 'Depende de', en: 'Parent' }, cell: (r) => r.parentName ?? '' },
  { header: { es: 'Periodo', en: 'Period' }, cell: (_r, _l, period) => period },
  { header: { es: 'Estado', en: 'Status' }, cell: (r, l) => STATUSES[r.status ?? 'not_started'][l] },
  { header: { es: 'Título', en: 'Title' }, cell: (r) => r.title ?? '' },
  { header: { es: 'Puntuación (0-100)', en: 'Score (0-100)' }, cell: (r, l) => (r.score === null ? '' : formatNumber(r.score, l)) },
  { header: { es: 'Nivel', en: 'Level' }, cell: (r) => (r.level === null ? '' : String(r.level)) },
  { header: { es: 'Nombre del nivel', en: 'Level name' }, cell: (r) => r.levelName ?? '' },
  { header: { es: 'Cobertura (%)', en: 'Coverage (%)' }, cell: (r, l) => (r.coverage === null ? '' : formatNumber(r.coverage * 100, l)) },
  { header: { es: 'Enviada el', en: 'Submitted at' }, cell: (r) => (r.submittedAt ? new Date(r.submittedAt).toISOString() : '') },
  { header: { es: 'Actualizada el', en: 'Updated at' }, cell: (r) => (r.updatedAt ? new Date(r.updatedAt).toISOString() : '') },
];

/**
 * The overview as CSV for a spreadsheet in the caller's language: translated headers, kinds and
 * statuses; in Spanish `;` between fields and a decimal comma (what Spanish Excel expects), in
 * English `,` and a point. UTF-8 with a byte-order mark, so Excel reads the accents; a cell that a
 * spreadsheet would take for a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export function overviewCsv(rows: readonly OverviewRow[], period: string, language: ContentLanguage): string {
  const separator = language === 'es' ? ';' : ',';
  const line = (cells: string[]) => cells.map((cell) => escape(cell, separator)).join(separator);
  return `\uFEFF${[line(COLUMNS.map((c) => c.header[language])), ...rows.map((row) => line(COLUMNS.map((c) => c.cell(row, language, period))))].join('\r\n')}\r\n`;
}

function escape(cell: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
