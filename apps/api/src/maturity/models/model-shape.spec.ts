import { MODEL_IMPORT_EXAMPLE } from './dto/model.dto';
import { modelDocumentErrors } from './model-shape';

const document = () => structuredClone(MODEL_IMPORT_EXAMPLE) as Record<string, unknown> & typeof MODEL_IMPORT_EXAMPLE;

describe('modelDocumentErrors', () => {
  it('accepts the contract’s example', () => {
    expect(modelDocumentErrors(document())).toEqual([]);
  });

  it('reports the API’s finding, not the library’s too, where both see the same field', () => {
    const doc = document();
    (doc.levels[0] as Record<string, unknown>).name = 'Inicial'; // the library sees a string; the API wants both languages
    delete (doc.areas[0].dimensions[0].questions[0].options![1] as Record<string, unknown>).label;
    expect(modelDocumentErrors(doc).map((e) => [e.path, e.code])).toEqual([
      ['levels[0].name', 'localisedText'],
      ['areas[0].dimensions[0].questions[0].options[1].label', 'localisedText'],
    ]);
  });

  it('names a NUL character wherever it is (a document cannot store one)', () => {
    const doc = document();
    doc.areas[0].dimensions[0].questions[1].text = { es: 'Plan\u0000', en: 'Plan' };
    expect(modelDocumentErrors(doc)).toEqual([
      {
        path: 'areas[0].dimensions[0].questions[1].text.es',
        code: 'nulCharacter',
        message: expect.objectContaining({ es: expect.any(String) }),
      },
    ]);
  });

  it('keys are lower-case letters, digits, dots, dashes and underscores', () => {
    const doc = document();
    doc.areas[0].key = 'Technologies!';
    expect(modelDocumentErrors(doc).map((e) => [e.path, e.code])).toEqual([['areas[0].key', 'key']]);
  });
});
