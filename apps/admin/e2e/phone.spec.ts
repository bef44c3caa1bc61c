/**
 * Every screen of the SPA on a phone (390 × 844), in Spanish (and English, see PHONE_LOCALES), signed in with a role
 * that may open it: nothing scrolls sideways (`scrollWidth <= innerWidth`), axe finds no serious or
 * critical violation, and a full-page screenshot of each is saved to look at
 * (RUMBO_E2E_SCREENSHOTS, default <tmp>/rumbo-phone). The list of screens is checked against the
 * router's names (src/router/names.ts), so a new route cannot skip this pass. Also: the navigation
 * folds behind the menu button and works with the keyboard.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUTE_NAMES, type RouteName } from '../src/router/names';
import { DEMO_PASSWORD, PLATFORM_ADMIN } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, RUN_ID } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const PHONE = { width: 390, height: 844 };
const SHOTS = process.env.RUMBO_E2E_SCREENSHOTS ?? join(tmpdir(), 'rumbo-phone');
const ADMIN = 'admin@demo.example';

interface Screen {
  route: RouteName;
  /** Who opens it: a demo user, the platform administrator, or nobody signed in. */
  as: string | 'platform' | null;
  path: () => string;
  /** What shows the screen has loaded (a selector). */
  ready: string;
}

/**
 * Every screen in Spanish, whose words run longest (the stricter test of width); in English too with
 * RUMBO_LONG_TESTS=1 (CI runs it so once), which doubles the pass's two minutes.
 */
const PHONE_LOCALES = process.env.RUMBO_LONG_TESTS === '1' ? ['es-ES', 'en-GB'] : ['es-ES'];

