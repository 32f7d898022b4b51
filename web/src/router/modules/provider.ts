import type { RouteRecordRaw } from "vue-router";
import { Reading, Promotion, List, School, Stamp } from "@element-plus/icons-vue";

const roles = ["provider_admin" as const];
export const providerRoutes: RouteRecordRaw[] = [
  { path: "provider/courses", name: "provider-courses", component: () => import("@/views/provider/courses/index.vue"), meta: { title: "menu.providerCourses", roles, icon: Reading } },
  { path: "provider/classes", name: "provider-classes", component: () => import("@/views/provider/classes/index.vue"), meta: { title: "menu.providerClasses", roles, icon: School } },
  { path: "provider/report", name: "provider-report", component: () => import("@/views/provider/report/index.vue"), meta: { title: "menu.providerReport", roles, icon: Promotion } },
  { path: "provider/standing", name: "provider-standing", component: () => import("@/views/market/standing/index.vue"), meta: { title: "menu.providerStanding", roles, icon: Stamp } },
  { path: "provider/records", name: "provider-records", component: () => import("@/views/provider/records/index.vue"), meta: { title: "menu.providerRecords", roles, icon: List } }
];
