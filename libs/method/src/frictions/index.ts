// Friction cost (METHOD.md §3): the Standard Cost Model applied to burden lines.
export { AUDIENCES, BURDEN_LIMITS, validateBurden, validateBurdens } from './burden';
export type { Audience, BurdenInput, BurdenIssue, BurdenIssueCode } from './burden';
export { burdenCost, frictionCost, round6 } from './cost';
export type { AudienceTotals, BurdenCost, DefaultTariffs, FrictionCost, TariffSource } from './cost';
export { shorthandBurden, shorthandIssues } from './shorthand';
export type { Shorthand, ShorthandIssueCode } from './shorthand';
export { STANDARD_ACTIVITIES, estimateMinutes } from './activities';
export type { Complexity } from './activities';
