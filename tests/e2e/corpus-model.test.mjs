// The corpus view's model (www/corpus.js) in Node, no browser: how names merge across
// articles, the stance network's edges, and the corpus CSV and JSON.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bodyKey, buildCorpus, corpusCSV, corpusJSON, edgePolarity, foldName, personKey,
} from '../../www/corpus.js';

const analysis = (parts) => ({ people: [], organisations: [], topics: [], quotes: [], stances: [], ...parts });
const quote = (id, speaker, kind, text, start = 0) => ({ id, speaker, kind, text, start, end: start + text.length });

describe('names', () => {
  test('fold case, accents, spacing and punctuation', () => {
    assert.equal(foldName('  Jane \u00a0 SM\u00cdTH '), 'jane smith');
    assert.equal(foldName('Zoë  O\u2019Brien-Ward'), "zoe o'brien ward");
    assert.equal(foldName('Jane Smi\u0301th'), 'jane smith'); // a combining accent
  });

  test('a person loses leading honorifics, never the whole name', () => {
    assert.equal(personKey('Dr Jane Smith'), 'jane smith');
    assert.equal(personKey('the Rt Hon. Sir Keir Starmer'), 'keir starmer');
    assert.equal(personKey('Prof. Dame Sally Davies'), 'sally davies');
    assert.equal(personKey('Mr'), 'mr');
    assert.equal(personKey('Ms Perry'), 'perry');
  });

  test('a body loses a leading "the"', () => {
    assert.equal(bodyKey('The Telegraph'), 'telegraph');
    assert.equal(bodyKey('the  National Education Union'), 'national education union');
    assert.equal(bodyKey('The'), 'the');
  });
});

