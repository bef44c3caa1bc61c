import { exactSum } from '../sum';
import { BURDEN_LIMITS, validateBurden, validateBurdens } from './burden';
import { burdenCost, frictionCost, round6 } from './cost';

const DEFAULTS = { staff: 42, businesses: 42 };

describe('frictionCost — Standard Cost Model worked example (METHOD.md §3)', () => {
  // Formula: International Standard Cost Model Manual (SCM Network, 2004/2005, ch. 2) as used by the
  // EU Better Regulation Toolbox (tool on the Standard Cost Model): cost = Price × Quantity, with
  // Price = Tariff × Time (+ out-of-pocket costs) and Quantity = Population × Frequency. Tariff 42 EUR/h
  // is the average rate of Austria's WFA-VKV. The figures are an illustrative case, computed by hand:
  //
  // businesses: 2,000 firms × 4 reports a year = 8,000 occurrences; 90 min = 1.5 h each
  //   hours = 8,000 × 1.5 = 12,000; cost = 8,000 × (1.5 × 42 + 3.50 postage) = 8,000 × 66.50 = 532,000
  // citizens: 15,000 people × 1 visit = 15,000; 45 min = 0.75 h; no tariff (time in hours only)
  //   hours = 11,250; cost = 15,000 × (0 + 2.40 travel) = 36,000
  // staff: 15,000 cases × 1 × 12 min = 0.2 h; tenant default 42 EUR/h
  //   hours = 3,000; cost = 15,000 × 0.2 × 42 = 126,000
  // friction: hours 12,000 + 11,250 + 3,000 = 26,250; cost 532,000 + 36,000 + 126,000 = 694,000
  const lines = [
    {
      audience: 'businesses' as const,
      population: 2000,
      frequencyPerYear: 4,
      minutesPerOccurrence: 90,
      tariffPerHour: 42,
      outOfPocketPerOccurrence: 3.5,
    },
    { audience: 'citizens' as const, population: 15000, frequencyPerYear: 1, minutesPerOccurrence: 45, outOfPocketPerOccurrence: 2.4 },
    { audience: 'staff' as const, population: 15000, frequencyPerYear: 1, minutesPerOccurrence: 12 },
  ];

  it('reproduces the hand computation per line, per audience and in total', () => {
    const r = frictionCost(lines, DEFAULTS);
    expect(r.burdens.map((b) => [b.audience, b.occurrences, b.annualHours, b.annualCost, b.tariffPerHour, b.tariffSource])).toEqual([
      ['businesses', 8000, 12000, 532000, 42, 'explicit'],
      ['citizens', 15000, 11250, 36000, null, 'none'],
      ['staff', 15000, 3000, 126000, 42, 'tenant-default'],
    ]);
    expect(r.byAudience).toEqual({
      citizens: { occurrences: 15000, annualHours: 11250, annualCost: 36000 },
      businesses: { occurrences: 8000, annualHours: 12000, annualCost: 532000 },
      staff: { occurrences: 15000, annualHours: 3000, annualCost: 126000 },
    });
    expect(r.annualHours).toBe(26250);
    expect(r.annualCost).toBe(694000);
  });

  it('reports every audience, with zeros for those without a line, and 0 for no lines', () => {
    const r = frictionCost([lines[1]], DEFAULTS);
    expect(r.byAudience.staff).toEqual({ occurrences: 0, annualHours: 0, annualCost: 0 });
    expect(frictionCost([], DEFAULTS)).toEqual({
      burdens: [],
      byAudience: {
        citizens: { occurrences: 0, annualHours: 0, annualCost: 0 },
        businesses: { occurrences: 0, annualHours: 0, annualCost: 0 },
        staff: { occurrences: 0, annualHours: 0, annualCost: 0 },
      },
      annualHours: 0,
      annualCost: 0,
    });
  });
});

