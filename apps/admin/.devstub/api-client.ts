// TEMPORARY dev stub of @rumbo/api-client (deleted once libs/api-client/src exists).
import createClient from 'openapi-fetch';
interface Ready { status: 'ok' | 'error'; version: string; uptimeSeconds: number; checks: { database: { status: 'up' | 'down'; latencyMs: number } } }
export interface paths {
  '/health/ready': { parameters: { query?: never; header?: never; path?: never; cookie?: never }; get: { parameters: { query?: never; header?: never; path?: never; cookie?: never }; requestBody?: never; responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': Ready } }; 503: { headers: Record<string, unknown>; content: { 'application/json': Ready } } } }; put?: never; post?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never };
}
export function createRumboClient({ baseUrl, token }: { baseUrl: string; token?: string }) {
  return createClient<paths>({ baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}
