import { ahp, ahpSynthesis, PairwiseMatrixError, pairwiseIssues } from './ahp';

// Input checks of the pairwise matrix (METHOD.md §4: "reciprocal pairwise matrix on Saaty's 1–9 scale"; n = 1…10).
const C3 = [
  [1, 2, 4],
  [1 / 2, 1, 2],
  [1 / 4, 1 / 2, 1],
];
const A2 = [
  [1, 3],
  [1 / 3, 1],
];

describe('pairwiseIssues — each code', () => {
  it.each<[string, unknown, { path: string; code: string }[]]>([
    [
      'valid',
      [
        [1, 2],
        [0.5, 1],
      ],
      [],
    ],
    [
      '1/3 typed with 5 decimals is reciprocal',
      [
        [1, 3],
        [0.33333, 1],
      ],
      [],
    ],
    ['not an array', { rows: [] }, [{ path: '', code: 'not-square' }]],
    ['a ragged row', [[1, 2], [0.5]], [{ path: '[1]', code: 'not-square' }]],
    ['a row that is not an array', [[1, 2], 3], [{ path: '[1]', code: 'not-square' }]],
    ['empty', [], [{ path: '', code: 'too-small' }]],
    [
      'zero entry',
      [
        [1, 0],
        [0.5, 1],
      ],
      [{ path: '[0][1]', code: 'not-positive' }],
    ],
    [
      'negative entry',
      [
        [1, 2],
        [-0.5, 1],
      ],
      [{ path: '[1][0]', code: 'not-positive' }],
    ],
    [
      'not reciprocal',
      [
        [1, 2],
        [2, 1],
      ],
      [{ path: '[0][1]', code: 'not-reciprocal' }],
    ],
    [
      '1/3 typed as 0.333 is not reciprocal enough',
      [
        [1, 3],
        [0.333, 1],
      ],
      [{ path: '[0][1]', code: 'not-reciprocal' }],
    ],
    [
      'NaN, Infinity, a string, null',
      [
        [1, NaN, '3'],
        [Infinity, 1, null],
        [1 / 3, 1, 1],
      ],
      [
        { path: '[0][1]', code: 'not-finite' },
        { path: '[0][2]', code: 'not-finite' },
        { path: '[1][0]', code: 'not-finite' },
        { path: '[1][2]', code: 'not-finite' },
      ],
    ],
    [
      'diagonal not one',
      [
        [2, 2],
        [0.5, 1],
      ],
      [{ path: '[0][0]', code: 'diagonal-not-one' }],
    ],
  ])('%s', (_, matrix, expected) => {
    expect(pairwiseIssues(matrix)).toEqual(expected);
  });

  it('ahp throws a RangeError carrying the issues', () => {
    let error: unknown;
    try {
      ahp([
        [1, 2],
        [2, 1],
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toBeInstanceOf(PairwiseMatrixError);
    expect((error as PairwiseMatrixError).issues).toEqual([{ path: '[0][1]', code: 'not-reciprocal' }]);
  });

  it('ahpSynthesis rejects mismatched alternatives', () => {
    expect(() => ahpSynthesis(C3, [A2, A2])).toThrow(RangeError);
    expect(() => ahpSynthesis(C3, [A2, A2, C3])).toThrow(RangeError); // alternatives of different sizes
    expect(() =>
      ahpSynthesis(C3, [
        A2,
        A2,
        [
          [1, 2],
          [2, 1],
        ],
      ]),
    ).toThrow(RangeError); // an invalid one
  });
});
