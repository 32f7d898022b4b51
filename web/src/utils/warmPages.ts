// The Element Plus parts that nearly every signed-in page draws (tables, tags, selects, radio
// buttons, paging, alerts, links, the loading mask): the sign-in form fetches them with the
// layout while the user types, so the page opened after signing in waits only for its own code.
// The same modules and styles the pages import (unplugin-vue-components), so the chunks are shared.
import { ElAlert, ElLink, ElLoading, ElOption, ElPagination, ElRadioButton, ElRadioGroup, ElSelect, ElTable, ElTableColumn, ElTag } from "element-plus/es";
import "element-plus/es/components/alert/style/css";
import "element-plus/es/components/link/style/css";
import "element-plus/es/components/loading/style/css";
import "element-plus/es/components/option/style/css";
import "element-plus/es/components/pagination/style/css";
import "element-plus/es/components/radio-button/style/css";
import "element-plus/es/components/radio-group/style/css";
import "element-plus/es/components/select/style/css";
import "element-plus/es/components/table/style/css";
import "element-plus/es/components/table-column/style/css";
import "element-plus/es/components/tag/style/css";

export const parts = [ElAlert, ElLink, ElLoading, ElOption, ElPagination, ElRadioButton, ElRadioGroup, ElSelect, ElTable, ElTableColumn, ElTag];
