import fc from 'fast-check';
import { MaturityValidationError } from './errors';
import { DEFAULT_LEVELS } from './levels';
import { MAX_WEIGHT, PreparedModel, prepareModel, validateModel } from './model';
import { modelArb } from './testing/arbitraries';
import type { MaturityModel } from './types';

const valid = (): MaturityModel => ({
  areas: [
    {
      key: 'technologies',
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          questions: [
            { key: 'cloud', type: 'yes_no', weight: 1, evidenceRequired: true, source: 'OECD DGI' },
            { key: 'uptime', type: 'percentage', weight: 2 },
          ],
        },
      ],
    },
    {
      key: 'processes',
      weight: 2,
      dimensions: [
        {
          key: 'procedures',
          weight: 3,
          questions: [
            {
              key: 'online',
              type: 'scale',
              weight: 1,
              options: [
                { value: 0, label: 'none' },
                { value: 1, label: 'some' },
                { value: 2, label: 'all' },
              ],
            },
          ],
        },
      ],
    },
  ],
});

/** A deep copy of the valid model with one change applied. */
function broken(change: (m: { areas: Array<Record<string, unknown>>; levels?: unknown } & Record<string, unknown>) => void): unknown {
  const m = JSON.parse(JSON.stringify(valid())) as Parameters<typeof change>[0];
  change(m);
  return m;
}

type Mutable = Record<string, unknown> & { dimensions: Array<Record<string, unknown> & { questions: Array<Record<string, unknown>> }> };
const area = (m: { areas: Array<Record<string, unknown>> }, i: number) => m.areas[i] as Mutable;

