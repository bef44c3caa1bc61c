/** What a form control needs to be announced with its label, hint and error. */
export interface FieldAttrs {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': 'true' | undefined;
  'aria-required': 'true' | undefined;
  required: boolean | undefined;
}

export interface FieldWiring {
  id: string;
  describedby: string | undefined;
  invalid: boolean;
  required: boolean;
  /** For a native control: `<select v-bind="field">`. */
  field: FieldAttrs;
  /** For a PrimeVue text input, whose `invalid` prop draws the error state: `<InputText v-bind="inputField">`. */
  inputField: FieldAttrs & { invalid: boolean };
  /** For PrimeVue's InputNumber: the attributes must reach its inner input, not its wrapper. */
  numberField: {
    inputId: string;
    invalid: boolean;
    required: boolean | undefined;
    pt: { pcInputText: { root: Omit<FieldAttrs, 'id' | 'required'> } };
  };
}

/**
 * The wiring of one field (FormField's slot props): the hint and the error describe the control,
 * an error marks it invalid, and required is said both to the browser and to assistive technology.
 */
export function fieldWiring({ id, hint, error, required }: { id: string; hint: boolean; error: boolean; required: boolean }): FieldWiring {
  const describedby = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const aria = {
    'aria-describedby': describedby,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-required': required ? ('true' as const) : undefined,
  };
  return {
    id,
    describedby,
    invalid: error,
    required,
    field: { id, ...aria, required: required || undefined },
    inputField: { id, ...aria, required: required || undefined, invalid: error },
    numberField: { inputId: id, invalid: error, required: required || undefined, pt: { pcInputText: { root: aria } } },
  };
}
