import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import { createApp } from 'vue';
import type { RouterHistory } from 'vue-router';
import App from './App.vue';
import { createApiPlugin, type ApiConnection } from './api/client';
import { createAppI18n, type AppLocale } from './i18n';
import { createAppRouter, installAuthGuard } from './router';
import { useAuthStore } from './stores/auth';
import { useTenantStore } from './stores/tenant';
import { primeVueOptions } from './theme';

export interface RumboAdminOptions {
  /** The API client and sign-in session every store uses (fake network in tests). */
  api: ApiConnection;
  /** Initial UI language; detected from storage and the browser when omitted. */
  locale?: AppLocale;
  /** Router history; the browser's history API when omitted (tests pass a memory history). */
  history?: RouterHistory;
}

/** Assembles the whole SPA without mounting it: `main.ts` mounts it, tests mount it on a fixture. */
export function createRumboAdmin({ api, locale, history }: RumboAdminOptions) {
  const app = createApp(App);
  const pinia = createPinia();
  const i18n = createAppI18n(locale);
  const router = createAppRouter(history);

  // Every API call asks for the UI language, which the API's texts and problems then follow.
  api.followLanguage(() => i18n.global.locale.value);
  app.use(createApiPlugin(api));
  app.use(pinia);
  app.use(i18n);
  app.use(router);
  app.use(PrimeVue, primeVueOptions);
  app.use(ConfirmationService);

  installAuthGuard(router, useAuthStore(pinia), useTenantStore(pinia), api.session);

  return { app, pinia, i18n, router };
}
