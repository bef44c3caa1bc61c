import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ParseIdPipe } from '../../platform/errors/validation';
import { ApiAcceptLanguage, NegotiatedLanguage, type ContentLanguage } from '../../platform/http/language';
import { DescendantsService } from './descendants.service';
import { DescendantsPageDto, DescendantsQueryDto } from './dto/descendants.dto';
import { ApiUuidParam } from '../../platform/openapi/decorators';

const CSV_EXAMPLE =
  'Código;Nombre;Tipo;Población;Depende de;Periodo;Estado;Título;Puntuación (0-100);Nivel;Nombre del nivel;Cobertura (%);Enviada el;Actualizada el\r\n' +
  'AV-001;Ávila;Municipio;57697;Provincia de Ávila;2026;Enviada;Autoevaluación 2026;61,25;4;Gestionado;100;2026-03-02T09:15:00.000Z;2026-03-02T09:15:00.000Z\r\n';

/** Whether the client asks for CSV rather than JSON (by q-value; JSON when both or neither are named). */
function wantsCsv(accept: string | undefined): boolean {
  let csv = 0;
  let json = 0;
  for (const part of (accept ?? '').split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? 1,
    );
    if (!Number.isFinite(q)) continue;
    if (range === 'text/csv') csv = Math.max(csv, q);
    if (range === 'application/json') json = Math.max(json, q);
  }
  return csv > 0 && csv > json;
}

@ApiTags('maturity')
@ApiExtraModels(DescendantsPageDto)
@Controller('v1/tenants/:tenantId/assessments')
export class DescendantsController {
  constructor(private readonly descendants: DescendantsService) {}

  @Get('descendants')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The administrations below this one and their assessments (by name)',
    description:
      'Every descendant at any depth (archived ones aside), by name then id, each with its assessment of the period (status, score, level, coverage) or `assessment: null` when it has not started; `summary` counts over everything the filters match. ' +
      'This is a parent reading its own organisations, not a peer benchmark. With `Accept: text/csv` the same filters give every matching row (no paging) as CSV, headers in the negotiated language: Spanish with `;` and a decimal comma, English with `,` and a point.',
  })
  @ApiUuidParam('tenantId', 'The parent tenant')
  @ApiAcceptLanguage()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'A page of descendants (JSON), or every matching one (CSV)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DescendantsPageDto) } },
      'text/csv': { schema: { type: 'string', description: 'One row per descendant, headers first' }, example: CSV_EXAMPLE },
    },
  })
  async listDescendantAssessments(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Query() query: DescendantsQueryDto,
    @Headers('accept') accept: string | undefined,
    @NegotiatedLanguage() language: ContentLanguage,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DescendantsPageDto | string> {
    void reply.header('Vary', 'Accept, Accept-Language');
    if (!wantsCsv(accept)) return this.descendants.page(tenantId, query, language);
    const { period, csv } = await this.descendants.csv(tenantId, query, language);
    void reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${language === 'es' ? 'evaluaciones' : 'assessments'}-${period}.csv"`);
    return csv;
  }
}
