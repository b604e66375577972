// DOM helpers. Every piece of data (labels, log lines, attributes, rule text) is untrusted: it only ever
// reaches the page through textContent, attribute values set by setAttribute on a fixed allow-list, or the
// esc() function for ECharts tooltips. Nothing here assigns innerHTML.

const SAFE_ATTRS = new Set(['class', 'id', 'href', 'title', 'type', 'value', 'placeholder', 'name', 'for', 'rows',
  'cols', 'spellcheck', 'min', 'max', 'step', 'list', 'autocomplete', 'role', 'colspan', 'disabled', 'checked',
  'selected', 'readonly', 'aria-label', 'aria-live', 'tabindex']);

/**
 * Creates an element. attrs: plain attributes (allow-listed or data-*), `on*` functions become listeners,
 * `text` sets textContent. Children: nodes, strings (as text nodes), arrays, null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = !!value;
    else if (key === 'href') {
      const v = String(value);
      if (v.startsWith('#') || v.startsWith('/')) el.setAttribute('href', v); // never javascript: URLs
    } else if (SAFE_ATTRS.has(key) || key.startsWith('data-')) el.setAttribute(key, value === true ? '' : String(value));
    else throw new Error('h(): attribute not allowed: ' + key);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Escapes text for the few places that take HTML strings (ECharts tooltip formatters). */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text with every case-insensitive occurrence of `needle` (or every match of `regex`) wrapped in <mark>,
 * built from text nodes.
 */
export function highlight(text, needle, regex) {
  const frag = document.createDocumentFragment();
  const s = String(text ?? '');
  let pattern = null;
  try {
    if (regex) pattern = new RegExp(regex, 'gi');
    else if (needle) pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  } catch {
    pattern = null; // RE2 syntax the browser does not know: no highlight, the server still filtered
  }
  if (!pattern) {
    frag.appendChild(document.createTextNode(s));
    return frag;
  }
  let last = 0;
  for (const m of s.matchAll(pattern)) {
    if (m[0].length === 0) break;
    frag.appendChild(document.createTextNode(s.slice(last, m.index)));
    frag.appendChild(h('mark', { text: m[0] }));
    last = m.index + m[0].length;
  }
  frag.appendChild(document.createTextNode(s.slice(last)));
  return frag;
}

export function fmtNumber(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(digits) + 'G';
  if (a >= 1e6) return (v / 1e6).toFixed(digits) + 'M';
  if (a >= 1e4) return (v / 1e3).toFixed(digits) + 'k';
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(a < 10 ? 2 : digits);
}

export function fmtTime(ms) {
  if (ms === null || ms === undefined) return '–';
  const d = new Date(typeof ms === 'string' ? Date.parse(ms) : ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function fmtDuration(ms) {
  if (ms < 1) return (ms * 1000).toFixed(0) + ' µs';
  if (ms < 1000) return ms.toFixed(ms < 10 ? 1 : 0) + ' ms';
  return (ms / 1000).toFixed(2) + ' s';
}

export function labelsText(labels) {
  if (!labels) return '';
  return '{' + Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ') + '}';
}

/** A small panel with a title. */
export function panel(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', { text: title }), ...children);
}

/** A message line (info, error or warning) shown in place of a result. */
export function notice(kind, text) {
  return h('p', { class: 'notice ' + kind, role: 'status', text });
}
