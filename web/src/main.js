import './style.css';
import { h, setChildren } from './dom.js';
import { setTokens, tokens } from './api.js';
import { disposeCharts } from './charts.js';
import { bigScreen } from './pages/big.js';
import { explore } from './pages/explore.js';
import { alertsPage } from './pages/alerts.js';
import { rulesPage } from './pages/rules.js';
import { jobsPage } from './pages/jobs.js';

// Hash routes: #/ (big screen), #/explore, #/alerts, #/rules, #/jobs; a page returns a cleanup function.
const routes = { '': bigScreen, explore, alerts: alertsPage, rules: rulesPage, jobs: jobsPage };
const routeNames = { '': 'big', explore: 'explore', alerts: 'alerts', rules: 'rules', jobs: 'jobs' };
const app = document.getElementById('app');
let cleanup = null;

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, ...rest] = hash.split('/');
  const params = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const key = (name ?? '').split('?')[0];
  const page = routes[key] ?? routes[''];
  if (cleanup) cleanup();
  disposeCharts();
  setChildren(app);
  document.body.dataset.page = routeNames[key] ?? 'big';
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.route === document.body.dataset.page);
  cleanup = page(app, { params, rest }) ?? null;
}

document.getElementById('token-button').addEventListener('click', () => {
  const dialog = h('div', { class: 'modal', role: 'dialog' },
    h('form', { class: 'card' },
      h('h2', { text: 'Bearer tokens' }),
      h('p', { text: 'Sent as Authorization: Bearer … (kept for this tab only). Reads send the read token, changes (rules, silences) the write token; one alone is used for both. Empty: none.' }),
      h('label', { text: 'Read token' }),
      h('input', { type: 'password', name: 'read', value: tokens().read, autocomplete: 'off' }),
      h('label', { text: 'Write token' }),
      h('input', { type: 'password', name: 'write', value: tokens().write, autocomplete: 'off' }),
      h('div', { class: 'row' },
        h('button', { type: 'submit', text: 'Save' }),
        h('button', { type: 'button', text: 'Cancel', onclick: () => dialog.remove() }))));
  dialog.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    setTokens({
      read: dialog.querySelector('input[name=read]').value.trim(),
      write: dialog.querySelector('input[name=write]').value.trim(),
    });
    dialog.remove();
    route();
  });
  document.body.appendChild(dialog);
});

window.addEventListener('hashchange', route);
route();