describe('buildCorpus', () => {
  const articles = [
    {
      file: 'a.txt',
      analysis: analysis({
        people: [{ id: 'p1', name: 'Dr Jane Smith', role: 'chair', organisation: 'o1' }],
        organisations: [{ id: 'o1', name: 'National Education Union', acronym: 'NEU', kind: 'union' },
          { id: 'o2', name: 'Millbrook Council' }],
        quotes: [quote('q1', 'p1', 'direct', 'We will fight, "always".'), quote('q2', 'p1', 'mixed', 'it was "wrong"', 40),
          quote('q3', 'o1', 'indirect', 'the union said no', 80)],
        stances: [{ holder: 'p1', target: 'o2', polarity: 'against', score: -2, evidence: ['q1'] }],
      }),
    },
    {
      file: 'b.html',
      analysis: analysis({
        people: [{ id: 'p1', name: 'JANE  SM\u00cdTH' }, { id: 'p2', name: 'John Doe', organisation: 'o2' }],
        organisations: [{ id: 'o1', name: 'the Millbrook council' }, { id: 'o2', name: 'NEU' }],
        topics: [{ id: 't1', name: 'closure plan' }],
        quotes: [quote('q1', 'p1', 'indirect', 'she would go on\r\nfighting'), quote('q2', 'p2', 'direct', 'Yes, indeed.', 30)],
        stances: [{ holder: 'p1', target: 'o1', polarity: 'against', evidence: ['q1'] },
          { holder: 'p1', target: 't1', polarity: 'for', evidence: [] }],
      }),
    },
  ];
  // Same name, another organisation: someone else.
  const other = {
    file: 'c.txt',
    analysis: analysis({
      people: [{ id: 'p1', name: 'Jane Smith', organisation: 'o1' }],
      organisations: [{ id: 'o1', name: 'Millbrook Library Trust' }],
      quotes: [quote('q1', 'p1', 'direct', 'Hello.')],
      stances: [{ holder: 'p1', target: 'o1', polarity: 'for', evidence: ['q1'] },
        { holder: 'p1', target: 'o1', polarity: 'against', evidence: [] }],
    }),
  };
  const corpus = buildCorpus(articles);
  const speakers = (c) => c.speakers.map((s) => [s.entity.name, s.entity.organisation?.name ?? '', s.quotes.length, s.articles]);

  test('a name seen with one organisation and without any is one person', () => {
    const jane = corpus.speakers.find((s) => s.entity.name === 'Dr Jane Smith');
    assert.deepEqual(speakers(corpus), [
      ['Dr Jane Smith', 'National Education Union', 3, 2],
      ['John Doe', 'National Education Union', 1, 1],
      ['National Education Union', '', 1, 1],
    ]);
    assert.deepEqual([jane.direct, jane.indirect, jane.mixed], [1, 1, 1]);
    assert.deepEqual(jane.entity.names, ['Dr Jane Smith', 'JANE SM\u00cdTH']);
    assert.deepEqual(jane.entity.roles, ['chair']);
    assert.deepEqual(jane.quotes.map(({ article, quote: q }) => `${article}:${q.id}`), ['0:q1', '0:q2', '1:q1']);
  });

  test('a name seen with two organisations is two people, and without one a third', () => {
    const three = buildCorpus([...articles, other]);
    assert.deepEqual(speakers(three), [
      ['Dr Jane Smith', 'National Education Union', 2, 1],
      ['Jane Smith', 'Millbrook Library Trust', 1, 1],
      ['JANE SM\u00cdTH', '', 1, 1],
      ['John Doe', 'National Education Union', 1, 1],
      ['National Education Union', '', 1, 1],
    ]);
    const mixed = three.stances.find((e) => e.target.name === 'Millbrook Library Trust');
    assert.deepEqual([mixed.for, mixed.against, mixed.mixed, mixed.articles, edgePolarity(mixed)], [1, 1, 0, 1, 'mixed']);
  });

  test('an acronym stands for its full name, "the" and case are ignored for bodies', () => {
    const neu = corpus.entities.filter((e) => e.type === 'organisation' && e.name === 'National Education Union');
    assert.equal(neu.length, 1);
    assert.deepEqual(neu[0].refs, [{ article: 0, id: 'o1' }, { article: 1, id: 'o2' }]);
    assert.equal(neu[0].acronym, 'NEU');
    const doe = corpus.entities.find((e) => e.name === 'John Doe');
    assert.equal(doe.organisation, neu[0]);
    const council = corpus.entities.filter((e) => /millbrook council/i.test(e.name));
    assert.equal(council.length, 1);
  });

  test('stances merge by holder and target and count each polarity', () => {
    const rows = corpus.stances.map((e) => [e.holder.name, e.target.name, e.for, e.against, e.mixed, e.articles, edgePolarity(e)]);
    assert.deepEqual(rows, [
      ['Dr Jane Smith', 'Millbrook Council', 0, 2, 0, 2, 'against'],
      ['Dr Jane Smith', 'closure plan', 1, 0, 0, 1, 'for'],
    ]);
    assert.deepEqual(corpus.stances[0].items.map(({ article, stance }) => [article, stance.evidence]), [[0, ['q1']], [1, ['q1']]]);
  });

  test('CSV: a quote a row with RFC 4180 quoting and CRLF', () => {
    const csv = corpusCSV(articles, corpus);
    assert.equal(csv, [
      'article,quote_id,kind,speaker,organisation,text,start,end',
      'a.txt,q1,direct,Dr Jane Smith,National Education Union (NEU),"We will fight, ""always"".",0,24',
      'a.txt,q2,mixed,Dr Jane Smith,National Education Union (NEU),"it was ""wrong""",40,54',
      'a.txt,q3,indirect,National Education Union,National Education Union (NEU),the union said no,80,97',
      'b.html,q1,indirect,Dr Jane Smith,National Education Union (NEU),"she would go on\r\nfighting",0,25',
      'b.html,q2,direct,John Doe,National Education Union (NEU),"Yes, indeed.",30,42',
      '',
    ].join('\r\n'));
  });

  test('JSON: the merged view, every analysis with its file, and the errors', () => {
    const errors = [{ file: 'bad.txt', code: 'invalid_utf8', message: 'not UTF-8 text' }];
    const json = JSON.parse(corpusJSON(articles, errors, corpus));
    assert.deepEqual(Object.keys(json), ['articles', 'errors', 'entities', 'speakers', 'stances']);
    assert.deepEqual(json.articles.map((a) => a.file), ['a.txt', 'b.html']);
    assert.deepEqual(json.articles[1].analysis, articles[1].analysis);
    assert.deepEqual(json.errors, errors);
    const jane = json.speakers.find((s) => s.name === 'Dr Jane Smith');
    assert.deepEqual(jane.quote_refs, [{ article: 'a.txt', quote: 'q1' }, { article: 'a.txt', quote: 'q2' },
      { article: 'b.html', quote: 'q1' }]);
    const entity = json.entities.find((e) => e.id === jane.entity);
    assert.deepEqual(entity.mentions, [{ article: 'a.txt', id: 'p1' }, { article: 'b.html', id: 'p1' }]);
    assert.equal(json.entities.find((e) => e.id === entity.organisation).name, 'National Education Union');
    assert.deepEqual(json.stances[0], {
      holder: jane.entity, holder_name: 'Dr Jane Smith', target: json.stances[0].target, target_name: 'Millbrook Council',
      polarity: 'against', for: 0, against: 2, mixed: 0, neutral: 0, articles: 2,
      evidence: [{ article: 'a.txt', polarity: 'against', score: -2, quotes: ['q1'] },
        { article: 'b.html', polarity: 'against', quotes: ['q1'] }],
    });
  });
});
