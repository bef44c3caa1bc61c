import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access tokens that end with their session. An access token names its session (`sid`: the
 * refresh-token family of the sign-in). rumbo_session_active answers, in the same statement as
 * rumbo_open_request, whether that session is still live: its user exists and is not disabled, and
 * the family still has a refresh token that is neither revoked nor expired. Sign-out and reuse
 * detection revoke the family and a password change revokes every family of the user, so their
 * access tokens are refused on the next request instead of at their expiry.
 *
 * An API key (no user) has no session: its own liveness is rumbo_open_request's. A user principal
 * without a session is one the API built in-process, never one from a token (the token's `sid` is
 * required): only its account is checked.
 *
 * SECURITY DEFINER, reading users and refresh_tokens through their owner-only definer policies, so
 * it answers the same whoever owns the tables; it returns a boolean and nothing else. The partial
 * index makes the check one index probe however many rotations the family went through.
 */
export class SessionRevocation1764604800000 implements MigrationInterface {
  name = 'SessionRevocation1764604800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_refresh_tokens_live_family" ON "refresh_tokens" ("family_id") WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE FUNCTION rumbo_session_active(p_user uuid, p_session uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
        SELECT p_user IS NULL
            OR (EXISTS (SELECT 1 FROM users u WHERE u.id = p_user AND u.disabled_at IS NULL)
                AND (p_session IS NULL
                     OR EXISTS (SELECT 1 FROM refresh_tokens t
                                 WHERE t.family_id = p_session AND t.user_id = p_user
                                   AND t.revoked_at IS NULL AND t.expires_at > now())))
      $$`);
    // Granted to the runtime role by the bootstrap (its name is configuration, not schema).
    await q.query(`REVOKE ALL ON FUNCTION rumbo_session_active(uuid, uuid) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rumbo_session_active(uuid, uuid)`);
    await q.query(`DROP INDEX "ix_refresh_tokens_live_family"`);
  }
}
