import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One refresh token of a rotation family. Using a token marks it used and issues its successor in
 * the same family; presenting a used token again means it leaked, and the whole family is revoked.
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_family', ['familyId'])
@Index('ix_refresh_tokens_user', ['userId'])
// A session's live tokens: rumbo_session_active checks one per authenticated request.
@Index('ix_refresh_tokens_live_family', ['familyId'], { where: 'revoked_at IS NULL' })
export class RefreshToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'family_id' })
  familyId!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_tokens_user' })
  user?: User;
}
