// The page: sample menu, debounced analysis in a module worker, rendering via render.js.
import { focusSpeaker, renderAnalysis } from './render.js';

const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);
const els = {
  input: $('article'),
  sample: $('sample'),
  status: $('status'),
  results: $('results'),
  article: $('highlighted'),
  speakers: $('speakers'),
  organisations: $('organisations'),
  stances: $('stances'),
};

let worker;
let latest = 0; // id of the newest request; older answers are dropped
let timer;
let focused = null;

function setStatus(text, state) {
  els.status.textContent = text;
  els.status.dataset.state = state;
}

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', onResult);
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    setStatus('The analyser could not start (was `make build` run?).', 'error');
    els.results.dataset.state = 'error';
  });
}

function analyseNow() {
  clearTimeout(timer);
  const text = els.input.value;
  latest += 1;
  els.results.dataset.state = 'busy';
  setStatus('Analysing…', 'busy');
  worker.postMessage({ id: latest, text });
}

function analyseSoon() {
  clearTimeout(timer);
  timer = setTimeout(analyseNow, DEBOUNCE_MS);
}

function onResult({ data }) {
  if (data.id !== latest) return;
  if (!data.ok) {
    setStatus(`Could not analyse this text: ${data.error.message} [${data.error.code}]`, 'error');
    els.results.dataset.state = 'error';
    if (data.error.code === 'internal') {
      worker.terminate();
      startWorker();
    }
    return;
  }
  const text = els.input.value;
  const { speakers, quotes } = renderAnalysis(els, text, data.analysis);
  focused = null;
  if (!text.trim()) {
    setStatus('Ready: paste an article or choose a sample.', 'done');
    return;
  }
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  setStatus(
    `${speakers} ${speakers === 1 ? 'speaker' : 'speakers'}, ${quotes} ${quotes === 1 ? 'quote' : 'quotes'} `
      + `in ${words} words · ${data.ms.toFixed(1)} ms`,
    'done',
  );
}

async function loadSamples() {
  try {
    const response = await fetch('samples/index.json');
    if (!response.ok) throw new Error(response.statusText);
    for (const { file, title } of await response.json()) {
      const option = document.createElement('option');
      option.value = file;
      option.textContent = title;
      els.sample.append(option);
    }
  } catch {
    els.sample.disabled = true;
  }
}

async function loadSample(file) {
  if (!file) return;
  const response = await fetch(`samples/${encodeURIComponent(file)}`);
  if (!response.ok) {
    setStatus(`Could not load the sample (${response.status}).`, 'error');
    return;
  }
  els.input.value = await response.text();
  analyseNow();
}

function onCardActivate(event) {
  const card = event.target.closest('[data-speaker-id]');
  if (!card) return;
  if (event.type === 'keydown' && event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  focused = focused === card.dataset.speakerId ? null : card.dataset.speakerId;
  focusSpeaker(els, focused);
}

startWorker();
els.input.addEventListener('input', () => {
  els.sample.value = '';
  analyseSoon();
});
els.sample.addEventListener('change', () => loadSample(els.sample.value));
els.speakers.addEventListener('click', onCardActivate);
els.speakers.addEventListener('keydown', onCardActivate);
await loadSamples();
analyseNow();
