import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/kiosk' },
  {
    path: '/kiosk',
    component: () => import('./views/kiosk/KioskLayout.vue'),
    children: [{ path: '', name: 'kiosk-home', component: () => import('./views/kiosk/KioskHome.vue') }],
  },
  {
    path: '/staff',
    component: () => import('./views/staff/StaffLayout.vue'),
    children: [{ path: '', name: 'staff-home', component: () => import('./views/staff/StaffHome.vue') }],
  },
  {
    path: '/print',
    component: () => import('./views/print/PrintLayout.vue'),
    children: [{ path: 'device', name: 'print-device', component: () => import('./views/print/PrintDeviceSheet.vue') }],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
];

export function createAppRouter() {
  return createRouter({ history: createWebHistory(), routes });
}
