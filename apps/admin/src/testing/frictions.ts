import type { Me, Tenant } from '@/api/types';
import { demoMe, tenantSummary } from './fake-api';

/** Test data of the friction screens, shaped like the API's answers. */
export const FRICTION_ME = demoMe({
  memberships: [{ tenantId: 'town', tenantCode: 'DEMO-N-001', tenantName: 'Villanorte', tenantKind: 'municipality', role: 'admin' }],
}) as Me;
/** An analyst: writes frictions, cannot list members or change the settings. */
export const FRICTION_ANALYST = demoMe({
  memberships: [{ tenantId: 'town', tenantCode: 'DEMO-N-001', tenantName: 'Villanorte', tenantKind: 'municipality', role: 'analyst' }],
}) as Me;
export const FRICTION_TOWN = tenantSummary('town', 'Villanorte', { kind: 'municipality', code: 'DEMO-N-001' }) as unknown as Tenant;

const zero = { occurrences: 0, annualHours: 0, annualCost: 0 };

export function friction(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    ref: `F-${id}`,
    title: `Friction ${id}`,
    description: null,
    area: 'mobility',
    service: null,
    channel: null,
    status: 'identified',
    ownerId: null,
    evidence: [],
    tags: [],
    burdens: [
      {
        audience: 'citizens',
        population: 1000,
        frequencyPerYear: 2,
        minutesPerOccurrence: 30,
        tariffPerHour: null,
        tariffSource: 'none',
        outOfPocketPerOccurrence: 0,
        occurrences: 2000,
        annualHours: 1000,
        annualCost: 0,
      },
    ],
    byAudience: { citizens: { occurrences: 2000, annualHours: 1000, annualCost: 0 }, businesses: zero, staff: zero },
    annualHours: 1000,
    annualCost: 0,
    currency: 'EUR',
    rootCauses: [],
    allowedStatuses: ['analysed', 'discarded'],
    statusChangedAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-02-03T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export const AREAS = [
  { key: 'mobility', name: { es: 'Movilidad', en: 'Mobility' }, builtIn: true },
  { key: 'health', name: { es: 'Salud', en: 'Health' }, builtIn: true },
];

export const SETTINGS = { staffTariffPerHour: 42, businessTariffPerHour: 30, currency: 'EUR', version: 3 };

export const assessment = (id: string, status: string, submittedAt: string | null, period: string) => ({
  id,
  tenantId: 'town',
  modelVersionId: 'v1',
  period,
  status,
  score: 50,
  level: 2,
  coverage: 1,
  answeredCount: 1,
  questionCount: 1,
  respondents: [],
  title: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  submittedAt,
  validatedAt: null,
  version: 1,
});

export const MODEL_VERSION = {
  id: 'v1',
  modelId: 'model-1',
  key: 'rumbo-default',
  name: { es: 'Modelo', en: 'Model' },
  publishedAt: null,
  questionCount: 2,
  scope: 'global',
  status: 'published',
  levels: [],
  areas: [
    {
      key: 'tech',
      weight: 1,
      name: { es: 'Tecnología', en: 'Technology' },
      dimensions: [
        { key: 'infra', weight: 1, name: { es: 'Infraestructura', en: 'Infrastructure' }, questions: [] },
        { key: 'data', weight: 1, name: { es: 'Datos', en: 'Data' }, questions: [] },
        { key: 'skills', weight: 1, name: { es: 'Competencias', en: 'Skills' }, questions: [] },
      ],
    },
  ],
};

export const GAPS = {
  assessmentId: 'a2026',
  data: [
    { areaKey: 'tech', dimensionKey: 'data', score: 32.5, level: 2, nextLevel: 3, shortfall: 17.5, weightInOverall: 0.5 },
    { areaKey: 'tech', dimensionKey: 'infra', score: 75, level: 4, nextLevel: null, shortfall: null, weightInOverall: 0.5 },
  ],
};
