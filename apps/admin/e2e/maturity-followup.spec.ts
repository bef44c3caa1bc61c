/**
 * Maturity as a civil servant meets it, in Chromium against the real API. NEEDS THE MATURITY API
 * of issue 8 item 9 (409 assessment-exists, 422 assessment-evidence-missing, readable explain,
 * GET …/assessments/descendants): these tests fail on an API without it.
 *
 * - a second assessment of a year offers to continue the existing one;
 * - evidence required is shown beside the question, and a submit without it lists it with a link;
 * - an administrator validates and reopens after confirming;
 * - the region follows its own municipalities by name, filters them and exports the CSV;
 * - the signed-in home shows what there is to do.
 */
import { readFile } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const ADMIN = 'admin@demo.example';

interface Assessment {
  id: string;
  period: string;
  status: string;
  modelVersionId: string;
}

describe.skipIf(Boolean(skipReason))('maturity follow-up in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let token: string;
  let region: { id: string; name: string };
  let town: { id: string; name: string };
  /** A year nobody else uses, per run (the API takes 1900–2199; maturity.spec.ts works on another town). */
  const year = String(2100 + Math.floor(Math.random() * 100));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    region = await api.tenantByCode(token, 'ES-DEMO');
    town = await api.tenantByCode(token, 'DEMO-N-002');
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  async function newAssessment(): Promise<Assessment> {
    const latest = await api.request<{ data: Assessment[] }>('GET', `/v1/tenants/${town.id}/assessments?limit=1`, { token });
    const created = await api.request<Assessment>('POST', `/v1/tenants/${town.id}/assessments`, {
      token,
      body: { modelVersionId: latest.body.data[0].modelVersionId, period: year },
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('offers to continue the assessment a year already has, and lists missing evidence with links after a confirmed submit', async () => {
    const existing = await newAssessment();
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();

    await page.goto(`/t/${town.id}/maturity/assessments/new`);
    await page.locator('#new-period').fill(year);
    await page.getByTestId('new-assessment-create').click();
    const notice = page.getByTestId('assessment-exists');
    await notice.waitFor();
    expect(await textOf(page, '[data-testid="assessment-exists"]')).toContain(`ya tiene una evaluación de ${year}`);
    await expectAccessible(page, 'assessment exists (es)');
    await page.getByTestId('assessment-exists-continue').click();
    await page.waitForURL(`${baseUrl}/t/${town.id}/maturity/assessments/${existing.id}`);
    await page.getByTestId('wizard-step-title').waitFor();

    // Evidence required: beside the question, its field open.
    const required = page.locator('[data-testid="question"]:has([data-testid="evidence-required"])').first();
    await page.getByTestId('wizard-next').click();
    for (let i = 0; i < 20 && !(await required.count()); i++) await page.getByTestId('wizard-next').click();
    expect(await required.locator('[data-testid="answer-evidence"]').isVisible()).toBe(true);

    // Answer everything through the API except that evidence, then submit from the screen.
    const version = await api.request<{
      areas: { dimensions: { questions: { key: string; type: string; options?: { value: number }[] }[] }[] }[];
    }>('GET', `/v1/tenants/${town.id}/maturity-model-versions/${existing.modelVersionId}`, { token });
    const answers = version.body.areas.flatMap((a) =>
      a.dimensions.flatMap((d) =>
        d.questions.map((q) => ({
          questionKey: q.key,
          value: q.type === 'yes_no' ? true : q.type === 'percentage' ? 50 : (q.options?.[0]?.value ?? 0),
        })),
      ),
    );
    expect(
      (await api.request('PUT', `/v1/tenants/${town.id}/assessments/${existing.id}/answers`, { token, body: { answers } })).status,
    ).toBe(200);
    await page.reload();
    await page.getByTestId('wizard-step-title').waitFor();
    for (let i = 0; i < 20 && (await page.getByTestId('wizard-next').count()); i++) await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-submit').click();
    const dialog = page.getByRole('alertdialog', { name: '¿Enviar la evaluación?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Enviar evaluación' }).click();
    await page.getByTestId('wizard-missing').waitFor();
    const links = page.getByTestId('wizard-missing-evidence-link');
    expect(await links.count()).toBeGreaterThan(0);
    await expectAccessible(page, 'missing evidence (es)');
    await links.first().click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('answer-evidence');
  }, 120_000);

  it('shows the explain with question texts and option labels, and lets an administrator validate and reopen', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`/t/${town.id}/maturity`);
    await page.getByTestId('maturity-explain').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="maturity-explain-area"] > summary').first().click();
    await page.locator('[data-testid="maturity-explain-area"] details > summary').first().click();
    const answers = await page.getByTestId('maturity-explain-answer').allTextContents();
    // Option labels, not the raw scale values; the questions' texts, not their keys.
    expect(answers.filter((a) => /^\d+$/.test(a.trim()))).toEqual([]);
    const texts = await page.getByTestId('maturity-explain-text').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((q) => /^[\w-]+(\.[\w-]+)+$/.test(q.trim()))).toEqual([]);

    await page.getByTestId('assessment-validate').click();
    await page.getByRole('alertdialog', { name: 'Validate the assessment?' }).getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => textOf(page, '[data-testid="live-status"]')).toMatch(/assessment is validated\.$/);
    await page.getByTestId('assessment-reopen').click();
    await page.getByRole('alertdialog', { name: 'Reopen the assessment?' }).getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => textOf(page, '[data-testid="live-status"]')).toMatch(/is a draft again\.$/);
    await expectAccessible(page, 'results after reopening (en)');
  }, 120_000);

  it('lets the region follow its municipalities by name, filter them and export the CSV in Spanish', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();
    await page.goto(`/t/${region.id}/maturity/descendants`);
    await page.getByTestId('descendants-table').waitFor({ timeout: 30_000 });
    expect(Number(await textOf(page, '[data-testid="descendants-total"]'))).toBeGreaterThanOrEqual(15);
    // Other suites add organisations under the region, so Villanorte may be on a later page: it is found by name below.
    expect(await page.getByTestId('descendants-row').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="descendants-chart"] svg').first().waitFor();
    await expectAccessible(page, 'descendants overview (es)');

    await page.getByTestId('descendants-q').fill('villanorte');
    await expect.poll(() => page.getByTestId('descendants-row').count()).toBe(1);
    expect(await textOf(page, '[data-testid="descendants-table"]')).toContain('Villanorte');

    const download = page.waitForEvent('download');
    await page.getByTestId('descendants-export').click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    // The API's file byte for byte: its byte-order mark tells a spreadsheet the accents are UTF-8.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split(/\r?\n/)[0]).toContain(';');
    expect(csv).toContain('Villanorte');
  }, 120_000);

  it('shows a signed-in administrator what to do now on the home page', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('home-tasks').waitFor();
    await page.getByTestId('home-below-summary').waitFor({ timeout: 30_000 });
    expect(await textOf(page, '[data-testid="home-below-summary"]')).toMatch(/organizaciones: \d+ sin empezar/);
    expect(await page.getByTestId('home-members').count()).toBe(1);
    await expectAccessible(page, 'signed-in home (es)');
  });
});
