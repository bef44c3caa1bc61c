import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import type { AuthSession } from '@/api/auth-session';
import type { AccessLevel } from '@/auth/access';
import type { useAuthStore } from '@/stores/auth';
import type { useTenantStore } from '@/stores/tenant';
import HomeView from '@/views/home/HomeView.vue';
import NotFoundView from '@/views/not-found/NotFoundView.vue';
import StatusView from '@/views/status/StatusView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (used for `document.title`). */
    titleKey: string;
    /** Only for signed-in users; others go to /login?redirect=…. */
    requiresAuth?: boolean;
    /** What the user's role on the route's tenant must grant (checked by the tenant layout). */
    access?: AccessLevel;
  }
}

/**
 * Only screens that exist are routes. Tenant-scoped screens live under /t/:tenantId/admin/… so a
 * link names the tenant it is about. Module screens (maturity, frictions, use cases, KPIs) are added
 * here, and to the navigation, as they are built.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { titleKey: 'home.title' } },
  { path: '/status', name: 'status', component: StatusView, meta: { titleKey: 'status.title' } },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { titleKey: 'login.title' },
  },
  {
    path: '/accept-invitation',
    name: 'accept-invitation',
    component: () => import('@/views/auth/AcceptInvitationView.vue'),
    meta: { titleKey: 'accept.title' },
  },
  {
    path: '/admin',
    name: 'admin',
    component: () => import('@/views/admin/AdminIndexView.vue'),
    meta: { titleKey: 'adminIndex.title', requiresAuth: true },
  },
  {
    path: '/t/:tenantId/admin',
    component: () => import('@/views/admin/TenantAdminLayout.vue'),
    meta: { titleKey: 'nav.administration', requiresAuth: true },
    children: [
      { path: '', name: 'admin-tenant-root', redirect: (to) => ({ name: 'admin-tenant', params: to.params }) },
      {
        path: 'tenant',
        name: 'admin-tenant',
        component: () => import('@/views/admin/TenantView.vue'),
        meta: { titleKey: 'tenant.title', access: 'read' },
      },
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('@/views/admin/MembersView.vue'),
        meta: { titleKey: 'members.title', access: 'admin' },
      },
      {
        path: 'api-keys',
        name: 'admin-api-keys',
        component: () => import('@/views/admin/ApiKeysView.vue'),
        meta: { titleKey: 'apiKeys.title', access: 'admin' },
      },
      {
        path: 'import',
        name: 'admin-import',
        component: () => import('@/views/admin/ImportView.vue'),
        meta: { titleKey: 'import.title', access: 'admin' },
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => import('@/views/admin/AuditView.vue'),
        meta: { titleKey: 'audit.title', access: 'audit' },
      },
    ],
  },
  {
    path: '/t/:tenantId/maturity',
    component: () => import('@/views/admin/TenantAdminLayout.vue'),
    meta: { titleKey: 'nav.maturity', requiresAuth: true },
    children: [
      {
        path: '',
        name: 'maturity-results',
        component: () => import('@/views/maturity/MaturityResultsView.vue'),
        meta: { titleKey: 'maturity.title', access: 'read' },
      },
      {
        path: 'models',
        name: 'maturity-models',
        component: () => import('@/views/maturity/ModelBrowserView.vue'),
        meta: { titleKey: 'models.title', access: 'read' },
      },
      {
        path: 'descendants',
        name: 'maturity-descendants',
        component: () => import('@/views/maturity/DescendantsView.vue'),
        meta: { titleKey: 'descendants.title', access: 'read' },
      },
      {
        path: 'assessments/:id',
        name: 'maturity-assessment',
        component: () => import('@/views/maturity/AssessmentWizardView.vue'),
        meta: { titleKey: 'wizard.pageTitle', access: 'read' },
      },
    ],
  },
  {
    path: '/t/:tenantId/frictions',
    component: () => import('@/views/admin/TenantAdminLayout.vue'),
    meta: { titleKey: 'nav.frictions', requiresAuth: true },
    children: [
      {
        path: '',
        name: 'frictions',
        component: () => import('@/views/frictions/FrictionListView.vue'),
        meta: { titleKey: 'frictions.list.title', access: 'read' },
      },
      {
        path: 'new',
        name: 'friction-new',
        component: () => import('@/views/frictions/FrictionFormView.vue'),
        meta: { titleKey: 'frictions.form.newTitle', access: 'write' },
      },
      {
        path: 'gap-costs',
        name: 'frictions-gap-costs',
        component: () => import('@/views/frictions/GapCostView.vue'),
        meta: { titleKey: 'frictions.gaps.title', access: 'read' },
      },
      {
        path: 'import',
        name: 'frictions-import',
        component: () => import('@/views/frictions/FrictionImportView.vue'),
        meta: { titleKey: 'frictions.import.title', access: 'write' },
      },
      {
        path: 'settings',
        name: 'frictions-settings',
        component: () => import('@/views/frictions/FrictionSettingsView.vue'),
        meta: { titleKey: 'frictions.settings.title', access: 'admin' },
      },
      {
        path: ':id',
        name: 'friction-edit',
        component: () => import('@/views/frictions/FrictionFormView.vue'),
        meta: { titleKey: 'frictions.form.editTitle', access: 'read' },
      },
    ],
  },
  {
    path: '/t/:tenantId/priorities',
    component: () => import('@/views/admin/TenantAdminLayout.vue'),
    meta: { titleKey: 'nav.priorities', requiresAuth: true },
    children: [
      {
        path: '',
        name: 'priorities-ranking',
        component: () => import('@/views/priorities/RankingView.vue'),
        meta: { titleKey: 'prioritisation.ranking.title', access: 'read' },
      },
      {
        path: 'models',
        name: 'priorities-models',
        component: () => import('@/views/priorities/ScoringModelsView.vue'),
        meta: { titleKey: 'prioritisation.models.title', access: 'read' },
      },
      {
        // `new` opens an empty editor; an id opens that model (a draft stays editable).
        path: 'models/:modelId',
        name: 'priorities-model',
        component: () => import('@/views/priorities/ScoringModelEditorView.vue'),
        meta: { titleKey: 'prioritisation.editor.title', access: 'read' },
      },
      {
        path: 'analysis',
        name: 'priorities-analysis',
        component: () => import('@/views/priorities/AnalysisView.vue'),
        meta: { titleKey: 'prioritisation.analysis.title', access: 'read' },
      },
      {
        path: 'import',
        name: 'priorities-import',
        component: () => import('@/views/priorities/CriteriaImportView.vue'),
        meta: { titleKey: 'prioritisation.import.title', access: 'write' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: NotFoundView,
    meta: { titleKey: 'notFound.title' },
  },
];

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}

/** Only same-app paths are followed after login (never `//evil.example` or an absolute URL). */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;
}

