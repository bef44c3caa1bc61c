import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { schema } from './schema';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];
import type { AppConfig } from './platform/config/app-config';
import { runHandlersInRequestContext } from './platform/context/request-state';
import { ProblemExceptionFilter, type SpaFallback } from './platform/errors/problem-exception.filter';
import { createValidationPipe } from './platform/errors/validation';
import { enableBulkBodies } from './platform/http/bulk-body';
import { enableCompression } from './platform/http/compression';
import { registerFavicon } from './platform/http/favicon';
import { frameworkErrorHandling } from './platform/http/framework-errors';
import { installInputGuard } from './platform/http/input-guard';
import { useGuardedJsonParser } from './platform/http/json-body';
import { REQUEST_ID_HEADER, requestIdFor } from './platform/http/request-id';
import { securityHeaders } from './platform/http/security-headers';
import { lazyRequestLogger, PinoNestLogger } from './platform/logging/logger';
import { createMetrics, instrumentHttp } from './platform/metrics/metrics';
import { buildOpenApiDocument } from './platform/openapi/openapi';

export interface CreateAppOptions {
  config: AppConfig;
  logger: Logger;
  /** Runtime connection string (the RLS-bound role). Ignored in preview mode. */
  appUrl: string;
  /** Build the module graph without instantiating providers (no database): for contract generation. */
  preview?: boolean;
  /** Extra modules, e.g. test-only controllers. */
  extraModules?: ModuleImport[];
}

/** Paths the API owns: a miss there is a 404 problem, never the SPA. */
const API_PREFIXES = ['/v1/', '/v1', '/health', '/metrics', '/docs', '/openapi.json'];

/**
 * Builds the fully configured application without listening: used by main.ts, the e2e tests, the
 * contract generator and the benchmarks, so all of them exercise the same stack.
 */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config, logger } = options;
  const metrics = createMetrics();
  const frameworkErrors = frameworkErrorHandling();
  const adapter = new FastifyAdapter({
    ...frameworkErrors.adapterOptions,
    // Shutdown's 503 comes from Nest's hook (below), as a reply the problem net renders.
    return503OnClosing: false,
    loggerInstance: logger,
    genReqId: requestIdFor,
    requestIdHeader: false,
    // Request/response lines only at debug: at info, a busy API would log twice per request.
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // Request path (bench/README.md): no Nest middleware here, so no @fastify/middie hook on every
    // request (a Nest middleware would fail at start: use a Fastify hook); request loggers on first use.
    skipMiddie: true,
    childLoggerFactory: lazyRequestLogger,
  });
  const moduleDef = AppModule.forRoot({ config, appUrl: options.appUrl, metrics, schema });
  if (options.extraModules?.length) moduleDef.imports = [...(moduleDef.imports ?? []), ...options.extraModules];
  const app = await NestFactory.create<NestFastifyApplication>(moduleDef, adapter, {
    logger: new PinoNestLogger(logger),
    preview: options.preview ?? false,
    abortOnError: false,
    bufferLogs: false,
    // Our own JSON parser (json-body.ts) and no form-encoded one: the API reads JSON (and CSV on bulk routes).
    bodyParser: false,
    return503OnClosing: true,
  });

  const fastify = app.getHttpAdapter().getInstance();
  // Before any route exists: the compression plugin attaches itself to routes as they are declared.
  await enableCompression(app);
  registerFavicon(fastify);
  // JSON only unless a route registers its own parser (CSV imports do): anything else is a 415.
  useGuardedJsonParser(fastify);
  installInputGuard(fastify);
  frameworkErrors.install(fastify);
  // @BulkBody() routes (imports, ingestion) take BULK_BODY_LIMIT and text/csv; all others keep BODY_LIMIT.
  enableBulkBodies(fastify, config.bulkBodyLimit);
  // Names and values computed once: the hook only copies them (no Object.keys per request).
  const headerNames = Object.keys(securityHeaders());
  const headerValues = Object.values(securityHeaders());
  fastify.addHook('onRequest', (request, reply, done) => {
    for (let i = 0; i < headerNames.length; i++) void reply.header(headerNames[i], headerValues[i]);
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  instrumentHttp(fastify, metrics);
  runHandlersInRequestContext(fastify);

  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: false,
      exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After'],
    });
  }

  const spaFallback = await serveSpa(app, config.adminDistDir);
  app.useGlobalFilters(new ProblemExceptionFilter(logger, spaFallback));
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app, config.version);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Rumbo API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
  if (!options.preview) await app.init();
  return app;
}

/**
 * Serves the built admin SPA at `/` when it exists. Hashed assets are cached for a year; index.html
 * is revalidated. Deep links (GET, HTML wanted, outside the API's paths) fall back to index.html.
 * The build writes `.br` and `.gz` beside each compressible asset (apps/admin/vite.config.ts):
 * `preCompressed` sends the one the client accepts, so assets are never compressed per request.
 * The favicon is the API's own (registerFavicon), so the build's copy is not routed.
 */
async function serveSpa(app: NestFastifyApplication, distDir: string): Promise<SpaFallback | undefined> {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const indexHtml = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz', 'favicon.ico', 'favicon.svg'],
    setHeaders: (res, path) => {
      void res.header('Cache-Control', path.includes(`${join(distDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: FastifyReply) => {
    void reply.status(200).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  };
  app
    .getHttpAdapter()
    .getInstance()
    .get('/', (_request, reply) => sendIndex(reply));
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const ownedByApi = API_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (request.method !== 'GET' || ownedByApi || !wantsHtml || /\.[a-z0-9]+$/i.test(path)) return false;
    sendIndex(reply);
    return true;
  };
}
