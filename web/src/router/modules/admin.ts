import type { RouteRecordRaw } from "vue-router";
import { Avatar } from "@element-plus/icons-vue";

export const adminRoutes: RouteRecordRaw[] = [
  { path: "admin/users", name: "admin-users", component: () => import("@/views/admin/users/index.vue"), meta: { title: "menu.adminUsers", roles: ["admin"], icon: Avatar } }
];