describe('burdenCost — tariffs', () => {
  const base = { population: 10, frequencyPerYear: 3, minutesPerOccurrence: 20 };

  it('uses the explicit tariff, else the tenant default for staff and businesses, never one for citizens', () => {
    // 30 occurrences × 20/60 h = 10 h
    expect(burdenCost({ ...base, audience: 'staff', tariffPerHour: 30 }, DEFAULTS)).toMatchObject({
      tariffPerHour: 30,
      tariffSource: 'explicit',
      annualCost: 300,
    });
    expect(burdenCost({ ...base, audience: 'staff' }, DEFAULTS)).toMatchObject({
      tariffPerHour: 42,
      tariffSource: 'tenant-default',
      annualCost: 420,
    });
    expect(burdenCost({ ...base, audience: 'businesses', tariffPerHour: null }, { staff: null, businesses: 50 })).toMatchObject({
      tariffPerHour: 50,
      annualCost: 500,
    });
    expect(burdenCost({ ...base, audience: 'businesses' }, { staff: 42, businesses: null })).toMatchObject({
      tariffPerHour: null,
      tariffSource: 'none',
      annualCost: 0,
      annualHours: 10,
    });
    expect(burdenCost({ ...base, audience: 'citizens' }, DEFAULTS)).toMatchObject({
      tariffPerHour: null,
      tariffSource: 'none',
      annualCost: 0,
      annualHours: 10,
    });
    // an explicit tariff values citizens' time too (a tenant's choice), and 0 is explicit
    expect(burdenCost({ ...base, audience: 'citizens', tariffPerHour: 12 }, DEFAULTS)).toMatchObject({
      tariffSource: 'explicit',
      annualCost: 120,
    });
    expect(burdenCost({ ...base, audience: 'staff', tariffPerHour: 0 }, DEFAULTS)).toMatchObject({
      tariffSource: 'explicit',
      annualCost: 0,
    });
  });

  it('rounds to 6 decimals: 1 occurrence × 1 min at 1 EUR/h = 0.016667', () => {
    const r = burdenCost({ audience: 'staff', population: 1, frequencyPerYear: 1, minutesPerOccurrence: 1, tariffPerHour: 1 }, DEFAULTS);
    expect(r.annualHours).toBe(0.016667);
    expect(r.annualCost).toBe(0.016667);
    expect(round6(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(round6(-1e-9), 0)).toBe(true);
  });

  it('rejects invalid lines and defaults with a RangeError', () => {
    expect(() => burdenCost({ ...base, audience: 'staff', population: -1 }, DEFAULTS)).toThrow(RangeError);
    expect(() => burdenCost({ ...base, audience: 'visitors' } as never, DEFAULTS)).toThrow(/audience: invalid-audience/);
    expect(() => burdenCost({ ...base, audience: 'staff' }, { staff: -5, businesses: null })).toThrow(RangeError);
    expect(() => burdenCost({ ...base, audience: 'staff' }, { staff: NaN, businesses: null })).toThrow(RangeError);
  });
});

describe('validateBurden / validateBurdens', () => {
  const ok = { audience: 'citizens', population: 1, frequencyPerYear: 1, minutesPerOccurrence: 1 };

  it('accepts a valid line (optional fields absent, null or numbers; unknown fields ignored)', () => {
    expect(validateBurden(ok)).toEqual([]);
    expect(validateBurden({ ...ok, tariffPerHour: null, outOfPocketPerOccurrence: 0, note: 'x' })).toEqual([]);
    expect(validateBurden({ ...ok, population: BURDEN_LIMITS.population })).toEqual([]);
  });

  it('reports each code with its path', () => {
    expect(validateBurden(null)).toEqual([{ path: '', code: 'not-an-object' }]);
    expect(validateBurden([ok])).toEqual([{ path: '', code: 'not-an-object' }]);
    expect(validateBurden({})).toEqual([
      { path: 'audience', code: 'required' },
      { path: 'population', code: 'required' },
      { path: 'frequencyPerYear', code: 'required' },
      { path: 'minutesPerOccurrence', code: 'required' },
    ]);
    expect(
      validateBurden({
        audience: 'tourists',
        population: '5',
        frequencyPerYear: Infinity,
        minutesPerOccurrence: -1,
        tariffPerHour: NaN,
        outOfPocketPerOccurrence: 2e9,
      }),
    ).toEqual([
      { path: 'audience', code: 'invalid-audience' },
      { path: 'population', code: 'not-a-number' },
      { path: 'frequencyPerYear', code: 'not-finite' },
      { path: 'minutesPerOccurrence', code: 'negative' },
      { path: 'tariffPerHour', code: 'not-finite' },
      { path: 'outOfPocketPerOccurrence', code: 'too-large' },
    ]);
    expect(validateBurden({ ...ok, minutesPerOccurrence: BURDEN_LIMITS.minutesPerOccurrence + 1 })).toEqual([
      { path: 'minutesPerOccurrence', code: 'too-large' },
    ]);
  });

  it('lists: indexes the paths and refuses a second line for the same audience', () => {
    expect(validateBurdens([ok, { ...ok, audience: 'staff' }])).toEqual([]);
    expect(validateBurdens([ok, { ...ok, population: -1 }, ok])).toEqual([
      { path: '[1].population', code: 'negative' },
      { path: '[1].audience', code: 'duplicate-audience' },
      { path: '[2].audience', code: 'duplicate-audience' },
    ]);
    expect(validateBurdens('lines')).toEqual([{ path: '', code: 'not-an-object' }]);
    expect(() => frictionCost([ok, ok] as never, DEFAULTS)).toThrow(/duplicate-audience/);
  });

  it('totals are the sums of the rounded lines (a case where naive float addition is off)', () => {
    // 0.1 + 0.2 EUR: lines of 1 occurrence × 6 min (0.1 h) at 1 and 2 EUR/h
    const r = frictionCost(
      [
        { audience: 'staff', population: 1, frequencyPerYear: 1, minutesPerOccurrence: 6, tariffPerHour: 1 },
        { audience: 'businesses', population: 1, frequencyPerYear: 1, minutesPerOccurrence: 6, tariffPerHour: 2 },
      ],
      DEFAULTS,
    );
    expect(r.burdens.map((b) => b.annualCost)).toEqual([0.1, 0.2]);
    expect(r.annualCost).toBe(0.3);
    expect(r.annualCost).toBe(round6(exactSum([0.1, 0.2])));
  });
});
