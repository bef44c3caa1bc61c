import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../platform/config/app-config';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { uuidv7 } from '../../platform/database/uuid';
import { hashPassword } from '../auth/passwords';
import { Tenant, type TenantKind } from '../tenants/tenant.entity';
import { Membership, type Role } from '../users/membership.entity';
import { User } from '../users/user.entity';

export const DEMO_PASSWORD = 'rumbo-demo-2026';
export const DEFAULT_ADMIN_EMAIL = 'admin@rumbo.example';

/**
 * First start: a platform administrator (from RUMBO_ADMIN_EMAIL/RUMBO_ADMIN_PASSWORD, or a generated
 * one-time password printed once), and, on an empty database, the demo hierarchy and its users.
 * Idempotent: later starts change nothing.
 */
export async function firstRun(dataSource: DataSource, config: AppConfig, logger: Logger): Promise<void> {
  const db = new DbSession(dataSource);
  const state: RequestState = { requestId: 'first-run', ip: null, actor: { type: 'system', id: null, label: 'system' } };
  await RequestContext.run(state, () =>
    db.transaction({ platform: true }, async (manager) => {
      state.manager = manager;
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.first-run', 0))`);
      await ensurePlatformAdmin(manager, config, logger);
      if (config.demoData && (await manager.count(Tenant)) === 0) await seedDemo(manager, db, state, logger);
    }),
  );
}

async function ensurePlatformAdmin(manager: EntityManager, config: AppConfig, logger: Logger): Promise<void> {
  const { email, password } = config.bootstrapAdmin;
  if (email) {
    const existing = await manager.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email }).getOne();
    if (!existing) {
      await manager.insert(User, {
        id: uuidv7(),
        email,
        name: 'Platform administrator',
        platformAdmin: true,
        passwordHash: await hashPassword(password ?? ''),
      });
      logger.info({ email }, 'platform administrator created from RUMBO_ADMIN_EMAIL');
    }
    return;
  }
  if ((await manager.countBy(User, { platformAdmin: true })) > 0) return;
  const oneTime = randomBytes(12).toString('base64url');
  await manager.insert(User, {
    id: uuidv7(),
    email: DEFAULT_ADMIN_EMAIL,
    name: 'Platform administrator',
    platformAdmin: true,
    passwordHash: await hashPassword(oneTime),
  });
  // Printed once, on purpose, where the operator starting the server sees it; never logged again.
  process.stdout.write(
    `\n  Rumbo created a platform administrator:\n    email:    ${DEFAULT_ADMIN_EMAIL}\n    password: ${oneTime}\n  It is shown only now: sign in and change it (or set RUMBO_ADMIN_EMAIL and RUMBO_ADMIN_PASSWORD).\n\n`,
  );
}

interface DemoTenant {
  code: string;
  kind: TenantKind;
  name: string;
  population?: number;
  children?: DemoTenant[];
}

/**
 * A fictional region with two provinces, 15 municipalities of every size band and an institute. Six
 * of the municipalities are under 5,000 inhabitants, so each has the 5 comparable peers a benchmark
 * needs (METHOD.md §2) and the demo shows one; the other bands show why there is none.
 */
