import type { RouteRecordRaw } from "vue-router";
import { Avatar, Lock, Tickets } from "@element-plus/icons-vue";

/**
 * The separated administrators (三员分立): the system administrator's accounts, the security
 * administrator's view of them (unlocks, second-factor resets) and the security policy; the
 * audit administrator reads the audit log (authority/audit, which authorities read in scope).
 */
export const adminRoutes: RouteRecordRaw[] = [
  { path: "admin/users", name: "admin-users", component: () => import("@/views/admin/users/index.vue"), meta: { title: "menu.adminUsers", roles: ["admin", "security_admin"], icon: Avatar } },
  { path: "security/policy", name: "security-policy", component: () => import("@/views/security/policy/index.vue"), meta: { title: "menu.securityPolicy", roles: ["security_admin"], icon: Lock } },
  { path: "audit", name: "audit-log", component: () => import("@/views/authority/audit/index.vue"), meta: { title: "menu.auditLog", roles: ["audit_admin"], icon: Tickets } }
];
