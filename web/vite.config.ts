/// <reference types="vitest" />
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import vue from "@vitejs/plugin-vue";
import Components from "unplugin-vue-components/vite";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";
import { parse } from "yaml";

/** Locale files are YAML (easy to edit, comments allowed); they become plain JSON modules. */
function yamlModules(): Plugin {
  return {
    name: "jixu-yaml",
    transform(code, id) {
      if (!id.endsWith(".yaml")) return null;
      return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
    }
  };
}

// Element Plus components are imported on demand (unplugin-vue-components) so each page chunk
// carries only what it uses; ECharts is imported only by chart pages (src/utils/echarts.ts).
export default defineConfig({
  base: "./",
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  plugins: [
    vue(),
    yamlModules(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: "css" })],
      dts: false
    })
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/healthz": "http://127.0.0.1:8080" }
  },
  build: {
    outDir: "dist",
    manifest: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes("node_modules/echarts") || id.includes("node_modules/zrender")) return "echarts";
          if (id.includes("node_modules/@vue/") || id.includes("node_modules/vue/") ||
              id.includes("node_modules/vue-router") || id.includes("node_modules/pinia") ||
              id.includes("node_modules/vue-i18n") || id.includes("node_modules/@intlify")) return "vue";
          return undefined;
        }
      }
    }
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node"
  }
});
