// Raw baseline for `health-live`: a bare Fastify server answering GET /health/live with the same
// JSON as Rumbo (no Nest, no guards, no hooks). GET /health/ready exists so the harness can use one
// readiness probe for every server. Listens on HOST:PORT (default 127.0.0.1, a free port).
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/health/ready', async () => ({ status: 'ok' }));

const close = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) });
