import type { RouteRecordRaw } from "vue-router";
import { Switch } from "@element-plus/icons-vue";

/** 人员调动: an employer's HR releases and takes on staff; authorities also move persons directly. */
export const peopleRoutes: RouteRecordRaw[] = [
  { path: "people/transfers", name: "transfers", component: () => import("@/views/people/transfers/index.vue"), meta: { title: "menu.transfers", roles: ["employer_admin", "authority"], icon: Switch } }
];
