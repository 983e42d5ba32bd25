// Turns an analysis into DOM and wires the result panels' clicks. Article text only ever
// reaches the page through textContent and text nodes, never through innerHTML, so a pasted
// <script> stays text. Used by the page, the iframe embed and <voices-analyser>.

const KINDS = { direct: 'direct', indirect: 'reported', mixed: 'mixed' };
const POLARITIES = new Set(['for', 'against', 'mixed', 'neutral']);
const SIGN = { for: '+', against: '−', mixed: '±', neutral: '·' };
const HUES = 8;
// Above this length the article is cut into blocks the browser may skip laying out
// (content-visibility), so a megabyte of text does not stall the page.
const CHUNK = 16_000;

export function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'data') Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const kindName = (kind) => KINDS[kind] ?? 'direct';

/** Names, colours and lookups for every id in the analysis. */
export function index(analysis) {
  const names = new Map();
  for (const p of analysis.people) names.set(p.id, p.name);
  for (const o of analysis.organisations) names.set(o.id, o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name);
  for (const t of analysis.topics) names.set(t.id, t.name);
  const quoteCount = new Map();
  for (const q of analysis.quotes) quoteCount.set(q.speaker, (quoteCount.get(q.speaker) ?? 0) + 1);
  // Speakers: every person, then organisations quoted as speakers themselves.
  const speakers = [
    ...analysis.people.map((p) => ({ id: p.id, name: p.name, role: p.role, organisation: p.organisation, unnamed: p.unnamed })),
    ...analysis.organisations.filter((o) => quoteCount.has(o.id))
      .map((o) => ({ id: o.id, name: names.get(o.id), role: o.kind ?? 'organisation' })),
  ];
  const hue = new Map(speakers.map((s, i) => [s.id, String(i % HUES)]));
  const speaker = new Map(speakers.map((s) => [s.id, s]));
  const quote = new Map(analysis.quotes.map((q) => [q.id, q]));
  return { quoteCount, speakers, speaker, quote, hue, name: (id) => names.get(id) ?? id };
}

/** The organisation a speaker stands for: a person's organisation, or the body itself. */
export function speakerOrganisation(analysis, id) {
  const person = analysis.people.find((p) => p.id === id);
  if (person) return person.organisation;
  return analysis.organisations.some((o) => o.id === id) ? id : undefined;
}

/** The article as text with every quote wrapped in a <mark>. */
function renderArticle(target, text, analysis, ix) {
  const quotes = [...analysis.quotes].sort((a, b) => a.start - b.start || b.end - a.end);
  const chunked = text.length > 2 * CHUNK;
  const root = document.createDocumentFragment();
  let block = chunked ? el('div', { class: 'chunk' }) : root;
  let pos = 0;
  let blockStart = 0;
  // Plain text up to `to`; in a long text, a new block after a line break once this one is full.
  const plain = (to) => {
    while (chunked && to > pos) {
      const cut = text.indexOf('\n', Math.max(pos, blockStart + CHUNK));
      if (cut < 0 || cut >= to) break;
      block.append(text.slice(pos, cut + 1));
      root.append(block);
      block = el('div', { class: 'chunk' });
      pos = blockStart = cut + 1;
    }
    if (to > pos) block.append(text.slice(pos, to));
    pos = Math.max(pos, to);
  };
  for (const q of quotes) {
    const start = Math.max(q.start, pos);
    const end = Math.min(q.end, text.length);
    if (end <= start) continue; // nested or out of range: the outer mark already shows it
    plain(start);
    const kind = KINDS[q.kind] ? q.kind : 'direct';
    block.append(el('mark', {
      class: `quote ${kind}`,
      tabindex: '0',
      role: 'button',
      title: `${kindName(kind)} quote by ${ix.name(q.speaker)}`,
      data: { quoteId: q.id, speakerId: q.speaker, kind, hue: ix.hue.get(q.speaker) },
    }, text.slice(start, end)));
    pos = end;
  }
  plain(text.length);
  if (chunked) root.append(block);
  target.replaceChildren(root);
}

function chips(analysis, ix, holder) {
  const list = el('ul', { class: 'chips', 'aria-label': 'Stances' });
  for (const s of analysis.stances) {
    if (s.holder !== holder) continue;
    const polarity = POLARITIES.has(s.polarity) ? s.polarity : 'neutral';
    list.append(el('li', { class: 'chip', data: { stance: polarity } }, `${SIGN[polarity]} ${polarity} ${ix.name(s.target)}`));
  }
  return list.childElementCount ? list : null;
}

