// The demo page's side of the iframe API: send {type: "analyse", text}, take the answer only
// from the frame's own window and origin.
const frame = document.getElementById('frame-demo');
const input = document.getElementById('frame-text');
const output = document.getElementById('frame-output');
const frameOrigin = new URL(frame.src, location.href).origin;
let id = 0;
let started = false;
// The first article goes when the frame says it is ready (or, failing that, when it has loaded).
const start = () => { if (!started) { started = true; send(); } };
frame.addEventListener('load', start);

function send() {
  id += 1;
  output.textContent = 'Analysing…';
  frame.contentWindow.postMessage({ type: 'analyse', id, text: input.value }, frameOrigin);
}

window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== frameOrigin) return;
  const { type, result, error, height } = event.data ?? {};
  if (type === 'ready') start();
  else if (type === 'height') frame.style.height = `${Math.min(Math.max(height, 200), 1200)}px`;
  else if (type === 'error') output.textContent = `The frame could not analyse it: ${error.message}`;
  else if (type === 'result') {
    output.dataset.quotes = String(result.quotes.length);
    output.textContent = `The frame found ${result.quotes.length} quotes from ${result.people.length} people.`;
  }
});
document.getElementById('frame-send').addEventListener('click', send);
