import type { ApiConnection } from './client';
import { apiErrorFrom, ApiError } from './problem';
import type { DescendantsPage, DescendantsQuery } from './types';

/**
 * Operations fixed by the maturity contract that the generated SDK does not have yet. They go
 * through the same session fetch as the typed client (bearer token, refresh on 401,
 * Accept-Language). REPLACE WITH `client.GET('/v1/tenants/{tenantId}/assessments/descendants', …)`
 * once the contract is regenerated after the maturity merge, and delete this file.
 */
function descendantsUrl(connection: ApiConnection, tenantId: string, query: DescendantsQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `${connection.baseUrl}/v1/tenants/${encodeURIComponent(tenantId)}/assessments/descendants${search ? `?${search}` : ''}`;
}

async function send(connection: ApiConnection, url: string, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await connection.session.fetch(url, { headers: { Accept: accept } });
  } catch {
    throw new ApiError(0);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw apiErrorFrom(response.status, body, response.headers);
  }
  return response;
}

/** One page of the descendants' overview (listDescendantAssessments, JSON). */
export async function fetchDescendants(connection: ApiConnection, tenantId: string, query: DescendantsQuery): Promise<DescendantsPage> {
  const response = await send(connection, descendantsUrl(connection, tenantId, query), 'application/json');
  return (await response.json()) as DescendantsPage;
}

/** Every matching row as the API's CSV (headers in the UI language; `;` and decimal comma in Spanish). */
export async function fetchDescendantsCsv(
  connection: ApiConnection,
  tenantId: string,
  query: Omit<DescendantsQuery, 'limit' | 'cursor'>,
): Promise<string> {
  const response = await send(connection, descendantsUrl(connection, tenantId, query), 'text/csv');
  return response.text();
}
