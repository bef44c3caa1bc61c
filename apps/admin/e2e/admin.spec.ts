/**
 * The built SPA, served by the real API, driven in Chromium: status screen with the real database,
 * language switching and persistence, keyboard access, deep links and an axe-core audit.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './context';

const { baseUrl, chromiumPath, skipReason } = inject('rumboE2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe.skipIf(Boolean(skipReason))('admin SPA in Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });

  /** A fresh browser profile (empty localStorage) whose preferred language is `locale`. */
  async function openPage(locale = 'es-ES'): Promise<Page> {
    const context = await browser.newContext({ locale, baseURL: baseUrl });
    contexts.push(context);
    return context.newPage();
  }

  /** Waits until the status screen shows a report (not just the loading message). */
  async function waitForReport(page: Page) {
    await page.getByTestId('status-report').waitFor({ state: 'visible', timeout: 15_000 });
  }

  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('shows the API status with the database up, matching /health/ready', async () => {
    const page = await openPage();
    await page.goto('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Rumbo');

    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Estado del servicio' }).click();
    await page.waitForURL(`${baseUrl}/status`);
    await waitForReport(page);

    const health = (await (await fetch(`${baseUrl}/health/ready`)).json()) as { version: string };
    expect(await text(page, 'status-api')).toBe('Operativa');
    expect(await text(page, 'status-database')).toBe('Conectada');
    expect(await text(page, 'status-version')).toBe(health.version);
    expect(await text(page, 'status-latency')).toMatch(/^\d+(,\d+)? ms$/);
    expect(await text(page, 'status-uptime')).toMatch(/segundos?|minutos?|horas?|días?/);
    expect(await text(page, 'status-live')).toMatch(/^La API está operativa\. Comprobado a las /);

    // The refresh button asks again and the screen stays consistent.
    const ready = page.waitForResponse((r) => r.url() === `${baseUrl}/health/ready`);
    await page.getByRole('button', { name: 'Actualizar' }).click();
    expect((await ready).status()).toBe(200);
    await waitForReport(page);
    expect(await text(page, 'status-database')).toBe('Conectada');
  });

  it('switches es ↔ en, updates <html lang>, and keeps the choice after a reload', async () => {
    const page = await openPage();
    await page.goto('/status');
    await waitForReport(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Estado del servicio');

    await page.getByLabel('Idioma').selectOption('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Service status');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page, 'status-database')).toBe('Connected');
    expect(await page.title()).toBe('Service status · Rumbo');

    await page.reload();
    await waitForReport(page);
    expect(await page.locator('h1').textContent()).toBe('Service status');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Language').inputValue()).toBe('en');

    await page.getByLabel('Language').selectOption('es');
    await expect(page.locator('h1').textContent()).resolves.toBe('Estado del servicio');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });

  it('follows the browser language when no choice is stored', async () => {
    const page = await openPage('en-GB');
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Home', 'Service status']);
  });

  it('is keyboard operable: skip link first, then the language control and the navigation', async () => {
    const page = await openPage();
    await page.goto('/');

    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          tag: el?.tagName.toLowerCase(),
          id: el?.id,
          text: el?.textContent?.trim(),
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
        };
      });

    await page.keyboard.press('Tab');
    const first = await focused();
    expect(first.text).toBe('Saltar al contenido principal');
    expect(first.outline).not.toMatch(/^none/);
    const box = await page.locator('.skip-link').boundingBox();
    expect(box && box.y >= 0).toBe(true); // visible once focused

    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('main-content');

    // From the top of the page, Tab reaches the language control and every navigation link.
    await page.reload();
    const reached: Array<Awaited<ReturnType<typeof focused>>> = [];
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await focused());
    }
    expect(reached.some((f) => f.id === 'language-select')).toBe(true);
    expect(reached.map((f) => f.text)).toEqual(expect.arrayContaining(['Inicio', 'Estado del servicio']));
    for (const f of reached.filter((r) => r.tag !== 'body')) {
      expect(f.outline, `focus ring on ${f.tag} "${f.text}"`).not.toMatch(/^none/);
    }

    // Enter on a navigation link navigates and moves focus to the new page's heading.
    await page.getByRole('link', { name: 'Estado del servicio' }).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/status`);
    await expect.poll(async () => (await focused()).text).toBe('Estado del servicio');
  });

  it('loads the SPA on deep links', async () => {
    const page = await openPage();
    const response = await page.goto('/status');
    expect(response?.ok()).toBe(true);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    await waitForReport(page);
    expect(await page.locator('h1').textContent()).toBe('Estado del servicio');

    await page.goto('/modulo/que/no/existe');
    expect(await page.locator('h1').textContent()).toBe('Página no encontrada');
    expect(await page.locator('main').textContent()).toContain('/modulo/que/no/existe');
  });

  describe('axe-core finds no serious or critical violation', () => {
    const pages = [
      { path: '/', ready: (page: Page) => page.locator('h1').waitFor() },
      { path: '/status', ready: waitForReport },
      { path: '/no-existe', ready: (page: Page) => page.locator('h1').waitFor() },
    ];

    for (const locale of ['es-ES', 'en-GB']) {
      for (const { path, ready } of pages) {
        it(`${path} (${locale})`, async () => {
          const page = await openPage(locale);
          await page.goto(path);
          await ready(page);
          const { violations } = await new AxeBuilder({ page }).analyze();
          const blocking = violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          expect(blocking).toEqual([]);
        });
      }
    }
  });
});
