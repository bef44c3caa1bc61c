import { BeforeInsert, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { uuidv7 } from './uuid';

/**
 * Base of every tenant-owned entity: the primary key is (tenant_id, id), so unique constraints and
 * foreign keys between tenant tables include tenant_id too (no cross-tenant covert channel, and the
 * schema stays ready for distribution by tenant_id). Ids are UUID v7 generated here, not by the database.
 */
export abstract class TenantOwnedEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= uuidv7();
  }
}
