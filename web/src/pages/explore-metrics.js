// The metric chart builder: metric, label filters, aggregation, group by, range → GET /api/v1/query_range.
import { h, setChildren, notice, esc, fmtNumber, labelsText } from '../dom.js';
import { getJson, query } from '../api.js';
import { chart } from '../charts.js';

const RANGES = [['5m', 300], ['15m', 900], ['1h', 3600], ['6h', 21600], ['24h', 86400]];
const AGGS = ['avg', 'min', 'max', 'sum', 'count', 'rate', 'p50', 'p90', 'p95', 'p99'];

export function metricsPanel(root, params) {
  const metric = h('select', { name: 'metric', 'data-testid': 'metric' });
  const agg = h('select', { name: 'agg', 'data-testid': 'agg' }, AGGS.map((a) => h('option', { value: a, text: a })));
  const by = h('select', { name: 'by', 'data-testid': 'by' }, h('option', { value: '', text: '(no grouping)' }));
  const range = h('select', { name: 'range' }, RANGES.map(([label, s]) => h('option', { value: String(s), text: 'last ' + label })));
  range.value = '900';
  const filters = h('div', { class: 'filters', 'data-testid': 'filters' });
  const filterName = h('select', { name: 'filter-name' });
  const filterValue = h('select', { name: 'filter-value' });
  const run = h('button', { type: 'submit', 'data-testid': 'run', text: 'Run query' });
  const summary = h('p', { class: 'muted', 'data-testid': 'metric-summary' });
  const chartEl = h('div', { class: 'chart tall', 'data-testid': 'metric-chart' });
  const active = new Map(); // label → value

  const form = h('form', { class: 'toolbar' },
    h('label', {}, 'metric ', metric), h('label', {}, 'aggregation ', agg), h('label', {}, 'group by ', by),
    h('label', {}, 'range ', range), run);
  const filterForm = h('form', { class: 'toolbar' }, h('span', { text: 'filter: ' }), filterName, h('span', { text: '=' }), filterValue,
    h('button', { type: 'submit', text: 'Add filter' }), filters);
  setChildren(root, h('section', { class: 'panel' }, h('h2', { text: 'Metrics' }), form, filterForm, summary, chartEl));
  const c = chart(chartEl);

  function renderFilters() {
    setChildren(filters, [...active].map(([k, v]) => h('span', { class: 'chip' }, `${k}="${v}" `,
      h('button', { type: 'button', 'aria-label': 'remove filter', text: '×', onclick: () => { active.delete(k); renderFilters(); } }))));
  }

  async function loadLabels() {
    if (!metric.value) return;
    const labels = await getJson('/api/v1/labels' + query({ metric: metric.value }), { unwrap: true });
    setChildren(by, h('option', { value: '', text: '(no grouping)' }), labels.map((l) => h('option', { value: l, text: l })));
    setChildren(filterName, labels.map((l) => h('option', { value: l, text: l })));
    if (labels.includes('host')) by.value = 'host';
    active.clear();
    renderFilters();
    await loadValues();
  }

  async function loadValues() {
    if (!filterName.value) return setChildren(filterValue);
    const values = await getJson(`/api/v1/label/${encodeURIComponent(filterName.value)}/values` + query({ metric: metric.value }), { unwrap: true });
    const previous = filterValue.value;
    setChildren(filterValue, values.map((v) => h('option', { value: v, text: v })));
    if (values.includes(previous)) filterValue.value = previous; // a choice made while the values loaded stays
  }

  async function draw() {
    const seconds = Number(range.value);
    const end = Math.ceil(Date.now() / 1000);
    const start = end - seconds;
    const step = Math.max(5, Math.round(seconds / 240));
    const p = { metric: metric.value, agg: agg.value, start, end, step: step + 's', by: by.value };
    for (const [k, v] of active) p['label.' + k] = v;
    summary.textContent = 'loading…';
    try {
      const data = await getJson('/api/v1/query_range' + query(p), { unwrap: true });
      const series = data.series ?? [];
      const points = series.reduce((n, s) => n + s.points.length, 0);
      summary.textContent = `${series.length} series, ${points} points · step ${step}s · from ${data.source}`;
      summary.dataset.series = String(series.length);
      c.setOption({
        backgroundColor: 'transparent',
        tooltip: { trigger: 'axis', formatter: (items) => items.map((i) => `${esc(i.seriesName)}: ${esc(fmtNumber(i.value[1], 2))}`).join('<br>') },
        legend: { type: 'scroll', top: 0, textStyle: { color: '#ccc' } },
        grid: { left: 70, right: 20, top: 40, bottom: 60 },
        dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 10 }],
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: true },
        series: series.map((s) => ({ name: Object.keys(s.labels ?? {}).length ? labelsText(s.labels) : metric.value, type: 'line',
          showSymbol: false, data: s.points })),
      }, true);
    } catch (e) {
      summary.textContent = '';
      setChildren(summary, notice('error', e.message));
    }
  }

  metric.addEventListener('change', () => loadLabels().catch((e) => setChildren(summary, notice('error', e.message))));
  filterName.addEventListener('change', () => loadValues());
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (filterName.value && filterValue.value) active.set(filterName.value, filterValue.value);
    renderFilters();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    draw();
  });

  (async () => {
    try {
      const names = await getJson('/api/v1/metric_names', { unwrap: true });
      if (names.length === 0) return setChildren(summary, notice('info', 'no metrics stored yet'));
      setChildren(metric, names.map((n) => h('option', { value: n, text: n })));
      const wanted = params.get('metric');
      metric.value = names.includes(wanted) ? wanted : names.includes('node_cpu_usage_percent') ? 'node_cpu_usage_percent' : names[0];
      if (params.get('agg')) agg.value = params.get('agg');
      await loadLabels();
      await draw();
    } catch (e) {
      setChildren(summary, notice('error', e.message));
    }
  })();
  return null;
}
