/**
 * The maturity model browser in Chromium against the real API: an administrator of the demo region
 * opens a fresh organisation of its own, browses the default model (guidance, sources, weights,
 * search), exports it, imports an edited copy — first invalid, listed by field path, then valid —,
 * publishes it, and imports a second version whose changes the page lists. axe audits each state.
 */
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, RUN_ID, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const ADMIN = 'admin@demo.example';

interface ModelDocument {
  key: string;
  version?: number;
  name: { es: string; en: string };
  areas: { key: string; weight: number; dimensions: { key: string; weight: number; questions: { key: string; weight: number }[] }[] }[];
  levels: unknown[];
}

describe.skipIf(Boolean(skipReason))('maturity model browser in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let token: string;
  let organisation: { id: string; name: string };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    const region = await api.tenantByCode(token, 'ES-DEMO');
    // A tenant of its own, so the models imported here are not offered to the other suites' tenants.
    const { status, body } = await api.request<{ id: string; name: string }>('POST', `/v1/tenants/${region.id}/children`, {
      token,
      body: { code: `E2E-${RUN_ID}-MODELS`, kind: 'institute', name: `E2E models ${RUN_ID}` },
    });
    expect(status).toBe(201);
    organisation = body;
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  async function importFile(page: Page, document: unknown, publishNow = false): Promise<void> {
    await page.setInputFiles('#model-file', {
      name: 'model.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(document)),
    });
    if (publishNow) await page.check('#model-publish');
    await page.getByTestId('model-import-submit').click();
  }

  it('browses, exports, imports (422 by field path, then valid), publishes and compares versions', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();

    // Reached from the navigation.
    await page.goto(`/t/${organisation.id}/maturity`);
    await page.getByTestId('nav-maturity-models').click();
    await page.waitForURL(/\/maturity\/models/);
    // Only the current module screen is marked in the navigation (both share the /maturity prefix).
    expect(await page.getByTestId('nav-maturity-models').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('nav-maturity-models').getAttribute('class')).toContain('is-active');
    expect(await page.getByTestId('nav-maturity').getAttribute('class')).not.toContain('is-active');
    await page.getByTestId('model-version').waitFor({ timeout: 30_000 });
    expect(await textOf(page, '[data-testid="model-version"] h2')).toContain('version');
    expect(await textOf(page, '[data-testid="model-question-count"]')).toBe('57 of 57 questions shown');
    expect(await page.locator('[data-testid="model-weights-chart"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="model-weights-table"] tbody tr').count()).toBe(11);
    await expectAccessible(page, 'model browser');

    // Guidance and public sources of a question, opened with the keyboard.
    const first = page.getByTestId('model-question').first();
    await first.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await first.getByTestId('model-question-guidance').isVisible()).toBe(true);
    const sources = (await first.getByTestId('model-question-sources').textContent()) ?? '';
    expect(sources).toMatch(/OECD-DGI|EU-DMAT|UN-LOSI|WB-GTMI/);

    // Search and framework filter.
    await page.getByLabel('Search (text, key, guidance, source)').fill('cloud');
    const shown = Number((await textOf(page, '[data-testid="model-question-count"]')).split(' ')[0]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(57);
    await page.getByTestId('model-clear').click();
    await page.selectOption('#model-framework', 'UN-LOSI');
    const losi = Number((await textOf(page, '[data-testid="model-question-count"]')).split(' ')[0]);
    expect(losi).toBeGreaterThan(0);
    expect(losi).toBeLessThan(57);

    // Export: the importable document, without the server's fields.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^rumbo-default-v\d+\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as ModelDocument & Record<string, unknown>;
    expect(exported.key).toBe('rumbo-default');
    expect(exported).not.toHaveProperty('status');
    expect(exported).not.toHaveProperty('id');
    expect(exported.areas.flatMap((a) => a.dimensions.flatMap((d) => d.questions))).toHaveLength(57);

    // An edited copy with a negative area weight: 422, listed by field path; nothing stored.
    const key = `e2e-${RUN_ID.toLowerCase()}`;
    const edited: ModelDocument = { ...exported, key, name: { es: `Modelo E2E ${RUN_ID}`, en: `E2E model ${RUN_ID}` } };
    await importFile(page, { ...edited, areas: [{ ...edited.areas[0], weight: -1 }, ...edited.areas.slice(1)] });
    await page.getByTestId('model-import-errors').waitFor();
    expect(await textOf(page, '[data-testid="model-import-errors"]')).toContain('areas[0].weight');
    await expectAccessible(page, 'model import errors');

    // Valid: a draft of version 1, opened at once; publishing asks first.
    await importFile(page, edited);
    await page.getByTestId('model-imported').waitFor();
    expect(await textOf(page, '[data-testid="model-imported"]')).toContain(`E2E model ${RUN_ID} imported as draft version 1`);
    await expect.poll(() => textOf(page, '[data-testid="model-version"] h2')).toBe(`E2E model ${RUN_ID} — version 1`);
    expect(await textOf(page, '[data-testid="model-status"]')).toBe('Draft');
    await page.getByTestId('model-publish').click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => textOf(page, '[data-testid="model-status"]')).toBe('Published');

    // Version 2 without one question and with another re-weighted: the changes are listed.
    const [removed, reweighted] = edited.areas[0].dimensions[0].questions;
    const v2: ModelDocument = structuredClone(edited);
    v2.areas[0].dimensions[0].questions = v2.areas[0].dimensions[0].questions
      .filter((q) => q.key !== removed.key)
      .map((q) => (q.key === reweighted.key ? { ...q, weight: q.weight + 1 } : q));
    await importFile(page, v2);
    await expect.poll(() => textOf(page, '[data-testid="model-version"] h2')).toBe(`E2E model ${RUN_ID} — version 2`);
    await page.getByTestId('model-changes').waitFor();
    expect(await textOf(page, '[data-testid="model-changes-removed"]')).toBe('1');
    expect(await textOf(page, '[data-testid="model-changes-kept"]')).toBe('56');
    expect(await textOf(page, '[data-testid="model-changes"]')).toContain(`${reweighted.key}: weight`);
    await expectAccessible(page, 'model version changes');

    // The API agrees: the organisation's model has a published v1 and a draft v2.
    const { body } = await api.request<{ data: { key: string; scope: string; versions: { version: number; status: string }[] }[] }>(
      'GET',
      `/v1/tenants/${organisation.id}/maturity-models`,
      { token },
    );
    const mine = body.data.find((m) => m.key === key);
    expect(mine?.scope).toBe('tenant');
    expect(mine?.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
  }, 180_000);

  it('re-scores a submitted assessment under a newer version from the results page', async () => {
    // A model of this organisation: version 1 published, an assessment of it submitted, then version 2
    // without one question — all through the API; the page does the re-score.
    const { body: models } = await api.request<{ data: { key: string; latestVersion: { id: string } }[] }>('GET', '/v1/maturity-models', {
      token,
    });
    const latest = models.data.find((m) => m.key === 'rumbo-default')!.latestVersion;
    const { body: full } = await api.request<ModelDocument & { id: string }>('GET', `/v1/maturity-model-versions/${latest.id}`, { token });
    const key = `e2e-rescore-${RUN_ID.toLowerCase()}`;
    const v1: ModelDocument = {
      key,
      name: { es: `Recalcular ${RUN_ID}`, en: `Rescore ${RUN_ID}` },
      levels: full.levels,
      areas: full.areas,
    };
    const imported = await api.request<{ id: string }>('POST', `/v1/tenants/${organisation.id}/maturity-models/import?publish=true`, {
      token,
      body: v1,
    });
    expect(imported.status).toBe(201);
    const created = await api.request<{ id: string }>('POST', `/v1/tenants/${organisation.id}/assessments`, {
      token,
      body: { modelVersionId: imported.body.id, period: '2024' },
    });
    expect(created.status).toBe(201);
    const questions = v1.areas.flatMap((a) =>
      a.dimensions.flatMap((d) => d.questions),
    ) as (ModelDocument['areas'][number]['dimensions'][number]['questions'][number] & {
      type: string;
      text: { es: string; en: string };
      evidenceRequired?: boolean;
      options?: { value: number }[];
    })[];
    // Every answer, with the evidence the questions that require it need before a submit.
    const answers = questions.map((q) => ({
      questionKey: q.key,
      value: q.type === 'yes_no' ? true : q.type === 'percentage' ? 100 : q.options![q.options!.length - 1].value,
      ...(q.evidenceRequired ? { evidence: 'https://sede.example/e2e-evidence.pdf' } : {}),
    }));
    const base = `/v1/tenants/${organisation.id}/assessments/${created.body.id}`;
    expect((await api.request('PUT', `${base}/answers`, { token, body: { answers } })).status).toBe(200);
    expect((await api.request('POST', `${base}/submit`, { token })).status).toBe(200);
    const removed = questions[0].key;
    const v2 = structuredClone(v1);
    v2.areas[0].dimensions[0].questions = v2.areas[0].dimensions[0].questions.filter((q) => q.key !== removed);
    expect(
      (await api.request('POST', `/v1/tenants/${organisation.id}/maturity-models/import?publish=true`, { token, body: v2 })).status,
    ).toBe(201);

    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`/t/${organisation.id}/maturity?assessment=${created.body.id}`);
    const panel = page.getByTestId('maturity-rescore');
    await panel.waitFor({ timeout: 30_000 });
    expect(await textOf(page, '[data-testid="maturity-rescore"] h2')).toBe('Model version 2 is available');
    await page.getByTestId('maturity-rescore-run').click();
    await page.getByTestId('maturity-rescore-result').waitFor();
    // Every kept answer is the top of its scale: the score under version 2 stays 100.
    expect(await textOf(page, '[data-testid="maturity-rescore-score"]')).toBe('100');
    // The question not carried over, by its text in the UI language and its key.
    const dropped = await textOf(page, '[data-testid="maturity-rescore-dropped"]');
    expect(dropped).toContain(questions[0].text.en);
    expect(dropped).toContain(removed);
    await expectAccessible(page, 'maturity re-score');
  }, 120_000);

  it('is readable in Spanish and deep-links to a version', async () => {
    const { body } = await api.request<{ data: { key: string; latestVersion: { id: string } | null }[] }>('GET', '/v1/maturity-models', {
      token,
    });
    const latest = body.data.find((m) => m.key === 'rumbo-default')?.latestVersion;
    expect(latest).toBeTruthy();
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();
    await page.goto(`/t/${organisation.id}/maturity/models?version=${latest!.id}`);
    await page.getByTestId('model-version').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'main h1')).toBe('Modelos de madurez');
    expect(await textOf(page, '[data-testid="model-question-count"]')).toBe('Se muestran 57 de 57 preguntas');
    await expectAccessible(page, 'model browser (es)');
  }, 120_000);
});
