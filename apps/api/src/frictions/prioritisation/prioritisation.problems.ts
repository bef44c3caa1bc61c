import { defineProblems, type Localised } from '../../platform/errors/catalogue';
import type { ScoringModelStatus } from './models/scoring-model.entity';

/**
 * Every problem prioritisation raises on purpose (another tenant's model or friction is the
 * platform's `not-found`, exactly like a missing one). `type` is `urn:rumbo:problem:<code>`; the
 * texts follow Accept-Language (Spanish by default, addressing the reader as *usted*; English).
 */
export enum PrioritisationProblem {
  InvalidPairwiseMatrix = 'invalid-pairwise-matrix',
  InvalidScoringModel = 'invalid-scoring-model',
  ScoringModelInconsistent = 'scoring-model-inconsistent',
  ScoringModelNotDraft = 'scoring-model-not-draft',
  InvalidCriterionValues = 'invalid-criterion-values',
  ScoringModelNotWeighted = 'scoring-model-not-weighted',
}

export function modelStatusWord(status: ScoringModelStatus): Localised {
  switch (status) {
    case 'draft':
      return { es: 'en borrador', en: 'a draft' };
    case 'active':
      return { es: 'activo', en: 'active' };
    case 'retired':
      return { es: 'retirado', en: 'retired' };
  }
}

const fixed = (n: number) => (Math.round(n * 1000) / 1000).toString();

export const prioritisationProblems = defineProblems(
  'prioritisation',
  PrioritisationProblem,
  {
    [PrioritisationProblem.InvalidPairwiseMatrix]: {
      status: 422,
      detail: {
        es: 'La matriz de comparaciones por pares no es válida: debe ser cuadrada (de 1×1 a 10×10), con valores positivos, unos en la diagonal y recíproca (a_ji = 1/a_ij). Cada error indica la celda (errors).',
        en: 'The pairwise comparison matrix is not valid: it must be square (1×1 to 10×10), positive, with ones on the diagonal and reciprocal (a_ji = 1/a_ij). Each error names its cell (errors).',
      },
    },
    [PrioritisationProblem.InvalidScoringModel]: {
      status: 422,
      detail: {
        es: 'El modelo de priorización no es válido: cada error indica el campo (errors).',
        en: 'The scoring model is not valid: each error names its field (errors).',
      },
    },
    [PrioritisationProblem.ScoringModelInconsistent]: {
      status: 422,
      detail: (p: { cr: number; keyI: string; keyJ: string; value: number; suggestedValue: number }) => ({
        es: `Las comparaciones son incoherentes (CR ${fixed(p.cr)} > 0,10), así que el modelo no puede activarse. La menos coherente es «${p.keyI}» frente a «${p.keyJ}» (${fixed(p.value)}): revísela; ${fixed(p.suggestedValue)} la haría coherente con las demás.`,
        en: `The comparisons are inconsistent (CR ${fixed(p.cr)} > 0.10), so the model cannot be activated. The least consistent is "${p.keyI}" against "${p.keyJ}" (${fixed(p.value)}): review it; ${fixed(p.suggestedValue)} would agree with the others.`,
      }),
    },
    [PrioritisationProblem.ScoringModelNotDraft]: {
      status: 409,
      detail: (p: { status: ScoringModelStatus }) => ({
        es: `Este modelo está ${modelStatusWord(p.status).es}: solo cambian los borradores. Cree una versión nueva con el mismo nombre.`,
        en: `This model is ${modelStatusWord(p.status).en}: only drafts change. Create a new version with the same name.`,
      }),
    },
    [PrioritisationProblem.InvalidCriterionValues]: {
      status: 422,
      detail: {
        es: 'Algún valor de criterio no es válido: cada error indica el criterio (errors).',
        en: 'Some criterion value is not valid: each error names its criterion (errors).',
      },
    },
    [PrioritisationProblem.ScoringModelNotWeighted]: {
      status: 422,
      detail: {
        es: 'La sensibilidad varía los pesos de los criterios, y este modelo (RICE o WSJF) es una fórmula sin pesos: elija un modelo ponderado o AHP.',
        en: 'Sensitivity perturbs criterion weights, and this model (RICE or WSJF) is a formula without weights: choose a weighted or AHP model.',
      },
    },
  },
  {
    [PrioritisationProblem.ScoringModelInconsistent]: { cr: 0.186, keyI: 'impact', keyJ: 'effort', value: 9, suggestedValue: 2 },
    [PrioritisationProblem.ScoringModelNotDraft]: { status: 'active' },
  },
);