describe('validateModel', () => {
  it('accepts a valid model (area weights and levels optional)', () => {
    expect(validateModel(valid())).toEqual([]);
    expect(validateModel({ ...valid(), levels: DEFAULT_LEVELS })).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['a non-object model', 42, '', 'required'],
    ['no areas', { areas: [] }, 'areas', 'empty'],
    ['areas not an array', { areas: {} }, 'areas', 'required'],
    ['a zero dimension weight', broken((m) => (area(m, 1).dimensions[0].weight = 0)), 'areas[1].dimensions[0].weight', 'not-positive'],
    ['a negative area weight', broken((m) => (area(m, 1).weight = -2)), 'areas[1].weight', 'not-positive'],
    [
      'a negative question weight',
      broken((m) => (area(m, 0).dimensions[0].questions[1].weight = -1)),
      'areas[0].dimensions[0].questions[1].weight',
      'not-positive',
    ],
    [
      'a missing question weight',
      broken((m) => delete area(m, 0).dimensions[0].questions[0].weight),
      'areas[0].dimensions[0].questions[0].weight',
      'required',
    ],
    ['a string weight', broken((m) => (area(m, 0).dimensions[0].weight = '1')), 'areas[0].dimensions[0].weight', 'invalid-type'],
    [
      'a weight above MAX_WEIGHT',
      broken((m) => (area(m, 0).dimensions[0].weight = MAX_WEIGHT * 10)),
      'areas[0].dimensions[0].weight',
      'out-of-range',
    ],
    ['an empty dimension list', broken((m) => (area(m, 0).dimensions = [])), 'areas[0].dimensions', 'empty'],
    ['an empty question list', broken((m) => (area(m, 1).dimensions[0].questions = [])), 'areas[1].dimensions[0].questions', 'empty'],
    ['a duplicate area key', broken((m) => (area(m, 1).key = 'technologies')), 'areas[1].key', 'duplicate'],
    ['a duplicate dimension key', broken((m) => (area(m, 1).dimensions[0].key = 'infra')), 'areas[1].dimensions[0].key', 'duplicate'],
    [
      'a duplicate question key across dimensions',
      broken((m) => (area(m, 1).dimensions[0].questions[0].key = 'cloud')),
      'areas[1].dimensions[0].questions[0].key',
      'duplicate',
    ],
    ['an empty key', broken((m) => (area(m, 0).key = ' ')), 'areas[0].key', 'empty'],
    [
      'an unknown question type',
      broken((m) => (area(m, 0).dimensions[0].questions[0].type = 'stars')),
      'areas[0].dimensions[0].questions[0].type',
      'unknown-type',
    ],
    [
      'a scale without options',
      broken((m) => delete area(m, 1).dimensions[0].questions[0].options),
      'areas[1].dimensions[0].questions[0].options',
      'required',
    ],
    [
      'a scale with one option',
      broken((m) => (area(m, 1).dimensions[0].questions[0].options = [{ value: 1, label: 'one' }])),
      'areas[1].dimensions[0].questions[0].options',
      'too-few-options',
    ],
    [
      'a duplicate option value',
      broken((m) => ((area(m, 1).dimensions[0].questions[0].options as Array<{ value: number }>)[2].value = 0)),
      'areas[1].dimensions[0].questions[0].options[2].value',
      'duplicate',
    ],
    [
      'option values out of order',
      broken((m) => ((area(m, 1).dimensions[0].questions[0].options as Array<{ value: number }>)[1].value = 5)),
      'areas[1].dimensions[0].questions[0].options[2].value',
      'not-increasing',
    ],
    [
      'an option without a label',
      broken((m) => delete (area(m, 1).dimensions[0].questions[0].options as Array<{ label?: string }>)[1].label),
      'areas[1].dimensions[0].questions[0].options[1].label',
      'required',
    ],
    [
      'a non-boolean evidenceRequired',
      broken((m) => (area(m, 0).dimensions[0].questions[0].evidenceRequired = 'yes')),
      'areas[0].dimensions[0].questions[0].evidenceRequired',
      'invalid-type',
    ],
    ['empty levels', broken((m) => (m.levels = [])), 'levels', 'empty'],
    [
      'non-increasing thresholds',
      broken(
        (m) =>
          (m.levels = [
            { level: 1, name: 'A', minScore: 0 },
            { level: 2, name: 'B', minScore: 50 },
            { level: 3, name: 'C', minScore: 50 },
          ]),
      ),
      'levels[2].minScore',
      'not-increasing',
    ],
    [
      'a first threshold above 0',
      broken(
        (m) =>
          (m.levels = [
            { level: 1, name: 'A', minScore: 10 },
            { level: 2, name: 'B', minScore: 50 },
          ]),
      ),
      'levels[0].minScore',
      'first-not-zero',
    ],
    [
      'a threshold above 100',
      broken(
        (m) =>
          (m.levels = [
            { level: 1, name: 'A', minScore: 0 },
            { level: 2, name: 'B', minScore: 120 },
          ]),
      ),
      'levels[1].minScore',
      'out-of-range',
    ],
    [
      'a repeated level number',
      broken(
        (m) =>
          (m.levels = [
            { level: 1, name: 'A', minScore: 0 },
            { level: 1, name: 'B', minScore: 50 },
          ]),
      ),
      'levels[1].level',
      'duplicate',
    ],
    [
      'level numbers with a gap',
      broken(
        (m) =>
          (m.levels = [
            { level: 1, name: 'A', minScore: 0 },
            { level: 3, name: 'B', minScore: 50 },
          ]),
      ),
      'levels[1].level',
      'not-sequential',
    ],
    [
      'level numbers not starting at 1',
      broken((m) => (m.levels = [{ level: 0, name: 'A', minScore: 0 }])),
      'levels[0].level',
      'not-sequential',
    ],
  ])('reports %s', (_label, model, path, code) => {
    const issues = validateModel(model);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, code });
    expect(issues[0].message).toEqual(expect.any(String));
  });

  it.each([NaN, Infinity, -Infinity])('reports a %p weight as not finite', (weight) => {
    const issues = validateModel(broken((m) => (area(m, 0).dimensions[0].questions[1].weight = weight)));
    expect(issues).toEqual([{ path: 'areas[0].dimensions[0].questions[1].weight', code: 'not-finite', message: expect.any(String) }]);
  });

  it('reports every issue at once, in model order, naming the first use of a duplicate', () => {
    const issues = validateModel(
      broken((m) => {
        area(m, 0).dimensions[0].weight = 0;
        area(m, 1).dimensions[0].questions[0].key = 'uptime';
        m.levels = [
          { level: 1, name: 'A', minScore: 0 },
          { level: 2, name: '', minScore: -1 },
        ];
      }),
    );
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'levels[1].name empty',
      'levels[1].minScore out-of-range',
      'areas[0].dimensions[0].weight not-positive',
      'areas[1].dimensions[0].questions[0].key duplicate',
    ]);
    expect(issues[3].message).toContain('areas[0].dimensions[0].questions[1]');
  });

  it('accepts every generated model (property)', () => {
    fc.assert(fc.property(modelArb(), (model) => expect(validateModel(model)).toEqual([])));
  });

  it('survives arbitrary JSON without throwing (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(Array.isArray(validateModel(json))).toBe(true);
        expect(Array.isArray(validateModel({ areas: [json] }))).toBe(true);
      }),
    );
  });
});

describe('prepareModel', () => {
  it('applies defaults and indexes questions', () => {
    const prepared = prepareModel(valid());
    expect(prepared).toBeInstanceOf(PreparedModel);
    expect(prepared.levels).toEqual(DEFAULT_LEVELS);
    expect(prepared.areas.map((a) => a.weight)).toEqual([1, 2]);
    expect(prepared.questions.get('online')).toMatchObject({
      scoring: { type: 'scale', min: 0, max: 2 },
      optionValues: [0, 1, 2],
      areaIndex: 1,
      dimensionIndex: 0,
      questionIndex: 0,
      areaKey: 'processes',
      dimensionKey: 'procedures',
    });
    expect(prepareModel(prepared)).toBe(prepared);
  });

  it('throws a MaturityValidationError listing the issues', () => {
    const bad = broken((m) => (area(m, 0).dimensions[0].weight = -1)) as MaturityModel;
    expect(() => prepareModel(bad)).toThrow(MaturityValidationError);
    expect(() => prepareModel(bad)).toThrow(/areas\[0\]\.dimensions\[0\]\.weight: weight must be > 0/);
  });
});
