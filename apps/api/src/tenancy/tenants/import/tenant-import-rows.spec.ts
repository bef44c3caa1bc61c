import { RowProblem } from '../../../platform/bulk/bulk-rejection';
import { localise } from '../../../platform/errors/catalogue';
import { identifyTenantRow, validateTenantRow, type RawTenantRow } from './tenant-import-rows';

const check = (values: RawTenantRow['values']) => validateTenantRow({ row: 7, values });
const problem = (values: RawTenantRow['values']) => {
  const result = check(values);
  if (!(result instanceof RowProblem)) throw new Error(`expected a problem, got ${JSON.stringify(result)}`);
  return { field: result.field, code: result.code, es: localise(result.message, 'es'), en: localise(result.message, 'en') };
};
const good = { code: ' 28079 ', parentCode: '28', kind: 'Municipality', name: ' Madrid ', population: '3332035' };

describe('validateTenantRow', () => {
  it('accepts CSV text and JSON values alike, trimmed, kind in any letter case, parent and population optional', () => {
    expect(check(good)).toEqual({ row: 7, code: '28079', parentCode: '28', kind: 'municipality', name: 'Madrid', population: 3332035 });
    expect(check({ code: 'R1', kind: 'region', name: 'R', population: 0 })).toEqual({
      row: 7,
      code: 'R1',
      parentCode: null,
      kind: 'region',
      name: 'R',
      population: 0,
    });
    expect(check({ ...good, parentCode: '', population: '  ' })).toMatchObject({ parentCode: null, population: null });
    expect(check({ ...good, parentCode: null, population: null })).toMatchObject({ parentCode: null, population: null });
  });

  it.each([
    [{ ...good, code: 28079 }, 'code', 'invalid-type'],
    [{ ...good, code: '  ' }, 'code', 'code-required'],
    [{ ...good, code: undefined }, 'code', 'code-required'],
    [{ ...good, code: 'bad code!' }, 'code', 'invalid-code'],
    [{ ...good, code: 'x'.repeat(65) }, 'code', 'invalid-code'],
    [{ ...good, parentCode: 28 }, 'parentCode', 'invalid-type'],
    [{ ...good, parentCode: '-28' }, 'parentCode', 'invalid-parent-code'],
    [{ ...good, kind: ['region'] }, 'kind', 'invalid-type'],
    [{ ...good, kind: '' }, 'kind', 'kind-required'],
    [{ ...good, kind: 'planet' }, 'kind', 'invalid-kind'],
    [{ ...good, name: 5 }, 'name', 'invalid-type'],
    [{ ...good, name: ' ' }, 'name', 'name-required'],
    [{ ...good, name: 'n'.repeat(201) }, 'name', 'name-too-long'],
    [{ ...good, population: '-5' }, 'population', 'invalid-population'],
    [{ ...good, population: '1.5' }, 'population', 'invalid-population'],
    [{ ...good, population: 2_147_483_648 }, 'population', 'invalid-population'],
    [{ ...good, population: true }, 'population', 'invalid-population'],
  ])('%j → %s %s', (values, field, code) => {
    expect(problem(values)).toMatchObject({ field, code });
  });

  it('words each reason in Spanish (usted) and English', () => {
    expect(problem({ ...good, kind: 'planet' })).toEqual({
      field: 'kind',
      code: 'invalid-kind',
      es: 'El tipo «planet» no existe: use uno de country, region, province, municipality, institute, other.',
      en: 'The kind "planet" must be one of country, region, province, municipality, institute, other.',
    });
    expect(problem({ ...good, population: 'many' }).es).toBe('La población debe ser un número entero de 0 a 2147483647, o quedar vacía.');
  });
});

describe('identifyTenantRow', () => {
  it('names the row by its code as given, or null when it has none', () => {
    expect(identifyTenantRow({ code: ' bad code! ' })).toEqual({ tenantCode: 'bad code!' });
    expect(identifyTenantRow({ code: '' })).toEqual({ tenantCode: null });
    expect(identifyTenantRow({ code: 28079 })).toEqual({ tenantCode: null });
    expect(identifyTenantRow({})).toEqual({ tenantCode: null });
  });
});
