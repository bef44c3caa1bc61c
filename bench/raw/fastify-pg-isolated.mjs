// Second raw baseline for `tenant-read`: bare Fastify + pg doing by hand what Rumbo's isolation does
// for the same read, with no framework: the staff token checked (HS256, the API's secret), then on one
// pooled connection of the runtime role (row-level security applies) the same statements over the
// same round trips as the API's unit of work — BEGIN with rumbo_open_request and the session check
// (same text, READ ONLY switch in it), the access decision (a revoked session is a 401; otherwise the
// caller must hold a role on the tenant or an ancestor, and any role reads), the API's tenant SELECT
// under the policies, COMMIT sent after the answer — plus the ETag. The ratio rumbo / this one is the
// framework's cost alone (Nest, its guard and router, TypeORM, hooks), isolation's cost being on
// both sides. DATABASE_URL is the runtime role's
// connection, JWT_SECRET the API's; POOL_SIZE matches the API's pool (10).
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
// The API's statement (TenantAccessService): the access check and, in the same row, whether the
// token's session is still live (sign-out and password changes end it at once).
const OPEN = (user, session, tenant) => `BEGIN; SELECT o.root_ids, o.root_roles, o.tenant_id, o.ancestors, o.archived_at, s.session_active,
          set_config('transaction_read_only', 'on', true)
     FROM rumbo_open_request('${user}', false, NULL, NULL, '${tenant}') o CROSS JOIN rumbo_session_active('${user}', '${session}') AS s(session_active)`;
const READ = `SELECT t.id, t.parent_id AS "parentId", t.code, t.kind, t.name, t.population, t.locale, t.timezone, t.currency, t.depth,
  t.ancestors, t.archived_at AS "archivedAt", t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM tenants c WHERE c.parent_id = t.id AND c.archived_at IS NULL) AS "childCount",
  ARRAY(SELECT a.name FROM unnest(t.ancestors) WITH ORDINALITY AS u(id, ord) JOIN tenants a ON a.id = u.id ORDER BY u.ord) AS "pathNames" FROM tenants t WHERE t.id = $1`;

if (!process.env.DATABASE_URL || !process.env.JWT_SECRET) throw new Error('DATABASE_URL (the runtime role) and JWT_SECRET are required');
const secret = process.env.JWT_SECRET;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
  application_name: 'rumbo-bench-isolated',
});

/** The user and session ids of a valid, unexpired access token, or null. */
function userOf(authorization) {
  const parts = authorization?.startsWith('Bearer ') ? authorization.slice(7).split('.') : [];
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  return claims.typ === 'access' &&
    typeof claims.sub === 'string' &&
    UUID.test(claims.sub) &&
    typeof claims.sid === 'string' &&
    UUID.test(claims.sid) &&
    claims.exp > Date.now() / 1000
    ? { user: claims.sub, session: claims.sid }
    : null;
}

const app = Fastify({ logger: false });
app.get('/v1/tenants/:tenantId', async (request, reply) => {
  const token = userOf(request.headers.authorization);
  if (!token) return reply.code(401).send({ status: 401 });
  const { tenantId } = request.params;
  if (!UUID.test(tenantId)) return reply.code(404).send({ status: 404 });
  const client = await pool.connect();
  let row;
  try {
    const [, opened] = await client.query(OPEN(token.user, token.session, tenantId));
    const access = opened.rows[0];
    if (!access.session_active) {
      await client.query('ROLLBACK');
      client.release();
      return reply.code(401).send({ status: 401 });
    }
    const path = new Set([access.tenant_id, ...(access.ancestors ?? [])]);
    if (!access.tenant_id || !access.root_ids.some((root, i) => path.has(root) && access.root_roles[i])) {
      await client.query('ROLLBACK');
      client.release();
      return reply.code(404).send({ status: 404 });
    }
    [row] = (await client.query(READ, [tenantId])).rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
  // Read only: COMMIT goes out after the answer, as in the API's unit of work.
  client.query('COMMIT').then(
    () => client.release(),
    (error) => client.release(error),
  );
  void reply.header('ETag', `"${row.version}"`);
  return {
    ...row,
    currency: row.currency.trim(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
});
app.get('/health/ready', async () => ({ status: 'ok' }));

const close = () => {
  Promise.allSettled([app.close(), pool.end()]).then(() => process.exit(0));
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
