import type { AreaName } from './friction-area.entity';

/** The ten areas of interest every tenant has (issue 10); a tenant may add its own (friction_areas). */
export const BUILT_IN_AREAS: readonly { key: string; name: AreaName }[] = [
  { key: 'citizen-response', name: { es: 'Atención a la ciudadanía', en: 'Citizen response' } },
  { key: 'mobility', name: { es: 'Movilidad', en: 'Mobility' } },
  { key: 'security', name: { es: 'Seguridad', en: 'Security' } },
  { key: 'tourism', name: { es: 'Turismo', en: 'Tourism' } },
  { key: 'training', name: { es: 'Formación', en: 'Training' } },
  { key: 'health', name: { es: 'Salud', en: 'Health' } },
  { key: 'justice', name: { es: 'Justicia', en: 'Justice' } },
  { key: 'employment', name: { es: 'Empleo', en: 'Employment' } },
  { key: 'inclusion', name: { es: 'Inclusión', en: 'Inclusion' } },
  { key: 'internal-management', name: { es: 'Gestión interna', en: 'Internal management' } },
];

export const BUILT_IN_AREA_KEYS: ReadonlySet<string> = new Set(BUILT_IN_AREAS.map((a) => a.key));