/**
 * Sign-in rules for navigation: protected routes need a user (the session is resumed first, once,
 * after a reload), /login is skipped when signed in, /admin opens the remembered tenant, and a
 * session that ends by itself (refresh refused) lands on /login with the way back.
 */
export function installAuthGuard(
  router: Router,
  auth: ReturnType<typeof useAuthStore>,
  tenant: ReturnType<typeof useTenantStore>,
  session: AuthSession,
): void {
  router.beforeEach(async (to) => {
    await auth.restore();
    if (to.meta.requiresAuth && !auth.isSignedIn) {
      return { name: 'login', query: { redirect: to.fullPath } };
    }
    if (to.name === 'login' && auth.isSignedIn) {
      return safeRedirect(to.query.redirect) ?? { name: 'admin' };
    }
    if (to.name === 'admin') {
      const only = auth.me?.memberships.length === 1 ? auth.me.memberships[0] : undefined;
      const tenantId = tenant.selection?.id ?? (auth.me?.platformAdmin ? undefined : only?.tenantId);
      if (tenantId) return { name: 'admin-tenant', params: { tenantId } };
    }
    return true;
  });

  session.onSignedOut((reason) => {
    const current = router.currentRoute.value;
    if (reason === 'expired' && current.meta.requiresAuth) {
      void router.push({ name: 'login', query: { redirect: current.fullPath } });
    }
  });
}
