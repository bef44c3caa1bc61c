import type { ModelVersion } from '@/api/types';

/** A small model in two versions, for the model browser's tests (not shipped: only specs import it). */
export const modelV1: ModelVersion = {
  id: 'ver-1',
  modelId: 'model-1',
  key: 'test-model',
  version: 1,
  status: 'published',
  scope: 'tenant',
  publishedAt: '2026-03-01T10:00:00.000Z',
  questionCount: 3,
  name: { es: 'Modelo de prueba', en: 'Test model' },
  description: { es: 'Para probar', en: 'For testing' },
  levels: [
    { level: 1, minScore: 0, name: { es: 'Inicial', en: 'Initial' } },
    { level: 2, minScore: 50, name: { es: 'Avanzado', en: 'Advanced' } },
  ],
  areas: [
    {
      key: 'technologies',
      weight: 3,
      name: { es: 'Tecnologías', en: 'Technologies' },
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          name: { es: 'Infraestructura', en: 'Infrastructure' },
          questions: [
            {
              key: 'tech.cloud',
              type: 'scale',
              weight: 1,
              evidenceRequired: true,
              text: { es: '¿Usa la nube?', en: 'Does it use the cloud?' },
              guidance: { es: 'Según una estrategia o política definida.', en: 'Under a defined cloud strategy.' },
              options: [
                { value: 0, label: { es: 'No', en: 'No' } },
                { value: 2, label: { es: 'Sí', en: 'Yes' } },
              ],
              sources: [{ framework: 'OECD-DGI', reference: 'Digital by design', url: 'https://www.oecd.org/' }],
            },
          ],
        },
        {
          key: 'data',
          weight: 3,
          name: { es: 'Datos', en: 'Data' },
          questions: [
            {
              key: 'data.open',
              type: 'yes_no',
              weight: 1,
              text: { es: '¿Publica datos abiertos?', en: 'Does it publish open data?' },
              sources: [{ framework: 'EU-DMAT', reference: 'Data management' }],
            },
          ],
        },
      ],
    },
    {
      key: 'people',
      weight: 1,
      name: { es: 'Personas', en: 'People' },
      dimensions: [
        {
          key: 'skills',
          weight: 1,
          name: { es: 'Competencias', en: 'Skills' },
          questions: [{ key: 'people.skills', type: 'percentage', weight: 1, text: { es: '% formado', en: '% trained' } }],
        },
      ],
    },
  ],
};

/** v2: tech.cloud re-weighted with a new scale, data.open dropped, a question added, one reworded. */
export const modelV2: ModelVersion = {
  ...modelV1,
  id: 'ver-2',
  version: 2,
  status: 'draft',
  publishedAt: null,
  levels: [
    { level: 1, minScore: 0, name: { es: 'Inicial', en: 'Initial' } },
    { level: 2, minScore: 60, name: { es: 'Avanzado', en: 'Advanced' } },
  ],
  areas: [
    {
      ...modelV1.areas[0],
      dimensions: [
        {
          ...modelV1.areas[0].dimensions[0],
          questions: [
            {
              ...modelV1.areas[0].dimensions[0].questions[0],
              weight: 2,
              options: [
                { value: 0, label: { es: 'No', en: 'No' } },
                { value: 3, label: { es: 'Sí', en: 'Yes' } },
              ],
            },
          ],
        },
        { ...modelV1.areas[0].dimensions[1], weight: 2, questions: [] },
      ],
    },
    {
      ...modelV1.areas[1],
      dimensions: [
        {
          ...modelV1.areas[1].dimensions[0],
          questions: [
            { key: 'people.skills', type: 'percentage', weight: 1, text: { es: '% del personal formado', en: '% of staff trained' } },
            { key: 'people.training', type: 'yes_no', weight: 1, text: { es: '¿Plan de formación?', en: 'Training plan?' } },
          ],
        },
      ],
    },
  ],
};
