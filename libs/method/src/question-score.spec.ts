import fc from 'fast-check';
import { questionPoints, questionScore, type QuestionScoring } from './question-score';

describe('questionScore — examples (METHOD.md §1)', () => {
  it('scale: (value − min) / (max − min)', () => {
    const likert = { type: 'scale', min: 1, max: 5 } as const;
    expect(questionScore(likert, 1)).toBe(0);
    expect(questionScore(likert, 2)).toBe(0.25);
    expect(questionScore(likert, 3)).toBe(0.5);
    expect(questionScore(likert, 5)).toBe(1);
    expect(questionScore({ type: 'scale', min: 0, max: 10 }, 7)).toBe(0.7);
    expect(questionScore({ type: 'scale', min: -2, max: 2 }, 1)).toBe(0.75);
  });

  it('yes_no: 1 | 0', () => {
    expect(questionScore({ type: 'yes_no' }, true)).toBe(1);
    expect(questionScore({ type: 'yes_no' }, false)).toBe(0);
  });

  it('percentage: value / 100 clipped to [0, 1]', () => {
    const pct = { type: 'percentage' } as const;
    expect(questionScore(pct, 0)).toBe(0);
    expect(questionScore(pct, 57)).toBe(0.57);
    expect(questionScore(pct, 100)).toBe(1);
    expect(questionScore(pct, 12.5)).toBe(0.125);
    expect(questionScore(pct, 130)).toBe(1);
    expect(questionScore(pct, -4)).toBe(0);
  });

  it.each<[string, QuestionScoring, number | boolean, RegExp]>([
    ['min == max', { type: 'scale', min: 3, max: 3 }, 3, /min < max/],
    ['min > max', { type: 'scale', min: 5, max: 1 }, 3, /min < max/],
    ['non-finite bound', { type: 'scale', min: 0, max: Infinity }, 3, /min < max/],
    ['value below min', { type: 'scale', min: 1, max: 5 }, 0, /outside \[1, 5\]/],
    ['value above max', { type: 'scale', min: 1, max: 5 }, 6, /outside/],
    ['NaN scale value', { type: 'scale', min: 1, max: 5 }, NaN, /finite number/],
    ['boolean scale value', { type: 'scale', min: 1, max: 5 }, true, /finite number/],
    ['NaN percentage', { type: 'percentage' }, NaN, /finite number/],
    ['Infinity percentage', { type: 'percentage' }, Infinity, /finite number/],
    ['numeric yes_no', { type: 'yes_no' }, 1, /boolean/],
    ['unknown type', { type: 'stars' } as unknown as QuestionScoring, 1, /unknown question type/],
  ])('rejects %s with a RangeError', (_label, question, value, message) => {
    expect(() => questionScore(question, value)).toThrow(RangeError);
    expect(() => questionScore(question, value)).toThrow(message);
  });
});

describe('questionScore — properties', () => {
  const bounds = fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));

  it('scale: maps [min, max] monotonically onto [0, 1], endpoints exactly', () => {
    fc.assert(
      fc.property(bounds, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ min, max }, t, u) => {
        const q = { type: 'scale', min, max } as const;
        const at = (f: number) => Math.min(max, Math.max(min, min + f * (max - min)));
        const [x, y] = [at(t), at(u)].sort((a, b) => a - b);
        const sx = questionScore(q, x);
        const sy = questionScore(q, y);
        expect(sx).toBeGreaterThanOrEqual(0);
        expect(sy).toBeLessThanOrEqual(1);
        expect(sx).toBeLessThanOrEqual(sy);
        expect(questionScore(q, min)).toBe(0);
        expect(questionScore(q, max)).toBe(1);
      }),
    );
  });

  it('percentage: always in [0, 1], equal to value / 100 inside 0–100', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (v) => {
        const s = questionScore({ type: 'percentage' }, v);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        if (v >= 0 && v <= 100) expect(s === v / 100).toBe(true);
      }),
    );
  });
});

describe('questionPoints — the same score on 0–100', () => {
  it('keeps hand-checkable figures exact', () => {
    const pct = { type: 'percentage' } as const;
    expect(100 * questionScore(pct, 57)).not.toBe(57);
    expect(questionPoints(pct, 57)).toBe(57);
    expect(questionPoints(pct, 12.5)).toBe(12.5);
    expect(questionPoints(pct, 130)).toBe(100);
    expect(questionPoints(pct, -4)).toBe(0);
    expect(questionPoints({ type: 'scale', min: 1, max: 5 }, 4)).toBe(75);
    expect(questionPoints({ type: 'scale', min: 0, max: 3 }, 1)).toBe(100 / 3);
    expect(questionPoints({ type: 'yes_no' }, true)).toBe(100);
    expect(questionPoints({ type: 'yes_no' }, false)).toBe(0);
  });

  it('rejects what questionScore rejects', () => {
    expect(() => questionPoints({ type: 'scale', min: 1, max: 5 }, 6)).toThrow(/questionPoints: scale value 6 is outside/);
    expect(() => questionPoints({ type: 'yes_no' }, 1)).toThrow(RangeError);
    expect(() => questionPoints({ type: 'percentage' }, NaN)).toThrow(/finite number/);
  });

  it('equals 100 · questionScore within rounding, in [0, 100] (property)', () => {
    const scale = fc
      .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([min, span, t]) => ({
        question: { type: 'scale', min, max: min + span } as const,
        value: Math.min(min + span, min + t * span),
      }));
    fc.assert(
      fc.property(scale, ({ question, value }) => {
        const points = questionPoints(question, value);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(100);
        expect(Math.abs(points - 100 * questionScore(question, value))).toBeLessThanOrEqual(1e-12);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), (v) => {
        const points = questionPoints({ type: 'percentage' }, v);
        expect(points).toBe(Math.min(100, Math.max(0, v)));
      }),
    );
  });
});