const DEMO: DemoTenant = {
  code: 'ES',
  kind: 'country',
  name: 'España',
  population: 48_600_000,
  children: [
    {
      code: 'ES-DEMO',
      kind: 'region',
      name: 'Comunidad Demo',
      population: 1_190_750,
      children: [
        {
          code: 'ES-DEMO-N',
          kind: 'province',
          name: 'Provincia de Norteña',
          population: 705_700,
          children: [
            { code: 'DEMO-N-001', kind: 'municipality', name: 'Villanorte', population: 512_000 },
            { code: 'DEMO-N-002', kind: 'municipality', name: 'Puerto Alto', population: 118_400 },
            { code: 'DEMO-N-003', kind: 'municipality', name: 'Robledal', population: 46_300 },
            { code: 'DEMO-N-004', kind: 'municipality', name: 'Fuentesanta', population: 18_900 },
            { code: 'DEMO-N-005', kind: 'municipality', name: 'Valdeolmos del Río', population: 4_200 },
            { code: 'DEMO-N-006', kind: 'municipality', name: 'La Serrezuela', population: 3_100 },
            { code: 'DEMO-N-007', kind: 'municipality', name: 'Navalcerro', population: 1_850 },
            { code: 'DEMO-N-008', kind: 'municipality', name: 'Villar de Campos', population: 950 },
          ],
        },
        {
          code: 'ES-DEMO-S',
          kind: 'province',
          name: 'Provincia de Sureña',
          population: 485_050,
          children: [
            { code: 'DEMO-S-001', kind: 'municipality', name: 'Campovega', population: 164_000 },
            { code: 'DEMO-S-002', kind: 'municipality', name: 'Torremar', population: 87_500 },
            { code: 'DEMO-S-003', kind: 'municipality', name: 'Olivares de la Sierra', population: 52_800 },
            { code: 'DEMO-S-004', kind: 'municipality', name: 'Santa Lucía del Llano', population: 24_700 },
            { code: 'DEMO-S-005', kind: 'municipality', name: 'Aldeanueva', population: 9_650 },
            { code: 'DEMO-S-006', kind: 'municipality', name: 'El Pinarejo', population: 2_450 },
            { code: 'DEMO-S-007', kind: 'municipality', name: 'Monteagudo de la Vega', population: 3_700 },
          ],
        },
        { code: 'ES-DEMO-IE', kind: 'institute', name: 'Instituto de Estadística de la Comunidad Demo' },
      ],
    },
  ],
};

const DEMO_USERS: { email: string; name: string; role: Role; tenantCode: string }[] = [
  { email: 'admin@demo.example', name: 'Ana Administradora', role: 'admin', tenantCode: 'ES-DEMO' },
  { email: 'analyst@demo.example', name: 'Luis Analista', role: 'analyst', tenantCode: 'ES-DEMO' },
  { email: 'viewer@demo.example', name: 'Marta Consulta', role: 'viewer', tenantCode: 'ES-DEMO' },
  { email: 'auditor@demo.example', name: 'Jorge Auditor', role: 'auditor', tenantCode: 'ES-DEMO' },
  { email: 'villanorte@demo.example', name: 'Carmen de Villanorte', role: 'admin', tenantCode: 'DEMO-N-001' },
];

async function seedDemo(manager: EntityManager, db: DbSession, state: RequestState, logger: Logger): Promise<void> {
  const ids = new Map<string, string>();
  const create = async (node: DemoTenant, parentId: string | null): Promise<void> => {
    const id = uuidv7();
    // The creation is recorded in the parent's audit chain (a root records its own).
    const chain = parentId ?? id;
    state.tenantId = chain;
    await db.within(manager, { platform: true, tenantId: chain, readableTenantIds: [chain] });
    await manager.save(
      manager.create(Tenant, {
        id,
        parentId,
        code: node.code,
        kind: node.kind,
        name: node.name,
        population: node.population ?? null,
        ancestors: [],
        depth: 0,
      }),
    );
    ids.set(node.code, id);
    for (const child of node.children ?? []) await create(child, id);
  };
  await create(DEMO, null);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const tenantId = ids.get(u.tenantCode) as string;
    state.tenantId = tenantId;
    await db.within(manager, { platform: true, tenantId, readableTenantIds: [tenantId] });
    const userId = uuidv7();
    await manager.insert(User, { id: userId, email: u.email, name: u.name, passwordHash, locale: 'es' });
    await manager.save(manager.create(Membership, { tenantId, userId, role: u.role }));
  }
  state.tenantId = undefined;
  logger.info({ tenants: ids.size, users: DEMO_USERS.length }, `demo data created: sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}`);
}
