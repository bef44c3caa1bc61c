/**
 * Shared helpers of the browser suite: API calls from Node (to set up and cross-check what the SPA
 * shows), signed-in browser pages, and the axe-core audit.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A suffix that makes codes and emails unique per run (the suite may run twice on one database). */
export const RUN_ID = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Thin JSON client for the API, used from Node alongside the browser. */
export function apiClient(baseUrl: string) {
  async function request<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  async function login(email: string, password: string): Promise<Tokens> {
    const { status, body } = await request<Tokens>('POST', '/v1/auth/login', { body: { email, password } });
    if (status !== 200) throw new Error(`login ${email} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  }

  /** The tenant with this exact code, found through the switcher search. */
  async function tenantByCode(token: string, code: string): Promise<{ id: string; name: string; version: number }> {
    const { body } = await request<{ data: { id: string; code: string; name: string; version: number }[] }>(
      'GET',
      `/v1/tenants?search=${encodeURIComponent(code)}&limit=50`,
      { token },
    );
    const tenant = body.data.find((t) => t.code === code);
    if (!tenant) throw new Error(`no tenant with code ${code}`);
    return tenant;
  }

  return { request, login, tenantByCode };
}

/**
 * A browser context already signed in as `email`: the API issues a refresh token from Node and the
 * page starts with it in sessionStorage, as after a reload (the SPA then refreshes and loads /me).
 * Set only once per tab (sessionStorage marker), so reloads keep the SPA's rotated token.
 */
export async function signedInContext(browser: Browser, baseUrl: string, email: string, password: string, locale = 'es-ES') {
  const { refreshToken } = await apiClient(baseUrl).login(email, password);
  const context = await browser.newContext({ locale, baseURL: baseUrl });
  await context.addInitScript((token: string) => {
    if (!location.protocol.startsWith('http')) return;
    if (!sessionStorage.getItem('e2e.seeded')) {
      sessionStorage.setItem('e2e.seeded', '1');
      sessionStorage.setItem('rumbo.refreshToken', token);
    }
  }, refreshToken);
  return context;
}

/**
 * No serious or critical axe-core violation on the page as it is now. Running animations (a
 * message fading in) end first: axe would otherwise measure contrast at a transient opacity.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${label}`).toEqual([]);
}

/** Text of an element, whitespace collapsed. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Closes every context a test opened. */
export function contextPool() {
  const contexts: BrowserContext[] = [];
  return {
    add<T extends BrowserContext>(context: T): T {
      contexts.push(context);
      return context;
    },
    async closeAll() {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    },
  };
}
