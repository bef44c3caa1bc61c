import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { uuidv7 } from '../../src/platform/database/uuid';
import type { ApiKeyScope } from '../../src/tenancy/api-keys/api-key.entity';
import { hashPassword } from '../../src/tenancy/auth/passwords';
import { compactUuid, hashToken, randomSecret } from '../../src/tenancy/auth/secrets';
import type { TenantKind } from '../../src/tenancy/tenants/tenant.entity';
import type { Role } from '../../src/tenancy/users/membership.entity';
import type { TestApp } from './test-app';
import { testDatabaseUrls } from './test-env';

/**
 * Test data written straight into the database through the owner connection (a superuser in tests,
 * so row-level security does not apply): tenants, users with memberships, API keys. Everything
 * carries this run's token, so suites can share one database, run in parallel and run again on it.
 */

/** Unique per test process and run. */
export const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
let counter = 0;

/** `prefix-<run>-<n>`: a tenant code, an email local part, a name no other run uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${RUN}-${counter}`;
}

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface TenantFixture {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: TenantKind;
  ancestors: string[];
  depth: number;
}

export interface UserFixture {
  id: string;
  email: string;
  password: string;
  platformAdmin: boolean;
}

export interface ApiKeyFixture {
  id: string;
  tenantId: string;
  /** The full bearer credential `rmb_<id>_<secret>`. */
  key: string;
  scopes: ApiKeyScope[];
}

export interface TenantOverrides {
  parentId?: string | null;
  kind?: TenantKind;
  code?: string;
  name?: string;
  population?: number | null;
}

/** A tenant of a tree: its code (the key it is returned under), its other fields and its children. */
export interface TenantTreeNode extends Omit<TenantOverrides, 'parentId' | 'code'> {
  code: string;
  children?: TenantTreeNode[];
}

export interface UserOverrides {
  email?: string;
  name?: string;
  password?: string;
  platformAdmin?: boolean;
  memberships?: { tenantId: string; role: Role }[];
}

export interface ApiKeyOverrides {
  name?: string;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
}

// argon2id is deliberately slow: hash each distinct password once per test file.
const hashes = new Map<string, Promise<string>>();
function passwordHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export class Fixtures {
  private constructor(private readonly client: Client) {}

  static async open(): Promise<Fixtures> {
    const client = new Client({ connectionString: testDatabaseUrls().ownerUrl, application_name: 'rumbo-test-fixtures' });
    await client.connect();
    return new Fixtures(client);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /** Runs SQL as the owner (bypasses row-level security). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** A tenant; the database trigger derives ancestors and depth from the parent. */
  async tenant(overrides: TenantOverrides = {}): Promise<TenantFixture> {
    const code = overrides.code ?? unique('t');
    const [row] = await this.query<TenantFixture>(
      `INSERT INTO tenants (id, parent_id, kind, code, name, population) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, parent_id AS "parentId", code, name, kind, ancestors, depth`,
      [
        uuidv7(),
        overrides.parentId ?? null,
        overrides.kind ?? (overrides.parentId ? 'municipality' : 'country'),
        code,
        overrides.name ?? `Tenant ${code}`,
        overrides.population ?? null,
      ],
    );
    return row;
  }

  /** A tree of tenants, parents first, under `parentId` (or as a root); returns them by code. */
  async tenantTree(root: TenantTreeNode, parentId: string | null = null): Promise<Map<string, TenantFixture>> {
    const tenants = new Map<string, TenantFixture>();
    const insert = async ({ children = [], ...node }: TenantTreeNode, parent: string | null): Promise<void> => {
      const tenant = await this.tenant({ ...node, parentId: parent });
      tenants.set(tenant.code, tenant);
      for (const child of children) await insert(child, tenant.id);
    };
    await insert(root, parentId);
    return tenants;
  }

  async user(overrides: UserOverrides = {}): Promise<UserFixture> {
    const id = uuidv7();
    const email = overrides.email ?? `${unique('user')}@test.example`;
    const password = overrides.password ?? DEFAULT_PASSWORD;
    const platformAdmin = overrides.platformAdmin ?? false;
    await this.query('INSERT INTO users (id, email, name, password_hash, platform_admin) VALUES ($1, $2, $3, $4, $5)', [
      id,
      email,
      overrides.name ?? `User ${email}`,
      await passwordHash(password),
      platformAdmin,
    ]);
    for (const m of overrides.memberships ?? []) await this.membership(id, m.tenantId, m.role);
    return { id, email, password, platformAdmin };
  }

  /** Grants a role on a tenant (and so on its descendants); returns the membership id. */
  async membership(userId: string, tenantId: string, role: Role): Promise<string> {
    const id = uuidv7();
    await this.query('INSERT INTO memberships (tenant_id, id, user_id, role) VALUES ($1, $2, $3, $4)', [tenantId, id, userId, role]);
    return id;
  }

  /** An API key bound to a tenant, stored the way the API stores it (hashed secret). */
  async apiKey(tenantId: string, scopes: ApiKeyScope[] = ['read'], overrides: ApiKeyOverrides = {}): Promise<ApiKeyFixture> {
    const id = uuidv7();
    const secret = randomSecret();
    const key = `rmb_${compactUuid(id)}_${secret}`;
    await this.query(
      `INSERT INTO api_keys (tenant_id, id, name, scopes, prefix, last_four, secret_hash, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        id,
        overrides.name ?? unique('key'),
        scopes,
        key.slice(0, 12),
        key.slice(-4),
        hashToken(secret),
        overrides.expiresAt ?? null,
        overrides.revokedAt ?? null,
      ],
    );
    return { id, tenantId, key, scopes };
  }
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** Signs in through the API (POST /v1/auth/login). */
export async function login(t: TestApp, user: { email: string; password: string }): Promise<Tokens> {
  const res = await request(t.server).post('/v1/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login of ${user.email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Tokens;
}

/** The Authorization header value for an access token or an API key. */
export function bearer(credential: string | { accessToken: string } | { key: string }): string {
  const value = typeof credential === 'string' ? credential : 'key' in credential ? credential.key : credential.accessToken;
  return `Bearer ${value}`;
}

export const PROBLEM_CONTENT_TYPE = /^application\/problem\+json/;

/** Asserts an RFC 9457 problem with the given status (and problem code, when given). */
export function expectProblem(res: request.Response, status: number, code?: string): void {
  const sent = (res as unknown as { req?: { method?: string; path?: string } }).req;
  const summary = `${sent?.method ?? ''} ${sent?.path ?? ''} → ${res.status} ${JSON.stringify(res.body)}`;
  expect({ status: res.status, summary }).toEqual({ status, summary });
  expect(res.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE);
  expect(res.body).toMatchObject({ status, requestId: expect.any(String), type: expect.stringMatching(/^urn:rumbo:problem:/) });
  if (code) expect(res.body.type).toBe(`urn:rumbo:problem:${code}`);
}
