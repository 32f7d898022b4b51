import type { RouteRecordRaw } from "vue-router";
import { User, DataAnalysis, Checked, Upload, PieChart, FirstAidKit } from "@element-plus/icons-vue";

const roles = ["employer_admin" as const];
export const employerRoutes: RouteRecordRaw[] = [
  { path: "unit/compliance", name: "employer-compliance", component: () => import("@/views/employer/compliance/index.vue"), meta: { title: "menu.unitCompliance", roles, icon: DataAnalysis } },
  // Authorities review too where the policy sends a form to them after the employer.
  { path: "unit/review", name: "employer-review", component: () => import("@/views/employer/review/index.vue"), meta: { title: "menu.unitReview", roles: ["employer_admin", "authority"], icon: Checked } },
  { path: "unit/exemptions", name: "employer-exemptions", component: () => import("@/views/employer/exemptions/index.vue"), meta: { title: "menu.exemptionQueue", roles: ["employer_admin", "authority"], icon: FirstAidKit } },
  { path: "unit/roster", name: "employer-roster", component: () => import("@/views/employer/roster/index.vue"), meta: { title: "menu.unitRoster", roles, icon: User } },
  { path: "unit/import", name: "employer-import", component: () => import("@/views/employer/import/index.vue"), meta: { title: "menu.unitImport", roles, icon: Upload } },
  { path: "unit/statistics", name: "employer-statistics", component: () => import("@/views/employer/statistics/index.vue"), meta: { title: "menu.unitStatistics", roles, icon: PieChart } }
];
