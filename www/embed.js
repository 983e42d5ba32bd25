// <voices-analyser>: the analysis of an article as a custom element, in its own shadow DOM.
//   <script type="module" src="https://…/voices/embed.js"></script>
//   <voices-analyser>Article text…</voices-analyser>
//   <voices-analyser compact text="Article text…"></voices-analyser>
// The article comes from the `text` attribute, else from the element's text content; `compact`
// shows only the speakers and the highlighted article. The wasm, the worker and the styles load
// from next to this file.
import { createView } from './render.js';

const base = new URL('.', import.meta.url);
let analyser;

/** A function text → Promise<analysis>, shared by every element on the page. */
function getAnalyser() {
  analyser ??= (async () => {
    try {
      // A worker keeps long articles off the main thread, but must come from the page's origin.
      const worker = new Worker(new URL('worker.js', base), { type: 'module' });
      const waiting = new Map();
      let id = 0;
      const fail = (err) => { for (const w of waiting.values()) w.fail(err); waiting.clear(); };
      worker.addEventListener('error', () => fail(new Error('the analyser could not start')));
      worker.addEventListener('message', ({ data }) => {
        const w = waiting.get(data.id);
        waiting.delete(data.id);
        if (data.ok) w?.ok(data.analysis);
        else w?.fail(Object.assign(new Error(data.error.message), { code: data.error.code }));
      });
      return (text) => new Promise((ok, no) => {
        waiting.set(++id, { ok, fail: no });
        worker.postMessage({ id, text });
      });
    } catch {
      // Embedded from another origin: analyse on the main thread (the host must serve CORS).
      const { default: init, analyse } = await import(new URL('pkg/voices.js', base).href);
      await init();
      return async (text) => analyse(text, {});
    }
  })();
  return analyser;
}

const TEMPLATE = `
  <p class="status" role="status" aria-live="polite">Analysing…</p>
  <div class="results" data-state="busy">
    <section class="panel"><h2>Speakers</h2><div class="cards"></div></section>
    <section class="panel"><h2>Quotes</h2>
      <p class="legend"><span class="quote direct">direct</span> <span class="quote indirect">reported</span> <span class="quote mixed">mixed</span></p>
      <div class="details" aria-live="polite" hidden></div><div class="article"></div>
    </section>
    <section class="panel full"><h2>Organisations</h2><ul class="organisations"></ul></section>
    <section class="panel full"><h2>Stances</h2><div class="table-wrap"><table class="stances"></table></div>
      <div class="details evidence-panel" aria-live="polite" hidden></div></section>
  </div>`;

class VoicesAnalyser extends HTMLElement {
  static observedAttributes = ['text'];
  #view;
  #els;
  #run = 0;

  connectedCallback() {
    if (!this.shadowRoot) this.#build();
    this.#update();
  }

  attributeChangedCallback() {
    if (this.#view) this.#update();
  }

  #build() {
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('style.css', base).href;
    const wrap = document.createElement('div');
    wrap.className = 'embed';
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', 'Who speaks in this article');
    wrap.innerHTML = TEMPLATE; // a fixed template: no article text goes through innerHTML
    root.append(style, wrap);
    const q = (s) => wrap.querySelector(s);
    this.#els = {
      status: q('.status'), results: q('.results'), speakers: q('.cards'), article: q('.article'),
      details: q('.details'), organisations: q('.organisations'), stances: q('.stances'),
      evidence: q('.evidence-panel'),
    };
    this.#view = createView(this.#els);
    new MutationObserver(() => this.#update()).observe(this, { childList: true, characterData: true, subtree: true });
  }

  /** The article: the `text` attribute, or the text content with the markup's indentation gone. */
  get article() {
    const text = this.getAttribute('text') ?? this.textContent;
    return text.split('\n').map((line) => line.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }

  async #update() {
    const run = ++this.#run;
    const text = this.article;
    const { status, results } = this.#els;
    results.dataset.state = 'busy';
    try {
      const analysis = await (await getAnalyser())(text);
      if (run !== this.#run) return;
      const { speakers, quotes } = this.#view.show(text, analysis);
      status.textContent = `${speakers} speaking, ${quotes} quotes`;
      this.dispatchEvent(new CustomEvent('analysed', { detail: analysis }));
    } catch (err) {
      if (run !== this.#run) return;
      results.dataset.state = 'error';
      status.textContent = `Could not analyse this article: ${err.message}`;
    }
  }
}

if (!customElements.get('voices-analyser')) customElements.define('voices-analyser', VoicesAnalyser);
