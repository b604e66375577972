// Alerts: firing and pending (GET /api/v1/alerts), resolved and every transition (GET /api/v1/alerts/history),
// silences (Alertmanager v2: GET/POST /api/v2/silences, DELETE /api/v2/silence/{id}); "Silence" on an alert
// creates a silence matching all of its labels.
import { h, setChildren, notice, fmtTime, labelsText, fmtNumber } from '../dom.js';
import { getJson, send, query } from '../api.js';

export function alertsPage(root) {
  const state = h('select', { name: 'state', 'data-testid': 'alert-state' }, ['', 'firing', 'pending'].map((s) => h('option', { value: s, text: s || 'firing + pending' })));
  const rule = h('input', { type: 'text', name: 'rule', placeholder: 'rule' });
  const labelFilter = h('input', { type: 'text', name: 'labels', placeholder: 'label text, e.g. host=api-2' });
  const range = h('select', { name: 'range' }, [['3600', '1h'], ['21600', '6h'], ['86400', '24h'], ['604800', '7d']].map(([v, t]) => h('option', { value: v, text: 'history: last ' + t })));
  const activeBody = h('tbody', { 'data-testid': 'alert-rows' });
  const historyBody = h('tbody', { 'data-testid': 'history-rows' });
  const silencesBody = h('tbody', { 'data-testid': 'silence-rows' });
  const activeStatus = h('div', { 'data-testid': 'alerts-status' });
  const historyStatus = h('div');
  const silenceStatus = h('div', { 'data-testid': 'silences-status' });
  const silenceFor = h('select', { name: 'silence-for', 'data-testid': 'silence-for' }, [['1', '1h'], ['2', '2h'], ['8', '8h'], ['24', '24h']].map(([v, t]) => h('option', { value: v, text: 'silence for ' + t })));
  silenceFor.value = '2';
  const form = h('form', { class: 'toolbar' }, state, rule, labelFilter, range, h('button', { type: 'submit', text: 'Apply' }), silenceFor);
  const table = (heads, body) => h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, heads.map((t) => h('th', { text: t })))), body));
  setChildren(root, h('div', { class: 'stack' },
    h('section', { class: 'panel' }, h('h2', { text: 'Alerts' }), form, activeStatus,
      table(['state', 'rule', 'labels', 'value', 'active since', 'summary', ''], activeBody)),
    h('section', { class: 'panel' }, h('h2', { text: 'Silences' }), silenceStatus, table(['state', 'matchers', 'ends', 'by', 'comment', ''], silencesBody)),
    h('section', { class: 'panel' }, h('h2', { text: 'History (resolved and every transition)' }), historyStatus,
      table(['time', 'rule', 'labels', 'from → to', 'value'], historyBody))));

  const matchesLabelFilter = (labels) => {
    const text = labelFilter.value.trim().toLowerCase();
    if (!text) return true;
    const all = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`.toLowerCase()).join(' ');
    return text.split(/\s+/).every((t) => all.includes(t));
  };

  async function silence(alert, button) {
    const h0 = Number(silenceFor.value);
    const now = new Date();
    const body = {
      matchers: Object.entries(alert.labels ?? {}).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + h0 * 3600_000).toISOString(),
      createdBy: 'flinq dashboard',
      comment: `silenced from the dashboard: ${alert.rule}`,
    };
    button.disabled = true;
    try {
      const answer = await send('POST', '/api/v2/silences', body);
      setChildren(silenceStatus, notice('info', `silence ${answer?.silenceID ?? ''} created`));
      loadSilences();
    } catch (e) {
      setChildren(silenceStatus, notice('error', e.status === 404 ? 'silences are not available on this server (POST /api/v2/silences: 404)' : e.message));
    } finally {
      button.disabled = false;
    }
  }

  async function loadActive() {
    try {
      const body = await getJson('/api/v1/alerts' + query({ state: state.value, rule: rule.value.trim() }));
      const alerts = (body?.alerts ?? []).filter((a) => matchesLabelFilter(a.labels));
      setChildren(activeStatus, alerts.length ? null : notice('info', 'no alerts match'));
      setChildren(activeBody, alerts.map((a) => {
        const button = h('button', { type: 'button', 'data-testid': 'silence-button', text: 'Silence' });
        button.addEventListener('click', () => silence(a, button));
        return h('tr', { class: 'state-' + a.state, 'data-testid': 'alert-row' },
          h('td', {}, h('span', { class: 'badge ' + a.state, text: a.state })), h('td', { text: a.rule }),
          h('td', { class: 'labels', text: labelsText(a.labels) }), h('td', { text: fmtNumber(a.value, 2) }),
          h('td', { class: 'nowrap', text: fmtTime(a.activeAt) }), h('td', { text: a.annotations?.summary ?? '' }), h('td', {}, button));
      }));
    } catch (e) {
      setChildren(activeBody);
      setChildren(activeStatus, notice('error', e.status === 404 ? 'alerting not available on this server (GET /api/v1/alerts: 404)' : e.message));
    }
  }

  async function loadHistory() {
    const to = new Date();
    const from = new Date(to.getTime() - Number(range.value) * 1000);
    try {
      const body = await getJson('/api/v1/alerts/history' + query({ from: from.toISOString(), to: to.toISOString(), rule: rule.value.trim(), limit: 500 }));
      const events = (body?.events ?? []).filter((e) => matchesLabelFilter(e.labels));
      setChildren(historyStatus, events.length ? null : notice('info', 'no transitions in this range'));
      setChildren(historyBody, events.map((e) => h('tr', { class: 'state-' + e.to },
        h('td', { class: 'nowrap', text: fmtTime(e.time) }), h('td', { text: e.rule }), h('td', { class: 'labels', text: labelsText(e.labels) }),
        h('td', { text: `${e.from} → ${e.to}` }), h('td', { text: fmtNumber(e.value, 2) }))));
    } catch (e) {
      setChildren(historyBody);
      setChildren(historyStatus, notice('error', e.status === 404 ? 'alert history not available on this server (404)' : e.message));
    }
  }

  async function loadSilences() {
    try {
      const silences = await getJson('/api/v2/silences');
      setChildren(silencesBody, (silences ?? []).map((s) => {
        const expire = h('button', { type: 'button', text: 'Expire', disabled: s.status?.state === 'expired' });
        expire.addEventListener('click', async () => {
          try {
            await send('DELETE', '/api/v2/silence/' + encodeURIComponent(s.id));
            loadSilences();
          } catch (e) {
            setChildren(silenceStatus, notice('error', e.message));
          }
        });
        return h('tr', { 'data-testid': 'silence-row' }, h('td', { text: s.status?.state ?? '' }),
          h('td', { class: 'labels', text: (s.matchers ?? []).map((m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}"${m.value}"`).join(', ') }),
          h('td', { class: 'nowrap', text: fmtTime(s.endsAt) }), h('td', { text: s.createdBy ?? '' }), h('td', { text: s.comment ?? '' }), h('td', {}, expire));
      }));
    } catch (e) {
      setChildren(silenceStatus, notice('error', e.status === 404 ? 'silences not available on this server (GET /api/v2/silences: 404)' : e.message));
    }
  }

  const refresh = () => Promise.all([loadActive(), loadHistory(), loadSilences()]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    refresh();
  });
  refresh();
  const timer = setInterval(loadActive, 5000);
  return () => clearInterval(timer);
}
