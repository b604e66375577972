// Explore: a metric chart builder, log search with live tail, and a trace waterfall (three panels).
import { h, setChildren } from '../dom.js';
import { metricsPanel } from './explore-metrics.js';
import { logsPanel } from './explore-logs.js';
import { tracesPanel } from './explore-traces.js';

export function explore(root, { params }) {
  const cleanups = [];
  const tabs = [['metrics', 'Metrics', metricsPanel], ['logs', 'Logs', logsPanel], ['traces', 'Traces', tracesPanel]];
  const current = params.get('tab') ?? 'metrics';
  const body = h('div', { class: 'explore-body' });
  const bar = h('div', { class: 'tabs', role: 'tablist' }, tabs.map(([id, label]) =>
    h('a', { href: `#/explore?tab=${id}`, class: id === current ? 'active' : '', 'data-testid': 'tab-' + id, text: label })));
  setChildren(root, h('div', { class: 'explore' }, bar, body));
  const [, , make] = tabs.find(([id]) => id === current) ?? tabs[0];
  cleanups.push(make(body, params));
  return () => cleanups.forEach((c) => c && c());
}
