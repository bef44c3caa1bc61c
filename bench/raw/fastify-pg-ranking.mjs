// Raw baseline for `frictions-ranking-50k`: a bare Fastify server answering GET /ranking with the very
// statement the API runs for the first page of the ranked backlog (built by the API's own
// rankingPageSql, passed in RANKING_SQL / RANKING_PARAMS), through one pooled pg query as the
// database owner: no auth, no transaction, no row-level security, no Nest, no mapping of the rows.
import Fastify from 'fastify';
import pg from 'pg';

for (const name of ['DATABASE_URL', 'RANKING_SQL', 'RANKING_PARAMS']) if (!process.env[name]) throw new Error(`${name} is required`);
const sql = process.env.RANKING_SQL;
const params = JSON.parse(process.env.RANKING_PARAMS);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
  application_name: 'rumbo-bench-raw',
});

const app = Fastify({ logger: false });
app.get('/ranking', async () => ({ data: (await pool.query(sql, params)).rows }));
app.get('/health/ready', async () => ({ status: 'ok' }));

const close = () => {
  Promise.allSettled([app.close(), pool.end()]).then(() => process.exit(0));
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
