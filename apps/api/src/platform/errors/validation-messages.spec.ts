import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
// Loading the application's module graph loads every controller, hence every DTO and its rules.
import { AppModule } from '../../app.module';
import { ApiKeyCreateDto } from '../../tenancy/api-keys/dto/api-key.dto';
import { TenantCreateDto } from '../../tenancy/tenants/dto/tenant.dto';
import { localise } from './catalogue';
import { flattenValidationErrors } from './validation';
import { CONSTRAINT_MESSAGES, constraintMessage } from './validation-messages';

/** What class-validator keeps per class; the storage has no public way to list every class. */
interface StoredRule {
  name?: string;
  type: string;
  target: unknown;
  propertyName: string;
}

function everyRule(): StoredRule[] {
  // A Map, though maybe of another realm than the test's (class-validator keeps it on the global object).
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, StoredRule[]> };
  if (typeof storage.validationMetadatas?.values !== 'function')
    throw new Error('class-validator no longer keeps validationMetadatas: update this test');
  return [...storage.validationMetadatas.values()].flat();
}

async function errorsOf<T extends object>(type: new () => T, plain: object, language: 'es' | 'en') {
  const errors = await validate(plainToInstance(type, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true },
  });
  return Object.fromEntries(flattenValidationErrors(errors).map((e) => [`${e.path}:${e.code}`, localise(e.message, language)]));
}

describe('validation messages', () => {
  it('has Spanish and English texts for every rule a DTO of the application uses', () => {
    expect(AppModule).toBeDefined();
    const rules = everyRule();
    expect(rules.length).toBeGreaterThan(50);
    // Conditional rules (@IsOptional, @ValidateIf) never produce an error of their own.
    const used = new Set(rules.filter((r) => r.type !== 'conditionalValidation').map((r) => r.name ?? r.type));
    const missing = [...used].filter((name) => !CONSTRAINT_MESSAGES[name]).sort();
    expect({ missing }).toEqual({ missing: [] });
  });

  it('writes every text in both languages, differently, as a sentence', () => {
    for (const [name, message] of Object.entries(CONSTRAINT_MESSAGES)) {
      const text = message([3, ['a', 'b'], /x/]);
      expect({ name, es: text.es.length > 0, en: text.en.length > 0, differ: text.es !== text.en }).toEqual({
        name,
        es: true,
        en: true,
        differ: true,
      });
      expect(text.es).toMatch(/^[A-ZÁÉÍÓÚ].*\.$/);
      expect(text.en).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('names the rule’s arguments: lengths, bounds and allowed values', async () => {
    const plain = { code: 'ok', kind: 'planet', name: '', population: -1 };
    expect(await errorsOf(TenantCreateDto, plain, 'es')).toMatchObject({
      'kind:isIn': 'Debe ser uno de estos valores: country, region, province, municipality, institute, other.',
      'name:minLength': 'No puede estar vacío.',
      'population:min': 'Debe ser 0 o más.',
    });
    expect(await errorsOf(TenantCreateDto, { ...plain, name: 'n'.repeat(201) }, 'en')).toMatchObject({
      'name:maxLength': 'Must be at most 200 characters long.',
    });
  });

  it('says when a rule applies to each item of an array', async () => {
    expect(await errorsOf(ApiKeyCreateDto, { name: 'k', scopes: ['read', 'root', 'read'] }, 'es')).toEqual({
      'scopes:arrayUnique': 'No puede repetir elementos.',
      'scopes:isIn': 'Cada elemento: debe ser uno de estos valores: read, write, kpis:write, admin.',
    });
    expect(await errorsOf(ApiKeyCreateDto, { name: 'k', scopes: [], expiresAt: 'tomorrow' }, 'en')).toEqual({
      'scopes:arrayMinSize': 'Must have at least one item.',
      'expiresAt:isDateString': 'Must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z.',
    });
  });

  it('prefers a DTO’s own localised message to the rule’s generic one', async () => {
    const errors = await errorsOf(TenantCreateDto, { code: 'no spaces', kind: 'region', name: 'R', currency: 'euro' }, 'es');
    expect(errors['currency:matches']).toBe('La moneda debe ser un código ISO 4217, p. ej. EUR.');
    expect(errors['code:matches']).toMatch(/^El código debe tener de 1 a 64/);
  });

  it('falls back to a neutral text, never class-validator’s English, for a rule it does not know', () => {
    expect(constraintMessage('isMagic')).toEqual({ es: 'El valor no es válido.', en: 'The value is not valid.' });
  });
});
