import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ConfirmDialog from 'primevue/confirmdialog';
import { createApp, defineComponent, h, type Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { createApiPlugin, type ApiConnection } from '@/api/client';
import LiveRegion from '@/components/LiveRegion.vue';
import type { Me, Tenant } from '@/api/types';
import { createAppI18n, type AppLocale } from '@/i18n';
import { createAppRouter } from '@/router';
import { useAuthStore } from '@/stores/auth';
import { useTenantStore } from '@/stores/tenant';
import { primeVueOptions } from '@/theme';

export interface MountOptions {
  connection: ApiConnection;
  locale?: AppLocale;
  /** Signed-in user (set directly, no /auth/me call). */
  me?: Me;
  /** Loaded tenant (as if the tenant layout had opened it). */
  tenant?: Tenant;
  props?: Record<string, unknown>;
  /** Route to be on when mounting. */
  path?: string;
  /** Also render the app's confirmation dialog (screens that ask before destroying). */
  confirm?: boolean;
}

/** Mounts a screen with everything the app installs (stores, i18n, PrimeVue, router, API). */
export async function mountScreen(component: Component, options: MountOptions) {
  const pinia = createPinia();
  const i18n = createAppI18n(options.locale ?? 'en');
  const router = createAppRouter(createMemoryHistory());
  // As the app does: every API call asks for the UI language.
  options.connection.followLanguage(() => i18n.global.locale.value);
  const plugins = [createApiPlugin(options.connection), pinia, i18n, router, [PrimeVue, primeVueOptions], ConfirmationService] as const;

  // The stores inject the API: create and fill them in an app context before the screen mounts.
  // eslint-disable-next-line vue/one-component-per-file -- an empty host app, not a component
  const host = createApp({});
  host.use(createApiPlugin(options.connection));
  host.use(pinia);
  const auth = useAuthStore(pinia);
  const tenant = useTenantStore(pinia);
  if (options.me) {
    auth.me = options.me;
    auth.status = 'signedIn';
  }
  if (options.tenant) tenant.replace(options.tenant);
  if (options.path) await router.push(options.path);

  // The screen with the shell's live region (what actions announce) and, on request, its dialog.
  // eslint-disable-next-line vue/one-component-per-file -- a test host rendering the screen and the dialog
  const root = defineComponent({
    render: () => [h(component, options.props ?? {}), h(LiveRegion), ...(options.confirm ? [h(ConfirmDialog)] : [])],
  });
  const wrapper = mount(root, {
    attachTo: document.body,
    global: { plugins: plugins as never },
  });
  // `screen` is the component itself (its props and emitted events), `wrapper` the whole host.
  return { wrapper, screen: wrapper.findComponent(component), pinia, router, i18n, auth, tenant };
}
