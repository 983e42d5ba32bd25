// The iframe embed. The parent page posts {type: "analyse", text, id?}; the frame shows the
// analysis and replies {type: "result", id, result} (or {type: "error", id, error: {code,
// message}}) to event.source with targetOrigin event.origin, so only the asking page can read
// it. Only the parent window may ask; frame.html?origin=https://example.org further limits
// that to one origin. The frame also tells the parent {type: "ready"} and {type: "height", height}.
import { createView } from './render.js';

const $ = (id) => document.getElementById(id);
const els = {
  status: $('status'), results: $('results'), speakers: $('speakers'), article: $('highlighted'),
  details: $('quote-details'), stances: $('stances'), evidence: $('evidence'),
};
const view = createView(els);
const allowed = new URLSearchParams(location.search).get('origin');
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const waiting = new Map();
let next = 0;
let parentOrigin = allowed; // where to send height updates once known

// An opaque origin ("null", a sandboxed parent) cannot be named as a target: reply to that window only.
const target = (origin) => (origin && origin !== 'null' ? origin : '*');

worker.addEventListener('message', ({ data }) => {
  const request = waiting.get(data.id);
  waiting.delete(data.id);
  if (!request) return;
  const { source, origin, id, text } = request;
  if (data.ok) {
    const { speakers, quotes } = view.show(text, data.analysis);
    els.status.textContent = `${speakers} speaking, ${quotes} quotes`;
    source.postMessage({ type: 'result', id, result: data.analysis }, target(origin));
  } else {
    els.results.dataset.state = 'error';
    els.status.textContent = `Could not analyse this article: ${data.error.message}`;
    source.postMessage({ type: 'error', id, error: data.error }, target(origin));
  }
});

window.addEventListener('message', (event) => {
  if (window.parent === window || event.source !== window.parent) return;
  if (allowed && event.origin !== allowed) return;
  const { type, text, id } = event.data ?? {};
  if (type !== 'analyse' || typeof text !== 'string') return;
  parentOrigin = event.origin;
  els.results.dataset.state = 'busy';
  els.status.textContent = 'Analysing…';
  waiting.set(++next, { source: event.source, origin: event.origin, id, text });
  worker.postMessage({ id: next, text });
});

if (window.parent !== window) {
  // "ready" carries nothing but the fact, so it may go to any origin when none was given.
  window.parent.postMessage({ type: 'ready' }, target(allowed));
  new ResizeObserver(() => {
    if (parentOrigin) window.parent.postMessage({ type: 'height', height: document.documentElement.scrollHeight }, target(parentOrigin));
  }).observe(document.body);
}
