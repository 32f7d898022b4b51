import type { RouteRecordRaw } from "vue-router";
import { prefetchDashboard } from "@/views/authority/dashboard/queries";
import { TrendCharts, OfficeBuilding, UserFilled, Stamp, Tickets, Files, Collection, Operation } from "@element-plus/icons-vue";

const roles = ["authority" as const];
export const authorityRoutes: RouteRecordRaw[] = [
  { path: "authority/dashboard", name: "authority-dashboard", component: () => import("@/views/authority/dashboard/index.vue"), meta: { title: "menu.authorityDashboard", roles, icon: TrendCharts, prefetch: prefetchDashboard } },
  { path: "authority/employers", name: "authority-employers", component: () => import("@/views/authority/employers/index.vue"), meta: { title: "menu.authorityEmployers", roles, icon: OfficeBuilding } },
  { path: "authority/persons", name: "authority-persons", component: () => import("@/views/authority/persons/index.vue"), meta: { title: "menu.authorityPersons", roles, icon: UserFilled } },
  { path: "authority/providers", name: "authority-providers", component: () => import("@/views/market/providers/index.vue"), meta: { title: "menu.authorityProviders", roles: ["authority", "admin"], icon: Stamp } },
  { path: "authority/catalogue", name: "authority-catalogue", component: () => import("@/views/market/publish/index.vue"), meta: { title: "menu.authorityCatalogue", roles: ["authority", "admin"], icon: Collection } },
  { path: "authority/audit", name: "authority-audit", component: () => import("@/views/authority/audit/index.vue"), meta: { title: "menu.authorityAudit", roles, icon: Tickets } },
  { path: "authority/what-if", name: "authority-what-if", component: () => import("@/views/authority/what-if/index.vue"), meta: { title: "menu.whatIf", roles: ["authority", "admin"], icon: Operation } },
  { path: "policies", name: "policies", component: () => import("@/views/authority/policies/index.vue"), meta: { title: "menu.policies", roles: ["authority", "admin"], icon: Files } }
];
