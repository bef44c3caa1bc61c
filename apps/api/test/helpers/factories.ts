import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { uuidv7 } from '../../src/platform/database/uuid';
import { hashPassword } from '../../src/tenancy/auth/passwords';
import { compactUuid, hashToken, randomSecret } from '../../src/tenancy/auth/secrets';
import type { TenantKind } from '../../src/tenancy/tenants/tenant.entity';
import type { Role } from '../../src/tenancy/users/membership.entity';
import type { TestApp } from './test-app';

/**
 * Test data written with the owner connection (a superuser in tests, so row-level security does not
 * apply). Codes and emails carry a per-process run id: the test database may be shared across runs.
 */
export const RUN_ID = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Runs `work` with a connection as the database owner. */
export async function asOwner<T>(ownerUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ownerUrl, application_name: 'rumbo-test-factories' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TenantNode {
  code: string;
  kind?: TenantKind;
  name?: string;
  population?: number | null;
  children?: TenantNode[];
}

/**
 * Inserts a tree of tenants (under `parentId`, or as a root) and returns their ids by code. The
 * database trigger derives ancestors and depth from each parent.
 */
export async function createTenantTree(ownerUrl: string, root: TenantNode, parentId: string | null = null): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await asOwner(ownerUrl, async (client) => {
    const insert = async (node: TenantNode, parent: string | null): Promise<void> => {
      const id = uuidv7();
      await client.query('INSERT INTO tenants (id, parent_id, code, kind, name, population) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        parent,
        node.code,
        node.kind ?? (parent ? 'other' : 'country'),
        node.name ?? `Tenant ${node.code}`,
        node.population ?? null,
      ]);
      ids.set(node.code, id);
      for (const child of node.children ?? []) await insert(child, id);
    };
    await insert(root, parentId);
  });
  return ids;
}

export interface UserSpec {
  email: string;
  password: string;
  platformAdmin?: boolean;
  memberships?: { tenantId: string; role: Role }[];
}

/** A staff user with a password and memberships; returns its id. */
export async function createUser(ownerUrl: string, spec: UserSpec): Promise<string> {
  const id = uuidv7();
  const passwordHash = await hashPassword(spec.password);
  await asOwner(ownerUrl, async (client) => {
    await client.query('INSERT INTO users (id, email, name, password_hash, platform_admin) VALUES ($1, $2, $3, $4, $5)', [
      id,
      spec.email,
      `User ${spec.email}`,
      passwordHash,
      spec.platformAdmin ?? false,
    ]);
    for (const m of spec.memberships ?? []) {
      await client.query('INSERT INTO memberships (tenant_id, id, user_id, role) VALUES ($1, $2, $3, $4)', [
        m.tenantId,
        uuidv7(),
        id,
        m.role,
      ]);
    }
  });
  return id;
}

/** Signs in through POST /v1/auth/login and returns the access token. */
export async function login(server: TestApp['server'], email: string, password: string): Promise<string> {
  const res = await request(server).post('/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

/** An API key bound to a tenant, stored as the API stores it; returns the bearer credential `rmb_<id>_<secret>`. */
export async function createApiKey(ownerUrl: string, tenantId: string, scopes: string[]): Promise<string> {
  const id = uuidv7();
  const secret = randomSecret();
  const key = `rmb_${compactUuid(id)}_${secret}`;
  await asOwner(ownerUrl, (client) =>
    client.query(`INSERT INTO api_keys (tenant_id, id, name, scopes, prefix, last_four, secret_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      tenantId,
      id,
      `key ${RUN_ID}`,
      scopes,
      key.slice(0, 12),
      key.slice(-4),
      hashToken(secret),
    ]),
  );
  return key;
}
