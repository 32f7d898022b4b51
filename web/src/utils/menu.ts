import type { Component } from "vue";
import type { RouteRecordRaw } from "vue-router";
import type { Role } from "@/api/types";

export interface MenuItem {
  path: string;
  title: string;
  icon?: Component;
}

/** The side menu for a role: the pages whose meta.roles include it, in route order. */
export function menuFor(routes: RouteRecordRaw[], role: Role | null): MenuItem[] {
  if (!role) return [];
  return routes
    .filter((r) => r.meta?.roles?.includes(role) && r.meta.menu !== false)
    .map((r) => ({ path: `/${r.path}`, title: r.meta?.title ?? "", icon: r.meta?.icon }));
}
