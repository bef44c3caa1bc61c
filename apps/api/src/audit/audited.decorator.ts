import 'reflect-metadata';

const AUDITED = 'rumbo:audited';

/**
 * Marks an entity whose inserts, updates and removals are recorded in the audit trail, in the same
 * transaction, by the AuditSubscriber. Modules opt in per entity, not per controller.
 */
export const Audited =
  (entityType: string): ClassDecorator =>
  (target) =>
    Reflect.defineMetadata(AUDITED, entityType, target);

export function auditedEntityType(target: unknown): string | undefined {
  return typeof target === 'function' ? (Reflect.getMetadata(AUDITED, target) as string | undefined) : undefined;
}
