// The corpus model: many articles' analyses merged into one set of speakers and one stance
// network. Pure data, no DOM, so Node can test it (tests/e2e/corpus-model.test.mjs).
//
// People are merged across articles by normalised name (case, accents, spacing and
// punctuation folded, honorifics such as "Dr" or "Ms" dropped) and organisation: a name seen
// with one organisation and also without one is one person; a name seen with two different
// organisations is two people. Organisations merge by normalised name, a leading "the"
// dropped, and an acronym stands for the full name it was given with anywhere in the corpus.
// Topics merge by normalised name.
import { csvRows } from './io.js';

const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'baroness', 'baron', 'rev', 'revd', 'reverend', 'fr', 'father', 'cllr', 'councillor', 'rt', 'hon',
  'right', 'honourable', 'honorable', 'the',
]);

/** Case, accents, punctuation and spacing folded: "  Jane  SMÍTH " → "jane smith". */
export function foldName(name) {
  return String(name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[^\p{L}\p{N}'&]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** A person's key name: folded, leading honorifics dropped ("Dr Jane Smith" → "jane smith"). */
export function personKey(name) {
  const words = foldName(name).split(' ');
  let i = 0;
  while (i < words.length - 1 && HONORIFICS.has(words[i])) i += 1;
  return words.slice(i).join(' ');
}

/** An organisation's or topic's key name: folded, a leading "the" dropped. */
export function bodyKey(name) {
  return foldName(name).replace(/^the (?=.)/, '');
}

const tidy = (name) => String(name ?? '').replace(/\s+/g, ' ').trim();

/** The form seen most often, the first seen on a tie. */
function commonest(forms) {
  const counts = new Map();
  for (const f of forms) counts.set(f, (counts.get(f) ?? 0) + 1);
  let best = forms[0];
  for (const [f, n] of counts) if (n > counts.get(best)) best = f;
  return best;
}

function distinct(values, key = (v) => v.toLowerCase()) {
  const seen = new Map();
  for (const v of values) if (v && !seen.has(key(v))) seen.set(key(v), v);
  return [...seen.values()];
}

/**
 * Merge `articles` ([{ file, analysis }], in order) into
 * { entities, speakers, stances, entityOf(articleIndex, id) }:
 * - entities: [{ id ("e1"…), type (person|organisation|topic), name, acronym?, names, roles,
 *   organisation? (an entity), unnamed, refs: [{ article, id }] }], in order of first mention;
 * - speakers: [{ entity, quotes: [{ article, quote }], direct, indirect, mixed, articles }],
 *   most quoted first;
 * - stances: [{ holder, target, for, against, mixed, neutral, articles, items: [{ article, stance }] }],
 *   most articles first.
 */
export function buildCorpus(articles) {
  // Organisations: an acronym stands for the full name it comes with.
  const acronyms = new Map();
  for (const { analysis } of articles) {
    for (const o of analysis.organisations) {
      if (o.acronym && bodyKey(o.acronym) !== bodyKey(o.name) && !acronyms.has(bodyKey(o.acronym))) {
        acronyms.set(bodyKey(o.acronym), bodyKey(o.name));
      }
    }
  }
  const orgKey = (o) => `o:${acronyms.get(bodyKey(o.name)) ?? bodyKey(o.name)}`;

  // People: the organisations each key name is seen with.
  const orgsOf = new Map();
  const byId = articles.map(({ analysis }) => {
    const ids = new Map();
    for (const o of analysis.organisations) ids.set(o.id, { kind: 'organisation', item: o, key: orgKey(o) });
    for (const t of analysis.topics) ids.set(t.id, { kind: 'topic', item: t, key: `t:${bodyKey(t.name)}` });
    for (const p of analysis.people) {
      const name = personKey(p.name) || foldName(p.name) || p.id;
      const org = ids.get(p.organisation)?.key ?? '';
      ids.set(p.id, { kind: 'person', item: p, name, org });
      if (!orgsOf.has(name)) orgsOf.set(name, new Set());
      if (org) orgsOf.get(name).add(org);
    }
    return ids;
  });
  for (const ids of byId) {
    for (const ref of ids.values()) {
      if (ref.kind !== 'person') continue;
      const orgs = orgsOf.get(ref.name);
      const org = ref.org || (orgs.size === 1 ? [...orgs][0] : '');
      ref.key = `p:${ref.name}|${org}`;
      ref.orgKey = org;
    }
  }

  // Entities in order of first mention: article by article, its people, organisations, topics.
  const byKey = new Map();
  const entities = [];
  articles.forEach(({ analysis }, article) => {
    const ids = byId[article];
    for (const x of [...analysis.people, ...analysis.organisations, ...analysis.topics]) {
      const ref = ids.get(x.id);
      let e = byKey.get(ref.key);
      if (!e) {
        e = { id: `e${entities.length + 1}`, key: ref.key, type: ref.kind, forms: [], roles: [], acronyms: [], refs: [], unnamed: true, orgKey: ref.orgKey };
        byKey.set(ref.key, e);
        entities.push(e);
      }
      e.forms.push(tidy(x.name));
      if (x.role) e.roles.push(tidy(x.role));
      if (ref.kind === 'organisation' && x.kind) e.roles.push(x.kind);
      if (x.acronym && bodyKey(x.acronym) !== bodyKey(x.name)) e.acronyms.push(x.acronym);
      if (!x.unnamed) e.unnamed = false;
      e.refs.push({ article, id: x.id });
    }
  });
  for (const e of entities) {
    e.name = commonest(e.forms);
    e.names = distinct(e.forms);
    e.roles = distinct(e.roles);
    if (e.acronyms.length) e.acronym = commonest(e.acronyms);
    if (e.type !== 'person') e.unnamed = false;
    e.organisation = e.orgKey ? byKey.get(e.orgKey) : undefined;
    delete e.forms;
    delete e.acronyms;
    delete e.orgKey;
  }
  const entityOf = (article, id) => byKey.get(byId[article]?.get(id)?.key);

  // Speakers: every entity quoted at least once.
  const speakerOf = new Map();
  articles.forEach(({ analysis }, article) => {
    for (const quote of analysis.quotes) {
      const entity = entityOf(article, quote.speaker);
      if (!entity) continue;
      let s = speakerOf.get(entity);
      if (!s) {
        s = { entity, quotes: [], direct: 0, indirect: 0, mixed: 0, articles: 0, seen: new Set() };
        speakerOf.set(entity, s);
      }
      s.quotes.push({ article, quote });
      if (quote.kind === 'indirect' || quote.kind === 'mixed') s[quote.kind] += 1; else s.direct += 1;
      s.seen.add(article);
    }
  });
  const speakers = [...speakerOf.values()].map((s) => {
    s.articles = s.seen.size;
    delete s.seen;
    return s;
  });
  speakers.sort((a, b) => b.quotes.length - a.quotes.length || b.articles - a.articles
    || a.entity.name.localeCompare(b.entity.name));

  // Stances: one edge per merged holder and target.
  const edges = new Map();
  articles.forEach(({ analysis }, article) => {
    for (const stance of analysis.stances) {
      const holder = entityOf(article, stance.holder);
      const target = entityOf(article, stance.target);
      if (!holder || !target) continue;
      const key = `${holder.id}>${target.id}`;
      let edge = edges.get(key);
      if (!edge) {
        edge = { holder, target, for: 0, against: 0, mixed: 0, neutral: 0, articles: 0, items: [], seen: new Set() };
        edges.set(key, edge);
      }
      const polarity = ['for', 'against', 'mixed'].includes(stance.polarity) ? stance.polarity : 'neutral';
      edge[polarity] += 1;
      edge.items.push({ article, stance });
      edge.seen.add(article);
    }
  });
  const stances = [...edges.values()].map((edge) => {
    edge.articles = edge.seen.size;
    delete edge.seen;
    return edge;
  });
  stances.sort((a, b) => b.articles - a.articles || b.items.length - a.items.length
    || a.holder.name.localeCompare(b.holder.name) || a.target.name.localeCompare(b.target.name));

  return { entities, speakers, stances, entityOf };
}

/** The overall polarity of an edge: the one polarity it has, or mixed. */
export function edgePolarity(edge) {
  const present = ['for', 'against', 'mixed', 'neutral'].filter((p) => edge[p] > 0);
  if (present.length === 1) return present[0];
  if (present.length === 2 && present.includes('neutral')) return present.find((p) => p !== 'neutral');
  return 'mixed';
}

/** An entity's name as shown: "National Education Union (NEU)". */
export const displayName = (e) => (e.acronym ? `${e.name} (${e.acronym})` : e.name);

/**
 * The corpus as JSON: the merged view (entities, speakers, stances) and every article's
 * analysis with its file name, plus the files that could not be analysed.
 */
export function corpusJSON(articles, errors, corpus = buildCorpus(articles)) {
  const quoteRef = ({ article, quote }) => ({ article: articles[article].file, quote: quote.id });
  const out = {
    articles: articles.map(({ file, analysis }) => ({ file, analysis })),
    errors: errors.map(({ file, code, message }) => ({ file, code, message })),
    entities: corpus.entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      ...(e.acronym ? { acronym: e.acronym } : {}),
      names: e.names,
      ...(e.roles.length ? { roles: e.roles } : {}),
      ...(e.organisation ? { organisation: e.organisation.id } : {}),
      ...(e.unnamed ? { unnamed: true } : {}),
      mentions: e.refs.map(({ article, id }) => ({ article: articles[article].file, id })),
    })),
    speakers: corpus.speakers.map((s) => ({
      entity: s.entity.id,
      name: s.entity.name,
      quotes: s.quotes.length,
      direct: s.direct,
      indirect: s.indirect,
      mixed: s.mixed,
      articles: s.articles,
      quote_refs: s.quotes.map(quoteRef),
    })),
    stances: corpus.stances.map((edge) => ({
      holder: edge.holder.id,
      holder_name: edge.holder.name,
      target: edge.target.id,
      target_name: edge.target.name,
      polarity: edgePolarity(edge),
      for: edge.for,
      against: edge.against,
      mixed: edge.mixed,
      neutral: edge.neutral,
      articles: edge.articles,
      evidence: edge.items.map(({ article, stance }) => ({
        article: articles[article].file,
        polarity: stance.polarity,
        ...(typeof stance.score === 'number' ? { score: stance.score } : {}),
        quotes: stance.evidence ?? [],
      })),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const CSV_HEADER = ['article', 'quote_id', 'kind', 'speaker', 'organisation', 'text', 'start', 'end'];

/** One quote a row, articles in order; speaker and organisation as merged across the corpus. */
export function corpusCSV(articles, corpus = buildCorpus(articles)) {
  const rows = [CSV_HEADER];
  articles.forEach(({ file, analysis }, article) => {
    for (const q of analysis.quotes) {
      const speaker = corpus.entityOf(article, q.speaker);
      const org = speaker?.type === 'organisation' ? speaker : speaker?.organisation;
      rows.push([file, q.id, q.kind, speaker ? speaker.name : q.speaker, org ? displayName(org) : '', q.text, q.start, q.end]);
    }
  });
  return csvRows(rows);
}
