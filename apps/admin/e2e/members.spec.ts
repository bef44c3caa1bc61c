/**
 * Members of a tenant in Chromium against the real API: the demo region's administrator creates a
 * fresh organisation and invites its own administrator; members join through real invitations.
 * That administrator changes a member's role with the keyboard after confirming it (cancelling puts
 * the role back), removes a member after confirmation, and cannot demote or remove themselves (the
 * screen disables both; the API answers 409). Each change is announced in the shell's live region.
 * axe audits each state.
 *
 * Everything created here carries RUN_ID, so the suite can run again on the same database.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, RUN_ID, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const ADMIN = 'admin@demo.example';
const MEMBER_PASSWORD = 'member-e2e-password-2026';
/** The organisation's own administrator (see beforeAll). */
const OWNER = { email: `e2e-owner-${RUN_ID.toLowerCase()}@example.org`, name: `E2E Owner ${RUN_ID}` };

type Role = 'admin' | 'analyst' | 'viewer' | 'auditor';

interface Member {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
}

describe.skipIf(Boolean(skipReason))('tenant members in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let adminToken: string;
  /** A child of the demo region, created for this file, so nothing here touches other suites' data. */
  let organisation: { id: string; name: string };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    adminToken = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    const region = await api.tenantByCode(adminToken, 'ES-DEMO');
    const { status, body } = await api.request<{ id: string; name: string }>('POST', `/v1/tenants/${region.id}/children`, {
      token: adminToken,
      body: { code: `E2E-${RUN_ID}-MEMBERS`, kind: 'other', name: `E2E members ${RUN_ID}` },
    });
    expect(status).toBe(201);
    organisation = body;
    // The organisation's own administrator, a new person, signs in for the screens below: their
    // own row is in the list. (Giving the demo administrator a second membership instead would
    // change where other suites land after signing in.)
    await join(OWNER.email, 'admin', { name: OWNER.name, password: MEMBER_PASSWORD });
    adminToken = (await api.login(OWNER.email, MEMBER_PASSWORD)).accessToken;
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  /** Invites `email` to the organisation with `role` and accepts it, as the invitee would. */
  async function join(email: string, role: Role, account: { name?: string; password: string }): Promise<Member> {
    const invited = await api.request<{ token: string }>('POST', `/v1/tenants/${organisation.id}/invitations`, {
      token: adminToken,
      body: { email, role },
    });
    expect(invited.status).toBe(201);
    const accepted = await api.request('POST', '/v1/invitations/accept', { body: { token: invited.body.token, ...account } });
    expect(accepted.status).toBe(200);
    const member = (await members()).find((m) => m.email === email);
    expect(member?.role).toBe(role);
    return member!;
  }

  /** A new person, member of the organisation as a viewer. */
  function newViewer(label: string): Promise<Member> {
    const email = `e2e-${label}-${RUN_ID.toLowerCase()}@example.org`;
    return join(email, 'viewer', { name: `E2E ${label} ${RUN_ID}`, password: MEMBER_PASSWORD });
  }

  /** The organisation's members as the API lists them. */
  async function members(): Promise<Member[]> {
    const { status, body } = await api.request<{ data: Member[] }>('GET', `/v1/tenants/${organisation.id}/members?limit=100`, {
      token: adminToken,
    });
    expect(status).toBe(200);
    return body.data;
  }

  async function usersPage(locale: string): Promise<Page> {
    const context = pool.add(await signedInContext(browser, baseUrl, OWNER.email, MEMBER_PASSWORD, locale));
    const page = await context.newPage();
    await page.goto(`/t/${organisation.id}/admin/users`);
    return page;
  }

  const h1 = (page: Page) => page.locator('main h1').first();
  const memberRow = (page: Page, email: string) => page.getByTestId('members-table').locator('tbody tr').filter({ hasText: email });
  const selectedRole = (page: Page, name: string) =>
    page
      .getByLabel(`Role of ${name}`)
      .locator('option:checked')
      .textContent()
      .then((s) => s?.trim());

  it('changes a member’s role with the keyboard after confirming, and the API agrees', async () => {
    const member = await newViewer('role');
    const page = await usersPage('en-GB');
    await expect(h1(page).textContent()).resolves.toBe('Users & invitations');
    const row = memberRow(page, member.email);
    await row.waitFor();
    expect((await row.locator('td').first().textContent())?.trim()).toBe(member.name);
    const select = row.getByLabel(`Role of ${member.name}`);
    expect(await select.inputValue()).toBe('viewer');
    expect(await selectedRole(page, member.name)).toBe('Viewer');
    await expectAccessible(page, 'users of a tenant (en)');
    let patches = 0;
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches += 1;
    });
    const dialog = page.getByRole('alertdialog', { name: 'Change the role?' });

    // Roles are listed admin, analyst, viewer, auditor: ↑ from Viewer is Analyst, asked first.
    // Escape cancels: nothing is sent, the select shows the saved role and has the focus again.
    await select.focus();
    await page.keyboard.press('ArrowUp');
    await dialog.waitFor();
    expect((await dialog.textContent())?.replace(/\s+/g, ' ')).toContain(`${member.name} will go from Viewer to Analyst`);
    await expectAccessible(page, 'role change confirmation (en)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await select.inputValue()).toBe('viewer');
    expect(patches).toBe(0);

    // Confirmed with the keyboard: saved, announced, and the focus is back on the select.
    await page.keyboard.press('ArrowUp');
    await dialog.waitFor();
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/members/${member.id}`));
    await dialog.getByRole('button', { name: 'Change to Analyst' }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as Member).role).toBe('analyst');
    await expect.poll(() => textOf(page, '[data-testid="live-status"]')).toBe(`${member.name} is now Analyst.`);
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await select.inputValue()).toBe('analyst');
    expect(await selectedRole(page, member.name)).toBe('Analyst');
    expect((await members()).find((m) => m.id === member.id)?.role).toBe('analyst');
    expect(patches).toBe(1);

    // It stays after a reload.
    await page.reload();
    await memberRow(page, member.email).waitFor();
    expect(await selectedRole(page, member.name)).toBe('Analyst');
    await expectAccessible(page, 'users after a role change (en)');
  });

  it('shows the API’s refusal of a role change and refreshes the list (the member is gone)', async () => {
    const member = await newViewer('gone');
    const page = await usersPage('en-GB');
    const row = memberRow(page, member.email);
    await row.waitFor();

    // Someone else removes the member while this screen is open: the change answers 404.
    const gone = await api.request('DELETE', `/v1/tenants/${organisation.id}/members/${member.id}`, { token: adminToken });
    expect(gone.status).toBe(204);
    const select = row.getByLabel(`Role of ${member.name}`);
    await select.focus();
    await page.keyboard.press('ArrowUp');
    const refused = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/members/${member.id}`));
    await page.getByRole('alertdialog', { name: 'Change the role?' }).getByRole('button', { name: 'Change to Analyst' }).click();
    expect((await refused).status()).toBe(404);
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    expect((await problem.textContent())?.replace(/\s+/g, ' ')).toContain('It does not exist or you have no access to it.');
    // The list is refreshed after a refusal too: the member someone else removed is no longer shown.
    await row.waitFor({ state: 'detached' });
    expect(await textOf(page, '[data-testid="live-status"]')).toBe('');
    await expectAccessible(page, 'users with a refused role change (en)');
  });

  it('never offers the signed-in administrator to demote or remove themselves, and the API refuses it', async () => {
    const page = await usersPage('en-GB');
    const own = memberRow(page, OWNER.email);
    await own.waitFor();
    const ownName = ((await own.locator('td').first().textContent()) ?? '').trim();
    expect(ownName).toBe(OWNER.name);
    expect(await own.getByLabel(`Role of ${ownName}`).isDisabled()).toBe(true);
    expect(await selectedRole(page, ownName)).toBe('Administrator');
    expect(await own.getByRole('button', { name: `Remove ${ownName}` }).isDisabled()).toBe(true);

    // Another member's controls are enabled on the same screen.
    const other = await newViewer('other');
    await page.reload();
    const row = memberRow(page, other.email);
    await row.waitFor();
    expect(await row.getByLabel(`Role of ${other.name}`).isEnabled()).toBe(true);
    expect(await row.getByRole('button', { name: `Remove ${other.name}` }).isEnabled()).toBe(true);

    // Straight to the API: 409 own-membership for a lower role and for removal; nothing changes.
    const self = (await members()).find((m) => m.email === OWNER.email)!;
    const path = `/v1/tenants/${organisation.id}/members/${self.id}`;
    const demote = await api.request<{ type: string }>('PATCH', path, { token: adminToken, body: { role: 'viewer' } });
    expect(demote.status).toBe(409);
    expect(demote.body.type).toBe('urn:rumbo:problem:own-membership');
    const removal = await api.request<{ type: string }>('DELETE', path, { token: adminToken });
    expect(removal.status).toBe(409);
    expect(removal.body.type).toBe('urn:rumbo:problem:own-membership');
    expect((await api.request('PATCH', path, { token: adminToken, body: { role: 'admin' } })).status).toBe(200);
    expect((await members()).find((m) => m.id === self.id)?.role).toBe('admin');
  });

  it('removes a member after confirmation, and the API agrees (es)', async () => {
    const member = await newViewer('remove');
    // Signed in as the member: the organisation opens for them until they are removed.
    const memberToken = (await api.login(member.email, MEMBER_PASSWORD)).accessToken;
    expect((await api.request('GET', `/v1/tenants/${organisation.id}`, { token: memberToken })).status).toBe(200);

    const page = await usersPage('es-ES');
    await expect(h1(page).textContent()).resolves.toBe('Usuarios e invitaciones');
    const row = memberRow(page, member.email);
    await row.waitFor();
    const remove = row.getByRole('button', { name: `Quitar a ${member.name}` });

    // Opened with the keyboard; Escape cancels: nothing is sent, focus goes back, the member stays.
    let deletes = 0;
    page.on('request', (r) => {
      if (r.method() === 'DELETE') deletes += 1;
    });
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: '¿Quitar el acceso?' });
    await dialog.waitFor();
    expect((await dialog.textContent())?.replace(/\s+/g, ' ')).toContain(`${member.name} dejará de tener acceso a ${organisation.name}.`);
    await expectAccessible(page, 'remove member confirmation (es)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(deletes).toBe(0);
    expect((await members()).some((m) => m.id === member.id)).toBe(true);

    // Confirmed: removed, here and in the API; the person can no longer open the organisation.
    await remove.click();
    await dialog.waitFor();
    const removed = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith(`/members/${member.id}`));
    await dialog.getByRole('button', { name: 'Quitar', exact: true }).click();
    expect((await removed).status()).toBe(204);
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    await memberRow(page, OWNER.email).waitFor();
    expect(deletes).toBe(1);
    // The removed row held the focus: it moves to the list's title, and the removal is announced.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('members-title');
    await expect.poll(() => textOf(page, '[data-testid="live-status"]')).toBe(`${member.name} ya no tiene acceso a ${organisation.name}.`);
    expect((await members()).some((m) => m.id === member.id)).toBe(false);
    // Hidden, not forbidden: the API does not disclose tenants the caller cannot see.
    expect((await api.request('GET', `/v1/tenants/${organisation.id}`, { token: memberToken })).status).toBe(404);
    await expectAccessible(page, 'users after a removal (es)');
  });
});
