// ECharts with only what the chart pages draw (bar, line, pie on a canvas, with a grid, tooltip
// and legend; no title component: titles are the cards' headings): imported by chart pages
// alone, so the rest of the UI never loads it.
import { use, init, type ComposeOption } from "echarts/core";
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from "echarts/charts";
import { GridComponent, TooltipComponent, LegendComponent, type GridComponentOption,
  type TooltipComponentOption, type LegendComponentOption } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption |
  TooltipComponentOption | LegendComponentOption>;
export { init };
