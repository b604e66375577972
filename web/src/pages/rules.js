// Rules: the list (GET /api/v1/rules), a YAML editor validated as you type (POST /api/v1/rules/validate) with
// errors marked on their lines, save (PUT /api/v1/rules/{name}), enable/disable, delete.
import { h, setChildren, notice } from '../dom.js';
import { getJson, send } from '../api.js';

const TEMPLATE = `name: high-cpu
kind: threshold
severity: warning
for: 30s
threshold:
  metric: node_cpu_usage_percent
  aggregation: avg
  window: 1m
  group_by: [host]
  op: ">"
  value: 80
annotations:
  summary: "CPU above 80% on {{ $labels.host }}"
`;

export function rulesPage(root, { params }) {
  const listBody = h('tbody', { 'data-testid': 'rule-rows' });
  const listStatus = h('div', { 'data-testid': 'rules-status' });
  const name = h('input', { type: 'text', name: 'rule-name', placeholder: 'rule name', 'data-testid': 'rule-name' });
  const editor = h('textarea', { name: 'yaml', spellcheck: 'false', rows: '24', 'data-testid': 'rule-yaml' });
  const gutter = h('div', { class: 'gutter', 'data-testid': 'rule-gutter' });
  const errorList = h('ul', { class: 'errors', 'data-testid': 'rule-errors' });
  const editStatus = h('div', { 'data-testid': 'rule-status' });
  const save = h('button', { type: 'submit', 'data-testid': 'rule-save', text: 'Save' });
  const form = h('form', { class: 'rule-form' },
    h('div', { class: 'toolbar' }, name, save, h('button', { type: 'button', text: 'New rule', onclick: () => edit(null) })),
    h('div', { class: 'editor' }, gutter, editor), errorList, editStatus);
  setChildren(root, h('div', { class: 'grid2 rules' },
    h('section', { class: 'panel' }, h('h2', { text: 'Rules' }), listStatus,
      h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['name', 'kind', 'severity', 'source', 'enabled', ''].map((t) => h('th', { text: t })))), listBody))),
    h('section', { class: 'panel' }, h('h2', { text: 'Edit (YAML)' }), form)));

  let errors = [];
  function renderGutter() {
    const lines = editor.value.split('\n').length;
    const byLine = new Map();
    for (const e of errors) if (e.line) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.message]);
    setChildren(gutter, Array.from({ length: lines }, (_, i) => {
      const messages = byLine.get(i + 1);
      return h('div', { class: messages ? 'ln err' : 'ln', title: messages ? messages.join('\n') : null, 'data-line': String(i + 1), text: String(i + 1) });
    }));
    gutter.scrollTop = editor.scrollTop;
  }

  function showErrors(list) {
    errors = list ?? [];
    setChildren(errorList, errors.map((e) => {
      const where = e.line ? `line ${e.line}${e.column ? ', column ' + e.column : ''}` : 'rule';
      return h('li', { 'data-testid': 'rule-error', 'data-line': e.line ? String(e.line) : null },
        h('a', { href: '#/rules', text: where, onclick: (ev) => { ev.preventDefault(); goTo(e.line, e.column); } }),
        e.path ? ` (${e.path})` : '', ': ', e.message);
    }));
    renderGutter();
  }

  function goTo(line, column) {
    if (!line) return;
    const lines = editor.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max((column ?? 1) - 1, 0);
    editor.focus();
    editor.setSelectionRange(offset, offset);
  }

  let validateTimer = null;
  let validateSeq = 0;
  async function validate() {
    const seq = ++validateSeq;
    try {
      const answer = await send('POST', '/api/v1/rules/validate', editor.value, 'application/yaml');
      if (seq !== validateSeq) return;
      showErrors(answer?.valid ? [] : answer?.errors);
      setChildren(editStatus, answer?.valid ? notice('ok', 'valid') : null);
    } catch (e) {
      if (seq !== validateSeq) return;
      if (e.status === 400 && e.body?.errors) showErrors(e.body.errors);
      else setChildren(editStatus, notice('error', e.status === 404 ? 'rule validation not available on this server (404)' : e.message));
    }
  }

  async function edit(ruleName) {
    showErrors([]);
    setChildren(editStatus);
    if (!ruleName) {
      name.value = '';
      editor.value = TEMPLATE;
      renderGutter();
      return;
    }
    name.value = ruleName;
    try {
      const response = await fetch('/api/v1/rules/' + encodeURIComponent(ruleName) + '?format=yaml', { headers: authHeaders() });
      if (!response.ok) throw new Error(`GET /api/v1/rules/${ruleName} answered ${response.status}`);
      editor.value = await response.text();
      renderGutter();
    } catch (e) {
      setChildren(editStatus, notice('error', e.message));
    }
  }

  async function toggle(rule) {
    try {
      await send('POST', `/api/v1/rules/${encodeURIComponent(rule.name)}/${rule.enabled ? 'disable' : 'enable'}`);
      loadList();
    } catch (e) {
      setChildren(listStatus, notice('error', e.message));
    }
  }

  async function remove(rule) {
    try {
      await send('DELETE', '/api/v1/rules/' + encodeURIComponent(rule.name));
      loadList();
    } catch (e) {
      setChildren(listStatus, notice('error', e.message));
    }
  }

  async function loadList() {
    try {
      const body = await getJson('/api/v1/rules');
      const rules = body?.rules ?? [];
      setChildren(listStatus, rules.length ? null : notice('info', 'no rules yet: write one on the right'));
      setChildren(listBody, rules.map((r) => h('tr', { 'data-testid': 'rule-row', 'data-rule': r.name, class: r.enabled ? '' : 'disabled' },
        h('td', {}, h('a', { href: '#/rules?name=' + encodeURIComponent(r.name), text: r.name })), h('td', { text: r.kind }),
        h('td', { text: r.severity }), h('td', { text: r.source }),
        h('td', {}, h('button', { type: 'button', 'data-testid': 'rule-toggle', text: r.enabled ? 'Disable' : 'Enable', onclick: () => toggle(r) })),
        h('td', {}, r.source === 'api' ? h('button', { type: 'button', text: 'Delete', onclick: () => remove(r) }) : null))));
    } catch (e) {
      setChildren(listBody);
      setChildren(listStatus, notice('error', e.status === 404 ? 'rules not available on this server (GET /api/v1/rules: 404)' : e.message));
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ruleName = name.value.trim() || (editor.value.match(/^name:\s*["']?([^"'\n]+)/m)?.[1] ?? '').trim();
    if (!ruleName) return setChildren(editStatus, notice('error', 'give the rule a name'));
    try {
      await send('PUT', '/api/v1/rules/' + encodeURIComponent(ruleName), editor.value, 'application/yaml');
      showErrors([]);
      setChildren(editStatus, notice('ok', `saved ${ruleName}`));
      loadList();
    } catch (err) {
      if (err.status === 400 && err.body?.errors) {
        showErrors(err.body.errors);
        setChildren(editStatus, notice('error', 'not saved: fix the marked lines'));
      } else {
        setChildren(editStatus, notice('error', err.message));
      }
    }
  });
  editor.addEventListener('input', () => {
    renderGutter();
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validate, 500);
  });
  editor.addEventListener('scroll', () => { gutter.scrollTop = editor.scrollTop; });

  loadList();
  edit(params.get('name'));
  return () => clearTimeout(validateTimer);
}

function authHeaders() {
  const t = sessionStorage.getItem('flinq.token');
  return t ? { Authorization: 'Bearer ' + t } : {};
}
