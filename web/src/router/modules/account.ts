import type { RouteRecordRaw } from "vue-router";
import type { Role } from "@/api/types";
import { Lock, Monitor } from "@element-plus/icons-vue";

/** One's own account, under the user menu (not the side menu): every role has it. */
const everyone: Role[] = ["person", "employer_admin", "provider_admin", "authority", "admin", "security_admin", "audit_admin"];
export const accountRoutes: RouteRecordRaw[] = [
  { path: "account/security", name: "account-security", component: () => import("@/views/account/security/index.vue"), meta: { title: "menu.accountSecurity", roles: everyone, icon: Lock, menu: false } },
  { path: "account/sessions", name: "account-sessions", component: () => import("@/views/account/sessions/index.vue"), meta: { title: "menu.accountSessions", roles: everyone, icon: Monitor, menu: false } }
];
