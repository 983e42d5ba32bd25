// The page: input (paste, samples, open, drop), debounced analysis in a module worker,
// results via render.js, export via io.js; many files at once in the corpus view
// (corpus-view.js), whose articles open here.
import { createView } from './render.js';
import { LIMIT_BYTES, download, formatBytes, readArticleFile, toCSV, toJSON } from './io.js';
import { createCorpusView, droppedItems } from './corpus-view.js';

const LONG = 100_000; // characters: a longer input waits longer before it is analysed

const $ = (id) => document.getElementById(id);
const els = {
  input: $('article'),
  inputSection: $('input'),
  sample: $('sample'),
  file: $('file'),
  status: $('status'),
  results: $('results'),
  article: $('highlighted'),
  details: $('quote-details'),
  speakers: $('speakers'),
  organisations: $('organisations'),
  stances: $('stances'),
  evidence: $('evidence'),
  speakerFilter: $('filter-speaker'),
  kindFilters: document.querySelectorAll('input[name="kind"]'),
  corpus: $('corpus'),
  draftNote: $('draft-note'),
  draftSource: $('draft-source'),
};
const exportButtons = [$('export-json'), $('export-csv'), $('copy-json')];
const view = createView(els);

let worker;
let latest = 0; // id of the newest request; older answers are dropped
let inFlight = false; // one request at a time; the newest waits for the worker to be free
let pending = false;
let timer;
// A corpus article shown here keeps what was in the text area before, to come back to.
let draft = null;
let fromCorpus = null; // the corpus text last put in the text area
let gotoAfter = null; // { id, quote }: the quote to show once request `id` is rendered

function setStatus(text, state) {
  els.status.textContent = text;
  els.status.dataset.state = state;
}

function setBusy(busy) {
  els.results.dataset.state = busy ? 'busy' : els.results.dataset.state;
  els.inputSection.toggleAttribute('data-busy', busy);
  els.results.setAttribute('aria-busy', String(busy));
}

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', onResult);
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    setBusy(false);
    setStatus('The analyser could not start (was `make build` run?).', 'error');
    els.results.dataset.state = 'error';
  });
  inFlight = false;
}

function analyseNow() {
  clearTimeout(timer);
  latest += 1;
  setBusy(true);
  const size = els.input.value.length;
  setStatus(size > LONG ? `Analysing ${formatBytes(size)} of text…` : 'Analysing…', 'busy');
  if (inFlight) { pending = true; return; }
  inFlight = true;
  pending = false;
  worker.postMessage({ id: latest, text: els.input.value });
}

function analyseSoon() {
  clearTimeout(timer);
  timer = setTimeout(analyseNow, els.input.value.length > LONG ? 600 : 250);
}

function tooLargeMessage(message) {
  const [, bytes, limit] = /(\d+) bytes\D+(\d+) bytes/.exec(message) ?? [];
  return `Too long to analyse: this text is ${bytes ? formatBytes(Number(bytes)) : 'over the limit'}; `
    + `the analyser takes at most ${formatBytes(Number(limit ?? LIMIT_BYTES))} (UTF-8). Shorten it or split it.`;
}

function showError(error) {
  setBusy(false);
  els.results.dataset.state = 'error';
  setStatus(error.text ?? (error.code === 'input_too_large' ? tooLargeMessage(error.message)
    : `Could not analyse this text: ${error.message} [${error.code}]`), 'error');
  els.status.dataset.code = error.code;
}

function onResult({ data }) {
  inFlight = false;
  if (data.id !== latest) {
    if (pending) analyseNow();
    return;
  }
  delete els.status.dataset.code;
  if (!data.ok) {
    if (data.error.code === 'internal') {
      worker.terminate();
      startWorker();
    }
    showError(data.error);
    return;
  }
  const text = els.input.value;
  const { speakers, quotes } = view.show(text, data.analysis);
  setBusy(false);
  for (const button of exportButtons) button.disabled = false;
  if (gotoAfter?.id === data.id) {
    const { quote } = gotoAfter;
    gotoAfter = null;
    if (quote) view.gotoQuote(quote);
    else els.inputSection.scrollIntoView({ block: 'start' });
  }
  if (!text.trim()) {
    setStatus('Ready: paste an article, drop a file or choose a sample.', 'done');
    return;
  }
  const words = text.trim().split(/\s+/).length;
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
      els.sample.append(Object.assign(document.createElement('option'), { value: file, textContent: title }));
    }
  } catch {
    els.sample.disabled = true;
  }
}

