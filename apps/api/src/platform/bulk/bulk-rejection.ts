import type { Text } from '../errors/catalogue';

/**
 * One rejected row of a bulk request, the same on every bulk route (ARCHITECTURE.md §3): `row`
 * counts data rows from 1, `field` names the offending field (null when the row as a whole is
 * wrong), `code` is stable across releases and languages, `message` is rendered in the caller's
 * language. Each route adds the row's own identifier beside them (`code` for tenants, `questionKey`
 * for answers: `BulkRejection<{ questionKey: string | null }>`), so an integrator can match the
 * rejection to its record without counting.
 */
export type BulkRejection<Id extends object = object> = {
  row: number;
  field: string | null;
  code: string;
  message: Text;
} & Id;
