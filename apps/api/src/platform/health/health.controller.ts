import { keepErrorBody } from '../http/framework-errors';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HealthLiveResponseDto, HealthReadyResponseDto } from './health.dto';

const DATABASE_CHECK_TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'Does not touch the database; for restart probes.' })
  @ApiOkResponse({ type: HealthLiveResponseDto, description: 'The process is up' })
  live(): HealthLiveResponseDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the API can serve requests',
    description: 'Checks the database with a round trip; answers 503 when a dependency is down.',
  })
  @ApiOkResponse({ type: HealthReadyResponseDto, description: 'Ready: every dependency answers' })
  @ApiServiceUnavailableResponse({ type: HealthReadyResponseDto, description: 'A dependency is down' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReadyResponseDto> {
    const database = await this.checkDatabase();
    const status = database.status === 'up' ? 'ok' : 'error';
    if (status !== 'ok') {
      // The report itself is the documented 503 body (orchestrators read `checks`), not a problem.
      keepErrorBody(reply);
      void reply.status(503);
    }
    return {
      status,
      version: this.config.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      checks: { database },
    };
  }

  private async checkDatabase(): Promise<{ status: 'up' | 'down'; latencyMs: number }> {
    const started = process.hrtime.bigint();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database check timed out')), DATABASE_CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', latencyMs: elapsedMs(started) };
    } catch {
      return { status: 'down', latencyMs: elapsedMs(started) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function elapsedMs(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 10_000) / 100;
}
