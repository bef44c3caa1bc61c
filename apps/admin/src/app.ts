import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import { createApp } from 'vue';
import type { RouterHistory } from 'vue-router';
import App from './App.vue';
import { createApiPlugin, type RumboClient } from './api/client';
import { createAppI18n, type AppLocale } from './i18n';
import { createAppRouter } from './router';
import { primeVueOptions } from './theme';

export interface RumboAdminOptions {
  /** The API client every store uses (a fake one in tests). */
  client: RumboClient;
  /** Initial UI language; detected from storage and the browser when omitted. */
  locale?: AppLocale;
  /** Router history; the browser's history API when omitted (tests pass a memory history). */
  history?: RouterHistory;
}

/** Assembles the whole SPA without mounting it: `main.ts` mounts it, tests mount it on a fixture. */
export function createRumboAdmin({ client, locale, history }: RumboAdminOptions) {
  const app = createApp(App);
  const pinia = createPinia();
  const i18n = createAppI18n(locale);
  const router = createAppRouter(history);

  app.use(pinia);
  app.use(i18n);
  app.use(router);
  app.use(PrimeVue, primeVueOptions);
  app.use(createApiPlugin(client));

  return { app, pinia, i18n, router };
}
