import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { validationProblem } from '../errors/validation';

export const DEFAULT_PAGE_SIZE = 50;

/** `?limit=&cursor=` of every list endpoint (ARCHITECTURE.md §3). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Keyset cursors: the sort key of the last row, opaque to clients (base64url JSON). */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => k === null || ['string', 'number'].includes(typeof k))) {
      return key as (string | number | null)[];
    }
  } catch {
    // fall through to the problem below
  }
  throw validationProblem([
    {
      path: 'cursor',
      code: 'invalidCursor',
      message: {
        es: 'Este cursor no lo ha emitido esta API: use el nextCursor de la página anterior.',
        en: 'This cursor was not issued by this API; use the previous page’s nextCursor.',
      },
    },
  ]);
}

/** Fetch limit+1 rows, return `limit` and a cursor built from the last returned row when more exist. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]): Page<T> {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, nextCursor: more ? encodeCursor(keyOf(data[data.length - 1])) : null };
}
