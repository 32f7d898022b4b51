import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import "./types";
import type { Role } from "@/api/types";
import { useUserStore, installUnauthorizedHandler } from "@/store/user";
import { i18n } from "@/i18n";
import { publicRoutes } from "./modules/public";
import { personRoutes } from "./modules/person";
import { employerRoutes } from "./modules/employer";
import { providerRoutes } from "./modules/provider";
import { authorityRoutes } from "./modules/authority";
import { adminRoutes } from "./modules/admin";
import { peopleRoutes } from "./modules/people";
import { notifyRoutes } from "./modules/notify";
import { accountRoutes } from "./modules/account";

/** Pages inside the signed-in layout, in menu order. */
export const appRoutes: RouteRecordRaw[] = [
  ...personRoutes, ...employerRoutes, ...providerRoutes, ...authorityRoutes, ...peopleRoutes, ...notifyRoutes, ...adminRoutes, ...accountRoutes
];

/** Where each role lands after signing in. */
export const HOME: Record<Role, string> = {
  person: "/me/dashboard",
  employer_admin: "/unit/compliance",
  provider_admin: "/provider/courses",
  authority: "/authority/dashboard",
  admin: "/admin/users",
  security_admin: "/admin/users",
  audit_admin: "/audit"
};

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    ...publicRoutes,
    { path: "/", component: () => import("@/layout/index.vue"), children: appRoutes },
    { path: "/:pathMatch(.*)*", redirect: "/" }
  ],
  scrollBehavior: () => ({ top: 0 })
});

router.beforeEach((to) => {
  const store = useUserStore();
  if (to.path === "/") return store.role ? HOME[store.role] : "/login";
  const roles = to.meta.roles;
  if (!roles) return true;
  if (!store.loggedIn) return { path: "/login", query: { redirect: to.fullPath } };
  if (store.role && !roles.includes(store.role)) return HOME[store.role];
  to.meta.prefetch?.();
  return true;
});

router.afterEach((to) => {
  const t = i18n.global.t;
  document.title = to.meta.title ? `${t(to.meta.title)} · ${t("app.title")}` : t("app.title");
});

installUnauthorizedHandler(() => {
  useUserStore().clear();
  const current = router.currentRoute.value;
  if (current.meta.roles) void router.push({ path: "/login", query: { redirect: current.fullPath, expired: "1" } });
});
