/**
 * Prioritisation in Chromium against the real API (issue 10's "done when"): in a fresh organisation
 * below the demo region, a friction with two burden lines is created through the friction form and a
 * cheaper one beside it; the backlog is ranked mostly by cost under a weighted model; effort values come in
 * by CSV; an AHP model is built in the editor with one comparison the wrong way round, the API refuses
 * to activate it naming that pair, the editor's suggestion fixes it, it is activated, and the ranking
 * changes (the cheap, easy friction goes first). axe audits every screen, in Spanish and English, and
 * a screenshot of each is saved (RUMBO_E2E_SCREENSHOTS, default <tmp>/rumbo-priorities).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, RUN_ID, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const ADMIN = 'admin@demo.example';
const SHOTS = process.env.RUMBO_E2E_SCREENSHOTS ?? join(tmpdir(), 'rumbo-priorities');
const REF_A = `E2E-${RUN_ID}-A`;
const REF_B = `E2E-${RUN_ID}-B`;

/** Picks a value of Saaty's scale in one cell of the AHP grid (PrimeVue Select: open, choose the option by its label). */
async function pick(page: Page, cell: string, label: string): Promise<void> {
  await page.locator(`[data-testid="${cell}"] [role="combobox"]`).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** Accepts the confirmation dialog with the button of this name. */
async function confirm(page: Page, accept: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: accept }).click();
  await dialog.waitFor({ state: 'detached' });
}

const titlesInOrder = (page: Page) => page.locator('[data-testid="ranking-list"] [data-testid="ranked-title"]').allTextContents();