describe.skipIf(Boolean(skipReason))('every screen at 390 px', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let region: { id: string };
  let town: { id: string };
  let assessmentId: string;
  let invitationToken: string;
  let frictionId: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    await mkdir(SHOTS, { recursive: true });
    const token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    region = await api.tenantByCode(token, 'ES-DEMO');
    town = await api.tenantByCode(token, 'DEMO-N-001');
    const list = await api.request<{ data: { id: string }[] }>('GET', `/v1/tenants/${town.id}/assessments?limit=1`, { token });
    assessmentId = list.body.data[0].id;
    const invited = await api.request<{ token: string }>('POST', `/v1/tenants/${town.id}/invitations`, {
      token,
      body: { email: `e2e-phone-${RUN_ID.toLowerCase()}@example.org`, role: 'viewer' },
    });
    expect(invited.status).toBe(201);
    invitationToken = invited.body.token;
    const friction = await api.request<{ id: string }>('POST', `/v1/tenants/${town.id}/frictions`, {
      token,
      body: {
        title: `Ventanilla única en papel ${RUN_ID}`,
        area: 'citizen-response',
        burdens: [
          { audience: 'citizens', population: 1200, frequencyPerYear: 1, minutesPerOccurrence: 40 },
          { audience: 'staff', population: 1200, frequencyPerYear: 1, minutesPerOccurrence: 10 },
        ],
      },
    });
    expect(friction.status).toBe(201);
    frictionId = friction.body.id;
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  const screens = (): Screen[] => [
    { route: 'home', as: ADMIN, path: () => '/', ready: '[data-testid="home-tasks"]' },
    { route: 'status', as: null, path: () => '/status', ready: '[data-testid="status-report"]' },
    { route: 'login', as: null, path: () => '/login', ready: '[data-testid="login-form"]' },
    {
      route: 'accept-invitation',
      as: null,
      path: () => `/accept-invitation#token=${invitationToken}`,
      ready: '[data-testid="accept-form"]',
    },
    { route: 'admin', as: 'platform', path: () => '/admin', ready: '[data-testid="tenant-tree"]' },
    { route: 'admin-tenant-root', as: ADMIN, path: () => `/t/${region.id}/admin`, ready: '[data-testid="tenant-details"]' },
    { route: 'admin-tenant', as: ADMIN, path: () => `/t/${region.id}/admin/tenant`, ready: '[data-testid="children-table"] tbody tr' },
    { route: 'admin-users', as: ADMIN, path: () => `/t/${region.id}/admin/users`, ready: '[data-testid="members-table"] tbody tr' },
    { route: 'admin-api-keys', as: ADMIN, path: () => `/t/${region.id}/admin/api-keys`, ready: '[data-testid="api-key-form"]' },
    { route: 'admin-import', as: ADMIN, path: () => `/t/${region.id}/admin/import`, ready: '[data-testid="import-form"]' },
    { route: 'admin-audit', as: ADMIN, path: () => `/t/${region.id}/admin/audit`, ready: '[data-testid="audit-table"] tbody tr' },
    { route: 'maturity-results', as: ADMIN, path: () => `/t/${town.id}/maturity`, ready: '[data-testid="maturity-radar"] svg' },
    { route: 'maturity-models', as: ADMIN, path: () => `/t/${town.id}/maturity/models`, ready: '[data-testid="model-question"]' },
    // Needs the maturity API's overview (listDescendantAssessments) for its content; the layout is checked either way.
    {
      route: 'maturity-descendants',
      as: ADMIN,
      path: () => `/t/${region.id}/maturity/descendants`,
      ready: '[data-testid="descendants-filters"]',
    },
    {
      route: 'maturity-assessment',
      as: ADMIN,
      path: () => `/t/${town.id}/maturity/assessments/${assessmentId}`,
      ready: '[data-testid="question"]',
    },
    { route: 'frictions', as: ADMIN, path: () => `/t/${town.id}/frictions`, ready: '[data-testid="frictions-table"] tbody tr' },
    { route: 'friction-new', as: ADMIN, path: () => `/t/${town.id}/frictions/new`, ready: '[data-testid="friction-form"]' },
    { route: 'friction-edit', as: ADMIN, path: () => `/t/${town.id}/frictions/${frictionId}`, ready: '[data-testid="cost-summary"]' },
    {
      route: 'frictions-gap-costs',
      as: ADMIN,
      path: () => `/t/${town.id}/frictions/gap-costs`,
      ready: '[data-testid="gaps-table"], [data-testid="gaps-no-assessment"]',
    },
    { route: 'frictions-import', as: ADMIN, path: () => `/t/${town.id}/frictions/import`, ready: '[data-testid="friction-import-form"]' },
    {
      route: 'frictions-settings',
      as: ADMIN,
      path: () => `/t/${town.id}/frictions/settings`,
      ready: '[data-testid="friction-settings-form"]',
    },
    // Prioritisation of the demo region (its active model when the demo seeds one; the layout is checked either way).
    {
      route: 'priorities-ranking',
      as: ADMIN,
      path: () => `/t/${region.id}/priorities`,
      ready: '[data-testid="ranking-list"], [data-testid="ranking-no-model"], [data-testid="ranking-empty"]',
    },
    { route: 'priorities-models', as: ADMIN, path: () => `/t/${region.id}/priorities/models`, ready: '[data-testid="models-table"]' },
    { route: 'priorities-model', as: ADMIN, path: () => `/t/${region.id}/priorities/models/new`, ready: '[data-testid="ahp-grid"]' },
    { route: 'priorities-analysis', as: ADMIN, path: () => `/t/${region.id}/priorities/analysis`, ready: '[data-testid="shifts-form"]' },
    {
      route: 'priorities-import',
      as: ADMIN,
      path: () => `/t/${region.id}/priorities/import`,
      ready: '[data-testid="criteria-import-form"]',
    },
    { route: 'not-found', as: null, path: () => '/no/such/page', ready: 'main h1' },
  ];

  it('covers every route of the router', () => {
    expect(
      screens()
        .map((s) => s.route)
        .sort(),
    ).toEqual([...ROUTE_NAMES].sort());
  });

  async function open(screen: Screen, locale: string): Promise<Page> {
    let context;
    if (screen.as === null) {
      context = await browser.newContext({ locale, baseURL: baseUrl, viewport: PHONE });
    } else {
      const [email, password] = screen.as === 'platform' ? [PLATFORM_ADMIN.email, PLATFORM_ADMIN.password] : [screen.as, DEMO_PASSWORD];
      const { refreshToken } = await api.login(email, password);
      context = await browser.newContext({ locale, baseURL: baseUrl, viewport: PHONE });
      await context.addInitScript((token: string) => {
        if (!sessionStorage.getItem('e2e.seeded')) {
          sessionStorage.setItem('e2e.seeded', '1');
          sessionStorage.setItem('rumbo.refreshToken', token);
        }
      }, refreshToken);
    }
    pool.add(context);
    const page = await context.newPage();
    await page.goto(screen.path());
    await page.locator(screen.ready).first().waitFor({ timeout: 30_000 });
    // Lazy panels and charts settle (their requests end) before measuring.
    await page.waitForLoadState('networkidle');
    return page;
  }

  for (const locale of PHONE_LOCALES) {
    for (const screen of screens()) {
      it(`${screen.route} (${locale}) does not scroll sideways and passes axe`, async () => {
        const page = await open(screen, locale);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        await page.screenshot({ path: join(SHOTS, `${screen.route}-${locale}.png`), fullPage: true });
        expect(scrollWidth, `${screen.route} is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth);
        await expectAccessible(page, `${screen.route} at 390 px (${locale})`);
      });
    }
  }

  it('folds the navigation behind the menu button, opened and closed with the keyboard', async () => {
    const page = await open(
      screens().find((s) => s.route === 'maturity-results')!,
      'es-ES',
    );
    const button = page.getByRole('button', { name: 'Menú' });
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    await button.focus();
    await page.keyboard.press('Enter');
    await nav.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await button.getAttribute('aria-controls')).toBe(await nav.getAttribute('id'));
    // Focus moves into the navigation; Escape closes it and gives focus back to the button.
    expect(await page.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label'))).toBe('Navegación principal');
    await expectAccessible(page, 'open menu at 390 px');
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    // Following a link closes it.
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: 'Modelos de madurez' }).click();
    await page.waitForURL(/\/maturity\/models$/);
    await nav.waitFor({ state: 'hidden' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
  });
});
