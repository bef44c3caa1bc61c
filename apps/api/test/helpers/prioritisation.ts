import request from 'supertest';
import { uuidv7 } from '../../src/platform/database/uuid';
import { bearer, Fixtures, login, unique, type TenantFixture, type Tokens } from './fixtures';
import { createTestApp, type TestApp } from './test-app';

/** A friction row written straight into the database (owner connection), with its cost fields. */
export interface FrictionSeed {
  id: string;
  ref: string;
  title: string;
  status: string;
  annualCost: number;
  annualHours: number;
  population: number;
  staffCost: number;
}

/**
 * Prioritisation test data: a tenant with an admin, an analyst and a viewer, another tenant with its
 * own admin, and frictions inserted by SQL (the frictions API is another module's; the ranking only
 * reads the rows).
 */
export interface PrioritisationWorld {
  t: TestApp;
  fx: Fixtures;
  tenant: TenantFixture;
  other: TenantFixture;
  admin: Tokens;
  analyst: Tokens;
  viewer: Tokens;
  otherAdmin: Tokens;
  close(): Promise<void>;
}

export async function openPrioritisationWorld(): Promise<PrioritisationWorld> {
  const fx = await Fixtures.open();
  const t = await createTestApp();
  const tenant = await fx.tenant();
  const other = await fx.tenant();
  const as = async (tenantId: string, role: 'admin' | 'analyst' | 'viewer') =>
    login(t, await fx.user({ memberships: [{ tenantId, role }] }));
  const [admin, analyst, viewer, otherAdmin] = await Promise.all([
    as(tenant.id, 'admin'),
    as(tenant.id, 'analyst'),
    as(tenant.id, 'viewer'),
    as(other.id, 'admin'),
  ]);
  return {
    t,
    fx,
    tenant,
    other,
    admin,
    analyst,
    viewer,
    otherAdmin,
    close: async () => {
      await t.close();
      await fx.close();
    },
  };
}

/** Deterministic pseudo-random numbers (a test that fails fails again). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` frictions in a tenant with varied costs, hours and populations (some costs tied on purpose). */
export async function seedFrictions(
  fx: Fixtures,
  tenantId: string,
  count: number,
  seed = 1,
  statuses = ['identified'],
): Promise<FrictionSeed[]> {
  const random = seeded(seed);
  const rows: FrictionSeed[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({
      id: uuidv7(),
      ref: unique('FR'),
      title: `Friction ${i}`,
      status: statuses[i % statuses.length],
      // Every fifth shares a cost with the previous one, so the tie-break shows.
      annualCost: i % 5 === 4 ? rows[i - 1].annualCost : Math.round(random() * 1_000_000) / 100,
      annualHours: Math.round(random() * 50_000) / 10,
      population: Math.floor(random() * 100_000),
      staffCost: Math.round(random() * 10_000),
    });
  }
  await fx.query(
    `INSERT INTO frictions (tenant_id, id, ref, title, area, status, annual_cost, annual_hours, population, staff_cost)
     SELECT $1, u.id, u.ref, u.title, 'mobility', u.status, u.cost, u.hours, u.population, u.staff
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[])
            AS u(id, ref, title, status, cost, hours, population, staff)`,
    [
      tenantId,
      rows.map((r) => r.id),
      rows.map((r) => r.ref),
      rows.map((r) => r.title),
      rows.map((r) => r.status),
      rows.map((r) => r.annualCost),
      rows.map((r) => r.annualHours),
      rows.map((r) => r.population),
      rows.map((r) => r.staffCost),
    ],
  );
  return rows;
}

export function api(t: TestApp, credential: Tokens | string) {
  const auth = bearer(credential);
  return {
    get: (path: string) => request(t.server).get(path).set('Authorization', auth),
    post: (path: string, body?: object | string, type?: string) => {
      const r = request(t.server).post(path).set('Authorization', auth);
      if (type) r.set('Content-Type', type);
      return body === undefined ? r : r.send(body);
    },
    put: (path: string, body: object) => request(t.server).put(path).set('Authorization', auth).send(body),
    patch: (path: string, body: object) => request(t.server).patch(path).set('Authorization', auth).send(body),
    delete: (path: string) => request(t.server).delete(path).set('Authorization', auth),
  };
}

/** The leader example (METHOD.md §4): consistent, CR 0.044. */
export const LEADER = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];

/** Reciprocal but inconsistent: a > b, b > c, c > a, strongly. */
export const CYCLE = [
  [1, 9, 1 / 9],
  [1 / 9, 1, 9],
  [9, 1 / 9, 1],
];