describe.skipIf(Boolean(skipReason))('prioritisation in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let token: string;
  let town: { id: string; name: string };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    await mkdir(SHOTS, { recursive: true });
    token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    const region = await api.tenantByCode(token, 'ES-DEMO');
    // A fresh organisation, so its backlog holds only what this test puts there.
    const created = await api.request<{ id: string; name: string }>('POST', `/v1/tenants/${region.id}/children`, {
      token,
      body: { code: `E2E-${RUN_ID}-PRIO`, kind: 'municipality', name: `Priorización ${RUN_ID}` },
    });
    expect(created.status).toBe(201);
    town = created.body;
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  it('builds an AHP model, fixes the pair the editor points at, activates it and sees the ranking change', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();

    // A friction with two burden lines (citizens and staff), through the friction form.
    await page.goto(`/t/${town.id}/frictions/new`);
    await page.getByTestId('friction-title').fill('Cita previa presencial para empadronarse');
    await page.getByTestId('friction-ref').fill(REF_A);
    await page.selectOption('[data-testid="friction-area"]', 'citizen-response');
    await page.fill('#burden-0-population', '12000');
    await page.fill('#burden-0-frequencyPerYear', '1');
    await page.fill('#burden-0-minutesPerOccurrence', '90');
    await page.getByTestId('burden-add-staff').click();
    await page.fill('#burden-1-population', '12000');
    await page.fill('#burden-1-frequencyPerYear', '1');
    await page.fill('#burden-1-minutesPerOccurrence', '20');
    await page.getByTestId('friction-save').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/new'));
    const list = await api.request<{ data: { id: string; ref: string; burdens: unknown[]; annualCost: number }[] }>(
      'GET',
      `/v1/tenants/${town.id}/frictions?limit=10`,
      { token },
    );
    const a = list.body.data.find((f) => f.ref === REF_A)!;
    expect(a.burdens).toHaveLength(2);
    // A cheaper one beside it (one line), and the model in use: cost above all, a little effort.
    const b = await api.request('POST', `/v1/tenants/${town.id}/frictions`, {
      token,
      body: {
        title: 'Certificado en papel',
        area: 'citizen-response',
        ref: REF_B,
        occurrencesPerYear: 500,
        hoursLostPerOccurrence: 0.5,
        costPerHour: 20,
      },
    });
    expect(b.status).toBe(201);
    const byCost = await api.request<{ id: string }>('POST', `/v1/tenants/${town.id}/scoring-models`, {
      token,
      body: {
        name: 'Coste sobre todo',
        method: 'weighted',
        criteria: [
          { key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 9 },
          { key: 'effort', manual: true, direction: 'lower_is_better', weight: 1 },
        ],
      },
    });
    expect(byCost.status).toBe(201);
    expect((await api.request('POST', `/v1/tenants/${town.id}/scoring-models/${byCost.body.id}/activate`, { token })).status).toBe(200);

    await page.goto(`/t/${town.id}/priorities`);
    await page.getByTestId('ranking-list').waitFor();
    expect(await titlesInOrder(page)).toEqual(['Cita previa presencial para empadronarse', 'Certificado en papel']);
    await expectAccessible(page, 'ranking (es)');
    await shot(page, 'ranking-before-es');

    // Effort values by CSV: the easy one 1, the hard one 8, and a row for a friction that does not exist.
    await page.goto(`/t/${town.id}/priorities/import`);
    const csv = join(SHOTS, `efforts-${RUN_ID}.csv`);
    await writeFile(csv, `ref,criterion,value\r\n${REF_A},effort,8\r\n${REF_B},effort,1\r\nNO-EXISTE,effort,2\r\n`);
    await page.setInputFiles('#criteria-file', csv);
    await page.getByTestId('criteria-import-submit').click();
    await page.getByTestId('criteria-import-report').waitFor();
    expect(await textOf(page, '[data-testid="criteria-import-created"] dd')).toBe('2');
    expect(await page.locator('[data-testid="criteria-import-rejected-rows"] tbody tr').count()).toBe(1);
    expect(await textOf(page, '[data-testid="criteria-import-rejected-rows"]')).toContain('NO-EXISTE');
    await expectAccessible(page, 'criteria import (es)');
    await shot(page, 'import-es');

    // The AHP model: cost, effort, reach and hours; cost is put below reach by mistake.
    await page.goto(`/t/${town.id}/priorities/models`);
    await page.getByTestId('models-new').click();
    await page.fill('#model-name', `Esfuerzo ${RUN_ID}`);
    await page.fill('#criterion-key-0', 'cost');
    await page.getByTestId('criteria-add').click();
    await page.selectOption('#criterion-source-2', 'population');
    await page.fill('#criterion-key-2', 'reach');
    await page.getByTestId('criteria-add').click();
    await page.selectOption('#criterion-source-3', 'annualHours');
    await page.fill('#criterion-key-3', 'hours');
    await pick(page, 'ahp-cell-0-1', '1/5 — fuertemente menos importante');
    await pick(page, 'ahp-cell-0-2', '1/3 — moderadamente menos importante');
    await pick(page, 'ahp-cell-0-3', '3 — moderadamente más importante');
    await pick(page, 'ahp-cell-1-2', '7 — muy fuertemente más importante');
    await pick(page, 'ahp-cell-1-3', '7 — muy fuertemente más importante');
    expect(await textOf(page, '[data-testid="ahp-verdict"]')).toContain('Incoherente');
    expect(await page.locator('td.is-pointed').getAttribute('id')).toBe('ahp-cell-0-2');
    expect(await textOf(page, '[data-testid="ahp-advice"]')).toContain('La comparación menos coherente es cost frente a reach');
    await expectAccessible(page, 'AHP editor, inconsistent (es)');
    await shot(page, 'editor-inconsistent-es');

    // Activating it anyway: confirmed, saved as a draft, refused by the API, which names the pair.
    await page.getByTestId('editor-activate').click();
    await confirm(page, `Activar Esfuerzo ${RUN_ID}`);
    await page.getByTestId('editor-refused').waitFor();
    expect(await textOf(page, '[data-testid="editor-refused"]')).toBe(
      'No se puede activar: la comparación cost frente a reach vale 0,333; con 1 sería coherente.',
    );

    // The suggestion, with the keyboard: one key on the button.
    await page.getByTestId('ahp-use-suggested').focus();
    await page.keyboard.press('Enter');
    expect(await textOf(page, '[data-testid="ahp-verdict"]')).toContain('Coherente');
    expect(await page.locator('td.is-pointed').count()).toBe(0);
    await page.getByTestId('editor-activate').click();
    await confirm(page, `Activar Esfuerzo ${RUN_ID}`);
    await page.getByTestId('editor-read-only').waitFor();
    expect(await textOf(page, '[data-testid="live-status"]')).toBe(`Esfuerzo ${RUN_ID} versión 1 es ahora el modelo activo.`);
    await expectAccessible(page, 'AHP editor, active (es)');
    await shot(page, 'editor-active-es');

    // The ranking changed: the easy, cheap friction goes first now.
    await page.goto(`/t/${town.id}/priorities`);
    await page.getByTestId('ranking-list').waitFor();
    expect(await textOf(page, '[data-testid="ranking-model-used"]')).toContain(`Esfuerzo ${RUN_ID}`);
    expect(await titlesInOrder(page)).toEqual(['Certificado en papel', 'Cita previa presencial para empadronarse']);
    expect(await page.locator('[data-testid="ranking-list"] > li').first().locator('tbody tr').count()).toBe(4);
    await expectAccessible(page, 'ranking after (es)');
    await shot(page, 'ranking-after-es');

    // The shift between the two models, with a true minus for the one that went down.
    await page.goto(`/t/${town.id}/priorities/analysis?from=${byCost.body.id}`);
    await page.getByTestId('shifts-table').waitFor();
    const shifts = await page
      .locator('[data-testid="shifts-table"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));
    expect(shifts).toEqual([
      ['Certificado en papel', '2', '1', '↑ +1 sube'],
      ['Cita previa presencial para empadronarse', '1', '2', '↓ −1 baja'],
    ]);
    await page.getByTestId('sensitivity-table').waitFor();
    await page.getByTestId('impact-effort-table').waitFor();
    await expectAccessible(page, 'analysis (es)');
    await shot(page, 'analysis-es');
  });

  it('passes axe on every prioritisation screen in English', async () => {
    const models = await api.request<{ data: { id: string; status: string }[] }>('GET', `/v1/tenants/${town.id}/scoring-models`, { token });
    const active = models.body.data.find((m) => m.status === 'active')!;
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`/t/${town.id}/priorities`);
    await page.getByTestId('ranking-list').waitFor();
    expect(await page.getByTestId('nav-priorities').getAttribute('class')).toContain('is-active');
    // The inline editor of the manual values, opened and closed with the keyboard.
    await page.locator('[data-testid^="manual-open-"]').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid^="manual-form-"]').waitFor();
    await expectAccessible(page, 'ranking with the inline editor (en)');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid^="manual-form-"]').waitFor({ state: 'detached' });

    for (const [path, ready, name] of [
      ['priorities/models', '[data-testid="models-table"] tbody tr', 'models-en'],
      [`priorities/models/${active.id}`, '[data-testid="editor-read-only"]', 'editor-en'],
      ['priorities/models/new', '[data-testid="ahp-grid"]', 'editor-new-en'],
      ['priorities/analysis', '[data-testid="sensitivity-table"]', 'analysis-en'],
      ['priorities/import', '[data-testid="criteria-import-form"]', 'import-en'],
    ] as const) {
      await page.goto(`/t/${town.id}/${path}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      // Messages fade in as the data arrives: axe measures their colours once they are settled.
      await expect.poll(() => page.locator('[class*="p-message-enter"]').count()).toBe(0);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `${name}`);
      await shot(page, name);
    }
  });

  it('fits a phone (390 px) with a ranked backlog, the AHP grid and the charts', async () => {
    const models = await api.request<{ data: { id: string; status: string }[] }>('GET', `/v1/tenants/${town.id}/scoring-models`, { token });
    const active = models.body.data.find((m) => m.status === 'active')!;
    // Signed in like signedInContext, in a phone-sized window.
    const { refreshToken } = await api.login(ADMIN, DEMO_PASSWORD);
    const phone = pool.add(await browser.newContext({ locale: 'es-ES', baseURL: baseUrl, viewport: { width: 390, height: 844 } }));
    await phone.addInitScript((t: string) => {
      if (!sessionStorage.getItem('e2e.seeded')) {
        sessionStorage.setItem('e2e.seeded', '1');
        sessionStorage.setItem('rumbo.refreshToken', t);
      }
    }, refreshToken);
    const page = await phone.newPage();
    for (const [path, ready, name] of [
      ['priorities', '[data-testid="ranking-list"]', 'phone-ranking'],
      [`priorities/models/${active.id}`, '[data-testid="ahp-table"]', 'phone-editor'],
      ['priorities/analysis', '[data-testid="shifts-chart"]', 'phone-analysis'],
    ] as const) {
      await page.goto(`/t/${town.id}/${path}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await shot(page, name);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, `${name} is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth);
      await expectAccessible(page, `${name} at 390 px`);
    }
  });
});
