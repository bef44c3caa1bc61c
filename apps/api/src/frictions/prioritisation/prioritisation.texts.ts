import { RANKING_FIELDS } from '../friction.reader';
import type { Localised } from '../../platform/errors/catalogue';

/**
 * Field-level texts of prioritisation's problems (`errors[].message`), in both languages; the
 * problem's detail says what to do. Codes stay stable; these texts may be improved.
 */
export const PRIORITISATION_FIELD_MESSAGES = {
  pairwiseCell: (code: string): Localised => {
    switch (code) {
      case 'not-square':
        return {
          es: 'la matriz debe ser cuadrada (tantas columnas como filas)',
          en: 'the matrix must be square (as many columns as rows)',
        };
      case 'too-small':
        return { es: 'la matriz necesita al menos una fila', en: 'the matrix needs at least one row' };
      case 'too-large':
        return {
          es: 'como mucho 10 criterios (la tabla de índices aleatorios llega a 10)',
          en: 'at most 10 criteria (the random-index table stops at 10)',
        };
      case 'not-positive':
        return { es: 'debe ser un número mayor que 0', en: 'must be a number greater than 0' };
      case 'not-finite':
        return { es: 'debe ser un número finito', en: 'must be a finite number' };
      case 'diagonal-not-one':
        return { es: 'la diagonal vale 1 (un criterio comparado consigo mismo)', en: 'the diagonal is 1 (a criterion against itself)' };
      case 'not-reciprocal':
        return {
          es: 'debe ser el inverso de la celda simétrica (a_ji = 1/a_ij)',
          en: 'must be the reciprocal of its mirror cell (a_ji = 1/a_ij)',
        };
      default:
        return { es: 'valor no válido', en: 'invalid value' };
    }
  },
  keyDuplicate: { es: 'otro criterio ya usa esta clave', en: 'another criterion already uses this key' },
  sourceMissing: {
    es: 'indique de dónde sale el valor: un campo de la fricción (field) o un valor manual (manual: true)',
    en: 'say where the value comes from: a friction field (field) or a manual value (manual: true)',
  },
  unknownField: {
    es: `no es un campo de fricción utilizable: ${RANKING_FIELDS.join(', ')}`,
    en: `not a usable friction field: ${RANKING_FIELDS.join(', ')}`,
  },
  sourceConflict: { es: 'o un campo (field) o manual, no ambos', en: 'either a field or manual, not both' },
  weightMissing: {
    es: 'un modelo ponderado necesita un peso mayor que 0 en cada criterio',
    en: 'a weighted model needs a weight above 0 on each criterion',
  },
  weightNotAllowed: {
    es: 'en este método los pesos no se indican (AHP los calcula de la matriz; RICE y WSJF son fórmulas fijas)',
    en: 'this method takes no weights (AHP computes them from the matrix; RICE and WSJF are fixed formulas)',
  },
  criteriaRequired: { es: 'hace falta al menos un criterio', en: 'at least one criterion is needed' },
  pairwiseRequired: { es: 'un modelo AHP necesita la matriz de comparaciones', en: 'an AHP model needs its pairwise matrix' },
  pairwiseNotAllowed: { es: 'solo los modelos AHP llevan matriz de comparaciones', en: 'only AHP models take a pairwise matrix' },
  pairwiseSize: (n: number, size: number): Localised => ({
    es: `la matriz tiene ${size} filas pero hay ${n} criterios: debe ser ${n}×${n}`,
    en: `the matrix has ${size} rows but there are ${n} criteria: it must be ${n}×${n}`,
  }),
  builtInKeys: (keys: readonly string[]): Localised => ({
    es: `este método usa exactamente los criterios ${keys.join(', ')}`,
    en: `this method uses exactly the criteria ${keys.join(', ')}`,
  }),
  builtInDirection: (direction: string): Localised => ({
    es: `en este método el sentido de este criterio es ${direction}`,
    en: `in this method this criterion's direction is ${direction}`,
  }),
  unknownCriterion: {
    es: 'ningún modelo de esta organización tiene un criterio manual con esta clave',
    en: 'no scoring model of this organisation has a manual criterion with this key',
  },
  valueNotNumber: { es: 'debe ser un número finito o null (para borrarlo)', en: 'must be a finite number, or null to remove it' },
  offScale: {
    es: 'no está en la escala de este criterio en RICE o WSJF (impacto 3/2/1/0,5/0,25; confianza 100/80/50; 1, 2, 3, 5, 8, 13, 20; esfuerzo y tamaño > 0)',
    en: 'not on this criterion’s RICE or WSJF scale (impact 3/2/1/0.5/0.25; confidence 100/80/50; 1, 2, 3, 5, 8, 13, 20; effort and job size > 0)',
  },
  valueOutOfRange: { es: 'debe estar entre -10^12 y 10^12', en: 'must be between -10^12 and 10^12' },
} as const;
