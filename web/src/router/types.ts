import type { Component } from "vue";
import type { Role } from "@/api/types";
import "vue-router";

declare module "vue-router" {
  interface RouteMeta {
    /** Locale key of the page title and menu entry. */
    title?: string;
    /** Roles that may open the page; absent means public. */
    roles?: Role[];
    icon?: Component;
    /** Shown in the side menu (default true for pages with roles). */
    menu?: boolean;
    /**
     * Starts the page's first API calls (`prefetchGet`) when navigation to it begins, so they run
     * while the page's code loads instead of after it has mounted.
     */
    prefetch?: () => void;
  }
}
