/**
 * Every TypeORM entity of the application. Modules add theirs here so the runtime data source, the
 * migration drift check and the tests all see the same model.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [];
