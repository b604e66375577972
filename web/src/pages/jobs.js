// Jobs: each engine job (GET /api/v1/jobs) as a graph of its execution plan (Flink's plan JSON: nodes with
// predecessors and ship strategies) drawn with an ECharts graph series, nodes annotated with their
// per-operator metrics (records/s, watermark, backpressure), plus the checkpoint history. The metric field
// names are read generically (any numeric field of an operator's metrics is shown), so the page follows
// whatever the jobs API adds.
import { h, setChildren, notice, esc, fmtNumber, fmtTime } from '../dom.js';
import { getJson } from '../api.js';
import { chart } from '../charts.js';

export function jobsPage(root) {
  const status = h('div', { 'data-testid': 'jobs-status' });
  const list = h('div', { class: 'stack', 'data-testid': 'jobs' });
  setChildren(root, h('div', { class: 'stack' }, h('section', { class: 'panel' }, h('h2', { text: 'Jobs' }), status), list));
  let charts = new Map();

  async function load() {
    try {
      const body = await getJson('/api/v1/jobs');
      const jobs = Array.isArray(body) ? body : body?.jobs ?? body?.data ?? [];
      setChildren(status, jobs.length ? notice('info', `${jobs.length} job(s) · refreshed ${fmtTime(Date.now())}`) : notice('info', 'no jobs running'));
      const seen = new Set();
      for (const job of jobs) {
        const name = job.name ?? job.jobName ?? job.id ?? '(unnamed)';
        seen.add(name);
        let entry = charts.get(name);
        if (!entry) entry = create(name);
        draw(entry, job);
      }
      for (const [name, entry] of charts) if (!seen.has(name)) { entry.section.remove(); charts.delete(name); }
    } catch (e) {
      setChildren(status, notice('error', e.status === 404 ? 'jobs API not available on this server (GET /api/v1/jobs: 404)' : e.message));
    }
  }

  function create(name) {
    const graphEl = h('div', { class: 'chart tall', 'data-testid': 'job-graph' });
    const meta = h('p', { class: 'muted' });
    const operators = h('tbody');
    const checkpoints = h('tbody');
    const section = h('section', { class: 'panel', 'data-testid': 'job', 'data-job': name }, h('h2', { text: name }), meta, graphEl,
      h('div', { class: 'grid2' },
        h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', { text: 'operator' }), h('th', { text: 'metrics' }))), operators)),
        h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['checkpoint', 'status', 'time', 'duration', 'size'].map((t) => h('th', { text: t })))), checkpoints))));
    list.appendChild(section);
    const entry = { section, c: chart(graphEl), meta, operators, checkpoints };
    charts.set(name, entry);
    return entry;
  }

  function draw(entry, job) {
    let plan = job.plan ?? job.executionPlan ?? {};
    if (typeof plan === 'string') {
      try { plan = JSON.parse(plan); } catch { plan = {}; }
    }
    const nodes = plan.nodes ?? [];
    const metricsList = job.operators ?? job.metrics?.operators ?? job.metrics ?? [];
    const metricsOf = (node) => (Array.isArray(metricsList) ? metricsList : Object.entries(metricsList).map(([k, v]) => ({ id: k, ...v })))
      .find((m) => String(m.id ?? m.operatorId) === String(node.id) || (m.uid && m.uid === node.uid) || (m.name ?? m.operator) === node.contents) ?? {};
    entry.meta.textContent = [job.status ?? job.state, job.startTime ? 'started ' + fmtTime(job.startTime) : null,
      `${nodes.length} operators`].filter(Boolean).join(' · ');

    // Layout: column = longest path from a source, row = order within the column.
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const depth = new Map();
    const depthOf = (n, guard = 0) => {
      if (depth.has(n.id)) return depth.get(n.id);
      const preds = (n.predecessors ?? []).map((p) => byId.get(p.id)).filter(Boolean);
      const d = preds.length && guard < 200 ? Math.max(...preds.map((p) => depthOf(p, guard + 1))) + 1 : 0;
      depth.set(n.id, d);
      return d;
    };
    nodes.forEach((n) => depthOf(n));
    const rows = new Map();
    const data = nodes.map((n) => {
      const d = depth.get(n.id);
      const r = rows.get(d) ?? 0;
      rows.set(d, r + 1);
      const m = metricsOf(n);
      const numeric = Object.entries(m).filter(([, v]) => typeof v === 'number');
      const rate = numeric.find(([k]) => /out.*(per.?sec|rate)/i.test(k)) ?? numeric.find(([k]) => /(per.?sec|rate)/i.test(k));
      const pressure = numeric.find(([k]) => /backpressure|busy/i.test(k));
      return {
        id: String(n.id), name: `${n.contents ?? n.type ?? n.id}${n.parallelism ? ' ×' + n.parallelism : ''}${rate ? '\n' + fmtNumber(rate[1]) + ' rec/s' : ''}`,
        x: d * 260, y: r * 110, node: n, metrics: m,
        itemStyle: { color: pressure && pressure[1] > 0.5 ? '#e5534b' : pressure && pressure[1] > 0.1 ? '#d29922' : '#388bfd' },
      };
    });
    const links = nodes.flatMap((n) => (n.predecessors ?? []).map((p) => ({
      source: String(p.id), target: String(n.id), label: { show: true, formatter: String(p.ship_strategy ?? '') + (p.chained ? ' (chained)' : '') },
      lineStyle: { type: p.chained ? 'solid' : 'dashed' } })));
    entry.c.setOption({
      backgroundColor: 'transparent',
      tooltip: { formatter: (p) => p.dataType === 'edge' ? esc(`${p.data.source} → ${p.data.target}`)
        : `<b>${esc(p.data.node.contents ?? p.data.node.type)}</b><br>` + Object.entries(p.data.metrics).map(([k, v]) => `${esc(k)}: ${esc(typeof v === 'number' ? fmtNumber(v, 2) : JSON.stringify(v))}`).join('<br>') },
      series: [{
        type: 'graph', layout: 'none', roam: true, symbol: 'roundRect', symbolSize: [190, 56], edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 9,
        label: { show: true, color: '#fff', fontSize: 12, width: 180, overflow: 'truncate' }, edgeLabel: { fontSize: 10, color: '#aaa' },
        data, links, lineStyle: { color: '#8b949e', width: 1.5, curveness: 0.1 },
      }],
    });
    setChildren(entry.operators, nodes.map((n) => h('tr', { 'data-testid': 'operator-row' }, h('td', { text: n.contents ?? n.type }),
      h('td', { class: 'labels', text: Object.entries(metricsOf(n)).filter(([k]) => !['id', 'name', 'uid', 'operator', 'operatorId'].includes(k))
        .map(([k, v]) => `${k}=${typeof v === 'number' ? fmtNumber(v, 2) : JSON.stringify(v)}`).join('  ') }))));
    const cps = job.checkpoints?.history ?? job.checkpoints ?? [];
    setChildren(entry.checkpoints, (Array.isArray(cps) ? cps : []).slice(-20).reverse().map((cp) => h('tr', {},
      h('td', { text: String(cp.id ?? '') }), h('td', { text: cp.status ?? '' }), h('td', { class: 'nowrap', text: fmtTime(cp.time ?? cp.triggeredAt ?? cp.completedAt) }),
      h('td', { text: cp.durationMs !== undefined ? cp.durationMs + ' ms' : '' }), h('td', { text: cp.size !== undefined ? fmtNumber(cp.size) + ' B' : '' }))));
  }

  load();
  const timer = setInterval(load, 3000);
  return () => {
    clearInterval(timer);
    charts = new Map();
  };
}
