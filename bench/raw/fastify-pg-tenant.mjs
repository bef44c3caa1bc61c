// Raw baseline for `tenant-read`: a bare Fastify server answering GET /v1/tenants/:tenantId with one
// pooled pg query, the same SELECT the API's tenant read runs, as the database owner. No auth, no
// transaction, no row-level security, no Nest: the floor a hand-written endpoint would cost.
// DATABASE_URL is the owner connection; POOL_SIZE matches the API's pool (10). GET /health/ready
// exists so the harness can use one readiness probe for every server.
import Fastify from 'fastify';
import pg from 'pg';

const SQL = `SELECT t.id, t.parent_id AS "parentId", t.code, t.kind, t.name, t.population, t.locale, t.timezone, t.currency,
         t.depth, t.ancestors, t.archived_at AS "archivedAt", t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt",
         (SELECT count(*)::int FROM tenants c WHERE c.parent_id = t.id AND c.archived_at IS NULL) AS "childCount",
         ARRAY(SELECT a.name FROM unnest(t.ancestors) WITH ORDINALITY AS u(id, ord) JOIN tenants a ON a.id = u.id ORDER BY u.ord) AS "pathNames"
    FROM tenants t WHERE t.id = $1`;

if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL (the owner connection) is required');
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
  application_name: 'rumbo-bench-raw',
});

const app = Fastify({ logger: false });
app.get('/v1/tenants/:tenantId', async (request, reply) => {
  const { rows } = await pool.query(SQL, [request.params.tenantId]);
  if (!rows[0]) return reply.code(404).send({ status: 404 });
  void reply.header('ETag', `"${rows[0].version}"`);
  return rows[0];
});
app.get('/health/ready', async () => ({ status: 'ok' }));

const close = () => {
  Promise.allSettled([app.close(), pool.end()]).then(() => process.exit(0));
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
