import type { RouteRecordRaw } from "vue-router";
import { Odometer, Notebook, EditPen, Calendar, Medal, Document, FirstAidKit } from "@element-plus/icons-vue";

const roles = ["person" as const];
export const personRoutes: RouteRecordRaw[] = [
  { path: "me/dashboard", name: "person-dashboard", component: () => import("@/views/person/dashboard/index.vue"), meta: { title: "menu.personDashboard", roles, icon: Odometer } },
  { path: "me/records", name: "person-records", component: () => import("@/views/person/records/index.vue"), meta: { title: "menu.personRecords", roles, icon: Notebook } },
  { path: "me/declare", name: "person-declare", component: () => import("@/views/person/declare/index.vue"), meta: { title: "menu.personDeclare", roles, icon: EditPen } },
  { path: "me/exemptions", name: "person-exemptions", component: () => import("@/views/person/exemptions/index.vue"), meta: { title: "menu.personExemptions", roles, icon: FirstAidKit } },
  { path: "me/history", name: "person-history", component: () => import("@/views/person/history/index.vue"), meta: { title: "menu.personHistory", roles, icon: Calendar } },
  { path: "me/promotion", name: "person-promotion", component: () => import("@/views/person/promotion/index.vue"), meta: { title: "menu.personPromotion", roles, icon: Medal } },
  { path: "me/certificates", name: "person-certificates", component: () => import("@/views/person/certificates/index.vue"), meta: { title: "menu.personCertificates", roles, icon: Document } }
];
