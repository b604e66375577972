// Log search (GET /api/v1/logs) with highlighting and a live tail that polls for newer records.
import { h, setChildren, notice, highlight, fmtTime } from '../dom.js';
import { getJson, query } from '../api.js';

const LEVELS = ['', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const MAX_ROWS = 1000;

export function logsPanel(root, params) {
  const q = h('input', { type: 'search', name: 'q', placeholder: 'text (case-insensitive)', value: params.get('q') ?? '', 'data-testid': 'log-q' });
  const regex = h('input', { type: 'text', name: 'regex', placeholder: 'regex (RE2)', value: params.get('regex') ?? '' });
  const service = h('input', { type: 'text', name: 'service', placeholder: 'service', value: params.get('service') ?? '' });
  const host = h('input', { type: 'text', name: 'host', placeholder: 'host' });
  const severity = h('select', { name: 'severity' }, LEVELS.map((l) => h('option', { value: l, text: l ? '≥ ' + l : 'any level' })));
  const range = h('select', { name: 'range' }, [['900', '15m'], ['3600', '1h'], ['21600', '6h'], ['86400', '24h']].map(([v, t]) => h('option', { value: v, text: 'last ' + t })));
  range.value = '3600';
  const tail = h('input', { type: 'checkbox', name: 'tail', 'data-testid': 'tail' });
  const status = h('p', { class: 'muted', 'data-testid': 'log-status' });
  const rows = h('tbody', { 'data-testid': 'log-rows' });
  const form = h('form', { class: 'toolbar' }, q, regex, service, host, severity, range,
    h('button', { type: 'submit', 'data-testid': 'log-search', text: 'Search' }), h('label', {}, tail, ' live tail'));
  setChildren(root, h('section', { class: 'panel' }, h('h2', { text: 'Logs' }), form, status,
    h('div', { class: 'table-wrap' }, h('table', { class: 'logs' },
      h('thead', {}, h('tr', {}, ['time', 'level', 'service', 'host', 'message'].map((t) => h('th', { text: t })))), rows))));

  let newest = 0;
  let timer = null;
  let terms = {};

  function row(l) {
    return h('tr', { class: 'lvl-' + l.level, 'data-testid': 'log-row' },
      h('td', { class: 'nowrap', text: fmtTime(l.timestamp) }), h('td', { text: l.level }), h('td', { text: l.service }),
      h('td', { text: l.host }), h('td', { class: 'body', 'data-testid': 'log-body' }, highlight(l.body, terms.q, terms.regex)));
  }

  function params0() {
    return { q: q.value.trim(), regex: regex.value.trim(), service: service.value.trim(), host: host.value.trim(), severity: severity.value };
  }

  async function search() {
    terms = params0();
    const end = Date.now() / 1000 + 1;
    status.textContent = 'searching…';
    try {
      const data = await getJson('/api/v1/logs' + query({ ...terms, start: end - Number(range.value), end, limit: 200 }), { unwrap: true });
      setChildren(rows, data.logs.map(row));
      newest = data.logs.length ? data.logs[0].timestamp : Date.now() - 5000;
      status.textContent = `${data.logs.length} records${data.next ? ' (newest 200 shown)' : ''}`;
      status.dataset.count = String(data.logs.length);
    } catch (e) {
      setChildren(status, notice('error', e.message));
    }
  }

  async function poll() {
    try {
      const data = await getJson('/api/v1/logs' + query({ ...terms, start: (newest + 1) / 1000, end: Date.now() / 1000 + 1, limit: 500 }), { unwrap: true });
      if (data.logs.length) {
        newest = data.logs[0].timestamp;
        rows.prepend(...data.logs.map(row));
        while (rows.children.length > MAX_ROWS) rows.lastChild.remove();
        status.textContent = `tailing · ${rows.children.length} records shown`;
      }
    } catch (e) {
      setChildren(status, notice('error', e.message));
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    search();
  });
  tail.addEventListener('change', () => {
    clearInterval(timer);
    timer = tail.checked ? setInterval(poll, 2000) : null;
  });
  search();
  return () => clearInterval(timer);
}
