// Traces: recent traces (GET /api/v1/traces) and a waterfall of one (GET /api/v1/traces/{id}) drawn with an
// ECharts custom series: one row per span, a bar from its start to its end, errors in red.
import { h, setChildren, notice, esc, fmtTime, fmtDuration } from '../dom.js';
import { getJson, query } from '../api.js';
import { chart } from '../charts.js';

export function tracesPanel(root, params) {
  const id = h('input', { type: 'text', name: 'trace', placeholder: 'trace id (32 hex digits)', value: params.get('trace') ?? '', 'data-testid': 'trace-id' });
  const errorsOnly = h('input', { type: 'checkbox', name: 'errors' });
  const list = h('tbody', { 'data-testid': 'trace-rows' });
  const status = h('p', { class: 'muted', 'data-testid': 'trace-status' });
  const chartEl = h('div', { class: 'chart tall', 'data-testid': 'waterfall' });
  const detail = h('pre', { class: 'detail', 'data-testid': 'span-detail' });
  const form = h('form', { class: 'toolbar' }, id, h('button', { type: 'submit', 'data-testid': 'trace-open', text: 'Open trace' }),
    h('label', {}, errorsOnly, ' only traces with errors'), h('button', { type: 'button', text: 'Refresh list', onclick: () => loadList() }));
  setChildren(root, h('div', { class: 'grid2 traces' },
    h('section', { class: 'panel' }, h('h2', { text: 'Recent traces (last 15 min)' }),
      h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['start', 'root', 'duration', 'spans', 'errors'].map((t) => h('th', { text: t })))), list))),
    h('section', { class: 'panel' }, h('h2', { text: 'Waterfall' }), form, status, chartEl, detail)));
  const c = chart(chartEl);

  async function loadList() {
    const end = Date.now() / 1000 + 1;
    try {
      const traces = await getJson('/api/v1/traces' + query({ start: end - 900, end, limit: 50, status: errorsOnly.checked ? 'error' : '' }), { unwrap: true });
      setChildren(list, traces.map((t) => h('tr', { class: t.errorCount > 0 ? 'lvl-error' : '' },
        h('td', { class: 'nowrap', text: fmtTime(t.startUnixNano / 1e6) }),
        h('td', {}, h('a', { href: '#/explore?tab=traces&trace=' + encodeURIComponent(t.traceId), 'data-testid': 'trace-link',
          text: `${t.rootService}: ${t.rootName}` })),
        h('td', { text: fmtDuration(t.durationNanos / 1e6) }), h('td', { text: String(t.spanCount) }), h('td', { text: String(t.errorCount) }))));
    } catch (e) {
      setChildren(list, h('tr', {}, h('td', { colspan: '5' }, notice('error', e.message))));
    }
  }

  async function open(traceId) {
    status.textContent = 'loading…';
    try {
      const trace = await getJson('/api/v1/traces/' + encodeURIComponent(traceId), { unwrap: true });
      const spans = [];
      const walk = (s, depth) => {
        spans.push({ ...s, depth });
        (s.children ?? []).forEach((child) => walk(child, depth + 1));
      };
      trace.roots.forEach((r) => walk(r, 0));
      const t0 = Math.min(...spans.map((s) => s.startUnixNano));
      const rows = spans.map((s, i) => ({
        value: [i, (s.startUnixNano - t0) / 1e6, (s.startUnixNano - t0 + s.durationNanos) / 1e6, s.durationNanos / 1e6],
        span: s,
      }));
      status.textContent = `${trace.spanCount} spans · ${trace.traceId}`;
      status.dataset.spans = String(trace.spanCount);
      c.setOption({
        backgroundColor: 'transparent',
        tooltip: { formatter: (p) => { const s = rows[p.dataIndex].span; return `${esc(s.service)}: ${esc(s.name)}<br>${esc(fmtDuration(s.durationNanos / 1e6))} · ${esc(s.status)}${s.statusMessage ? ' — ' + esc(s.statusMessage) : ''}`; } },
        grid: { left: 220, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', name: 'ms', min: 0 },
        yAxis: { type: 'category', inverse: true, data: spans.map((s) => `${'  '.repeat(s.depth)}${s.service}: ${s.name}`) },
        series: [{
          type: 'custom', encode: { x: [1, 2], y: 0 }, data: rows,
          renderItem: (_, api) => {
            const start = api.coord([api.value(1), api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const height = api.size([0, 1])[1] * 0.6;
            const s = rows[_.dataIndex].span;
            return { type: 'rect', shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 2), height },
              style: { fill: s.status === 'Error' ? '#e5534b' : '#388bfd' } };
          },
        }],
      }, true);
      c.off('click');
      c.on('click', (p) => { detail.textContent = JSON.stringify({ ...rows[p.dataIndex].span, children: undefined, depth: undefined }, null, 2); });
    } catch (e) {
      setChildren(status, notice('error', e.message));
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (id.value.trim()) location.hash = '#/explore?tab=traces&trace=' + encodeURIComponent(id.value.trim());
  });
  errorsOnly.addEventListener('change', () => loadList());
  loadList();
  if (params.get('trace')) open(params.get('trace'));
  return null;
}
