/// <reference types="vite/client" />
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module "*.yaml" {
  const messages: Record<string, unknown>;
  export default messages;
}
declare module "virtual:regions" {
  /** Province (2-digit) and city (4-digit) names by GB/T 2260 code prefix. */
  const names: Record<string, string>;
  export default names;
}
