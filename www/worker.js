// Runs the wasm analyser off the main thread, so typing never waits for it.
// In:  { id, text }
// Out: { id, ok: true, analysis, ms } or { id, ok: false, error: { message, code } }
import init, { analyse } from './pkg/voices.js';

const ready = init();

self.addEventListener('message', async ({ data }) => {
  const { id, text } = data;
  try {
    await ready;
  } catch (err) {
    self.postMessage({ id, ok: false, error: { message: `could not load the analyser: ${err.message}`, code: 'load_failed' } });
    return;
  }
  const start = performance.now();
  try {
    const analysis = analyse(text, {});
    self.postMessage({ id, ok: true, analysis, ms: performance.now() - start });
  } catch (err) {
    // The analyser's own errors carry a stable `code`; anything else is a crash (a trap in
    // the wasm), after which this worker is not to be trusted: the page starts a new one.
    const code = typeof err?.code === 'string' ? err.code : 'internal';
    self.postMessage({ id, ok: false, error: { message: String(err?.message ?? err), code } });
  }
});
