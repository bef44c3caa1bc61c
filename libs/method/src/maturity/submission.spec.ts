import { submissionGaps } from './submission';
import type { MaturityModel } from './types';

const model: MaturityModel = {
  areas: [
    {
      key: 'tech',
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          questions: [
            { key: 'backup', type: 'yes_no', weight: 1, evidenceRequired: true },
            { key: 'policy', type: 'yes_no', weight: 1, evidenceRequired: true },
            { key: 'open', type: 'percentage', weight: 1 },
            { key: 'audit', type: 'yes_no', weight: 1, evidenceRequired: true },
          ],
        },
      ],
    },
  ],
};

describe('submissionGaps', () => {
  it('lists, in model order, missing answers and then missing evidence of each question; not applicable needs none', () => {
    const gaps = submissionGaps(
      model,
      [
        { questionKey: 'backup', value: true },
        { questionKey: 'audit', notApplicable: true },
      ],
      (key) => key === 'open',
    );
    expect(gaps.map((g) => [g.questionKey, g.missing, g.path])).toEqual([
      ['backup', 'evidence', 'areas[0].dimensions[0].questions[0]'],
      ['policy', 'answer', 'areas[0].dimensions[0].questions[1]'],
      ['policy', 'evidence', 'areas[0].dimensions[0].questions[1]'],
      ['open', 'answer', 'areas[0].dimensions[0].questions[2]'],
    ]);
    expect(gaps[0]).toMatchObject({ areaKey: 'tech', dimensionKey: 'infra' });
  });

  it('is empty for a complete assessment with its evidence', () => {
    const answers = [
      { questionKey: 'backup', value: true },
      { questionKey: 'policy', value: false },
      { questionKey: 'open', value: 10 },
      { questionKey: 'audit', value: true },
    ];
    expect(submissionGaps(model, answers, () => true)).toEqual([]);
    expect(submissionGaps(model, answers, (key) => key !== 'policy').map((g) => g.questionKey)).toEqual(['policy']);
  });
});
