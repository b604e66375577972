// ECharts, tree-shaken to the charts the dashboard draws. Names and labels reach charts as data (drawn on a
// canvas as text); tooltips use our own formatters with esc().
import * as echarts from 'echarts/core';
import { LineChart, HeatmapChart, BarChart, GraphChart, CustomChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, DataZoomComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, HeatmapChart, BarChart, GraphChart, CustomChart, GridComponent, TooltipComponent,
  LegendComponent, VisualMapComponent, DataZoomComponent, TitleComponent, CanvasRenderer]);

const live = new Set();

/** An ECharts instance on el (dark theme), resized with its element; disposed by disposeCharts(). */
export function chart(el) {
  const c = echarts.init(el, 'dark', { renderer: 'canvas' });
  const observer = new ResizeObserver(() => c.resize());
  observer.observe(el);
  live.add({ c, observer });
  return c;
}

/** Disposes every chart (on page change). */
export function disposeCharts() {
  for (const { c, observer } of live) {
    observer.disconnect();
    c.dispose();
  }
  live.clear();
}

export { echarts };
