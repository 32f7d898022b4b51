import { createApp } from "vue";
import { createPinia } from "pinia";
import App from "./App.vue";
import { router } from "./router";
import { i18n, setLocale, type Locale } from "./i18n";
import "element-plus/theme-chalk/base.css";
import "element-plus/theme-chalk/el-message.css";
import "element-plus/theme-chalk/el-message-box.css";
import "element-plus/theme-chalk/el-loading.css";
import "./styles/index.css";

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
setLocale(i18n.global.locale.value as Locale);
app.mount("#app");
