import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets of the installation that every API instance must share and no request may read: the
 * signing key of access tokens when JWT_SECRET is not set (it used to be derived from the owner's
 * connection string, which holds the embedded server's port, so each restart signed everyone out).
 *
 * Not a tenant table and not an entity: only the bootstrap reads it, as the owner. Row-level
 * security without any policy hides every row from every other role (the runtime role is checked at
 * each start to be neither superuser, nor BYPASSRLS, nor an owner), and the bootstrap revokes the
 * runtime role's write privileges on it at every start.
 */
export class PlatformSecrets1764777600000 implements MigrationInterface {
  name = 'PlatformSecrets1764777600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER TABLE platform_secrets ENABLE ROW LEVEL SECURITY');
    await q.query('REVOKE ALL ON platform_secrets FROM PUBLIC');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE platform_secrets');
  }
}
