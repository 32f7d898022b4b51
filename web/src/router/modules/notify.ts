import type { RouteRecordRaw } from "vue-router";
import { Bell, Promotion } from "@element-plus/icons-vue";

/** 消息通知 for every role (reached from the bell), and 催办 for authorities. */
export const notifyRoutes: RouteRecordRaw[] = [
  { path: "notices", name: "notices", component: () => import("@/views/notify/index.vue"), meta: { title: "menu.notices", roles: ["person", "employer_admin", "provider_admin", "authority", "admin"], icon: Bell, menu: false } },
  { path: "notify/urge", name: "urge", component: () => import("@/views/notify/urge.vue"), meta: { title: "menu.urge", roles: ["authority", "admin"], icon: Promotion } }
];
