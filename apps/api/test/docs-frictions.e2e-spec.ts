import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ahp, frictionCost, shorthandBurden, weightedRanking, type BurdenInput, type DefaultTariffs } from '@rumbo/method';
import type { RankInput, WeightedCriterion } from '@rumbo/method';

/**
 * The friction-cost and prioritisation examples of docs/method.md (§3–4) are what @rumbo/method gives:
 * an auditor recomputing them by hand and the API (which calls the same functions) agree.
 */
const markdown = readFileSync(join(__dirname, '../../../docs/method.md'), 'utf8');

function jsonBlock(name: string): unknown {
  const match = new RegExp(`<!-- worked-example:${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(markdown);
  if (!match) throw new Error(`docs/method.md has no worked-example:${name} block`);
  return JSON.parse(match[1]);
}

/** Rounds every number of a JSON value to `dp` decimals, so a printed figure compares to a computed one. */
const rounded = (value: unknown, dp: number): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(dp)) : v));

describe('docs/method.md, friction cost and prioritisation', () => {
  it('friction cost: the lines, audiences and totals printed are the method’s', () => {
    const input = jsonBlock('friction-cost-input') as { defaults: DefaultTariffs; burdens: BurdenInput[] };
    const cost = frictionCost(input.burdens, input.defaults);
    expect(cost).toMatchObject(jsonBlock('friction-cost') as object);
    // The hand check the text gives.
    expect(cost.annualCost).toBe(12_000 * 3.5 + 12_000 * (12 / 60) * 42);
    expect(cost.annualHours).toBe(18_000 + 2_400);
  });

  it('the shorthand is the one line the text describes', () => {
    const line = shorthandBurden({ occurrencesPerYear: 5000, hoursLostPerOccurrence: 2, costPerHour: 20, directCostPerOccurrence: 10 });
    expect(line).toMatchObject({
      population: 5000,
      frequencyPerYear: 1,
      minutesPerOccurrence: 120,
      tariffPerHour: 20,
      outOfPocketPerOccurrence: 10,
    });
    expect(frictionCost([line], { staff: null, businesses: null }).annualCost).toBe(250_000);
  });

  it('weighted ranking: scores, order and contributions are the method’s', () => {
    const input = jsonBlock('ranking-input') as { criteria: WeightedCriterion[]; items: RankInput[] };
    const ranked = weightedRanking(input.items, input.criteria);
    expect(ranked).toMatchObject(jsonBlock('ranking') as object[]);
    for (const item of ranked) expect(item.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(item.score, 9);
  });

  it('AHP: the leader example’s weights, λmax, CI and CR printed to 4 decimals, and the mis-entered variant', () => {
    const { matrix } = jsonBlock('ahp-input') as { matrix: number[][] };
    const result = ahp(matrix);
    const { mostInconsistentPair: _pair, ...figures } = result;
    expect(rounded(figures, 4)).toEqual(jsonBlock('ahp'));

    const wrong = matrix.map((row) => [...row]);
    wrong[0][2] = 1 / 3;
    wrong[2][0] = 3;
    const refused = ahp(wrong);
    expect(refused.cr).toBeCloseTo(0.111, 3);
    expect(refused.consistent).toBe(false);
    expect(refused.mostInconsistentPair).toMatchObject({ i: 0, j: 2, suggestedValue: 0.5 });
    wrong[0][2] = 0.5;
    wrong[2][0] = 2;
    expect(ahp(wrong).cr).toBeCloseTo(0.063, 3);
  });
});
