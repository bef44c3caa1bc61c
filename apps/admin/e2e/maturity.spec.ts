/**
 * The maturity questionnaire and results in Chromium against the real API: an administrator of
 * the demo region starts an assessment of a demo municipality for a year nobody uses (a random
 * 21xx per run), answers all of it with the keyboard only, submits it and reads the radar and its
 * accessible table; axe audits the wizard and the results.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from './context';
import { apiClient, CHROMIUM_ARGS, contextPool, expectAccessible, signedInContext, textOf } from './helpers';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');
const ADMIN = 'admin@demo.example';

interface Focused {
  testId: string | null;
  tag: string;
  type: string | null;
  disabled: boolean;
}

const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      testId: el?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? null,
      disabled: !!el?.disabled,
    };
  });

describe.skipIf(Boolean(skipReason))('maturity questionnaire and results in Chromium', () => {
  const api = apiClient(baseUrl);
  const pool = contextPool();
  let browser: Browser;
  let town: { id: string; name: string };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    const token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    town = await api.tenantByCode(token, 'DEMO-N-001');
  });

  afterEach(() => pool.closeAll());
  afterAll(() => browser?.close());

  it('shows a small town where it stands among comparable towns, overall and per dimension', async () => {
    const token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    const small = await api.tenantByCode(token, 'DEMO-N-006');
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`/t/${small.id}/maturity`);
    await page.locator('[data-testid="maturity-benchmark-chart"] svg').first().waitFor({ timeout: 30_000 });
    expect(Number(await textOf(page, '[data-testid="maturity-percentile"]'))).toBeGreaterThanOrEqual(0);
    expect(await textOf(page, '[data-testid="maturity-benchmark-cohort"]')).toBe('5');
    expect(await page.locator('[data-testid="maturity-benchmark-table"] tbody tr').count()).toBe(11);
    // Drawn, not just declared: per dimension a peers' band, a median mark and the town's own point
    // (plus one legend swatch each), told apart by their fill.
    for (const fill of ['#cbd5e1', '#475569', '#1d4ed8']) {
      expect(await page.locator(`[data-testid="maturity-benchmark-chart"] svg [fill="${fill}"]`).count(), fill).toBe(12);
    }
    // Figures only: no other town is named anywhere in the comparison.
    for (const other of ['Valdeolmos', 'Navalcerro', 'Villar de Campos', 'Pinarejo', 'Monteagudo']) {
      expect(await textOf(page, '[data-testid="maturity-benchmark"]')).not.toContain(other);
    }
    await expectAccessible(page, 'maturity benchmark');
  });

  it('shows a region how its organisations spread over the maturity levels, naming none', async () => {
    const token = (await api.login(ADMIN, DEMO_PASSWORD)).accessToken;
    const region = await api.tenantByCode(token, 'ES-DEMO');
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'es-ES'));
    const page = await context.newPage();
    await page.goto(`/t/${region.id}/maturity`);
    await page.locator('[data-testid="distribution-table"] tbody tr').first().waitFor({ timeout: 30_000 });
    // The region's own 2026 assessment is selected: its model version and year are the defaults.
    expect(await page.inputValue('#distribution-period')).toBe('2026');
    expect(Number(await textOf(page, '[data-testid="distribution-cohort"]'))).toBeGreaterThanOrEqual(14);
    const counts = await page.locator('[data-testid="distribution-table"] tbody tr td:nth-child(3)').allTextContents();
    expect(counts.reduce((sum, c) => sum + Number(c), 0)).toBe(Number(await textOf(page, '[data-testid="distribution-cohort"]')));
    expect(await textOf(page, '[data-testid="distribution-table"]')).toContain('Nivel 1');
    expect(await textOf(page, '[data-testid="maturity-distribution"]')).not.toContain('Villanorte');
    await expectAccessible(page, 'maturity distribution (es)');

    // A year nobody assessed: no figures, and the reason.
    await page.fill('#distribution-period', '2031');
    await page.getByTestId('distribution-show').click();
    await page.getByTestId('distribution-reason').waitFor();
    expect(await textOf(page, '[data-testid="distribution-reason"]')).toContain('Solo 0 organizaciones');
  });

  it('answers a whole assessment with the keyboard, submits it and shows the radar', async () => {
    const context = pool.add(await signedInContext(browser, baseUrl, ADMIN, DEMO_PASSWORD, 'en-GB'));
    const page = await context.newPage();

    // Results of the demo data first: the nav entry, the radar and its table.
    await page.goto(`/t/${town.id}/maturity`);
    await page.locator('[data-testid="maturity-radar"] svg').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="nav-maturity"]').count()).toBe(1);
    // The demo's two years side by side, with the change per dimension.
    await page.locator('[data-testid="compare-table"] tbody tr').first().waitFor({ timeout: 30_000 });
    // Two years side by side (the demo's 2025 and 2026; later years when this suite ran before on this database).
    const years = (await page.locator('[data-testid="compare-table"] thead th').allTextContents()).filter((h) => /^\d{4}$/.test(h.trim()));
    expect(years).toHaveLength(2);
    expect(Number(years[0])).toBeLessThan(Number(years[1]));
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(11);
    expect(await textOf(page, '[data-testid="compare-delta"]')).toMatch(/^[+−]?\d/);
    await expectAccessible(page, 'maturity results');

    // A new assessment for a year nobody else uses.
    const year = String(2100 + Math.floor(Math.random() * 100));
    await page.goto(`/t/${town.id}/maturity/assessments/new`);
    await page.locator('#new-period').waitFor();
    await page.focus('#new-period');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(year);
    // Title and one respondent, still by keyboard: Tab to the title, then to "Add a respondent".
    await page.keyboard.press('Tab');
    await page.keyboard.type('E2E self-assessment');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id.startsWith('respondent-name-'));
    await page.keyboard.type('E2E Respondent');
    await expectAccessible(page, 'new assessment form with a respondent');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/maturity\/assessments\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const title = page.locator('[data-testid="wizard-step-title"]');
    await title.waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'maturity wizard');

    // Keyboard only from here: Tab through each step, answer every control, Enter on Next.
    await title.focus();
    let markedNotApplicable = 0;
    let steps = 1;
    for (let guard = 0; guard < 2000; guard++) {
      await page.keyboard.press('Tab');
      const el = await focused(page);
      if (el.testId === 'wizard-next') {
        await page.keyboard.press('Enter');
        steps++;
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'wizard-step-title');
        continue;
      }
      if (el.testId === 'wizard-submit') break;
      if (el.disabled) continue;
      if (el.testId === 'answer-evidence') {
        // Questions that require evidence have their field open beside them: fill it in.
        await page.keyboard.type('https://sede.example.org/evidencia.pdf');
      } else if (el.tag === 'input' && el.type === 'radio') {
        // Arrow keys move within the group and pick the option (the second one, or "No").
        await page.keyboard.press('ArrowDown');
      } else if (el.tag === 'input' && el.type === 'number') {
        await page.keyboard.type('60');
      } else if (el.tag === 'input' && el.type === 'checkbox' && markedNotApplicable < 2 && steps % 4 === 2) {
        await page.keyboard.press('Space');
        markedNotApplicable++;
      }
    }
    expect(steps).toBeGreaterThan(1);
    await page.waitForFunction(() => {
      const p = document.querySelector('[data-testid="wizard-progress"]') as HTMLProgressElement | null;
      return !!p && p.value === p.max && p.max === 57;
    });
    expect(markedNotApplicable).toBeGreaterThan(0);

    await page.keyboard.press('Enter'); // Submit: asked first, the confirming button has the focus
    const confirm = page.getByRole('alertdialog', { name: 'Submit the assessment?' });
    await confirm.waitFor();
    await expectAccessible(page, 'submit confirmation');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/maturity\?assessment=/, { timeout: 30_000 });
    // Submitted is said, not only shown by a new page.
    await expect.poll(() => textOf(page, '[data-testid="live-status"]')).toBe(`The ${year} assessment is submitted.`);
    await page.locator('[data-testid="maturity-radar"] svg').first().waitFor({ timeout: 30_000 });
    const heading = await page.locator('[data-testid="maturity-overall"] h2').textContent();
    expect(heading).toContain(year);
    expect(await textOf(page, '[data-testid="maturity-respondents"]')).toBe('E2E Respondent');
    expect(await page.locator('[data-testid="maturity-dimension-table"] tbody tr').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'maturity results after submit');
  }, 240_000);
});
