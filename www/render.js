// Turns an analysis into DOM. Article text only ever reaches the page through textContent
// and text nodes, never through innerHTML, so a pasted <script> stays text.

const QUOTE_KINDS = new Set(['direct', 'indirect', 'mixed']);
const POLARITIES = new Set(['for', 'against', 'mixed', 'neutral']);
const HUES = 8;

function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'data') Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Names and colours for every id in the analysis. */
function index(analysis) {
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
  return { names, quoteCount, speakers, hue, name: (id) => names.get(id) ?? id };
}

/** The article as text with every quote wrapped in a <mark>. */
function renderArticle(target, text, analysis, ix) {
  const frag = document.createDocumentFragment();
  const quotes = [...analysis.quotes].sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const q of quotes) {
    const start = Math.max(q.start, pos);
    const end = Math.min(q.end, text.length);
    if (end <= start) continue; // nested or out of range: the outer mark already shows it
    if (start > pos) frag.append(text.slice(pos, start));
    const kind = QUOTE_KINDS.has(q.kind) ? q.kind : 'direct';
    frag.append(el('mark', {
      class: `quote ${kind}`,
      title: `${ix.name(q.speaker)} (${kind === 'indirect' ? 'reported' : kind})`,
      data: { quoteId: q.id, speakerId: q.speaker, hue: ix.hue.get(q.speaker) },
    }, text.slice(start, end)));
    pos = end;
  }
  if (pos < text.length) frag.append(text.slice(pos));
  target.replaceChildren(frag);
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
      tabindex: '0',
      'aria-pressed': 'false',
      data: { speakerId: s.id, hue: ix.hue.get(s.id) },
    });
    card.append(el('h3', { class: 'name' }, s.name));
    if (s.role) card.append(el('p', { class: 'role' }, s.role));
    if (s.organisation) card.append(el('p', { class: 'org', data: { orgId: s.organisation } }, ix.name(s.organisation)));
    card.append(el('p', { class: 'count' }, plural(count, 'quote')));
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
    item.append(el('span', { class: 'name' }, ix.name(o.id)));
    const facts = [o.kind, members.has(o.id) && plural(members.get(o.id), 'speaker'),
      ix.quoteCount.has(o.id) && plural(ix.quoteCount.get(o.id), 'quote')].filter(Boolean);
    if (facts.length) item.append(el('span', { class: 'facts' }, facts.join(' · ')));
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
      const evidence = s.evidence?.length ? ` (evidence: ${s.evidence.join(', ')})` : '';
      row.append(el('td', { data: { stance: polarity }, title: `${ix.name(h)} is ${polarity} ${ix.name(t)}${evidence}` }, polarity));
    }
    body.append(row);
  }
  target.replaceChildren(head, body);
}

/**
 * Render `analysis` of `text` into the page's result elements:
 * { results, article, speakers, organisations, stances }.
 */
export function renderAnalysis(els, text, analysis) {
  const ix = index(analysis);
  renderArticle(els.article, text, analysis, ix);
  renderSpeakers(els.speakers, analysis, ix);
  renderOrganisations(els.organisations, analysis, ix);
  renderStances(els.stances, analysis, ix);
  Object.assign(els.results.dataset, {
    state: 'done',
    people: String(analysis.people.length),
    quotes: String(analysis.quotes.length),
    organisations: String(analysis.organisations.length),
    stances: String(analysis.stances.length),
  });
  return { speakers: ix.quoteCount.size, quotes: analysis.quotes.length };
}

/** Show only one speaker's quotes, or everyone's again with `null`. */
export function focusSpeaker(els, speakerId) {
  if (speakerId) els.article.dataset.focus = speakerId;
  else delete els.article.dataset.focus;
  for (const mark of els.article.querySelectorAll('mark[data-speaker-id]')) {
    mark.classList.toggle('focused', mark.dataset.speakerId === speakerId);
  }
  for (const card of els.speakers.querySelectorAll('[data-speaker-id]')) {
    card.setAttribute('aria-pressed', String(card.dataset.speakerId === speakerId));
  }
}
