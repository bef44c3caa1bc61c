import { estimateMinutes, STANDARD_ACTIVITIES } from './activities';
import { burdenCost } from './cost';
import { shorthandBurden, shorthandIssues } from './shorthand';

const DEFAULTS = { staff: 42, businesses: 42 };

describe('shorthandBurden (METHOD.md §3 shorthand)', () => {
  it('annualCost = occurrencesPerYear × (hoursLostPerOccurrence × costPerHour + directCostPerOccurrence)', () => {
    // 1,200 × (0.5 × 30 + 4) = 1,200 × 19 = 22,800; hours 600
    const line = shorthandBurden({ occurrencesPerYear: 1200, hoursLostPerOccurrence: 0.5, costPerHour: 30, directCostPerOccurrence: 4 });
    expect(line).toEqual({
      audience: 'citizens',
      population: 1200,
      frequencyPerYear: 1,
      minutesPerOccurrence: 30,
      tariffPerHour: 30,
      outOfPocketPerOccurrence: 4,
    });
    expect(burdenCost(line, DEFAULTS)).toMatchObject({ occurrences: 1200, annualHours: 600, annualCost: 22800 });
  });

  it('unknown occurrences: occurrencesPerYear = affectedPeople × occurrencesPerPersonPerYear', () => {
    // 500 people × 3 a year = 1,500 occurrences × 2 h = 3,000 h, at the staff default 42 → 126,000
    const line = shorthandBurden({ affectedPeople: 500, occurrencesPerPersonPerYear: 3, hoursLostPerOccurrence: 2, audience: 'staff' });
    expect(line).toMatchObject({
      population: 500,
      frequencyPerYear: 3,
      minutesPerOccurrence: 120,
      tariffPerHour: null,
      outOfPocketPerOccurrence: 0,
    });
    expect(burdenCost(line, DEFAULTS)).toMatchObject({
      occurrences: 1500,
      annualHours: 3000,
      annualCost: 126000,
      tariffSource: 'tenant-default',
    });
  });

  it('with occurrences and people: the population stays people and occurrences match the given count', () => {
    const line = shorthandBurden({ occurrencesPerYear: 700, affectedPeople: 200, hoursLostPerOccurrence: 1, costPerHour: 10 });
    expect(line).toMatchObject({ population: 200, frequencyPerYear: 3.5 });
    expect(burdenCost(line, DEFAULTS)).toMatchObject({ occurrences: 700, annualCost: 7000 });
    // affectedPeople 0 cannot carry the occurrences: each case counts once
    expect(shorthandBurden({ occurrencesPerYear: 700, affectedPeople: 0, hoursLostPerOccurrence: 1 })).toMatchObject({
      population: 700,
      frequencyPerYear: 1,
    });
  });

  it('reports issues by field and throws RangeError on them', () => {
    expect(shorthandIssues({ hoursLostPerOccurrence: 1 })).toEqual([
      { path: 'affectedPeople', code: 'required' },
      { path: 'occurrencesPerPersonPerYear', code: 'required' },
    ]);
    expect(shorthandIssues({ occurrencesPerYear: '3', hoursLostPerOccurrence: -1, costPerHour: NaN, audience: 'x' })).toEqual([
      { path: 'occurrencesPerYear', code: 'not-a-number' },
      { path: 'hoursLostPerOccurrence', code: 'negative' },
      { path: 'costPerHour', code: 'not-finite' },
      { path: 'audience', code: 'invalid-audience' },
    ]);
    expect(shorthandIssues({ occurrencesPerYear: 1 })).toEqual([{ path: 'hoursLostPerOccurrence', code: 'required' }]);
    expect(shorthandIssues(7)).toEqual([{ path: '', code: 'not-an-object' }]);
    expect(() => shorthandBurden({ hoursLostPerOccurrence: 1 })).toThrow(RangeError);
    // beyond the burden limits (over a year of minutes per occurrence)
    expect(() => shorthandBurden({ occurrencesPerYear: 1, hoursLostPerOccurrence: 10_000 })).toThrow(/too-large/);
  });
});

describe('estimateMinutes (METHOD.md §3 standard activities)', () => {
  it('holds the table of METHOD.md §3', () => {
    expect(STANDARD_ACTIVITIES.map((a) => [a.key, a.simple, a.medium, a.complex])).toEqual([
      ['familiarisation', 3, 5, 60],
      ['obtaining-data', 2, 10, 120],
      ['filling-in-forms', 3, 5, 30],
      ['calculations', 2, 20, 240],
      ['checking', 1, 10, 60],
      ['error-correction', 2, 10, 60],
      ['preparing-data', 3, 20, 268],
      ['sending', 1, 2, 5],
    ]);
  });

  it('sums minutes × times', () => {
    // familiarisation medium 5 + forms simple 3 × 2 + sending complex 5 = 16
    expect(
      estimateMinutes([
        { activity: 'familiarisation', complexity: 'medium' },
        { activity: 'filling-in-forms', complexity: 'simple', times: 2 },
        { activity: 'sending', complexity: 'complex' },
      ]),
    ).toBe(16);
    expect(estimateMinutes([])).toBe(0);
  });

  it('rejects unknown activities, complexities and bad times', () => {
    expect(() => estimateMinutes([{ activity: 'dancing', complexity: 'simple' }])).toThrow(RangeError);
    expect(() => estimateMinutes([{ activity: 'checking', complexity: 'hard' as never }])).toThrow(RangeError);
    expect(() => estimateMinutes([{ activity: 'checking', complexity: 'simple', times: -1 }])).toThrow(RangeError);
  });
});
