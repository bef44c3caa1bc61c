/**
 * The friction screens in Chromium against the real API: an administrator of a demo municipality
 * creates a friction with two burden lines and sees its cost computed as she types (the same figure
 * the API then stores), links it to the weakest dimension of the latest submitted assessment and
 * finds it in the cost of that maturity gap; changes statuses one by one and in bulk (confirmed);
 * imports a CSV with a bad row and reads the row report. axe audits every screen, in Spanish and
 * English; a screenshot of each is saved (RUMBO_E2E_SCREENSHOTS, default <tmp>/rumbo-frictions).
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, RUN_ID, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const ADMIN = 'admin@demo.example';
const SHOTS = process.env.RUMBO_E2E_SCREENSHOTS ?? join(tmpdir(), 'rumbo-frictions');

interface FrictionAnswer {
  id: string;
  title: string;
  status: string;
  annualCost: number;
  annualHours: number;
  burdens: { audience: string; tariffSource: string; annualCost: number }[];
  rootCauses: { dimensionKey: string }[];
}

/** Types into a field as a person does, key by key (PrimeVue's number inputs react to keys). */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(text);
}

describe.skipIf(Boolean(skipReason))('frictions in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let town: { id: string };
  let token: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    await mkdir(SHOTS, { recursive: true });
    token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    town = await api.tenantByCode(token, 'DEMO-N-001');
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('creates a friction with two burden lines, costed live as typed and stored the same, rooted in a maturity gap', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`/t/${town.id}/frictions/new`);
    await page.locator('[data-testid="root-cause-option"]').first().waitFor({ timeout: 30_000 });
    const title = `Paper permit ${RUN_ID}`;
    await page.fill('#friction-title', title);
    await page.selectOption('#friction-area', 'mobility');
    await page.fill('#friction-ref', `E2E-${RUN_ID}`);

    // Citizens: 1,000 people twice a year, 30 minutes each → 1,000 hours, no money.
    await typeInto(page, '#burden-0-population', '1000');
    await typeInto(page, '#burden-0-frequencyPerYear', '2');
    await typeInto(page, '#burden-0-minutesPerOccurrence', '30');
    expect(await page.locator('[data-testid="cost-row-citizens"] > *').allTextContents()).toEqual(['Citizens', '2,000', '1,000 hr', '€0']);

    // Staff at the tenant's default rate: 100 cases × 12 a year × 15 minutes = 300 h × 42 €/h.
    await page.click('[data-testid="burden-add-staff"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('burden-1-population');
    await page.keyboard.type('100');
    await typeInto(page, '#burden-1-frequencyPerYear', '12');
    await typeInto(page, '#burden-1-minutesPerOccurrence', '15');
    expect(await textOf(page, '[data-testid="cost-total"]')).toBe('€12,600');
    expect(await textOf(page, '[data-testid="cost-source"]')).toContain('Calculated as you type');

    // The weakest dimension comes first; its gap is said beside it.
    const weakest = page.locator('[data-testid="root-cause-option"]').first();
    const gap = await page.locator(`#${await weakest.getAttribute('aria-describedby')}`).textContent();
    expect(gap).toMatch(/Score [\d.]+, level \d/);
    await weakest.check();
    await expectAccessible(page, 'friction form (en)');
    await shoot(page, 'friction-new-en');

    await page.click('[data-testid="friction-save"]');
    await page.waitForURL(/\/frictions\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="cost-source"]', { hasText: 'As stored by the server.' }).waitFor();
    expect(await textOf(page, '[data-testid="cost-total"]')).toBe('€12,600');
    const id = page.url().split('/').pop()!;
    const stored = await api.request<FrictionAnswer>('GET', `/v1/tenants/${town.id}/frictions/${id}`, { token });
    expect(stored.body.annualCost).toBe(12600);
    expect(stored.body.annualHours).toBe(1300);
    expect(stored.body.burdens.map((b) => [b.audience, b.tariffSource])).toEqual([
      ['citizens', 'none'],
      ['staff', 'tenant-default'],
    ]);
    expect(stored.body.rootCauses).toHaveLength(1);
    await shoot(page, 'friction-edit-en');

    // The gap's cost includes it.
    await page.goto(`/t/${town.id}/frictions/gap-costs`);
    await page.locator('[data-testid="gaps-table"] tbody tr').first().waitFor({ timeout: 30_000 });
    const row = page.locator('[data-testid="gaps-row"]', { hasText: title });
    expect(await row.count()).toBe(1);
    await page.locator('[data-testid="gaps-chart"] svg').first().waitFor();
    await expectAccessible(page, 'gap costs (en)');
    await shoot(page, 'frictions-gap-costs-en');
  });

  it('changes a status in place and several in bulk after a confirmation, in Spanish', async () => {
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const created = await api.request<FrictionAnswer>('POST', `/v1/tenants/${town.id}/frictions`, {
        token,
        body: {
          title: `Tres ventanillas ${n} ${RUN_ID}`,
          area: 'citizen-response',
          tags: [`e2e-${RUN_ID.toLowerCase()}`],
          burdens: [{ audience: 'citizens', population: 500 * n, frequencyPerYear: 1, minutesPerOccurrence: 45 }],
        },
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();
    await page.goto(`/t/${town.id}/frictions`);
    await page.locator('[data-testid="frictions-table"]').waitFor({ timeout: 30_000 });
    // Only this run's two frictions carry its tag.
    const filtered = page.waitForResponse((r) => r.url().includes('/frictions?') && r.url().includes('tag=e2e-'));
    await page.fill('#frictions-tag', `e2e-${RUN_ID.toLowerCase()}`);
    await filtered;
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="friction-link"]').length === 2, undefined, {
      timeout: 15_000,
    });

    await page.selectOption(`#friction-status-${ids[0]}`, 'analysed');
    await page.locator('[data-testid="live-status"]', { hasText: 'está ahora Analizada' }).waitFor();
    await expectAccessible(page, 'friction list (es)');
    await shoot(page, 'frictions-es');

    for (const id of ids) await page.check(`tr:has(#friction-status-${id}) [data-testid="friction-select"]`);
    await page.selectOption('#bulk-status', 'discarded');
    await page.click('[data-testid="bulk-apply"]');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('2 de las 2 fricciones seleccionadas pasarán a «Descartada»');
    await expectAccessible(page, 'bulk confirmation (es)');
    await dialog.getByRole('button', { name: 'Pasar a Descartada' }).click();
    await page.locator('[data-testid="live-status"]', { hasText: '2 fricciones pasaron a Descartada' }).waitFor();
    for (const id of ids) {
      const { body } = await api.request<FrictionAnswer>('GET', `/v1/tenants/${town.id}/frictions/${id}`, { token });
      expect(body.status).toBe('discarded');
    }
  });

  it('imports a CSV, keeps the good rows and reports the bad one by row, field and reason', async () => {
    // The export's columns (what the import reads); a row names only the cells it fills.
    const columns = [
      ...['ref', 'title', 'description', 'area', 'service', 'channel', 'status', 'ownerEmail', 'tags', 'evidence', 'rootCauses'],
      ...['citizens', 'businesses', 'staff'].flatMap((a) =>
        ['Population', 'FrequencyPerYear', 'MinutesPerOccurrence', 'TariffPerHour', 'OutOfPocketPerOccurrence'].map((f) => a + f),
      ),
    ];
    const row = (cells: Record<string, string>) => columns.map((c) => cells[c] ?? '').join(',');
    const csv = [
      columns.join(','),
      row({
        ref: `IMP-${RUN_ID}-1`,
        title: `Cita previa ${RUN_ID}`,
        area: 'citizen-response',
        citizensPopulation: '1000',
        citizensFrequencyPerYear: '2',
        citizensMinutesPerOccurrence: '30',
      }),
      row({
        ref: `IMP-${RUN_ID}-2`,
        title: `Número malo ${RUN_ID}`,
        area: 'health',
        citizensPopulation: 'abc',
        citizensFrequencyPerYear: '1',
        citizensMinutesPerOccurrence: '10',
      }),
    ].join('\r\n');
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`/t/${town.id}/frictions/import`);
    await page.locator('[data-testid="friction-import-form"]').waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'friction import (en)');
    await page.setInputFiles('#friction-import-file', { name: 'frictions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('[data-testid="friction-import-submit"]');
    await page.locator('[data-testid="friction-import-report"]').waitFor({ timeout: 30_000 });
    expect(await textOf(page, '[data-testid="friction-import-created"]')).toBe('Created1');
    const cells = await page.locator('[data-testid="friction-import-rejected"] tbody tr td').allTextContents();
    expect(cells.slice(0, 3).map((c) => c.trim())).toEqual(['2', `IMP-${RUN_ID}-2`, 'citizensPopulation']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('friction-import-report-title');
    await expectAccessible(page, 'friction import report (en)');
    await shoot(page, 'frictions-import-en');
  });

  it('lets an administrator read and save the default rates, in Spanish', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();
    await page.goto(`/t/${town.id}/frictions/settings`);
    await page.locator('[data-testid="friction-settings-form"]').waitFor({ timeout: 30_000 });
    expect(await page.inputValue('#friction-settings-staff')).toMatch(/^42,00\s€$/);
    await page.click('[data-testid="friction-settings-save"]');
    await page.locator('[data-testid="live-status"]', { hasText: 'Tarifas guardadas' }).waitFor();
    await expectAccessible(page, 'friction settings (es)');
    await shoot(page, 'frictions-settings-es');
  });
});
