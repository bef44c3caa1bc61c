import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '../../platform/http/pagination';
import type { ContentLanguage } from '../../platform/http/language';
import { TenantReader } from '../../tenancy/tenants/tenant-reader';
import { overviewCsv } from './descendants-csv';
import { DescendantsRepository, type OverviewFilter, type OverviewRow } from './descendants.repository';
import type { DescendantRowDto, DescendantsPageDto, DescendantsQueryDto } from './dto/descendants.dto';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * A parent's overview of the administrations below it, by name (not a peer benchmark: a region
 * reading its own municipalities): each one's assessment of the period, its status, score and
 * level, and who has not started, with a summary over everything the filters match.
 */
@Injectable()
export class DescendantsService {
  constructor(
    private readonly repository: DescendantsRepository,
    private readonly tenants: TenantReader,
  ) {}

  async page(tenantId: string, query: DescendantsQueryDto, language: ContentLanguage): Promise<DescendantsPageDto> {
    const manager = RequestContext.manager();
    const filter = this.filter(tenantId, query);
    const { period, ...summary } = await this.repository.summary(manager, filter);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
    const rows = await this.repository.rows(manager, { ...filter, period }, language, { after, limit: limit + 1 });
    const page = toPage(rows, limit, (r) => [r.sortKey, r.tenantId]);
    return { period, summary, data: page.data.map((row) => toRowDto(row, period)), nextCursor: page.nextCursor };
  }

  /** Every matching row (no paging) as CSV in the caller's language, with the period it is for. */
  async csv(tenantId: string, query: DescendantsQueryDto, language: ContentLanguage): Promise<{ period: string; csv: string }> {
    const manager = RequestContext.manager();
    const filter = this.filter(tenantId, query);
    const { period } = await this.repository.summary(manager, filter);
    const rows = await this.repository.rows(manager, { ...filter, period }, language);
    return { period, csv: overviewCsv(rows, period, language) };
  }

  private filter(tenantId: string, query: DescendantsQueryDto): OverviewFilter {
    return {
      root: tenantId,
      period: query.period ?? null,
      status: query.status,
      kind: query.kind,
      search: query.q?.trim() ? this.tenants.searchPattern(query.q) : undefined,
      modelId: query.modelId,
    };
  }
}

function toRowDto(row: OverviewRow, period: string): DescendantRowDto {
  return {
    tenantId: row.tenantId,
    code: row.code,
    name: row.name,
    kind: row.kind,
    population: row.population,
    parentId: row.parentId,
    parentName: row.parentName,
    assessment:
      row.assessmentId === null
        ? null
        : {
            id: row.assessmentId,
            modelVersionId: row.modelVersionId!,
            period,
            title: row.title,
            status: row.status!,
            score: row.score,
            level: row.level,
            levelName: row.levelName,
            coverage: row.coverage!,
            submittedAt: iso(row.submittedAt),
            updatedAt: iso(row.updatedAt)!,
          },
  };
}
