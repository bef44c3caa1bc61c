import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createRumboAdmin } from './app';
import { detectLocale, LOCALE_STORAGE_KEY, type AppLocale } from './i18n';
import { safeRedirect } from './router';
import { connectionFor, createFakeClient, readyReport } from './testing/fake-client';

/** Mounts the whole SPA (layout, router, i18n, stores) on a detached fixture with a fake API. */
async function mountApp(path: string, locale?: AppLocale) {
  const { client } = createFakeClient(() => ({ status: 200, body: readyReport() }));
  const history = createMemoryHistory();
  const { app, router } = createRumboAdmin({ api: connectionFor(client), locale, history });
  await router.push(path);
  await router.isReady();
  const root = document.createElement('div');
  document.body.append(root);
  app.mount(root);
  await flushPromises();
  return {
    root,
    router,
    unmount: () => {
      app.unmount();
      root.remove();
    },
  };
}

const byText = (root: HTMLElement, selector: string) =>
  Array.from(root.querySelectorAll<HTMLElement>(selector)).map((el) => el.textContent?.trim());

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  localStorage.clear();
});

describe('App shell', () => {
  it('has a skip link, a labelled navigation, a labelled language control and a main landmark', async () => {
    const { root, unmount } = await mountApp('/', 'es');
    cleanup = unmount;

    const skip = root.querySelector<HTMLAnchorElement>('a.skip-link')!;
    expect(skip.textContent).toBe('Saltar al contenido principal');
    expect(root.firstElementChild).toBe(skip);
    expect(root.querySelector('header')).not.toBeNull();
    expect(root.querySelector('nav')?.getAttribute('aria-label')).toBe('Navegación principal');
    expect(byText(root, 'nav a')).toEqual(['Inicio', 'Estado del servicio']);
    expect(root.querySelector('label[for="language-select"]')?.textContent).toBe('Idioma');
    expect(root.querySelector('main#main-content')).not.toBeNull();
    expect(document.documentElement.lang).toBe('es');
    expect(document.title).toBe('Inicio · Rumbo');
  });

  it('describes the method chain on the home page, in order', async () => {
    const { root, unmount } = await mountApp('/', 'en');
    cleanup = unmount;
    expect(byText(root, 'ol.method__steps h3')).toEqual(['Maturity', 'Frictions', 'Use cases & roadmap', 'KPIs']);
    expect(root.querySelector('.method__support h3')?.textContent).toBe('Administration');
  });

  it('switches language from the selector: text, <html lang>, title and stored choice', async () => {
    const { root, unmount } = await mountApp('/status', 'es');
    cleanup = unmount;
    expect(root.querySelector('h1')?.textContent).toBe('Estado del servicio');

    const select = root.querySelector<HTMLSelectElement>('#language-select')!;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await flushPromises();

    expect(root.querySelector('h1')?.textContent).toBe('Service status');
    expect(byText(root, 'nav a')).toEqual(['Home', 'Service status']);
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Service status · Rumbo');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(detectLocale()).toBe('en');
  });

  it('folds the navigation behind a menu button: expanded state, Escape closes it and gives focus back', async () => {
    const { root, router, unmount } = await mountApp('/', 'es');
    cleanup = unmount;
    const button = root.querySelector<HTMLButtonElement>('[data-testid="menu-button"]')!;
    const nav = root.querySelector<HTMLElement>('nav.app-nav')!;
    expect(button.textContent?.trim()).toBe('Menú');
    expect(button.getAttribute('aria-controls')).toBe(nav.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(nav.classList.contains('is-open')).toBe(false);

    button.click();
    await flushPromises();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(nav.classList.contains('is-open')).toBe(true);
    expect(document.activeElement).toBe(nav.querySelector('a'));

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    // Following a link closes it.
    button.click();
    await flushPromises();
    await router.push('/status');
    await flushPromises();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('marks the current page in the navigation and answers unknown paths with a not-found page', async () => {
    const { root, router, unmount } = await mountApp('/status', 'en');
    cleanup = unmount;
    expect(root.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).toBe('Service status');

    await router.push('/maturity/assessments/42');
    await flushPromises();
    expect(root.querySelector('h1')?.textContent).toBe('Page not found');
    expect(root.querySelector('main')?.textContent).toContain('/maturity/assessments/42');
  });
});

describe('detectLocale', () => {
  const browserLanguages = (languages: string[]) => vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);

  it('prefers the stored choice over the browser languages', () => {
    browserLanguages(['es-ES']);
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(detectLocale()).toBe('en');
  });

  it('ignores a stored value that is not supported and uses the first supported browser language', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    browserLanguages(['fr-FR', 'en-GB', 'es']);
    expect(detectLocale()).toBe('en');
  });

  it('falls back to Spanish', () => {
    browserLanguages(['de-DE']);
    expect(detectLocale()).toBe('es');
  });
});

describe('sign-in guard', () => {
  it('sends a visitor without a session to the login page with the way back, and follows only in-app redirects', async () => {
    const { router, root, unmount } = await mountApp('/t/0190aaaa-0000-7000-8000-000000000001/admin/audit', 'en');
    cleanup = unmount;
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/t/0190aaaa-0000-7000-8000-000000000001/admin/audit');
    await flushPromises();
    expect(root.querySelector('h1')?.textContent?.trim()).toBe('Sign in');
    expect(document.title).toBe('Sign in · Rumbo');

    expect(safeRedirect('/t/x/admin/users')).toBe('/t/x/admin/users');
    expect(safeRedirect('//evil.example/x')).toBeNull();
    expect(safeRedirect('/\\evil.example')).toBeNull();
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect(['/a'])).toBeNull();
  });
});
