import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import HomeView from '@/views/home/HomeView.vue';
import NotFoundView from '@/views/not-found/NotFoundView.vue';
import StatusView from '@/views/status/StatusView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (used for `document.title`). */
    titleKey: string;
  }
}

/**
 * Only screens that exist are routes. Module screens (maturity, frictions, use cases, KPIs,
 * administration) are added here, and to the navigation, as they are built.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { titleKey: 'home.title' } },
  { path: '/status', name: 'status', component: StatusView, meta: { titleKey: 'status.title' } },
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
