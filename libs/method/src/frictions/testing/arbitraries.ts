// Test helpers: fast-check arbitraries for burden lines. Not part of the published build
// (tsconfig.build.json excludes src/**/testing/**).
import fc from 'fast-check';
import { AUDIENCES, type BurdenInput } from '../burden';
import type { DefaultTariffs } from '../cost';

/** Non-negative amounts with a few decimals, as people type them. */
const amount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);

export const tariffArb = fc.option(amount(200), { nil: null });

export const defaultsArb: fc.Arbitrary<DefaultTariffs> = fc.record({ staff: tariffArb, businesses: tariffArb });

export function burdenArb(audience?: BurdenInput['audience']): fc.Arbitrary<BurdenInput> {
  return fc.record({
    audience: audience === undefined ? fc.constantFrom(...AUDIENCES) : fc.constant(audience),
    population: fc.integer({ min: 0, max: 1_000_000 }),
    frequencyPerYear: amount(365),
    minutesPerOccurrence: amount(600),
    tariffPerHour: fc.option(amount(200), { nil: undefined }),
    outOfPocketPerOccurrence: fc.option(amount(500), { nil: undefined }),
  });
}

/** Up to three lines, at most one per audience. */
export const burdenLinesArb: fc.Arbitrary<BurdenInput[]> = fc
  .subarray([...AUDIENCES])
  .chain((audiences) => fc.tuple(...audiences.map((a) => burdenArb(a))));
