import { AuthProblem, authProblems } from '../auth/auth.problems';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { METRICS_REGISTRY } from './metrics';

/**
 * Prometheus scrape endpoint. Open by default (like the health probes); when METRICS_TOKEN is set,
 * a scraper must send it as a bearer token. Kept out of the OpenAPI contract: it is for operators.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (this.config.metricsToken && authorization !== `Bearer ${this.config.metricsToken}`) {
      throw authProblems.raise(AuthProblem.Unauthorized, { reason: 'missing' });
    }
    await reply.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
