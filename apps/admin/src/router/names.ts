/**
 * Every named route of the SPA. Plain data (no Vue imports) so the browser suite can import it too:
 * the phone pass (e2e/phone.spec.ts) must visit each of these, and a unit test checks that the
 * router has exactly these names, so a new screen cannot be added without being checked at 390 px.
 */
export const ROUTE_NAMES = [
  'home',
  'status',
  'login',
  'accept-invitation',
  'admin',
  'admin-tenant-root',
  'admin-tenant',
  'admin-users',
  'admin-api-keys',
  'admin-import',
  'admin-audit',
  'maturity-results',
  'maturity-models',
  'maturity-descendants',
  'maturity-assessment',
  'frictions',
  'friction-new',
  'friction-edit',
  'frictions-gap-costs',
  'frictions-import',
  'frictions-settings',
  'priorities-ranking',
  'priorities-models',
  'priorities-model',
  'priorities-analysis',
  'priorities-import',
  'not-found',
] as const;

export type RouteName = (typeof ROUTE_NAMES)[number];
