import type { RouteRecordRaw } from "vue-router";

/** Pages anyone may open without signing in (SPEC §4, the public). */
export const publicRoutes: RouteRecordRaw[] = [
  { path: "/login", name: "login", component: () => import("@/views/public/login/index.vue"), meta: { title: "menu.login" } },
  { path: "/verify/:serial?", name: "verify", component: () => import("@/views/public/verify/index.vue"), meta: { title: "menu.verify" } },
  { path: "/providers", name: "public-providers", component: () => import("@/views/public/providers/index.vue"), meta: { title: "menu.providers" } },
  { path: "/courses", name: "public-courses", component: () => import("@/views/market/catalogue/index.vue"), meta: { title: "menu.courses" } }
];
