import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

/** Catalog screens, mounted in both the kiosk and the staff tree. */
function catalogRoutes(prefix: 'kiosk' | 'staff'): RouteRecordRaw[] {
  const browse = () => import('./views/catalog/BrowseView.vue');
  return [
    { path: 'search', name: `${prefix}-search`, component: () => import('./views/catalog/CatalogSearchView.vue') },
    { path: 'procedures/:code', name: `${prefix}-procedure`, component: () => import('./views/catalog/ProcedureView.vue') },
    { path: 'laws/:id', name: `${prefix}-law`, component: () => import('./views/catalog/LawView.vue') },
    { path: 'life-events/:id', name: `${prefix}-life-event`, component: browse },
    { path: 'sectors/:name', name: `${prefix}-sector`, component: browse },
    { path: 'essential', name: `${prefix}-essential`, component: browse },
  ];
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/kiosk' },
  {
    path: '/kiosk',
    component: () => import('./views/kiosk/KioskLayout.vue'),
    children: [
      { path: '', name: 'kiosk-home', component: () => import('./views/kiosk/KioskHome.vue') },
      { path: 'attract', name: 'kiosk-attract', component: () => import('./views/kiosk/KioskAttract.vue') },
      { path: 'track', name: 'kiosk-track', component: () => import('./views/kiosk/KioskTrack.vue') },
      { path: 'feedback', name: 'kiosk-feedback', component: () => import('./views/kiosk/KioskFeedback.vue') },
      { path: 'file/:code', name: 'kiosk-file', component: () => import('./views/kiosk/KioskFileWizard.vue') },
      ...catalogRoutes('kiosk'),
    ],
  },
  {
    path: '/staff',
    component: () => import('./views/staff/StaffLayout.vue'),
    children: [{ path: '', name: 'staff-home', component: () => import('./views/staff/StaffHome.vue') }, ...catalogRoutes('staff')],
  },
  {
    path: '/print',
    component: () => import('./views/print/PrintLayout.vue'),
    children: [
      { path: 'device', name: 'print-device', component: () => import('./views/print/PrintDeviceSheet.vue') },
      { path: 'receipt/:code', name: 'print-receipt', component: () => import('./views/print/PrintReceipt.vue') },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    // Law anchors are scrolled by the reader once the text has loaded.
    scrollBehavior: (to, from) => (to.hash || to.path === from.path ? false : { top: 0 }),
  });
}
