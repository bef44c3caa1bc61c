import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '@/api/types';
import { diffVersions, dimensionShares, frameworksOf, parseModelFile, questionMatches, toDefinition } from './use-maturity-models';
import { modelV1, modelV2 } from '@/testing/maturity-models';

describe('toDefinition', () => {
  it('keeps exactly the importable document and drops the server fields', () => {
    const definition = toDefinition(modelV1);
    expect(Object.keys(definition).sort()).toEqual(['areas', 'description', 'key', 'levels', 'name', 'version']);
    expect(definition.areas).toEqual(modelV1.areas);
    expect(definition.levels).toEqual(modelV1.levels);
    expect(JSON.stringify(definition)).not.toContain('"status"');
  });

  it('leaves out a missing description instead of sending undefined', () => {
    const { description: _omit, ...rest } = modelV1;
    expect('description' in toDefinition(rest as ModelVersion)).toBe(false);
  });
});

describe('dimensionShares', () => {
  it('multiplies the area share by the dimension share within it (METHOD.md §1)', () => {
    const shares = dimensionShares(modelV1);
    // Areas weigh 3 and 1; "infra" and "data" weigh 1 and 3 inside the first area.
    expect(shares.map((s) => [s.dimensionKey, s.overall])).toEqual([
      ['infra', 0.75 * 0.25],
      ['data', 0.75 * 0.75],
      ['skills', 0.25],
    ]);
    expect(shares.reduce((sum, s) => sum + s.overall, 0)).toBeCloseTo(1, 12);
    expect(shares[1]).toMatchObject({ areaShare: 0.75, withinArea: 0.75, questionCount: 1 });
  });

  it('does not change when every weight is scaled', () => {
    const scaled = {
      areas: modelV1.areas.map((a) => ({
        ...a,
        weight: a.weight * 7,
        dimensions: a.dimensions.map((d) => ({ ...d, weight: d.weight * 0.3 })),
      })),
    };
    const before = dimensionShares(modelV1).map((s) => s.overall);
    dimensionShares(scaled).forEach((s, i) => expect(s.overall).toBeCloseTo(before[i], 12));
  });
});

describe('questionMatches', () => {
  const cloud = modelV1.areas[0].dimensions[0].questions[0];

  it('searches key, text, guidance, options and sources in the UI language, ignoring accents and case', () => {
    expect(questionMatches(cloud, '', '', 'es')).toBe(true);
    expect(questionMatches(cloud, 'NUBE', '', 'es')).toBe(true);
    expect(questionMatches(cloud, 'estrategia politica', '', 'es')).toBe(true); // "política" in the guidance
    expect(questionMatches(cloud, 'cloud strategy', '', 'en')).toBe(true);
    expect(questionMatches(cloud, 'tech.cloud', '', 'en')).toBe(true);
    expect(questionMatches(cloud, 'digital by design', '', 'en')).toBe(true);
    expect(questionMatches(cloud, 'nube', '', 'en')).toBe(false);
  });

  it('filters by the cited framework', () => {
    expect(questionMatches(cloud, '', 'OECD-DGI', 'en')).toBe(true);
    expect(questionMatches(cloud, '', 'UN-LOSI', 'en')).toBe(false);
    expect(frameworksOf(modelV1)).toEqual(['EU-DMAT', 'OECD-DGI']);
  });
});

describe('diffVersions', () => {
  it('reports added, removed, re-scored and reworded questions, dimension weights and levels', () => {
    const diff = diffVersions(modelV1, modelV2);
    expect(diff.added).toEqual(['people.training']);
    expect(diff.removed).toEqual(['data.open']);
    expect(diff.changed).toEqual([{ key: 'tech.cloud', fields: ['weight', 'options'] }]);
    expect(diff.reworded).toEqual(['people.skills']);
    expect(diff.kept).toBe(2);
    expect(diff.dimensionWeights).toEqual([{ key: 'data', from: 3, to: 2 }]);
    expect(diff.levelsChanged).toBe(true);
  });

  it('finds nothing between a version and itself', () => {
    expect(diffVersions(modelV1, modelV1)).toEqual({
      added: [],
      removed: [],
      changed: [],
      reworded: [],
      kept: 3,
      dimensionWeights: [],
      levelsChanged: false,
    });
  });

  it('sees a question moved to another dimension', () => {
    const moved = structuredClone(modelV1);
    const [q] = moved.areas[0].dimensions[0].questions.splice(0, 1);
    moved.areas[0].dimensions[1].questions.push(q);
    expect(diffVersions(modelV1, moved).changed).toEqual([{ key: 'tech.cloud', fields: ['dimension'] }]);
  });
});

describe('parseModelFile', () => {
  it('accepts a JSON object and explains anything else', () => {
    expect(parseModelFile(JSON.stringify(toDefinition(modelV1)))).toEqual({ document: toDefinition(modelV1) });
    expect(parseModelFile('[1]')).toEqual({ syntaxError: 'not-an-object' });
    expect(parseModelFile('{"key": ')).toHaveProperty('syntaxError');
  });
});