function renderSpeakers(target, analysis, ix) {
  if (ix.speakers.length === 0) {
    target.replaceChildren(el('p', { class: 'empty' }, 'No speakers found.'));
    return;
  }
  target.replaceChildren(...ix.speakers.map((s) => {
    const count = ix.quoteCount.get(s.id) ?? 0;
    const card = el('article', {
      class: `card${s.unnamed ? ' unnamed' : ''}${count === 0 ? ' silent' : ''}`,
      data: { speakerId: s.id, hue: ix.hue.get(s.id) },
    });
    const heading = el('h3');
    heading.append(el('button', { type: 'button', class: 'name', 'aria-pressed': 'false', title: 'Show only their quotes' }, s.name));
    card.append(heading);
    if (s.role) card.append(el('p', { class: 'role' }, s.role));
    if (s.organisation) card.append(el('p', { class: 'org', data: { orgId: s.organisation } }, ix.name(s.organisation)));
    card.append(el('p', { class: 'count' }, plural(count, 'quote')));
    const stances = chips(analysis, ix, s.id);
    if (stances) card.append(stances);
    return card;
  }));
}

function renderOrganisations(target, analysis, ix) {
  if (analysis.organisations.length === 0) {
    target.replaceChildren(el('li', { class: 'empty' }, 'No organisations found.'));
    return;
  }
  const members = new Map();
  for (const p of analysis.people) if (p.organisation) members.set(p.organisation, (members.get(p.organisation) ?? 0) + 1);
  target.replaceChildren(...analysis.organisations.map((o) => {
    const item = el('li', { data: { orgId: o.id } });
    item.append(el('span', { class: 'name' }, o.name));
    if (o.acronym && o.acronym !== o.name) item.append(' ', el('abbr', { class: 'acronym', title: o.name }, o.acronym));
    const facts = [o.kind, plural(o.mentions?.length ?? 0, 'mention'),
      members.has(o.id) && plural(members.get(o.id), 'speaker'),
      ix.quoteCount.has(o.id) && plural(ix.quoteCount.get(o.id), 'quote')].filter(Boolean);
    item.append(el('span', { class: 'facts' }, facts.join(' · ')));
    return item;
  }));
}

/** Holders down the side, targets across the top, one polarity per cell. */
function renderStances(target, analysis, ix) {
  if (analysis.stances.length === 0) {
    const body = el('tbody');
    body.append(el('tr'));
    body.rows[0].append(el('td', { class: 'empty' }, 'No stances found.'));
    target.replaceChildren(body);
    return;
  }
  const holders = [...new Set(analysis.stances.map((s) => s.holder))];
  const targets = [...new Set(analysis.stances.map((s) => s.target))];
  const cell = new Map(analysis.stances.map((s) => [`${s.holder}\u0000${s.target}`, s]));

  const caption = el('caption', { class: 'visually-hidden' }, 'Who (rows) stands where on what (columns); select a cell for its evidence.');
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', { scope: 'col' }, 'Who ↓ / on →'));
  for (const t of targets) headRow.append(el('th', { scope: 'col', data: { targetId: t } }, ix.name(t)));
  head.append(headRow);

  const body = el('tbody');
  for (const h of holders) {
    const row = el('tr', { data: { holderId: h } });
    row.append(el('th', { scope: 'row' }, ix.name(h)));
    for (const t of targets) {
      const s = cell.get(`${h}\u0000${t}`);
      if (!s) { row.append(el('td')); continue; }
      const polarity = POLARITIES.has(s.polarity) ? s.polarity : 'neutral';
      const td = el('td', { data: { stance: polarity, holderId: h, targetId: t } });
      td.append(el('button', {
        type: 'button',
        title: `${ix.name(h)} is ${polarity} ${ix.name(t)}: show the evidence`,
      }, `${SIGN[polarity]} ${polarity}`));
      row.append(td);
    }
    body.append(row);
  }
  target.replaceChildren(caption, head, body);
}

/**
 * The result panels and their interactions. `els` holds the elements that exist in this
 * view: results, article, speakers and optionally organisations, stances, evidence, details,
 * speakerFilter, kindFilters (checkboxes). Call show(text, analysis) for every new result.
 */
