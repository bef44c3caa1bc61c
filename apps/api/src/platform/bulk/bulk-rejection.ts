import { localise, type Localised, type Text } from '../errors/catalogue';
import type { ContentLanguage } from '../http/language';

/**
 * One rejected row of a bulk request, the same on every bulk route (ARCHITECTURE.md §3): `row`
 * counts data rows from 1, `field` names the offending field (null when the row as a whole is
 * wrong), `code` is the stable reason (`parent-not-found`, `duplicate-code`…), the same across
 * releases and languages, and `message` says it in the caller's language. Each route adds the row's
 * own identifier beside them, under its own name because `code` is taken by the reason:
 * `tenantCode` for tenants (`BulkRejection<{ tenantCode: string | null }>`), `questionKey` for
 * answers; null when the row has none. An integrator matches the rejection to its record without
 * counting, and a program branches on `code` without reading the prose.
 */
export type BulkRejection<Id extends object = object> = {
  row: number;
  field: string | null;
  code: string;
  message: Text;
} & Id;

/** A rejection as the answer carries it: the message rendered in one language. */
export type RenderedRejection<Id extends object = object> = Omit<BulkRejection<Id>, 'message'> & { message: string };

/** Why a row is refused, before the pipeline adds its number and identifier. */
export class RowProblem {
  constructor(
    readonly field: string | null,
    readonly code: string,
    readonly message: Localised,
  ) {}
}

type ReasonText = Localised | ((params: never) => Localised);
type ReasonParams<T> = T extends (params: infer P) => Localised ? P : void;
type ReasonArgs<T> = [ReasonParams<T>] extends [void] ? [] : [params: ReasonParams<T>];

/**
 * A module's rejection reasons: an enum of codes mapped exhaustively to their texts in every
 * language (a code without a text does not compile), and the one way to build a RowProblem.
 *
 *     export enum AnswerRejection { UnknownQuestion = 'unknown-question' }
 *     export const answerRejections = defineRejections(AnswerRejection, {
 *       [AnswerRejection.UnknownQuestion]: (p: { key: string }) => ({ es: `…${p.key}…`, en: `…${p.key}…` }),
 *     });
 *     return answerRejections.problem(AnswerRejection.UnknownQuestion, 'questionKey', { key });
 */
export function defineRejections<C extends string, S extends { [K in C]: ReasonText }>(
  codes: Record<string, C>,
  texts: S,
): RejectionCatalogue<C, S> {
  return new RejectionCatalogue<C, S>(Object.values(codes), texts);
}

export class RejectionCatalogue<C extends string, S extends { [K in C]: ReasonText }> {
  constructor(
    /** Every code, for the contract's enum. */
    readonly codes: readonly C[],
    private readonly texts: S,
  ) {}

  problem<K extends C>(code: K, field: string | null, ...params: ReasonArgs<S[K]>): RowProblem {
    const text: ReasonText = this.texts[code];
    return new RowProblem(field, code, typeof text === 'function' ? (text as (p: unknown) => Localised)(params[0]) : text);
  }
}

/** A rejection with its row number and identifier. */
export function rejection<Id extends object>(row: number, id: Id, problem: RowProblem): BulkRejection<Id> {
  return { row, field: problem.field, code: problem.code, message: problem.message, ...id };
}

/** Rejections in row order, each message in the caller's language. */
export function renderRejections<Id extends object>(
  rejected: readonly BulkRejection<Id>[],
  language: ContentLanguage,
): RenderedRejection<Id>[] {
  return [...rejected].sort((a, b) => a.row - b.row).map((r) => ({ ...r, message: localise(r.message, language) }));
}
