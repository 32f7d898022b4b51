/// <reference types="vitest" />
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
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

/**
 * `virtual:regions`: city and province names by code prefix (4 and 2 digits) from the repository's
 * GB/T 2260 table (data/regions.csv), for labelling charts; only the chart pages import it.
 */
function regionNames(): Plugin {
  const id = "virtual:regions";
  return {
    name: "jixu-regions",
    resolveId: (source) => (source === id ? "\0" + id : null),
    load(resolved) {
      if (resolved !== "\0" + id) return null;
      const file = fileURLToPath(new URL("../data/regions.csv", import.meta.url));
      const names: Record<string, string> = {};
      for (const line of readFileSync(file, "utf8").split(/\r?\n/).slice(1)) {
        const [code, name] = line.split(",");
        if (!/^\d{6}$/.test(code ?? "")) continue;
        if (code.endsWith("0000")) names[code.slice(0, 2)] = name;
        else if (code.endsWith("00")) {
          const province = names[code.slice(0, 2)] ?? "";
          names[code.slice(0, 4)] = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name) ? province : name;
        }
      }
      return `export default ${JSON.stringify(names)};`;
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
    regionNames(),
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
