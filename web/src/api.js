// Talking to flinq server: JSON requests with the optional bearer tokens, and the live snapshot stream.
// The server has a read token (queries) and a write token (rules, silences...), which may differ: reads send the
// read token, changes the write token; either one alone is used for both.

const READ_KEY = 'flinq.token';
const WRITE_KEY = 'flinq.writeToken';

export function tokens() {
  return { read: sessionStorage.getItem(READ_KEY) || '', write: sessionStorage.getItem(WRITE_KEY) || '' };
}

export function setTokens({ read, write }) {
  for (const [key, value] of [[READ_KEY, read], [WRITE_KEY, write]]) {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  }
}

function headers(extra, write = false) {
  const result = { ...extra };
  const { read, write: w } = tokens();
  const t = write ? (w || read) : (read || w);
  if (t) result.Authorization = 'Bearer ' + t;
  return result;
}

/** An HTTP answer that was not 2xx: status, the server's reason, and the parsed body when it was JSON. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function parse(response, what) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = body?.error ?? body?.message ?? (text.length < 300 ? text.trim() : '') ?? '';
    const message = response.status === 404
      ? `${what}: not available on this server (404)`
      : `${what} answered ${response.status}${reason ? ': ' + reason : ''}`;
    throw new ApiError(response.status, message, body);
  }
  return body;
}

/** GET path; returns the parsed JSON (the `data` of {status, data} answers when unwrap). */
export async function getJson(path, { unwrap = false, signal } = {}) {
  const response = await fetch(path, { headers: headers({ Accept: 'application/json' }), signal });
  const body = await parse(response, 'GET ' + path.split('?')[0]);
  return unwrap ? body?.data : body;
}

/** Sends a body (object → JSON, string → contentType) with method; returns the parsed answer. */
export async function send(method, path, body, contentType = 'application/json') {
  const init = { method, headers: headers({ Accept: 'application/json' }, true) };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  return parse(response, method + ' ' + path.split('?')[0]);
}

/** Builds a query string from an object, skipping empty values; arrays repeat the key. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * Reads GET /api/v1/live (Server-Sent Events) with fetch, so the bearer token can be sent (EventSource
 * cannot send headers). Calls onSnapshot(json) per event and onState('open'|'closed'|'error', detail);
 * reconnects after 2 s. Returns a function that stops it.
 */
export function liveStream(onSnapshot, onState) {
  let stopped = false;
  let controller = null;
  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch('/api/v1/live', { headers: headers({ Accept: 'text/event-stream' }), signal: controller.signal });
        if (!response.ok) throw new Error(`GET /api/v1/live answered ${response.status}`);
        onState('open');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
            if (data) {
              try {
                onSnapshot(JSON.parse(data));
              } catch (e) {
                onState('error', 'bad snapshot: ' + e.message);
              }
            }
          }
        }
        onState('closed');
      } catch (e) {
        if (stopped) return;
        onState('error', e.message);
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
