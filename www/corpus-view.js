// The corpus view: many files (picked, or dropped, folders included) read here, analysed one
// at a time in a worker of their own, then merged by corpus.js into one table of speakers and
// one stance network. Text reaches the DOM only through textContent, as in render.js.
import { el } from './render.js';
import { download, isArticleFile, readCorpusFile } from './io.js';
import { buildCorpus, corpusCSV, corpusJSON, displayName, edgePolarity } from './corpus.js';

const KIND_NAMES = { direct: 'direct', indirect: 'reported', mixed: 'mixed' };
const SVG = 'http://www.w3.org/2000/svg';
const MAX_EDGES = 40; // links drawn in the diagram; the table lists them all
const RENDER_EVERY = 1000; // ms between redraws while a long run goes on
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const kindOf = (q) => (KIND_NAMES[q.kind] ? q.kind : 'direct');

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * What a drop holds, read at once (the entries vanish after the event): Files, and directory
 * entries to walk. Call it inside the drop handler.
 */
export function droppedItems(dataTransfer) {
  const items = [...(dataTransfer?.items ?? [])].filter((item) => item.kind === 'file');
  if (!items.length) return [...(dataTransfer?.files ?? [])];
  return items.map((item) => {
    const entry = item.webkitGetAsEntry?.();
    return entry?.isDirectory ? entry : (item.getAsFile() ?? entry);
  }).filter(Boolean);
}

const readEntries = (reader) => new Promise((ok, fail) => reader.readEntries(ok, fail));
const entryFile = (entry) => new Promise((ok, fail) => entry.file(ok, fail));

/** Dropped Files and directory entries as [{ file, path } | { path, error }], folders walked. */
async function walk(items) {
  const out = [];
  const visit = async (item) => {
    if (item instanceof File) { out.push({ file: item, path: item.webkitRelativePath || item.name }); return; }
    const path = item.fullPath.replace(/^\//, '');
    if (item.isFile) {
      try {
        out.push({ file: await entryFile(item), path });
      } catch (err) {
        out.push({ path, error: { code: 'unreadable', message: `could not be read (${err?.name ?? 'error'})` } });
      }
    } else if (item.isDirectory) {
      const reader = item.createReader();
      try {
        for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
          for (const child of batch) await visit(child);
        }
      } catch (err) {
        out.push({ path: `${path}/`, error: { code: 'unreadable', message: `this folder could not be read (${err?.name ?? 'error'})` } });
      }
    }
  };
  for (const item of items) await visit(item);
  return out;
}

/**
 * The corpus section. `root` holds the elements with the ids used below; `onOpen(article,
 * quoteId?)` shows one article ({ file, text, analysis }) in the single-article view.
 */