function setArticle(text) {
  els.input.value = text;
  analyseNow();
}

async function loadSample(file) {
  if (!file) return;
  const response = await fetch(`samples/${encodeURIComponent(file)}`);
  if (!response.ok) {
    setStatus(`Could not load the sample (${response.status}).`, 'error');
    return;
  }
  setArticle(await response.text());
}

async function openFile(file) {
  if (!file) return;
  els.sample.value = '';
  try {
    setArticle(await readArticleFile(file));
  } catch (err) {
    const code = err.code ?? 'unreadable';
    showError({ code, message: err.message, text: code === 'input_too_large' ? `Too long to analyse: ${err.message}. Shorten it or split it.` : undefined });
  }
}

function exportAs(kind) {
  const { analysis } = view;
  if (!analysis) return;
  if (kind === 'csv') download(toCSV(analysis), 'voices-quotes.csv', 'text/csv;charset=utf-8');
  else download(toJSON(analysis), 'voices-analysis.json', 'application/json');
}

async function copyJSON() {
  try {
    await navigator.clipboard.writeText(toJSON(view.analysis));
    setStatus('Copied the analysis as JSON.', 'done');
  } catch {
    setStatus('Could not copy: the browser refused clipboard access. Use Download JSON instead.', 'error');
  }
}

/** Show a corpus article here, keeping what the text area held (restored by "Back to your text"). */
function openFromCorpus(article, quote) {
  const current = els.input.value;
  if (draft === null && current !== fromCorpus && current.trim() !== '') draft = current;
  fromCorpus = article.text;
  els.sample.value = '';
  els.input.value = article.text;
  if (draft !== null) {
    els.draftSource.textContent = `Showing ${article.file} from the corpus; your text is kept.`;
    els.draftNote.hidden = false;
  }
  analyseNow();
  gotoAfter = { id: latest, quote };
}

function restoreDraft() {
  if (draft === null) return;
  els.input.value = draft;
  draft = null;
  fromCorpus = null;
  els.draftNote.hidden = true;
  analyseNow();
  els.input.focus();
}

const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
const corpus = createCorpusView(els.corpus, { onOpen: openFromCorpus });

startWorker();
els.input.addEventListener('input', () => {
  els.sample.value = '';
  analyseSoon();
});
els.sample.addEventListener('change', () => loadSample(els.sample.value));
els.file.addEventListener('change', () => {
  openFile(els.file.files[0]);
  els.file.value = '';
});
els.inputSection.addEventListener('dragover', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  els.inputSection.setAttribute('data-drop', '');
});
els.inputSection.addEventListener('dragleave', () => els.inputSection.removeAttribute('data-drop'));
els.inputSection.addEventListener('drop', (event) => {
  els.inputSection.removeAttribute('data-drop');
  if (!event.dataTransfer?.files.length) return; // dropped text: the text area inserts it
  event.preventDefault();
  const items = droppedItems(event.dataTransfer);
  if (items.length === 1 && items[0] instanceof File) {
    openFile(items[0]);
    return;
  }
  // Several files or a folder: the corpus view takes them, and the text area keeps its text.
  corpus.addDropped(items);
  els.corpus.scrollIntoView({ block: 'start' });
});
// Files dropped anywhere else go to the corpus view (rather than the browser opening them).
window.addEventListener('dragover', (event) => {
  if (!hasFiles(event) || event.defaultPrevented) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  els.corpus.setAttribute('data-drop', '');
});
window.addEventListener('dragleave', (event) => {
  if (!event.relatedTarget) els.corpus.removeAttribute('data-drop');
});
window.addEventListener('drop', (event) => {
  els.corpus.removeAttribute('data-drop');
  if (event.defaultPrevented || !event.dataTransfer?.files.length) return;
  event.preventDefault();
  corpus.addDropped(droppedItems(event.dataTransfer));
  if (!els.corpus.contains(event.target)) els.corpus.scrollIntoView({ block: 'start' });
});
$('restore-draft').addEventListener('click', restoreDraft);
$('export-json').addEventListener('click', () => exportAs('json'));
$('export-csv').addEventListener('click', () => exportAs('csv'));
$('copy-json').addEventListener('click', copyJSON);
for (const button of exportButtons) button.disabled = true;
await loadSamples();
analyseNow();
