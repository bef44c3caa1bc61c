import { CONTENT_LANGUAGES, type ContentLanguage } from '../http/language';
import { ProblemError, type ProblemFieldError } from './problem';

/** A text in every language the API answers in (Accept-Language: es by default, en). */
export type Localised = Readonly<Record<ContentLanguage, string>>;

/** Something rendered per language: a fixed text (codes, numbers, keys) or a localised one. */
export type Text = string | Localised;

/** The text for one language; a plain string is language-neutral. */
export function localise(text: Text, language: ContentLanguage): string {
  return typeof text === 'string' ? text : (text[language] ?? text.es);
}

export function isLocalised(text: unknown): text is Localised {
  return !!text && typeof text === 'object' && CONTENT_LANGUAGES.every((l) => typeof (text as Record<string, unknown>)[l] === 'string');
}

/** How one problem code is raised: its HTTP status and its detail in every language. */
export interface ProblemSpec<P = void> {
  status: number;
  /** The detail: fixed, or built from the factory's parameters. */
  detail: Localised | ((params: P) => Localised);
  /** Headers every problem of this code carries (e.g. `Retry-After` on a 503). */
  headers?: Readonly<Record<string, string>>;
}

/** What a raise may add to the problem document beyond its code's detail. */
export interface ProblemExtras {
  errors?: ProblemFieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

type ParamsOf<S> = S extends { detail: (params: infer P) => Localised } ? P : void;
type RaiseArgs<S> = [ParamsOf<S>] extends [void] ? [extras?: ProblemExtras] : [params: ParamsOf<S>, extras?: ProblemExtras];

/** A registered code, as the contract documents it. */
export interface RegisteredProblem {
  code: string;
  module: string;
  status: number;
  /** The detail with example parameters, for the contract's examples (English). */
  example: string;
  /** The same detail in every language (for the tests that keep the catalogues honest). */
  texts: Localised;
  /** Headers every problem of the code carries (`Retry-After`, `WWW-Authenticate`), for the contract. */
  headers: string[];
}

const REGISTRY = new Map<string, RegisteredProblem>();

/** The detail of a spec for given parameters (the catalogue's types keep them matched). */
function detailOf(spec: ProblemSpec<never>, params: unknown): Localised {
  return typeof spec.detail === 'function' ? (spec.detail as (p: unknown) => Localised)(params) : spec.detail;
}

/** Every problem code any module declared, for the contract and its tests. */
export function registeredProblems(): ReadonlyMap<string, RegisteredProblem> {
  return REGISTRY;
}

/**
 * A module's error catalogue: the enum of its codes mapped exhaustively to their status and texts
 * (a code without a spec does not compile), and the one way to raise them. A code belongs to one
 * module only: declaring it twice throws when the module loads.
 *
 *     export enum MaturityProblem { AssessmentNotDraft = 'assessment-not-draft' }
 *     export const maturityProblems = defineProblems('maturity', MaturityProblem, {
 *       [MaturityProblem.AssessmentNotDraft]: {
 *         status: 409,
 *         detail: (p: { status: string }) => ({ es: `…${p.status}…`, en: `…${p.status}…` }),
 *       },
 *     }, { [MaturityProblem.AssessmentNotDraft]: { status: 'submitted' } });
 *     throw maturityProblems.raise(MaturityProblem.AssessmentNotDraft, { status: 'submitted' });
 */
export function defineProblems<C extends string, S extends { [K in C]: ProblemSpec<never> }>(
  module: string,
  codes: Record<string, C>,
  specs: S,
  /** Example parameters of the parametrised codes, for the contract. */
  examples: { [K in C as ParamsOf<S[K]> extends void ? never : K]: ParamsOf<S[K]> },
): ProblemCatalogue<C, S> {
  const catalogue = new ProblemCatalogue<C, S>(module, specs);
  for (const code of Object.values(codes)) {
    const spec: ProblemSpec<never> | undefined = specs[code];
    if (!spec) throw new Error(`problem code "${code}" of ${module} has no spec`);
    const existing = REGISTRY.get(code);
    if (existing && existing.module !== module) throw new Error(`problem code "${code}" is declared by ${existing.module} and ${module}`);
    const detail = detailOf(spec, (examples as Record<string, unknown>)[code]);
    REGISTRY.set(code, {
      code,
      module,
      status: spec.status,
      example: detail.en,
      texts: detail,
      headers: Object.keys(spec.headers ?? {}).sort(),
    });
  }
  return catalogue;
}

export class ProblemCatalogue<C extends string, S extends { [K in C]: ProblemSpec<never> }> {
  constructor(
    readonly module: string,
    private readonly specs: S,
  ) {}

  /** The problem for a code, ready to throw. */
  raise<K extends C>(code: K, ...args: RaiseArgs<S[K]>): ProblemError {
    const spec: ProblemSpec<never> = this.specs[code];
    const parametrised = typeof spec.detail === 'function';
    const extras = ((parametrised ? args[1] : args[0]) ?? {}) as ProblemExtras;
    const detail = detailOf(spec, parametrised ? args[0] : undefined);
    return new ProblemError(spec.status, code, detail, extras.errors, extras.extensions ?? {}, { ...spec.headers, ...extras.headers });
  }

  status(code: C): number {
    const spec: ProblemSpec<never> = this.specs[code];
    return spec.status;
  }
}