export function createCorpusView(root, { onOpen }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const els = {
    files: $('corpus-files'), folder: $('corpus-folder'), cancel: $('corpus-cancel'), clear: $('corpus-clear'),
    exportJSON: $('corpus-export-json'), exportCSV: $('corpus-export-csv'), status: $('corpus-status'),
    progress: $('corpus-progress'), progressText: $('corpus-progress-text'), articles: $('corpus-articles'),
    articleList: $('corpus-article-list'), errors: $('corpus-errors'), speakers: $('corpus-speakers'),
    network: $('corpus-network'), networkNote: $('corpus-network-note'), stances: $('corpus-stances'),
    results: $('corpus-results'),
  };

  const articles = []; // { file, path, size, lastModified, text, analysis, ms }
  const errors = []; // { file, code, message }
  let queue = []; // { file: File, path, name }
  let run = 0; // bumped by every cancel: a stale loop stops at its next step
  let running = false;
  let done = 0;
  let total = 0;
  let corpus = null;
  let lastRender = 0;
  const sort = { key: 'quotes', dir: -1 };
  const openSpeakers = new Set(); // entity keys whose quotes are shown
  const openEdges = new Set(); // "holder key>target key" whose evidence is shown

  // ---- the worker, one request at a time --------------------------------------------------
  let worker = null;
  let waiting = null;
  let seq = 0;
  function stopWorker(reply) {
    worker?.terminate();
    worker = null;
    const pending = waiting;
    waiting = null;
    pending?.resolve(reply);
  }
  function startWorker() {
    const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    w.addEventListener('message', ({ data }) => {
      if (waiting?.id !== data.id) return;
      const { resolve } = waiting;
      waiting = null;
      resolve(data);
    });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      stopWorker({ ok: false, error: { code: 'load_failed', message: 'the analyser could not start (was `make build` run?)' } });
    });
    return w;
  }
  function analyse(text) {
    worker ??= startWorker();
    seq += 1;
    return new Promise((resolve) => {
      waiting = { id: seq, resolve };
      worker.postMessage({ id: seq, text });
    });
  }

  // ---- intake --------------------------------------------------------------------------
  const taken = (name) => articles.some((a) => a.file === name) || errors.some((e) => e.file === name)
    || queue.some((q) => q.name === name);
  function uniqueName(path) {
    if (!taken(path)) return path;
    for (let i = 2; ; i += 1) if (!taken(`${path} (${i})`)) return `${path} (${i})`;
  }
  const sameFile = (a, file, path) => a.path === path && a.size === file.size && a.lastModified === file.lastModified;

  /** Queue picked or dropped files ([{ file, path } | { path, error }]) and start if idle. */
  function add(items) {
    const visible = items.filter(({ path }) => !path.split('/').some((part) => part.startsWith('.')));
    visible.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
    if (!running) { done = 0; total = 0; }
    for (const item of visible) {
      if (item.error) { errors.push({ file: uniqueName(item.path), path: item.path, ...item.error }); continue; }
      const { file, path } = item;
      // The same file again replaces its earlier result; another file of the same name is kept too.
      for (const list of [articles, errors]) {
        const i = list.findIndex((a) => sameFile(a, file, path));
        if (i >= 0) list.splice(i, 1);
      }
      queue = queue.filter((q) => !sameFile(q, file, path));
      const name = uniqueName(path);
      if (!isArticleFile(file)) {
        errors.push({ file: name, path, size: file.size, lastModified: file.lastModified, code: 'unsupported', message: 'not a .txt or .html file: skipped' });
        continue;
      }
      queue.push({ file, path, name, size: file.size, lastModified: file.lastModified });
    }
    total = done + queue.length + (running ? 1 : 0);
    if (running) {
      setStatus(`Analysing ${plural(total, 'file')}…`);
      render(false);
    } else if (queue.length) {
      go();
    } else {
      finish('done');
    }
  }

  async function go() {
    running = true;
    const mine = run;
    root.dataset.state = 'busy';
    root.setAttribute('aria-busy', 'true');
    setStatus(`Analysing ${plural(total, 'file')}…`);
    render(true);
    while (queue.length) {
      const item = queue.shift();
      showProgress(item.name);
      let text;
      try {
        text = await readCorpusFile(item.file);
      } catch (err) {
        if (mine !== run) return;
        errors.push({ file: item.name, path: item.path, size: item.size, lastModified: item.lastModified, code: err.code ?? 'unreadable', message: err.message });
        done += 1;
        continue;
      }
      if (mine !== run) return;
      const reply = await analyse(text);
      if (mine !== run) return;
      done += 1;
      if (reply.ok) {
        articles.push({ file: item.name, path: item.path, size: item.size, lastModified: item.lastModified, text, analysis: reply.analysis, ms: reply.ms });
      } else {
        errors.push({ file: item.name, path: item.path, size: item.size, lastModified: item.lastModified, code: reply.error.code, message: reply.error.message });
        if (reply.error.code === 'internal') stopWorker(); // a trap: start afresh for the next file
        if (reply.error.code === 'load_failed') {
          stopWorker();
          finish('error', `The analyser could not start, so ${plural(queue.length + 1, 'file')} went unanalysed. Was \`make build\` run?`);
          queue = [];
          return;
        }
      }
      if (performance.now() - lastRender > RENDER_EVERY) render(false);
    }
    finish('done');
  }

  function finish(state, message) {
    running = false;
    root.dataset.state = state;
    root.setAttribute('aria-busy', 'false');
    render(true);
    setStatus(message ?? summary(), state === 'error' ? 'error' : 'done');
  }

  function cancel() {
    if (!running) return;
    const left = queue.length + 1;
    run += 1;
    queue = [];
    stopWorker({ ok: false, error: { code: 'cancelled', message: 'cancelled' } });
    finish('cancelled', `Cancelled: ${plural(left, 'file')} not analysed. ${summary()}`);
  }

  function clear() {
    if (running) cancel();
    articles.length = 0;
    errors.length = 0;
    openSpeakers.clear();
    openEdges.clear();
    done = 0;
    total = 0;
    root.dataset.state = 'idle';
    render(true);
    setStatus('No articles yet.');
  }

  // ---- status ----------------------------------------------------------------------------
  function setStatus(text, state = 'busy') {
    els.status.textContent = text;
    els.status.dataset.state = state;
  }
  function showProgress(name) {
    els.progress.hidden = false;
    els.progress.max = Math.max(total, 1);
    els.progress.value = done;
    els.progressText.textContent = `${done + 1} of ${total}: ${name}`;
  }
  function summary() {
    const parts = [`${plural(articles.length, 'article')} analysed`];
    if (errors.length) parts.push(`${plural(errors.length, 'file')} not analysed`);
    const counts = corpus ? `${plural(corpus.speakers.length, 'speaker')}, ${plural(corpus.stances.length, 'stance link')}.` : '';
    return `${parts.join(', ')}. ${counts}`.trim();
  }

  // ---- rendering -------------------------------------------------------------------------
  function render(full) {
    lastRender = performance.now();
    corpus = articles.length ? buildCorpus(articles) : null;
    Object.assign(root.dataset, {
      articles: String(articles.length),
      errors: String(errors.length),
      speakers: String(corpus?.speakers.length ?? 0),
      stances: String(corpus?.stances.length ?? 0),
    });
    if (running) {
      els.progress.max = Math.max(total, 1);
      els.progress.value = done;
    } else {
      els.progress.hidden = true;
      els.progressText.textContent = '';
    }
    els.cancel.disabled = !running;
    els.clear.disabled = !articles.length && !errors.length;
    els.exportJSON.disabled = !articles.length;
    els.exportCSV.disabled = !articles.length;
    renderErrors();
    if (!full && running) return; // the tables wait for the end of a run, or the next redraw
    els.results.hidden = !corpus;
    renderArticles();
    renderSpeakers();
    renderNetwork();
    renderStances();
  }

  function renderErrors() {
    if (!errors.length) { els.errors.hidden = true; els.errors.replaceChildren(); return; }
    const list = el('ul');
    for (const e of errors) {
      const item = el('li', { data: { file: e.file, code: e.code } });
      item.append(el('span', { class: 'file' }, e.file), `: ${e.message} `, el('code', {}, e.code));
      list.append(item);
    }
    els.errors.replaceChildren(el('h3', {}, `Not analysed (${errors.length})`), list);
    els.errors.hidden = false;
  }

  function openButton(article, quoteId, text) {
    return el('button', {
      type: 'button', class: 'link', title: `Open ${articles[article].file} in the article view`,
      data: { open: String(article), ...(quoteId ? { quote: quoteId } : {}) },
    }, text);
  }

  function renderArticles() {
    if (!corpus) { els.articleList.replaceChildren(); return; }
    els.articles.querySelector('summary').textContent = `Articles (${articles.length})`;
    const head = el('tr');
    for (const h of ['File', 'Speakers', 'Quotes', 'Stances', 'ms']) head.append(el('th', { scope: 'col' }, h));
    const body = el('tbody');
    articles.forEach((a, i) => {
      const row = el('tr', { data: { file: a.file } });
      const name = el('th', { scope: 'row' });
      name.append(openButton(i, undefined, a.file));
      const speakers = new Set(a.analysis.quotes.map((q) => q.speaker)).size;
      row.append(name, el('td', { class: 'num' }, String(speakers)), el('td', { class: 'num' }, String(a.analysis.quotes.length)),
        el('td', { class: 'num' }, String(a.analysis.stances.length)), el('td', { class: 'num' }, a.ms.toFixed(1)));
      body.append(row);
    });
    els.articleList.replaceChildren(el('caption', { class: 'visually-hidden' }, 'Articles analysed; select a name to open it in the article view.'),
      el('thead', {}), body);
    els.articleList.tHead.append(head);
  }

  // Speakers: one sortable table, a row per merged speaker, their quotes one click away.
  const COLUMNS = [
    { key: 'name', label: 'Speaker', text: true, value: (s) => s.entity.name },
    { key: 'organisation', label: 'Organisation', text: true, value: (s) => (s.entity.organisation ? displayName(s.entity.organisation) : '') },
    { key: 'role', label: 'Role', text: true, value: (s) => s.entity.roles.join('; ') },
    { key: 'quotes', label: 'Quotes', value: (s) => s.quotes.length },
    { key: 'direct', label: 'Direct', value: (s) => s.direct },
    { key: 'indirect', label: 'Reported', value: (s) => s.indirect },
    { key: 'mixed', label: 'Mixed', value: (s) => s.mixed },
    { key: 'articles', label: 'Articles', value: (s) => s.articles },
  ];

  function sortedSpeakers() {
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[3];
    const byName = (a, b) => a.entity.name.localeCompare(b.entity.name);
    return [...corpus.speakers].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const order = col.text ? String(x).localeCompare(String(y)) : x - y;
      return sort.dir * order || (col.key === 'name' ? 0 : byName(a, b));
    });
  }

  function quoteList(items) {
    const list = el('ol', { class: 'corpus-quotes' });
    for (const { article, quote } of items) {
      const item = el('li', { data: { article: articles[article].file, quoteId: quote.id } });
      item.append(el('span', { class: `quote ${kindOf(quote)}`, title: `${KIND_NAMES[kindOf(quote)]} quote` }, quote.text), ' ',
        openButton(article, quote.id, `${articles[article].file} · ${quote.id}`));
      list.append(item);
    }
    return list;
  }

  function renderSpeakers() {
    if (!corpus) { els.speakers.replaceChildren(); return; }
    const head = el('tr');
    for (const col of COLUMNS) {
      const sorted = col.key === sort.key;
      const th = el('th', { scope: 'col', class: col.text ? undefined : 'num', 'aria-sort': sorted ? (sort.dir > 0 ? 'ascending' : 'descending') : undefined });
      th.append(el('button', { type: 'button', class: 'sort', data: { sort: col.key } }, col.label),
        el('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''));
      head.append(th);
    }
    const body = el('tbody');
    if (!corpus.speakers.length) {
      const row = el('tr');
      row.append(el('td', { colspan: String(COLUMNS.length), class: 'empty' }, 'No quotes found in these articles.'));
      body.append(row);
    }
    sortedSpeakers().forEach((s, i) => {
      const open = openSpeakers.has(s.entity.key);
      const row = el('tr', { data: { entity: s.entity.id, type: s.entity.type } });
      const name = el('th', { scope: 'row', class: s.entity.unnamed ? 'unnamed' : undefined });
      name.append(el('button', {
        type: 'button', class: 'expand', 'aria-expanded': String(open), 'aria-controls': `corpus-quotes-${i}`,
        title: 'Show their quotes', data: { key: s.entity.key },
      }, displayName(s.entity)));
      row.append(name);
      for (const col of COLUMNS.slice(1)) {
        row.append(el('td', { class: col.text ? undefined : 'num', data: { col: col.key } }, String(col.value(s))));
      }
      const detail = el('tr', { id: `corpus-quotes-${i}`, class: 'detail-row', hidden: open ? undefined : '' });
      const cell = el('td', { colspan: String(COLUMNS.length) });
      if (open) cell.append(quoteList(s.quotes));
      detail.append(cell);
      body.append(row, detail);
    });
    const caption = el('caption', { class: 'visually-hidden' },
      'Speakers merged across the articles; sort by any column; select a name for their quotes.');
    els.speakers.replaceChildren(caption, el('thead'), body);
    els.speakers.tHead.append(head);
  }

  function toggleSpeaker(button) {
    const { key } = button.dataset;
    const open = button.getAttribute('aria-expanded') !== 'true';
    if (open) openSpeakers.add(key); else openSpeakers.delete(key);
    const s = corpus.speakers.find((x) => x.entity.key === key);
    const detail = document.getElementById(button.getAttribute('aria-controls'));
    button.setAttribute('aria-expanded', String(open));
    detail.hidden = !open;
    if (open && s) detail.firstChild.replaceChildren(quoteList(s.quotes));
  }

  // Stances: one network, holders on the left, targets on the right, and the same as a table.
  const edgeKey = (edge) => `${edge.holder.key}>${edge.target.key}`;
  const edgeLabel = (edge) => {
    const counts = ['for', 'against', 'mixed', 'neutral'].filter((p) => edge[p]).map((p) => `${edge[p]} ${p}`).join(', ');
    return `${edge.holder.name} → ${edge.target.name}: ${counts}, in ${plural(edge.articles, 'article')}`;
  };

  function renderNetwork() {
    const edges = corpus?.stances.slice(0, MAX_EDGES) ?? [];
    if (!edges.length) {
      els.network.replaceChildren(el('p', { class: 'empty' }, corpus ? 'No stances found in these articles.' : ''));
      els.networkNote.textContent = '';
      return;
    }
    // Targets by weight; holders by where their targets sit, so few links cross.
    const weight = new Map();
    for (const e of edges) weight.set(e.target, (weight.get(e.target) ?? 0) + e.items.length);
    const targets = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a) || a.name.localeCompare(b.name));
    const tIndex = new Map(targets.map((t, i) => [t, i]));
    const centre = new Map();
    for (const e of edges) {
      const c = centre.get(e.holder) ?? { sum: 0, n: 0 };
      c.sum += tIndex.get(e.target) * e.items.length;
      c.n += e.items.length;
      centre.set(e.holder, c);
    }
    const holders = [...centre.keys()].sort((a, b) => centre.get(a).sum / centre.get(a).n - centre.get(b).sum / centre.get(b).n
      || a.name.localeCompare(b.name));
    const ROW = 28;
    const TOP = 40;
    const X1 = 232;
    const X2 = 408;
    const height = TOP + Math.max(holders.length, targets.length) * ROW;
    const y = (list, i) => TOP + i * ROW + (Math.max(holders.length, targets.length) - list.length) * ROW / 2 + ROW / 2;
    const hY = new Map(holders.map((h, i) => [h, y(holders, i)]));
    const tY = new Map(targets.map((t, i) => [t, y(targets, i)]));
    const label = (text, max = 30) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

    const root = svg('svg', {
      viewBox: `0 0 640 ${height}`, class: 'network', role: 'group',
      'aria-label': 'Stance network: holders on the left, what they take a stance on to the right; select a link for its evidence',
    });
    root.append(
      svg('text', { x: X1, y: 18, class: 'column', 'text-anchor': 'end' }, 'Who'),
      svg('text', { x: X2, y: 18, class: 'column' }, 'stands for or against'),
    );
    const links = svg('g', { class: 'links' });
    edges.forEach((edge) => {
      const polarity = edgePolarity(edge);
      const y1 = hY.get(edge.holder);
      const y2 = tY.get(edge.target);
      const d = `M ${X1 + 6} ${y1} C ${X1 + 90} ${y1}, ${X2 - 90} ${y2}, ${X2 - 6} ${y2}`;
      const i = corpus.stances.indexOf(edge);
      const g = svg('g', {
        class: 'edge', role: 'button', tabindex: '0', 'data-edge': String(i), 'data-stance': polarity,
        'aria-label': `${edgeLabel(edge)}. Show the evidence`,
      });
      g.append(svg('title', {}, edgeLabel(edge)), svg('path', { d, class: 'hit' }),
        svg('path', { d, class: 'line', 'stroke-width': String(1.5 + 1.5 * Math.min(4, edge.items.length - 1)) }));
      links.prepend(g); // the links found most often are drawn last, on top
    });
    root.append(links);
    const nodes = svg('g', { class: 'nodes', 'aria-hidden': 'true' });
    for (const [list, ys, x, side] of [[holders, hY, X1, 'holder'], [targets, tY, X2, 'target']]) {
      for (const n of list) {
        const g = svg('g', { class: `node ${side} ${n.type}` });
        g.append(svg('circle', { cx: x, cy: ys.get(n), r: 5 }),
          svg('text', { x: side === 'holder' ? x - 10 : x + 10, y: ys.get(n) + 4, 'text-anchor': side === 'holder' ? 'end' : 'start' }, label(n.name)));
        if (n.name.length > 30) g.prepend(svg('title', {}, n.name));
        nodes.append(g);
      }
    }
    root.append(nodes);
    els.network.replaceChildren(root);
    els.networkNote.textContent = corpus.stances.length > MAX_EDGES
      ? `The diagram shows the ${MAX_EDGES} links found in the most articles; the table below lists all ${corpus.stances.length}.`
      : 'Solid lines: for; dashed: against; dotted: mixed; thicker: found more often. Filled circles are organisations, '
        + 'dashed ones topics, open ones people. The table below lists the same links.';
  }

  const STANCE_COLUMNS = ['Holder', 'Target', 'Stance', 'For', 'Against', 'Mixed', 'Articles', 'Evidence'];

  function evidenceList(edge) {
    const list = el('ul', { class: 'corpus-evidence' });
    for (const { article, stance } of edge.items) {
      const a = articles[article];
      const item = el('li', { data: { article: a.file } });
      const score = typeof stance.score === 'number' ? ` (score ${stance.score.toFixed(2)})` : '';
      item.append(openButton(article, undefined, a.file), `: ${stance.polarity}${score}`);
      const quotes = (stance.evidence ?? []).map((id) => a.analysis.quotes.find((q) => q.id === id)).filter(Boolean);
      if (quotes.length) item.append(quoteList(quotes.map((quote) => ({ article, quote }))));
      else item.append(' ', el('span', { class: 'empty' }, '(no quote recorded as evidence)'));
      list.append(item);
    }
    return list;
  }

  function renderStances() {
    if (!corpus) { els.stances.replaceChildren(); return; }
    const head = el('tr');
    for (const h of STANCE_COLUMNS) head.append(el('th', { scope: 'col', class: ['For', 'Against', 'Mixed', 'Articles'].includes(h) ? 'num' : undefined }, h));
    const body = el('tbody');
    if (!corpus.stances.length) {
      const row = el('tr');
      row.append(el('td', { colspan: String(STANCE_COLUMNS.length), class: 'empty' }, 'No stances found in these articles.'));
      body.append(row);
    }
    corpus.stances.forEach((edge, i) => {
      const open = openEdges.has(edgeKey(edge));
      const polarity = edgePolarity(edge);
      const row = el('tr', { data: { edge: String(i), holder: edge.holder.id, target: edge.target.id } });
      row.append(el('th', { scope: 'row' }, displayName(edge.holder)), el('td', {}, displayName(edge.target)));
      const stanceCell = el('td', { class: 'stance-cell' });
      const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
      for (const p of ['for', 'against', 'mixed', 'neutral']) {
        if (!edge[p]) continue;
        const part = el('span', { data: { stance: p } });
        part.style.flexGrow = String(edge[p]);
        bar.append(part);
      }
      stanceCell.append(bar, el('span', { class: 'chip', data: { stance: polarity } }, polarity));
      row.append(stanceCell);
      for (const p of ['for', 'against', 'mixed']) row.append(el('td', { class: 'num', data: { col: p } }, String(edge[p])));
      row.append(el('td', { class: 'num', data: { col: 'articles' } }, String(edge.articles)));
      const toggle = el('td');
      const button = el('button', {
        type: 'button', class: 'expand-evidence', 'aria-expanded': String(open), 'aria-controls': `corpus-evidence-${i}`,
        data: { edge: String(i) },
      }, `Evidence (${edge.items.reduce((n, it) => n + (it.stance.evidence?.length ?? 0), 0)})`);
      button.append(el('span', { class: 'visually-hidden' }, ` for ${edge.holder.name} → ${edge.target.name}`));
      toggle.append(button);
      row.append(toggle);
      const detail = el('tr', { id: `corpus-evidence-${i}`, class: 'detail-row', hidden: open ? undefined : '' });
      const cell = el('td', { colspan: String(STANCE_COLUMNS.length) });
      if (open) cell.append(evidenceList(edge));
      detail.append(cell);
      body.append(row, detail);
    });
    const caption = el('caption', { class: 'visually-hidden' }, 'Stance links merged across the articles; each row\'s evidence button lists the quotes behind it.');
    els.stances.replaceChildren(caption, el('thead'), body);
    els.stances.tHead.append(head);
  }

  function setEdgeOpen(i, open) {
    const edge = corpus?.stances[i];
    const button = els.stances.querySelector(`button[data-edge="${i}"]`);
    if (!edge || !button) return null;
    if (open) openEdges.add(edgeKey(edge)); else openEdges.delete(edgeKey(edge));
    button.setAttribute('aria-expanded', String(open));
    const detail = document.getElementById(button.getAttribute('aria-controls'));
    detail.hidden = !open;
    if (open) detail.firstChild.replaceChildren(evidenceList(edge));
    for (const g of els.network.querySelectorAll('.edge')) g.classList.toggle('current', open && g.dataset.edge === String(i));
    return button;
  }

  function showEdge(i) {
    const button = setEdgeOpen(i, true);
    if (!button) return;
    button.closest('tr').scrollIntoView({ block: 'nearest' });
    button.focus({ preventScroll: true });
  }

  // ---- events ----------------------------------------------------------------------------
  const pick = (input) => {
    add([...input.files].map((file) => ({ file, path: file.webkitRelativePath || file.name })));
    input.value = '';
  };
  els.files.addEventListener('change', () => pick(els.files));
  els.folder.addEventListener('change', () => pick(els.folder));
  els.cancel.addEventListener('click', cancel);
  els.clear.addEventListener('click', clear);
  els.exportJSON.addEventListener('click', () => {
    download(corpusJSON(articles, errors, corpus ?? undefined), 'voices-corpus.json', 'application/json');
  });
  els.exportCSV.addEventListener('click', () => {
    download(corpusCSV(articles, corpus ?? undefined), 'voices-corpus-quotes.csv', 'text/csv;charset=utf-8');
  });
  root.addEventListener('click', (event) => {
    const target = event.target.closest('button, .edge');
    if (!target) return;
    if (target.dataset.open !== undefined) {
      const article = articles[Number(target.dataset.open)];
      if (article) onOpen(article, target.dataset.quote);
    } else if (target.dataset.sort) {
      sort.dir = sort.key === target.dataset.sort ? -sort.dir : (COLUMNS.find((c) => c.key === target.dataset.sort)?.text ? 1 : -1);
      sort.key = target.dataset.sort;
      renderSpeakers();
      els.speakers.querySelector(`button[data-sort="${sort.key}"]`)?.focus();
    } else if (target.classList.contains('expand')) {
      toggleSpeaker(target);
    } else if (target.classList.contains('expand-evidence')) {
      setEdgeOpen(Number(target.dataset.edge), target.getAttribute('aria-expanded') !== 'true');
    } else if (target.classList.contains('edge')) {
      showEdge(Number(target.dataset.edge));
    }
  });
  els.network.addEventListener('keydown', (event) => {
    const edge = event.target.closest?.('.edge');
    if (edge && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      showEdge(Number(edge.dataset.edge));
    }
  });
  render(true);

  return {
    /** Add what a drop held (from droppedItems): folders are walked, then everything is queued. */
    async addDropped(items) { add(await walk(items)); },
    add,
    cancel,
    clear,
    get articles() { return articles; },
    get errors() { return errors; },
  };
}
