import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../../electron/contract';

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

/** The roles that receive dossiers (the contract's `desk.receive`). */
const RECEIVERS: Role[] = ['receptionist', 'processor', 'supervisor'];

/**
 * A desk page's `meta.roles`: the roles that may see it, as the contract's table lets them call what
 * it shows; no list, every officer. The desk frame shows such a page to no one else (StaffLayout).
 */
declare module 'vue-router' {
  interface RouteMeta {
    roles?: readonly Role[];
  }
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
      { path: 'ticket', name: 'kiosk-ticket', component: () => import('./views/kiosk/KioskTicket.vue') },
      { path: 'file/:code', name: 'kiosk-file', component: () => import('./views/kiosk/KioskFileWizard.vue') },
      { path: 'filed/:code', name: 'kiosk-filed', component: () => import('./views/kiosk/KioskFiled.vue') },
      { path: 'book/:code', name: 'kiosk-book', component: () => import('./views/visit/KioskBook.vue') },
      { path: 'checkin', name: 'kiosk-checkin', component: () => import('./views/visit/KioskCheckIn.vue') },
      // "Gọi cán bộ hỗ trợ": any screen may send a resident here (the search's "no results" does).
      { path: 'help', name: 'kiosk-help', component: () => import('./views/visit/KioskHelp.vue') },
      ...catalogRoutes('kiosk'),
    ],
  },
  {
    path: '/staff',
    component: () => import('./views/staff/StaffLayout.vue'),
    children: [
      { path: '', name: 'staff-home', component: () => import('./views/staff/StaffCounter.vue') },
      { path: 'receive', name: 'staff-receive', component: () => import('./views/staff/StaffReceive.vue'), meta: { roles: RECEIVERS } },
      { path: 'dossiers', name: 'staff-dossiers', component: () => import('./views/staff/StaffDossiers.vue') },
      { path: 'dossiers/:code', name: 'staff-dossier', component: () => import('./views/staff/StaffDossier.vue') },
      { path: 'deadlines', name: 'staff-deadlines', component: () => import('./views/staff/StaffDeadlines.vue') },
      { path: 'reports', name: 'staff-reports', component: () => import('./views/staff/StaffReports.vue'), meta: { roles: ['supervisor'] } },
      { path: 'admin', name: 'staff-admin', component: () => import('./views/staff/StaffAdmin.vue'), meta: { roles: ['desk_admin', 'supervisor'] } },
      { path: 'announcements', name: 'staff-announcements', component: () => import('./views/staff/StaffAnnouncements.vue'), meta: { roles: ['desk_admin', 'supervisor'] } },
      ...catalogRoutes('staff'),
    ],
  },
  {
    path: '/print',
    component: () => import('./views/print/PrintLayout.vue'),
    children: [
      { path: 'device', name: 'print-device', component: () => import('./views/print/PrintDeviceSheet.vue') },
      { path: 'receipt/:code', name: 'print-receipt', component: () => import('./views/print/PrintReceipt.vue') },
      { path: 'feedback/:code', name: 'print-feedback', component: () => import('./views/print/PrintFeedback.vue') },
      { path: 'desk/:form(01|02|03|04|05)/:code', name: 'print-desk-form', component: () => import('./views/print/PrintDeskForm.vue') },
      { path: 'ticket/:id(\\d+)', name: 'print-ticket', component: () => import('./views/print/PrintTicket.vue') },
      { path: 'declaration/:code', name: 'print-declaration', component: () => import('./views/print/PrintDeclaration.vue') },
      { path: 'booking/:code', name: 'print-booking', component: () => import('./views/print/PrintBooking.vue') },
      { path: 'checklist/:code', name: 'print-checklist', component: () => import('./views/print/PrintChecklist.vue') },
      { path: 'register', name: 'print-register', component: () => import('./views/print/PrintRegister.vue') },
    ],
  },
  { path: '/display', name: 'display', component: () => import('./views/DisplayView.vue') },
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