export function createView(els) {
  let text = '';
  let analysis = null;
  let ix = null;
  const filter = { speaker: '', kinds: new Set(Object.keys(KINDS)) };

  function applyFilter() {
    const on = filter.speaker !== '' || filter.kinds.size < 3;
    els.article.toggleAttribute('data-filtered', on);
    for (const mark of els.article.querySelectorAll('mark[data-quote-id]')) {
      const shown = (!filter.speaker || mark.dataset.speakerId === filter.speaker) && filter.kinds.has(mark.dataset.kind);
      mark.classList.toggle('dim', !shown);
    }
    for (const card of els.speakers.querySelectorAll('[data-speaker-id]')) {
      const pressed = card.dataset.speakerId === filter.speaker;
      card.classList.toggle('selected', pressed);
      card.querySelector('button.name')?.setAttribute('aria-pressed', String(pressed));
    }
    if (els.speakerFilter) els.speakerFilter.value = filter.speaker;
  }

  function setSpeaker(id) {
    filter.speaker = id && ix?.speaker.has(id) ? id : '';
    applyFilter();
  }

  function markFor(id) {
    return els.article.querySelector(`mark[data-quote-id="${CSS.escape(id)}"]`);
  }

  function selectQuote(id) {
    const q = ix?.quote.get(id);
    for (const m of els.article.querySelectorAll('mark.current')) m.classList.remove('current');
    if (!q || !els.details) return;
    markFor(id)?.classList.add('current');
    const who = ix.speaker.get(q.speaker) ?? { name: ix.name(q.speaker) };
    const org = speakerOrganisation(analysis, q.speaker);
    const slice = (span) => (span ? text.slice(span.start, span.end) : '');
    const rows = [
      ['Speaker', [who.name, who.role, org && org !== q.speaker && ix.name(org)].filter(Boolean).join(', ')],
      ['Named as', slice(q.source)],
      ['Cue', slice(q.cue)],
      ['Kind', kindName(q.kind)],
      ['Offsets', `${q.start}–${q.end}`],
    ];
    const list = el('dl');
    for (const [term, value] of rows) if (value) list.append(el('dt', {}, term), el('dd', {}, value));
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close the quote details' }, '×');
    close.addEventListener('click', () => { els.details.hidden = true; selectQuote(''); });
    els.details.replaceChildren(el('h3', {}, `Quote ${q.id}`), list, close);
    els.details.hidden = false;
  }

  function showEvidence(td) {
    if (!els.evidence) return;
    const { holderId, targetId } = td.dataset;
    const s = analysis.stances.find((x) => x.holder === holderId && x.target === targetId);
    if (!s) return;
    for (const c of els.stances.querySelectorAll('td.current')) c.classList.remove('current');
    td.classList.add('current');
    const list = el('ol', { class: 'evidence' });
    for (const id of s.evidence ?? []) {
      const q = ix.quote.get(id);
      if (!q) continue;
      const item = el('li', { data: { quoteId: id } });
      item.append(el('span', { class: `quote ${KINDS[q.kind] ? q.kind : 'direct'}`, data: { hue: ix.hue.get(q.speaker) } }, q.text), ' ');
      item.append(el('button', { type: 'button', class: 'link', data: { goto: id } }, `show ${id} in the article`));
      list.append(item);
    }
    const score = typeof s.score === 'number' ? ` (score ${s.score.toFixed(2)})` : '';
    els.evidence.replaceChildren(
      el('h3', {}, `${ix.name(holderId)} is ${s.polarity} ${ix.name(targetId)}${score}`),
      list.childElementCount ? list : el('p', { class: 'empty' }, 'No quotes recorded as evidence.'),
    );
    els.evidence.hidden = false;
  }

  function gotoQuote(id) {
    const mark = markFor(id);
    if (!mark) return;
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
    selectQuote(id);
  }

  els.speakers.addEventListener('click', (event) => {
    const card = event.target.closest('[data-speaker-id]');
    if (card) setSpeaker(filter.speaker === card.dataset.speakerId ? '' : card.dataset.speakerId);
  });
  els.article.addEventListener('click', (event) => {
    const mark = event.target.closest('mark[data-quote-id]');
    if (mark) selectQuote(mark.dataset.quoteId);
  });
  els.article.addEventListener('keydown', (event) => {
    const mark = event.target.closest('mark[data-quote-id]');
    if (mark && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      selectQuote(mark.dataset.quoteId);
    }
  });
  els.stances?.addEventListener('click', (event) => {
    const td = event.target.closest('td[data-stance]');
    if (td) showEvidence(td);
  });
  els.evidence?.addEventListener('click', (event) => {
    const button = event.target.closest('[data-goto]');
    if (button) gotoQuote(button.dataset.goto);
  });
  els.speakerFilter?.addEventListener('change', () => setSpeaker(els.speakerFilter.value));
  for (const box of els.kindFilters ?? []) {
    box.addEventListener('change', () => {
      if (box.checked) filter.kinds.add(box.value); else filter.kinds.delete(box.value);
      applyFilter();
    });
  }

  return {
    /** Render `result` (the analysis of `articleText`); returns counts for a status line. */
    show(articleText, result) {
      text = articleText;
      analysis = result;
      ix = index(result);
      renderArticle(els.article, text, result, ix);
      renderSpeakers(els.speakers, result, ix);
      if (els.organisations) renderOrganisations(els.organisations, result, ix);
      if (els.stances) renderStances(els.stances, result, ix);
      if (els.details) els.details.hidden = true;
      if (els.evidence) els.evidence.hidden = true;
      if (els.speakerFilter) {
        els.speakerFilter.replaceChildren(el('option', { value: '' }, 'everyone'),
          ...ix.speakers.filter((s) => ix.quoteCount.has(s.id)).map((s) => el('option', { value: s.id }, s.name)));
      }
      setSpeaker(filter.speaker);
      Object.assign(els.results.dataset, {
        state: 'done',
        people: String(result.people.length),
        quotes: String(result.quotes.length),
        organisations: String(result.organisations.length),
        stances: String(result.stances.length),
      });
      return { speakers: ix.quoteCount.size, quotes: result.quotes.length };
    },
    get analysis() { return analysis; },
    get text() { return text; },
    setSpeaker,
    selectQuote,
    gotoQuote,
  };
}
