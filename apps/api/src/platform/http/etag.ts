import { platformProblems, PlatformProblem } from '../errors/platform.problems';

/**
 * Optimistic concurrency for every versioned resource (ARCHITECTURE.md §3): a read answers its
 * version as a weak ETag, and a change that sends If-Match must name the current one, else 412.
 */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** If-Match, when given (and not `*`), must carry the current ETag (weak or strong form), else 412. */
export function assertVersion(version: number, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes(etagOf(version)) && !tags.includes(`"${version}"`)) throw platformProblems.raise(PlatformProblem.PreconditionFailed);
}

/** The contract's If-Match request header (for @ApiHeader). */
export const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of a previous read; the change is refused with 412 if the resource changed since',
};

/** The contract's ETag response header (for `headers:` of a response decorator). */
export const ETAG = { ETag: { description: 'W/"<version>": send it back as If-Match to change it safely', schema: { type: 'string' } } };
