import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person who signs in. Users are global (one person may serve several administrations); what they
 * may do comes from their memberships. Row-level security shows a caller only itself and the users
 * that are members of tenants it can read.
 */
@Entity('users')
@Index('uq_users_email', { synchronize: false })
export class User {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stored as given; unique case-insensitively (index on lower(email)). */
  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @Column('boolean', { name: 'platform_admin', default: false })
  platformAdmin!: boolean;

  @Column('text', { default: 'es' })
  locale!: string;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @Column('timestamptz', { name: 'password_changed_at', nullable: true })
  passwordChangedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
