// The big screen: fleet, ingest rates, error rate per service, firing alerts. Updated by GET /api/v1/live.
import { h, setChildren, fmtNumber, fmtTime, esc } from '../dom.js';
import { getJson, liveStream } from '../api.js';
import { chart } from '../charts.js';

const HISTORY = 120; // snapshots kept (one a second)
const MAX_ROWS = 40; // hosts per heat map
const MAX_CARDS = 200; // fleet cards (down hosts first)

export function bigScreen(root) {
  const history = [];
  const kpi = (id, label) => h('div', { class: 'kpi', 'data-testid': 'kpi-' + id },
    h('div', { class: 'kpi-value', 'data-testid': id, text: '–' }), h('div', { class: 'kpi-label', text: label }));
  const tiles = h('div', { class: 'kpis' },
    kpi('hosts-up', 'hosts up'), kpi('hosts-down', 'hosts down'), kpi('metrics-rate', 'metric samples/s'),
    kpi('logs-rate', 'log records/s'), kpi('spans-rate', 'spans/s'), kpi('queued', 'queued items'),
    kpi('alerts-firing', 'alerts firing'));
  const cpuEl = h('div', { class: 'chart' });
  const memEl = h('div', { class: 'chart' });
  const ratesEl = h('div', { class: 'chart' });
  const errorsEl = h('div', { class: 'chart' });
  const hostsEl = h('div', { class: 'hosts', 'data-testid': 'hosts' });
  const ticker = h('div', { class: 'ticker', 'data-testid': 'ticker', 'aria-live': 'polite' }, h('span', { text: 'loading alerts…' }));
  const status = h('div', { class: 'live-status', 'data-testid': 'live-status' },
    h('span', { text: 'snapshot ' }), h('span', { 'data-testid': 'live-time', text: 'waiting for the live stream…' }),
    h('span', { text: ' · totals: ' }), h('span', { 'data-testid': 'metrics-total', text: '–' }), h('span', { text: ' samples, ' }),
    h('span', { 'data-testid': 'logs-total', text: '–' }), h('span', { text: ' logs, ' }),
    h('span', { 'data-testid': 'spans-total', text: '–' }), h('span', { text: ' spans' }));

  setChildren(root, h('div', { class: 'big' },
    h('div', { class: 'ticker-row' }, h('strong', { text: 'Firing' }), ticker),
    tiles,
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', { text: 'CPU % by host (last 2 min)' }), cpuEl),
      h('section', { class: 'panel' }, h('h2', { text: 'Memory % by host (last 2 min)' }), memEl),
      h('section', { class: 'panel' }, h('h2', { text: 'Ingest rate (items/s, 10 s window)' }), ratesEl),
      h('section', { class: 'panel' }, h('h2', { text: 'Error rate by service (failed spans, else error logs)' }), errorsEl)),
    h('section', { class: 'panel' }, h('h2', { text: 'Fleet' }), hostsEl),
    status));

  const cpu = chart(cpuEl);
  const mem = chart(memEl);
  const rates = chart(ratesEl);
  const errors = chart(errorsEl);

  // One row per host: at most MAX_ROWS, the hottest by their latest value, so a large fleet stays readable.
  function heat(c, field, snapshots) {
    const latest = snapshots[snapshots.length - 1];
    const hosts = latest.hosts.filter((x) => x[field] !== null).sort((a, b) => b[field] - a[field]).slice(0, MAX_ROWS)
      .map((x) => x.host).sort();
    const row = new Map(hosts.map((name, i) => [name, i]));
    const times = snapshots.map((s) => new Date(s.time).toISOString().slice(11, 19));
    const data = [];
    snapshots.forEach((s, x) => s.hosts.forEach((host) => {
      const y = row.get(host.host);
      if (y !== undefined && host[field] !== null && host.up) data.push([x, y, Math.round(host[field] * 10) / 10]);
    }));
    c.setOption({
      backgroundColor: 'transparent',
      tooltip: { formatter: (p) => `${esc(hosts[p.value[1]])} @ ${esc(times[p.value[0]])}<br>${esc(p.value[2])} %` },
      grid: { left: 90, right: 20, top: 10, bottom: 50 },
      xAxis: { type: 'category', data: times, axisLabel: { interval: 19 } },
      yAxis: { type: 'category', data: hosts },
      visualMap: { min: 0, max: 100, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, calculable: false,
        inRange: { color: ['#0b3d2e', '#1a9850', '#fee08b', '#f46d43', '#a50026'] }, textStyle: { color: '#ccc' } },
      series: [{ type: 'heatmap', data, animation: false }],
    });
  }

  function render(s) {
    history.push(s);
    if (history.length > HISTORY) history.shift();
    const up = s.hosts.filter((x) => x.up).length;
    const text = (id, v) => { tiles.querySelector(`[data-testid="${id}"]`).textContent = v; };
    text('hosts-up', String(up));
    text('hosts-down', String(s.hosts.length - up));
    tiles.querySelector('[data-testid="kpi-hosts-down"]').classList.toggle('bad', s.hosts.length - up > 0);
    text('metrics-rate', fmtNumber(s.ingest.metrics.rate));
    text('logs-rate', fmtNumber(s.ingest.logs.rate));
    text('spans-rate', fmtNumber(s.ingest.spans.rate));
    text('queued', fmtNumber(s.ingest.queued));
    status.querySelector('[data-testid="live-time"]').textContent = fmtTime(s.time);
    status.dataset.history = String(history.length);
    status.querySelector('[data-testid="metrics-total"]').textContent = String(s.ingest.metrics.total);
    status.querySelector('[data-testid="logs-total"]').textContent = String(s.ingest.logs.total);
    status.querySelector('[data-testid="spans-total"]').textContent = String(s.ingest.spans.total);

    heat(cpu, 'cpu', history);
    heat(mem, 'mem', history);
    const times = history.map((x) => x.time);
    rates.setOption({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmtNumber(v) },
      legend: { top: 0, textStyle: { color: '#ccc' } },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value' },
      series: ['metrics', 'logs', 'spans'].map((k) => ({ name: k, type: 'line', showSymbol: false, animation: false,
        data: history.map((x, i) => [times[i], x.ingest[k].rate]) })),
    });
    const services = s.services.filter((x) => x.errorRate !== null);
    errors.setOption({
      backgroundColor: 'transparent',
      tooltip: { formatter: (p) => `${esc(p.name)}: ${esc((p.value * 100).toFixed(1))} %` },
      grid: { left: 90, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'category', data: services.map((x) => x.service || '(none)') },
      series: [{ type: 'bar', animation: false, data: services.map((x) => ({ value: x.errorRate,
        itemStyle: { color: x.errorRate > 0.2 ? '#e5534b' : x.errorRate > 0.05 ? '#d29922' : '#3fb950' } })) }],
    });
    const cards = [...s.hosts].sort((a, b) => Number(a.up) - Number(b.up) || a.host.localeCompare(b.host));
    setChildren(hostsEl, cards.length > MAX_CARDS ? h('div', { class: 'muted', text: `${cards.length - MAX_CARDS} more hosts not shown` }) : null,
      cards.slice(0, MAX_CARDS).map((x) => h('div', { class: 'host ' + (x.up ? 'up' : 'down'), 'data-testid': 'host' },
      h('div', { class: 'host-name', text: x.host }),
      h('div', { class: 'host-meta', text: `${x.service || '–'} · cpu ${fmtNumber(x.cpu)}% · mem ${fmtNumber(x.mem)}%` }),
      h('div', { class: 'host-meta', text: x.up ? 'up' : 'down since ' + fmtTime(x.lastSeen) }))));
  }

  const conn = document.getElementById('conn');
  const stop = liveStream(render, (state, detail) => {
    conn.textContent = state === 'open' ? 'live' : 'reconnecting' + (detail ? ': ' + detail : '');
    conn.className = 'conn ' + (state === 'open' ? 'ok' : 'bad');
  });

  // Firing alerts come from the alerting API (another part of the server); without it, say so.
  let alertTimer = null;
  async function pollAlerts() {
    const count = tiles.querySelector('[data-testid="alerts-firing"]');
    try {
      const body = await getJson('/api/v1/alerts?state=firing');
      const alerts = body?.alerts ?? [];
      count.textContent = String(alerts.length);
      tiles.querySelector('[data-testid="kpi-alerts-firing"]').classList.toggle('bad', alerts.length > 0);
      setChildren(ticker, alerts.length === 0 ? h('span', { class: 'ok', text: 'nothing firing' })
        : alerts.map((a) => h('span', { class: 'tick', 'data-testid': 'tick' },
          h('b', { text: a.rule }), ' ', Object.entries(a.labels ?? {}).filter(([k]) => k !== 'alertname').map(([k, v]) => `${k}=${v}`).join(' '),
          a.annotations?.summary ? ' — ' + a.annotations.summary : '', ' since ' + fmtTime(a.firedAt ?? a.activeAt))));
    } catch (e) {
      count.textContent = '–';
      setChildren(ticker, h('span', { class: 'muted', 'data-testid': 'alerts-unavailable',
        text: e.status === 404 ? 'alerting not available on this server' : e.message }));
    }
  }
  pollAlerts();
  alertTimer = setInterval(pollAlerts, 5000);

  return () => {
    stop();
    clearInterval(alertTimer);
    conn.textContent = '';
    conn.className = 'conn';
  };
}
