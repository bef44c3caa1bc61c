/**
 * Multi-tenant administration in Chromium against the real API and database: sign-in with silent
 * refresh, tenant switching, tenant administration, CSV import, invitations, API keys, the audit
 * log, roles, sign-out, and an axe-core audit of every screen in Spanish and English.
 *
 * Everything created here carries RUN_ID, so the suite can run again on the same database.
 */
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, PLATFORM_ADMIN } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, RUN_ID, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');

const ADMIN = 'admin@demo.example';
const VIEWER = 'viewer@demo.example';
const AUDITOR = 'auditor@demo.example';

describe.skipIf(Boolean(skipReason))('multi-tenant administration in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let adminToken: string;
  /** Comunidad Demo (ES-DEMO), where the demo users hold their roles. */
  let region: { id: string; name: string };
  let villanorte: { id: string; name: string };
  const childCode = `E2E-${RUN_ID}-A`;
  const childName = `Municipio E2E ${RUN_ID}`;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    adminToken = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    region = await api.tenantByCode(adminToken, 'ES-DEMO');
    villanorte = await api.tenantByCode(adminToken, 'DEMO-N-001');
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  async function newPage(locale = 'es-ES'): Promise<Page> {
    const context = pool.add(await browser.newContext({ locale, baseURL: baseUrl }));
    return context.newPage();
  }

  async function signedInPage(email: string, locale = 'es-ES', password = DEMO_PASSWORD): Promise<Page> {
    const context = pool.add(await signedInContext(browser, baseUrl, email, password, locale));
    return context.newPage();
  }

  async function loginThroughForm(page: Page, email: string, password: string) {
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
  }

  const h1 = (page: Page) => page.locator('main h1').first();

  /** Waits for a PrimeVue dialog's opening transition to end (it moves focus when it does). */
  async function dialogSettled(page: Page): Promise<void> {
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => page.locator('.p-dialog-enter-active').count()).toBe(0);
  }

  /** A fresh child of the demo region, created through the API, for tests that change it. */
  async function createChild(suffix: string): Promise<{ id: string; name: string }> {
    const body = { code: `E2E-${RUN_ID}-${suffix}`, kind: 'other', name: `E2E ${suffix} ${RUN_ID}` };
    const { status, body: created } = await api.request<{ id: string; name: string }>('POST', `/v1/tenants/${region.id}/children`, {
      token: adminToken,
      body,
    });
    expect(status).toBe(201);
    return created;
  }

  it('sends anonymous visitors to the login page and back to where they were going', async () => {
    const page = await newPage();
    await page.goto(`/t/${region.id}/admin/audit`);
    await page.waitForURL(/\/login\?redirect=/);
    expect(new URL(page.url()).searchParams.get('redirect')).toBe(`/t/${region.id}/admin/audit`);
    await expect(h1(page).textContent()).resolves.toBe('Iniciar sesión');

    // A wrong password: a clear message and the request id, no detail noise.
    await loginThroughForm(page, ADMIN, 'not-the-password');
    await page.getByTestId('problem').waitFor();
    expect(await textOf(page, '[data-testid="problem"]')).toContain('El correo electrónico o la contraseña no son correctos.');
    expect(await textOf(page, '[data-testid="problem-request-id"]')).toMatch(/^Referencia de la solicitud: \S+$/);

    await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${baseUrl}/t/${region.id}/admin/audit`);
    await expect(h1(page).textContent()).resolves.toBe('Registro de auditoría');
    expect(await textOf(page, '[data-testid="user-name"]')).toBe('Ana Administradora');
    expect(await textOf(page, '[data-testid="tenant-switcher"]')).toBe('Comunidad Demo');
    expect(await textOf(page, '[data-testid="your-role"]')).toBe('Su rol: Administración');

    // The refresh token is in this tab's sessionStorage; the access token (a JWT) is stored nowhere.
    const storage = await page.evaluate(() => ({ ...sessionStorage, ...localStorage }) as Record<string, string>);
    expect(storage['rumbo.refreshToken']).toBeTruthy();
    expect(Object.values(storage).filter((v) => /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(v))).toEqual([]);
  });

  it('opens the only tenant of a user after login, and remembers the selected tenant', async () => {
    const page = await newPage();
    await page.goto('/login');
    await loginThroughForm(page, ADMIN, DEMO_PASSWORD);
    await page.waitForURL(`${baseUrl}/t/${region.id}/admin/tenant`);
    await expect(h1(page).textContent()).resolves.toBe('Comunidad Demo');
    const navItems = await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link').allTextContents();
    expect(navItems.map((s) => s.trim())).toEqual([
      'Inicio',
      'Estado del servicio',
      'Madurez',
      'Modelos de madurez',
      'Seguimiento de dependientes',
      'Fricciones',
      'Prioridades',
      'Organización',
      'Usuarios e invitaciones',
      'Claves de API',
      'Importación CSV',
      'Registro de auditoría',
    ]);
  });

  it('switches tenant by searching, keeps the session across a reload, and browses the tree by keyboard', async () => {
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/tenant`);
    await expect(h1(page).textContent()).resolves.toBe('Comunidad Demo');

    await page.getByTestId('tenant-switcher').click();
    const dialog = page.getByRole('dialog', { name: 'Cambiar de organización' });
    await dialog.getByLabel('Buscar por nombre o código').fill('villan');
    const result = dialog.getByTestId('tenant-result').filter({ hasText: 'Villanorte' });
    await result.waitFor();
    expect((await result.textContent())?.replace(/\s+/g, ' ')).toContain('Comunidad Demo › Provincia de Norteña');
    await expectAccessible(page, 'tenant switcher with search results (es)');
    await result.click();

    await page.waitForURL(`${baseUrl}/t/${villanorte.id}/admin/tenant`);
    await expect(h1(page).textContent()).resolves.toBe('Villanorte');
    const crumbs = await page.getByTestId('breadcrumb').locator('li').allTextContents();
    expect(crumbs.map((c) => c.trim())).toEqual(['Comunidad Demo', 'Provincia de Norteña', 'Villanorte']);
    expect(await page.getByTestId('breadcrumb').locator('[aria-current="page"]').textContent()).toBe('Villanorte');
    expect(await textOf(page, '[data-testid="tenant-switcher"]')).toBe('Villanorte');

    // A reload keeps the sign-in (refresh token in sessionStorage) and the tenant.
    await page.reload();
    await expect(h1(page).textContent()).resolves.toBe('Villanorte');
    await page.goto('/admin');
    await page.waitForURL(`${baseUrl}/t/${villanorte.id}/admin/tenant`);

    // The tree: focus the first node, expand with →, walk with ↓, pick with Enter.
    await page.getByTestId('tenant-switcher').click();
    // Once its opening transition is over, the dialog puts focus in its search box.
    await dialogSettled(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('switcher-search');
    const tree = page.getByRole('tree', { name: 'Explorar la jerarquía' });
    const top = tree.getByRole('treeitem', { name: 'Comunidad Demo (ES-DEMO)' });
    await top.waitFor();
    await top.focus();
    await page.keyboard.press('ArrowRight');
    await tree.getByRole('treeitem', { name: 'Provincia de Sureña (ES-DEMO-S)' }).waitFor();
    await expectAccessible(page, 'tenant switcher tree (es)');
    // ↓ walks down the expanded level (children are sorted by name) to the province.
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute('aria-label') ?? `${el?.tagName} ${el?.id} ${el?.className}`;
      });
    const visited = [await focusedName()];
    while (visited.at(-1) !== 'Provincia de Sureña (ES-DEMO-S)' && visited.length < 60) {
      await page.keyboard.press('ArrowDown');
      visited.push(await focusedName());
    }
    expect(visited.at(-1), visited.join(' → ')).toBe('Provincia de Sureña (ES-DEMO-S)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/t\/[^/]+\/admin\/tenant$/);
    await expect(h1(page).textContent()).resolves.toBe('Provincia de Sureña');
  });

  it('creates a child tenant and reports a taken code on the field', async () => {
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/tenant`);
    await page.getByTestId('child-create').click();
    const dialog = page.getByRole('dialog', { name: 'Nueva organización dependiente de Comunidad Demo' });
    await dialog.getByLabel('Código').fill(childCode);
    await dialog.getByLabel('Nombre').fill(childName);
    await dialog.getByLabel('Tipo').selectOption('municipality');
    await dialog.getByLabel('Población').fill('4321');
    await expectAccessible(page, 'create child dialog (es)');
    await dialog.getByRole('button', { name: 'Crear' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Said in the shell's live region, and shown there.
    await expect.poll(() => textOf(page, '[data-testid="live-status"]')).toBe(`Se ha creado «${childName}».`);

    await page.getByLabel('Buscar dependientes').fill(childCode);
    const row = page.getByTestId('children-table').getByRole('row').filter({ hasText: childCode });
    await row.waitFor();
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain(`${childName}${childCode}Municipio4321`);

    // The same code again: 409, shown on the code field.
    await page.getByTestId('child-create').click();
    await dialog.getByLabel('Código').fill(childCode);
    await dialog.getByLabel('Nombre').fill(`${childName} bis`);
    await dialog.getByRole('button', { name: 'Crear' }).click();
    const fieldError = dialog.getByTestId('child-code-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('Este código ya lo usa otra organización.');
    expect(await dialog.getByLabel('Código').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'create child dialog with a field error (es)');
  });

  it('refuses to save over a change made since the tenant was loaded (412), then reloads it', async () => {
    const child = await createChild('EDIT');
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${child.id}/admin/tenant`);
    await expect(h1(page).textContent()).resolves.toBe(child.name);
    await page.getByRole('button', { name: 'Editar' }).click();
    await page.locator('#tenant-edit-name').fill(`${child.name} (SPA)`);

    // Someone else renames it meanwhile.
    const other = await api.request('PATCH', `/v1/tenants/${child.id}`, { token: adminToken, body: { name: `${child.name} (API)` } });
    expect(other.status).toBe(200);

    await page.getByTestId('tenant-save').click();
    await page.getByTestId('tenant-stale').waitFor();
    expect(await textOf(page, '[data-testid="tenant-stale"]')).toContain('Esta organización ha cambiado desde que la cargó');
    await page.getByRole('button', { name: 'Recargar' }).click();
    await expect.poll(() => page.locator('#tenant-edit-name').inputValue()).toBe(`${child.name} (API)`);
    await page.locator('#tenant-edit-name').fill(`${child.name} (SPA)`);
    await page.getByTestId('tenant-save').click();
    await expect.poll(() => h1(page).textContent()).toBe(`${child.name} (SPA)`);
    await expectAccessible(page, 'tenant after an edit (es)');
  });

  it('moves a tenant under another parent, never under itself', async () => {
    const child = await createChild('MOVE');
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${child.id}/admin/tenant`);
    await page.getByRole('button', { name: 'Mover' }).click();
    const dialog = page.getByRole('dialog', { name: `Mover «${child.name}»` });
    await dialogSettled(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('move-search');
    await dialog.getByLabel('Buscar por nombre o código').fill(child.name);
    const itself = dialog.getByTestId('tenant-result').filter({ hasText: child.name });
    await itself.waitFor();
    expect(await itself.isDisabled()).toBe(true);

    await dialog.getByLabel('Buscar por nombre o código').fill('Sureña');
    await dialog.getByTestId('tenant-result').filter({ hasText: 'Provincia de Sureña' }).click();
    expect(await textOf(page, '[data-testid="move-target"]')).toBe('Nueva organización superior: Provincia de Sureña');
    await dialog.getByTestId('move-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await page.getByTestId('breadcrumb').locator('li').allTextContents()).map((c) => c.trim()))
      .toEqual(['Comunidad Demo', 'Provincia de Sureña', child.name]);
  });

  it('archives and restores a tenant after confirmation', async () => {
    const child = await createChild('ARCH');
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${child.id}/admin/tenant`);
    await page.getByTestId('tenant-archive-toggle').click();
    const confirm = page.getByRole('alertdialog', { name: '¿Archivar la organización?' });
    await confirm.waitFor();
    await expectAccessible(page, 'archive confirmation (es)');
    await confirm.getByRole('button', { name: 'Archivar' }).click();
    await page.getByTestId('tenant-archived').waitFor();

    await page.getByTestId('tenant-archive-toggle').click();
    await page.getByRole('alertdialog', { name: '¿Restaurar la organización?' }).getByRole('button', { name: 'Restaurar' }).click();
    await page.getByTestId('tenant-archived').waitFor({ state: 'detached' });
  });

  it('imports a CSV with one bad row and shows the report, the rejected rows and their CSV', async () => {
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/import`);
    await expect(h1(page).textContent()).resolves.toBe('Importación CSV');

    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(template.suggestedFilename()).toBe('rumbo-import-template.csv');
    expect((await readFile((await template.path())!, 'utf8')).split('\r\n')[0]).toBe('code,parentCode,kind,name,population');

    const csv = [
      'code,parentCode,kind,name,population',
      `E2E-${RUN_ID}-I1,ES-DEMO,municipality,Importado Uno ${RUN_ID},1200`,
      `E2E-${RUN_ID}-I2,E2E-${RUN_ID}-I1,other,Importado Dos ${RUN_ID},`,
      `E2E-${RUN_ID}-BAD,ES-DEMO,planet,Mal ${RUN_ID},5`,
    ].join('\n');
    await page.setInputFiles('#import-file', { name: 'e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-report').waitFor({ timeout: 20_000 });

    expect(await textOf(page, '[data-testid="import-status"]')).toBe('Importación terminada: 3 filas, 1 rechazadas.');
    expect(await textOf(page, '[data-testid="import-created"] dd')).toBe('2');
    expect(await textOf(page, '[data-testid="import-rejected"] dd')).toBe('1');
    const rejected = page.getByTestId('import-rejected').locator('tbody tr');
    await expect(rejected.count()).resolves.toBe(1);
    const cells = (await rejected.first().locator('td').allTextContents()).map((s) => s.trim());
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe(`E2E-${RUN_ID}-BAD`);
    expect(cells[2]).toMatch(/planet/);
    await expectAccessible(page, 'import report (es)');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-rejected-download').click()]);
    // For a Spanish spreadsheet: a byte-order mark, Spanish headers, `;` between fields.
    const file = await readFile((await download.path())!, 'utf8');
    expect(file.startsWith('\uFEFF')).toBe(true);
    const lines = file.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Fila;Código;Columna;Código del motivo;Motivo');
    expect(lines[1]).toMatch(new RegExp(`^3;E2E-${RUN_ID}-BAD;kind;invalid-kind;`));

    // The imported tenants exist where the file said.
    const imported = await api.tenantByCode(adminToken, `E2E-${RUN_ID}-I2`);
    expect(imported.name).toBe(`Importado Dos ${RUN_ID}`);
  });

  it('invites someone, shows the link once with a copy button, and the invitee accepts it', async () => {
    const email = `e2e-${RUN_ID.toLowerCase()}@example.org`;
    const page = await signedInPage(ADMIN);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await page.goto(`/t/${region.id}/admin/users`);
    await expect(h1(page).textContent()).resolves.toBe('Usuarios e invitaciones');
    await page.getByTestId('members-table').getByText(ADMIN).waitFor();

    await page.getByTestId('invite-form').getByLabel('Correo electrónico').fill(email);
    await page.getByTestId('invite-form').getByLabel('Rol').selectOption('viewer');
    await page.getByTestId('invite-submit').click();
    const created = page.getByTestId('invitation-created');
    await created.waitFor();
    expect(await created.textContent()).toContain('Este enlace solo se muestra ahora.');
    const link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/accept-invitation#token=\\S+$`));
    await created.getByRole('button', { name: 'Copiar' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(await textOf(page, '.copy-field__status')).toBe('Copiado al portapapeles.');
    await page.getByTestId('invitations-table').getByText(email).waitFor();
    await expectAccessible(page, 'users and invitations with a new link (es)');

    // Shown once: gone after dismissing, and not on a fresh load.
    await created.getByRole('button', { name: 'Hecho, ya lo he copiado' }).click();
    await created.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('invitations-table').getByText(email).waitFor();
    expect(await page.content()).not.toContain(link.split('#token=')[1]);

    // The invitee opens the link in another browser, creates an account and is signed in.
    const invitee = await newPage();
    await invitee.goto(link);
    await invitee.getByTestId('accept-summary').waitFor();
    expect(await textOf(invitee, '[data-testid="accept-summary"]')).toBe('Le han invitado a Comunidad Demo con el rol Consulta.');
    expect(new URL(invitee.url()).hash).toBe(''); // the token is taken out of the address bar
    await expectAccessible(invitee, 'accept invitation (es)');
    await invitee.getByLabel('Nombre completo').fill(`Persona E2E ${RUN_ID}`);
    await invitee.getByLabel('Nueva contraseña').fill('una-contraseña-larga');
    await invitee.getByLabel('Repita la contraseña').fill('una-contraseña-larga');
    await invitee.getByTestId('accept-submit').click();
    await invitee.waitForURL(`${baseUrl}/t/${region.id}/admin/tenant`);
    expect(await textOf(invitee, '[data-testid="user-name"]')).toBe(`Persona E2E ${RUN_ID}`);
    expect(await textOf(invitee, '[data-testid="your-role"]')).toBe('Su rol: Consulta');
  });

  it('creates an API key, shows it once, and revokes it after confirmation', async () => {
    const name = `Integración E2E ${RUN_ID}`;
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/api-keys`);
    await expect(h1(page).textContent()).resolves.toBe('Claves de API');
    await page.getByLabel('Nombre').fill(name);
    await page.getByLabel(/^Envío de KPI/).check();
    await page.getByTestId('api-key-submit').click();

    const shown = page.getByTestId('api-key-created');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('Esta es la única vez que se muestra la clave completa.');
    const key = await page.getByTestId('api-key-secret').inputValue();
    expect(key).toMatch(/^rmb_/);
    await expectAccessible(page, 'API key shown once (es)');

    // The key works against the API, with the scopes chosen.
    const read = await api.request('GET', `/v1/tenants/${region.id}`, { token: key });
    expect(read.status).toBe(200);

    await page.getByTestId('api-key-dismiss').click();
    await shown.waitFor({ state: 'detached' });
    const row = page.getByTestId('api-keys-table').getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain(`…${key.slice(-4)}`);
    expect(await page.content()).not.toContain(key);

    await row.getByRole('button', { name: `Revocar la clave ${name}` }).click();
    await page.getByRole('alertdialog', { name: '¿Revocar la clave?' }).getByRole('button', { name: 'Revocar' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await api.request('GET', `/v1/tenants/${region.id}`, { token: key })).status).toBe(401);
  });

  it('shows the audit log with filters and before/after changes, and verifies the chain', async () => {
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/audit`);
    await expect(h1(page).textContent()).resolves.toBe('Registro de auditoría');
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();

    await page.getByLabel('Acción').fill('tenant.*');
    const filtered = page.waitForResponse((r) => r.url().includes('/audit-events?') && r.url().includes('action=tenant.'));
    await page.getByTestId('audit-apply').click();
    expect((await filtered).status()).toBe(200);
    const actions = () => page.getByTestId('audit-table').locator('tbody tr td:nth-child(5) code').allTextContents();
    await expect.poll(async () => (await actions()).length > 0 && (await actions()).every((a) => a.startsWith('tenant.'))).toBe(true);

    const toggle = page.getByTestId('audit-toggle').first();
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const diff = page.getByTestId('audit-diff').first();
    await diff.waitFor();
    expect(await diff.locator('thead th').allTextContents()).toEqual(['Campo', 'Antes', 'Después']);

    await page.getByTestId('audit-verify').click();
    const verification = page.getByTestId('audit-verification');
    await verification.waitFor();
    expect(await verification.getAttribute('data-ok')).toBe('true');
    expect(await textOf(page, '[data-testid="audit-verification"]')).toMatch(/^Cadena íntegra: [\d.]+ eventos verificados\.$/);
    await expectAccessible(page, 'audit log with changes and verification (es)');
  });

  it('refreshes silently after a 401, and a reused refresh token ends the session', async () => {
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/tenant`);
    await page.getByTestId('children-table').locator('tbody tr').first().waitFor();

    // The API says the access token is no longer valid once: the SPA refreshes and retries.
    let failed = 0;
    await page.route('**/v1/tenants/*/children**', async (route) => {
      if (failed++ === 0) {
        await route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ status: 401 }) });
      } else {
        await route.fallback();
      }
    });
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/v1/auth/refresh'));
    // The retried search itself (the province is on screen from the first load already, so its
    // text alone would not prove the retry happened).
    const retried = page.waitForResponse(
      (r) => r.url().includes('/children') && r.url().includes('search=Provincia') && r.status() === 200,
    );
    await page.getByLabel('Buscar dependientes').fill('Provincia');
    expect((await refreshed).status()).toBe(200);
    await retried;
    await page.getByTestId('children-table').getByText('Provincia de Norteña').waitFor();
    expect(failed).toBe(2);

    // Someone else spends this tab's refresh token: the next refresh is a reuse, the API revokes
    // the family, and the SPA goes back to the login page, ready to return here.
    const stolen = await page.evaluate(() => sessionStorage.getItem('rumbo.refreshToken'));
    expect((await api.request('POST', '/v1/auth/refresh', { body: { refreshToken: stolen } })).status).toBe(200);
    failed = 0;
    const reuse = page.waitForResponse((r) => r.url().endsWith('/v1/auth/refresh'));
    await page.getByLabel('Buscar dependientes').fill('Sure');
    expect((await reuse).status()).toBe(401);
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByTestId('session-ended').waitFor();
    expect(await textOf(page, '[data-testid="session-ended"]')).toContain('Su sesión ha terminado.');
    expect(await page.evaluate(() => sessionStorage.getItem('rumbo.refreshToken'))).toBeNull();
  });

  it('shows a throttled login with the wait from Retry-After', async () => {
    const email = `nobody-${RUN_ID.toLowerCase()}@example.org`;
    for (let i = 0; i < 10; i += 1) {
      expect((await api.request('POST', '/v1/auth/login', { body: { email, password: 'wrong-password' } })).status).toBe(401);
    }
    const page = await newPage();
    await page.goto('/login');
    await loginThroughForm(page, email, 'wrong-password');
    await page.getByTestId('login-wait').waitFor();
    expect(await textOf(page, '[data-testid="problem"]')).toContain('Demasiados intentos fallidos.');
    expect(await textOf(page, '[data-testid="login-wait"]')).toMatch(/^Podrá intentarlo de nuevo dentro de \d+ minutos?/);
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    await expectAccessible(page, 'throttled login (es)');
  });

  it('shows viewers no administration and answers a forbidden screen gracefully', async () => {
    const page = await signedInPage(VIEWER);
    await page.goto(`/t/${region.id}/admin/tenant`);
    await expect(h1(page).textContent()).resolves.toBe('Comunidad Demo');
    expect(await textOf(page, '[data-testid="your-role"]')).toBe('Su rol: Consulta');
    // Lists: general, modules (any reader of the tenant), administration (by role).
    const lists = page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('list');
    expect((await lists.nth(1).getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
      'Madurez',
      'Modelos de madurez',
      'Seguimiento de dependientes',
      'Fricciones',
      'Prioridades',
    ]);
    const admin = lists.nth(2);
    expect((await admin.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(['Organización']);
    for (const name of ['Editar', 'Mover', 'Archivar', 'Nueva dependiente']) {
      await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);
    }

    await page.goto(`/t/${region.id}/admin/api-keys`);
    await page.getByTestId('forbidden').waitFor();
    expect(await textOf(page, '[data-testid="forbidden"]')).toBe('Su rol en esta organización no permite esta acción.');
    await expectAccessible(page, 'forbidden screen (es)');
  });

  it('lets auditors read and verify the audit log, and nothing else', async () => {
    const page = await signedInPage(AUDITOR, 'en-GB');
    await page.goto(`/t/${region.id}/admin/audit`);
    await expect(h1(page).textContent()).resolves.toBe('Audit log');
    const admin = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('list').nth(2);
    expect((await admin.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(['Organisation', 'Audit log']);
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verification').waitFor();
    expect(await textOf(page, '[data-testid="audit-verification"]')).toMatch(/^Chain intact: [\d,]+ events verified\.$/);
  });

  it('switches language on an administration screen', async () => {
    const page = await signedInPage(ADMIN);
    await page.goto(`/t/${region.id}/admin/tenant`);
    await expect(h1(page).textContent()).resolves.toBe('Comunidad Demo');
    expect(await textOf(page, '#children-title')).toBe('Organizaciones dependientes');
    await page.getByLabel('Idioma').selectOption('en');
    await expect.poll(() => textOf(page, '#children-title')).toBe('Organisations below');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Organisation · Rumbo');
    expect(await textOf(page, '[data-testid="your-role"]')).toBe('Your role: Administrator');
    expect(await textOf(page, '[data-testid="tenant-details"]')).toMatch(/Population\s*1,190,750/);
  });

  it('signs a platform administrator in to every tenant', async () => {
    const page = await newPage();
    await page.goto('/login');
    await loginThroughForm(page, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    // No membership: the administration index asks which tenant to open, starting from the roots.
    await page.waitForURL(`${baseUrl}/admin`);
    await page.getByRole('tree').getByRole('treeitem', { name: 'España (ES)' }).waitFor();
    await expectAccessible(page, 'administration index (es)');
  });

  it('signs out: the refresh token is revoked and protected screens need a new login', async () => {
    const page = await newPage();
    await page.goto('/login');
    await loginThroughForm(page, ADMIN, DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/tenant$/);
    const refreshToken = await page.evaluate(() => sessionStorage.getItem('rumbo.refreshToken'));
    expect(refreshToken).toBeTruthy();

    const logout = page.waitForResponse((r) => r.url().endsWith('/v1/auth/logout'));
    await page.getByTestId('logout').click();
    expect((await logout).status()).toBe(204);
    await page.waitForURL(`${baseUrl}/login`);
    expect(await page.evaluate(() => sessionStorage.getItem('rumbo.refreshToken'))).toBeNull();
    expect((await api.request('POST', '/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);

    await page.goto(`/t/${region.id}/admin/tenant`);
    await page.waitForURL(/\/login\?redirect=/);
  });

  describe('axe-core finds no serious or critical violation', () => {
    const screens: { name: string; path: () => string; ready: (page: Page) => Promise<unknown>; signedIn: boolean }[] = [
      { name: 'login', path: () => '/login', ready: (p) => p.getByTestId('login-form').waitFor(), signedIn: false },
      {
        name: 'accept invitation without a token',
        path: () => '/accept-invitation',
        ready: (p) => p.getByTestId('accept-no-token').waitFor(),
        signedIn: false,
      },
      {
        name: 'tenant',
        path: () => `/t/${region.id}/admin/tenant`,
        ready: (p) => p.getByTestId('children-table').locator('tbody tr').first().waitFor(),
        signedIn: true,
      },
      {
        name: 'users',
        path: () => `/t/${region.id}/admin/users`,
        ready: (p) => p.getByTestId('members-table').locator('tbody tr').first().waitFor(),
        signedIn: true,
      },
      {
        name: 'API keys',
        path: () => `/t/${region.id}/admin/api-keys`,
        ready: (p) => p.getByTestId('api-key-form').waitFor(),
        signedIn: true,
      },
      { name: 'import', path: () => `/t/${region.id}/admin/import`, ready: (p) => p.getByTestId('import-form').waitFor(), signedIn: true },
      {
        name: 'audit',
        path: () => `/t/${region.id}/admin/audit`,
        ready: (p) => p.getByTestId('audit-table').locator('tbody tr').first().waitFor(),
        signedIn: true,
      },
    ];

    for (const locale of ['es-ES', 'en-GB']) {
      for (const screen of screens) {
        it(`${screen.name} (${locale})`, async () => {
          const page = screen.signedIn ? await signedInPage(ADMIN, locale) : await newPage(locale);
          await page.goto(screen.path());
          await screen.ready(page);
          await expectAccessible(page, `${screen.name} (${locale})`);
        });
      }
    }
  });
});
