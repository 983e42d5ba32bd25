// End-to-end test of the corpus view (www/corpus-view.js) in Debian's Chromium: many files
// picked, dropped and a folder, progress and cancel, errors per file, speakers merged across
// articles, the stance network and its evidence, opening an article in the single view, and
// the corpus JSON and CSV downloads.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, axeViolations, isLocal, openBrowser, parseCSV } from './helpers.mjs';

const FIXTURES = join(ROOT, 'tests/e2e/fixtures/corpus');
const SAMPLES = join(ROOT, 'www/samples');
const DRAFT = 'My own notes, typed here before the corpus was added.\n\n"Nothing here may be lost," said Ann Lee.\n';
// millbrook-protest.html as the page reduces it to text (nav, script and footer dropped).
const PROTEST = 'Protest at town hall over library closure\n\n'
  + 'Hundreds of people marched to the town hall on Saturday to oppose the closure of Millbrook library.\n\n'
  + '\u201cThe council has let this town down,\u201d said Jane Sm\u00edth, chair of the Millbrook Residents\' Association. '
  + '\u201cWe oppose Millbrook Council and we will keep fighting.\u201d\n\n'
  + 'Ms Sm\u00edth said the association would take the council to court.\n\n'
  + 'A spokesperson for Millbrook Council said it had no choice.';
const COURT = 'Millbrook library campaign goes to court\n\n'
  + 'Campaigners will ask the High Court to stop the closure of Millbrook library.\n\n'
  + '"We have no choice but to take Millbrook Council to court," said Jane Smith, chair of the Millbrook Residents\' Association.\n';
const SPEAKER_COLUMNS = ['Speaker', 'Organisation', 'Role', 'Quotes', 'Direct', 'Reported', 'Mixed', 'Articles'];

let browser;
let origin;
let page;
let requests;
let problems;
const texts = new Map(); // file name → the text the page analyses

before(async () => {
  browser = await openBrowser();
  ({ page, origin, requests, problems } = browser);
  for (const name of await readdir(SAMPLES)) {
    if (name.endsWith('.txt')) texts.set(name, await readFile(join(SAMPLES, name), 'utf8'));
  }
  texts.set('millbrook-library-closure.txt', await readFile(join(FIXTURES, 'millbrook-library-closure.txt'), 'utf8'));
  texts.set('millbrook-protest.html', PROTEST);
});

after(async () => {
  await browser?.close();
});

const corpusState = () => page.$eval('#corpus', (el) => ({ ...el.dataset }));

async function waitForCorpus(state = 'done') {
  try {
    await page.waitForFunction((want) => document.getElementById('corpus').dataset.state === want, state, { polling: 100 });
  } catch (err) {
    err.message += `\ncorpus: ${JSON.stringify(await corpusState())}; status: ${await page.textContent('#corpus-status')}`;
    throw err;
  }
  return corpusState();
}

const readErrors = () => page.$$eval('#corpus-errors li', (items) => items.map((li) => [li.dataset.file, li.dataset.code]));

/** The speakers table as { name: { column: text } }, and the order of its rows. */
const readSpeakers = () => page.$$eval('#corpus-speakers tbody tr[data-entity]', (rows) => rows.map((row) => [
  row.querySelector('th button').textContent,
  ...[...row.querySelectorAll('td')].map((td) => td.textContent),
]));

function speakerRow(rows, name) {
  const matching = rows.filter((r) => r[0] === name);
  assert.equal(matching.length, 1, `${matching.length} rows for ${name}: ${JSON.stringify(rows.map((r) => r[0]))}`);
  return Object.fromEntries(SPEAKER_COLUMNS.map((c, i) => [c, matching[0][i]]));
}

/** Drop files made in the page on `selector`, as the browser does for a drag from the desktop. */
const dropFiles = (selector, files) => page.evaluate(([sel, list]) => {
  const data = new DataTransfer();
  for (const { name, type, text, repeat = 1, bytes } of list) {
    const body = bytes ? new Uint8Array(bytes).fill(97) : Array(repeat).fill(text).join('\n\n');
    data.items.add(new File([body], name, { type }));
  }
  const target = document.querySelector(sel);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }
}, [selector, files]);


describe('corpus view', () => {
  test('starts empty, with the single-article text area holding what was typed', async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('#status[data-state="done"]');
    await page.fill('#article', DRAFT);
    await page.waitForFunction((t) => document.getElementById('highlighted').textContent === t, DRAFT);
    assert.deepEqual(await corpusState(), { state: 'idle', articles: '0', errors: '0', speakers: '0', stances: '0' });
    assert.equal(await page.isHidden('#corpus-results'), true);
    for (const id of ['corpus-cancel', 'corpus-clear', 'corpus-export-json', 'corpus-export-csv']) {
      assert.equal(await page.isDisabled(`#${id}`), true, `#${id} is enabled with no corpus`);
    }
    assert.equal(await page.getAttribute('#corpus-files', 'multiple'), '');
    assert.equal(await page.getAttribute('#corpus-folder', 'webkitdirectory'), '');
  });

  test('analyses many picked files with progress and lists the one that is not UTF-8', async () => {
    const files = [];
    for (const name of [...texts.keys()].filter((n) => !n.startsWith('millbrook'))) {
      files.push({ name, mimeType: 'text/plain', buffer: await readFile(join(SAMPLES, name)) });
    }
    files.push({ name: 'millbrook-library-closure.txt', mimeType: 'text/plain', buffer: await readFile(join(FIXTURES, 'millbrook-library-closure.txt')) });
    files.push({ name: 'millbrook-protest.html', mimeType: 'text/html', buffer: await readFile(join(FIXTURES, 'millbrook-protest.html')) });
    files.push({ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from('Caf\xe9 "d\xe9j\xe0 vu," said Ren\xe9e.\n', 'latin1') });
    // Watch the progress bar while the run goes on.
    await page.evaluate(() => {
      window.__progress = [];
      const bar = document.getElementById('corpus-progress');
      new MutationObserver(() => window.__progress.push([bar.value, bar.max, bar.hidden]))
        .observe(bar, { attributes: true });
      window.__sawBusy = false;
      new MutationObserver(() => { window.__sawBusy ||= document.getElementById('corpus').dataset.state === 'busy'; })
        .observe(document.getElementById('corpus'), { attributes: true });
    });
    await page.setInputFiles('#corpus-files', files);
    const state = await waitForCorpus();
    assert.deepEqual(state, { state: 'done', articles: '7', errors: '1', speakers: '17', stances: '13' });
    assert.equal(await page.evaluate(() => window.__sawBusy), true, 'never busy');
    const progress = await page.evaluate(() => window.__progress);
    assert.ok(progress.some(([value, max, hidden]) => !hidden && max === 8 && value >= 1 && value < 8),
      `no progress shown: ${JSON.stringify(progress)}`);
    assert.equal(await page.isHidden('#corpus-progress'), true);
    assert.equal(await page.textContent('#corpus-status'), '7 articles analysed, 1 file not analysed. 17 speakers, 13 stance links.');
    assert.deepEqual(await readErrors(), [['latin1.txt', 'invalid_utf8']]);
    assert.match(await page.textContent('#corpus-errors li'), /^latin1\.txt: not UTF-8 text/);
    // The articles list, in name order.
    await page.click('#corpus-articles summary');
    assert.deepEqual(await page.$$eval('#corpus-article-list tbody tr', (rows) => rows.map((r) => r.dataset.file)), [
      'cst-heads-and-ofsted.txt', 'millbrook-library-closure.txt', 'millbrook-protest.html', 'naht-pay-dispute.txt',
      'neu-dont-work-for-ofsted.txt', 'ofsted-secondment-roles.txt', 'ofsted-secondments-announced.txt',
    ]);
    // The single-article view is untouched.
    assert.equal(await page.inputValue('#article'), DRAFT);
    assert.equal(await page.textContent('#highlighted'), DRAFT);
  });

  test('merges a speaker across articles (honorific, accent and case aside) with exact counts', async () => {
    const rows = await readSpeakers();
    assert.equal(rows.length, 17);
    assert.deepEqual(speakerRow(rows, 'Jane Smith'), {
      Speaker: 'Jane Smith', Organisation: 'Millbrook Residents\' Association', Role: 'chair',
      Quotes: '5', Direct: '4', Reported: '1', Mixed: '0', Articles: '2',
    });
    assert.deepEqual(speakerRow(rows, 'Amanda Spielman'), {
      Speaker: 'Amanda Spielman', Organisation: '', Role: 'Chief Inspector',
      Quotes: '8', Direct: '6', Reported: '1', Mixed: '1', Articles: '2',
    });
    assert.deepEqual(speakerRow(rows, 'National Education Union (NEU)'), {
      Speaker: 'National Education Union (NEU)', Organisation: '', Role: 'union',
      Quotes: '2', Direct: '0', Reported: '0', Mixed: '2', Articles: '1',
    });
    assert.equal(rows.filter((r) => /sm[ií]th/i.test(r[0])).length, 1, 'Jane Smíth was not merged with Jane Smith');
    // Most quoted first, then by name.
    assert.deepEqual(rows.slice(0, 4).map((r) => r[0]), ['Leora Cruddas', 'Paul Whiteman', 'Amanda Spielman', 'Jane Smith']);
  });

  test('the speakers table sorts by any column, announcing the order', async () => {
    const sortBy = async (label) => {
      await page.click(`#corpus-speakers thead button:text-is("${label}")`);
      return page.$$eval('#corpus-speakers thead th[aria-sort]', (ths) => ths.map((th) => [th.querySelector('button').textContent, th.getAttribute('aria-sort')]));
    };
    assert.deepEqual(await sortBy('Articles'), [['Articles', 'descending']]);
    let rows = await readSpeakers();
    assert.deepEqual(rows.slice(0, 3).map((r) => [r[0], r[7]]), [['Amanda Spielman', '2'], ['Jane Smith', '2'], ['Becky Francis', '1']]);
    assert.deepEqual(await sortBy('Articles'), [['Articles', 'ascending']]);
    rows = await readSpeakers();
    assert.deepEqual(rows.slice(-2).map((r) => r[0]), ['Amanda Spielman', 'Jane Smith']);
    assert.deepEqual(await sortBy('Speaker'), [['Speaker', 'ascending']]);
    rows = await readSpeakers();
    const names = rows.map((r) => r[0]);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    assert.equal(names[0], 'Amanda Spielman');
    assert.deepEqual(await sortBy('Quotes'), [['Quotes', 'descending']]);
    assert.equal((await readSpeakers())[0][0], 'Leora Cruddas');
  });

  test('a speaker\'s quotes across articles are one click away', async () => {
    const button = page.locator('#corpus-speakers tbody th button', { hasText: /^Jane Smith$/ });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const panel = `#${await button.getAttribute('aria-controls')}`;
    assert.equal(await page.isVisible(panel), true);
    const quotes = await page.$$eval(`${panel} li`, (items) => items.map((li) => [li.dataset.article, li.dataset.quoteId,
      li.querySelector('.quote').className, li.querySelector('.quote').textContent]));
    assert.deepEqual(quotes, [
      ['millbrook-library-closure.txt', 'q2', 'quote direct', 'We oppose Millbrook Council and we will fight this plan every step of the way,'],
      ['millbrook-library-closure.txt', 'q3', 'quote direct', 'The council has let this town down.'],
      ['millbrook-protest.html', 'q1', 'quote direct', 'The council has let this town down,'],
      ['millbrook-protest.html', 'q2', 'quote direct', 'We oppose Millbrook Council and we will keep fighting.'],
      ['millbrook-protest.html', 'q3', 'quote indirect', 'the association would take the council to court'],
    ]);
    await button.click();
    assert.equal(await page.isHidden(panel), true);
  });

  test('the stance network draws the links and shows a link\'s evidence on click and by keyboard', async () => {
    assert.equal(await page.$$eval('#corpus-network svg .edge', (edges) => edges.length), 13);
    const edge = '#corpus-network .edge[data-edge="0"]';
    assert.equal(await page.getAttribute(edge, 'aria-label'),
      'Jane Smith → Millbrook Council: 2 against, in 2 articles. Show the evidence');
    assert.equal(await page.getAttribute(edge, 'data-stance'), 'against');
    const row = await page.$eval('#corpus-stances tbody tr[data-edge="0"]', (tr) => [...tr.children].map((c) => c.textContent));
    assert.deepEqual(row, ['Jane Smith', 'Millbrook Council', 'against', '0', '2', '0', '2',
      'Evidence (2) for Jane Smith → Millbrook Council']);
    assert.equal(await page.isHidden('#corpus-evidence-0'), true);

    // A click on the drawn link (not its box, which other links cross) opens the row's evidence.
    await page.$eval('#corpus-network', (el) => el.scrollIntoView());
    const point = await page.$eval(`${edge} .line`, (path) => {
      const p = path.getPointAtLength(path.getTotalLength() * 0.15);
      const m = path.getScreenCTM();
      return { x: p.x * m.a + m.e, y: p.y * m.d + m.f };
    });
    await page.mouse.click(point.x, point.y);
    assert.equal(await page.isVisible('#corpus-evidence-0'), true);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.edge), '0');
    assert.equal(await page.getAttribute('#corpus-stances button[data-edge="0"]', 'aria-expanded'), 'true');
    const evidence = await page.$$eval('#corpus-evidence-0 .corpus-evidence > li', (items) => items.map((li) => ({
      article: li.dataset.article,
      text: li.firstChild.textContent + li.childNodes[1].textContent,
      quotes: [...li.querySelectorAll('.corpus-quotes li')].map((q) => [q.dataset.quoteId, q.querySelector('.quote').textContent]),
    })));
    assert.deepEqual(evidence, [
      { article: 'millbrook-library-closure.txt', text: 'millbrook-library-closure.txt: against (score -3.00)',
        quotes: [['q2', 'We oppose Millbrook Council and we will fight this plan every step of the way,']] },
      { article: 'millbrook-protest.html', text: 'millbrook-protest.html: against (score -3.00)',
        quotes: [['q2', 'We oppose Millbrook Council and we will keep fighting.']] },
    ]);

    // By keyboard: Enter on a focused link.
    const target = await page.$$eval('#corpus-stances tbody tr[data-edge]', (rows) => rows
      .find((r) => r.children[0].textContent === 'Mary Bousted' && r.children[1].textContent === 'Ofsted').dataset.edge);
    await page.focus(`#corpus-network .edge[data-edge="${target}"]`);
    await page.keyboard.press('Enter');
    assert.equal(await page.isVisible(`#corpus-evidence-${target}`), true);
    assert.deepEqual(await page.$$eval(`#corpus-evidence-${target} .corpus-quotes li`, (items) => items.map((li) => li.dataset.quoteId)),
      ['q2', 'q3']);
    // The row's own button closes it again.
    await page.click(`#corpus-stances button[data-edge="${target}"]`);
    assert.equal(await page.isHidden(`#corpus-evidence-${target}`), true);
  });

  test('a quote opens its article in the single view, and the typed text comes back', async () => {
    assert.equal(await page.isHidden('#draft-note'), true);
    await page.click('#corpus-evidence-0 button[data-open][data-quote="q2"] >> nth=1');
    await page.waitForFunction((t) => document.getElementById('results').dataset.state === 'done'
      && document.getElementById('highlighted').textContent === t, PROTEST);
    assert.equal(await page.inputValue('#article'), PROTEST);
    await page.waitForFunction(() => document.activeElement?.dataset.quoteId === 'q2');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'We oppose Millbrook Council and we will keep fighting.');
    assert.equal(await page.isVisible('#quote-details'), true);
    assert.equal(await page.isVisible('#draft-note'), true);
    assert.equal(await page.textContent('#draft-source'), 'Showing millbrook-protest.html from the corpus; your text is kept.');

    // Another article from the corpus: the typed text is still the one kept.
    await page.click('#corpus-article-list button:text-is("naht-pay-dispute.txt")');
    await page.waitForFunction((t) => document.getElementById('highlighted').textContent === t, texts.get('naht-pay-dispute.txt'));
    await page.click('#restore-draft');
    await page.waitForFunction((t) => document.getElementById('highlighted').textContent === t, DRAFT);
    assert.equal(await page.inputValue('#article'), DRAFT);
    assert.equal(await page.isHidden('#draft-note'), true);
  });

  test('exports the corpus as JSON: the merged view and every analysis with its file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#corpus-export-json')]);
    assert.equal(download.suggestedFilename(), 'voices-corpus.json');
    const json = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(Object.keys(json), ['articles', 'errors', 'entities', 'speakers', 'stances']);
    assert.deepEqual(json.articles.map((a) => a.file), [
      'cst-heads-and-ofsted.txt', 'millbrook-library-closure.txt', 'millbrook-protest.html', 'naht-pay-dispute.txt',
      'neu-dont-work-for-ofsted.txt', 'ofsted-secondment-roles.txt', 'ofsted-secondments-announced.txt',
    ]);
    for (const { file, analysis } of json.articles) {
      assert.deepEqual(Object.keys(analysis), ['people', 'organisations', 'topics', 'quotes', 'stances']);
      for (const q of analysis.quotes) assert.equal(texts.get(file).slice(q.start, q.end), q.text, `${file} ${q.id}`);
    }
    assert.deepEqual(json.errors.map((e) => [e.file, e.code]), [['latin1.txt', 'invalid_utf8']]);
    assert.equal(json.speakers.length, 17);
    const jane = json.speakers.find((s) => s.name === 'Jane Smith');
    assert.deepEqual({ ...jane, entity: undefined }, {
      entity: undefined, name: 'Jane Smith', quotes: 5, direct: 4, indirect: 1, mixed: 0, articles: 2,
      quote_refs: [
        { article: 'millbrook-library-closure.txt', quote: 'q2' }, { article: 'millbrook-library-closure.txt', quote: 'q3' },
        { article: 'millbrook-protest.html', quote: 'q1' }, { article: 'millbrook-protest.html', quote: 'q2' },
        { article: 'millbrook-protest.html', quote: 'q3' },
      ],
    });
    const entity = json.entities.find((e) => e.id === jane.entity);
    assert.deepEqual(entity.names, ['Jane Smith', 'Jane Smíth']);
    assert.deepEqual(entity.mentions, [{ article: 'millbrook-library-closure.txt', id: 'p1' }, { article: 'millbrook-protest.html', id: 'p1' }]);
    assert.equal(json.entities.find((e) => e.id === entity.organisation).name, 'Millbrook Residents\' Association');
    assert.equal(json.stances.length, 13);
    const { holder, target, ...edge } = json.stances[0];
    assert.equal(holder, jane.entity);
    assert.equal(json.entities.find((e) => e.id === target).name, 'Millbrook Council');
    assert.deepEqual(edge, {
      holder_name: 'Jane Smith', target_name: 'Millbrook Council', polarity: 'against',
      for: 0, against: 2, mixed: 0, neutral: 0, articles: 2,
      evidence: [
        { article: 'millbrook-library-closure.txt', polarity: 'against', score: -3, quotes: ['q2'] },
        { article: 'millbrook-protest.html', polarity: 'against', score: -3, quotes: ['q2'] },
      ],
    });
  });

  test('exports the corpus as CSV: one quote a row, RFC 4180', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#corpus-export-csv')]);
    assert.equal(download.suggestedFilename(), 'voices-corpus-quotes.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const rows = parseCSV(csv);
    assert.deepEqual(rows[0], ['article', 'quote_id', 'kind', 'speaker', 'organisation', 'text', 'start', 'end']);
    assert.equal(rows.length, 1 + 53);
    const counts = {};
    for (const [file] of rows.slice(1)) counts[file] = (counts[file] ?? 0) + 1;
    assert.deepEqual(counts, {
      'cst-heads-and-ofsted.txt': 14, 'millbrook-library-closure.txt': 4, 'millbrook-protest.html': 4, 'naht-pay-dispute.txt': 10,
      'neu-dont-work-for-ofsted.txt': 7, 'ofsted-secondment-roles.txt': 8, 'ofsted-secondments-announced.txt': 6,
    });
    for (const [file, id, kind, , , text, start, end] of rows.slice(1)) {
      assert.match(id, /^q\d+$/);
      assert.match(kind, /^(direct|indirect|mixed)$/);
      assert.equal(texts.get(file).slice(Number(start), Number(end)), text, `${file} ${id}`);
    }
    const jane = rows.filter((r) => r[3] === 'Jane Smith');
    assert.deepEqual(jane.map((r) => [r[0], r[1], r[2], r[4]]), [
      ['millbrook-library-closure.txt', 'q2', 'direct', 'Millbrook Residents\' Association'],
      ['millbrook-library-closure.txt', 'q3', 'direct', 'Millbrook Residents\' Association'],
      ['millbrook-protest.html', 'q1', 'direct', 'Millbrook Residents\' Association'],
      ['millbrook-protest.html', 'q2', 'direct', 'Millbrook Residents\' Association'],
      ['millbrook-protest.html', 'q3', 'indirect', 'Millbrook Residents\' Association'],
    ]);
    // A field with a comma is quoted in the file itself.
    assert.ok(csv.includes('\r\nmillbrook-library-closure.txt,q2,direct,Jane Smith,Millbrook Residents\' Association,'
      + '"We oppose Millbrook Council and we will fight this plan every step of the way,",'), 'the comma was not quoted');
  });

  test('several files dropped on the text area join the corpus and the typed text stays', async () => {
    await dropFiles('#article', [
      { name: 'millbrook-court.txt', type: 'text/plain', text: COURT },
      { name: 'huge.txt', type: 'text/plain', bytes: 32 * 1024 * 1024 + 1 },
      { name: 'notes.pdf', type: 'application/pdf', text: '%PDF-1.4' },
    ]);
    const state = await waitForCorpus();
    assert.deepEqual(state, { state: 'done', articles: '8', errors: '3', speakers: '17', stances: '13' });
    assert.deepEqual(await readErrors(), [['latin1.txt', 'invalid_utf8'], ['notes.pdf', 'unsupported'], ['huge.txt', 'input_too_large']]);
    assert.match(await page.textContent('#corpus-errors li[data-file="huge.txt"]'), /too large: 32\.0 MiB; the analyser takes at most 32\.0 MiB/);
    assert.equal(await page.inputValue('#article'), DRAFT);
    assert.equal(await page.textContent('#highlighted'), DRAFT);
    const jane = speakerRow(await readSpeakers(), 'Jane Smith');
    assert.deepEqual([jane.Quotes, jane.Direct, jane.Articles], ['6', '5', '3']);
  });

  test('a long run can be cancelled: what was analysed stays, the rest is left out', async (t) => {
    const big = texts.get('naht-pay-dispute.txt');
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `big-${String(i).padStart(2, '0')}.txt`, type: 'text/plain', text: big, repeat: 250 }));
    await dropFiles('#corpus-heading', files); // anywhere outside the text area
    await page.waitForFunction(() => document.getElementById('corpus-progress').value >= 1, null, { polling: 20 });
    assert.equal(await page.getAttribute('#corpus', 'data-state'), 'busy');
    assert.equal(await page.isEnabled('#corpus-cancel'), true);
    await page.click('#corpus-cancel');
    const state = await waitForCorpus('cancelled');
    const analysed = Number(state.articles) - 8;
    t.diagnostic(`${analysed} of 20 files of ${(big.length * 250 / 1e6).toFixed(1)} MB analysed before the cancel`);
    assert.ok(analysed >= 1 && analysed < 20, `${analysed} of 20 analysed before the cancel took effect`);
    assert.equal(state.errors, '3');
    assert.match(await page.textContent('#corpus-status'), new RegExp(`^Cancelled: ${20 - analysed} files? not analysed\\. ${8 + analysed} articles analysed, 3 files not analysed\\.`));
    assert.equal(await page.isDisabled('#corpus-cancel'), true);
    assert.equal(await page.isHidden('#corpus-progress'), true);
    // The corpus works on: a file added after the cancel is analysed.
    await dropFiles('#corpus-heading', [{ name: 'after-cancel.txt', type: 'text/plain', text: COURT.replace('court,"', 'the court,"') }]);
    const after = await waitForCorpus();
    assert.equal(after.articles, String(8 + analysed + 1));
  });

  test('Clear empties the corpus; a folder picked is analysed file by file, paths kept', async () => {
    await page.click('#corpus-clear');
    assert.deepEqual(await corpusState(), { state: 'idle', articles: '0', errors: '0', speakers: '0', stances: '0' });
    assert.equal(await page.isHidden('#corpus-results'), true);
    assert.equal(await page.isHidden('#corpus-errors'), true);
    await page.setInputFiles('#corpus-folder', join(ROOT, 'tests/fixtures/seeds'));
    const state = await waitForCorpus();
    assert.deepEqual(state, { state: 'done', articles: '5', errors: '0', speakers: '13', stances: '11' });
    assert.deepEqual(await page.$$eval('#corpus-article-list tbody tr', (rows) => rows.map((r) => r.dataset.file)), [
      'seeds/000_920189b2397f4d5c.txt', 'seeds/001_eb9ac7d76a2d5528.txt', 'seeds/002_b048cc640df86e06.txt',
      'seeds/003_695a8b44334e480e.txt', 'seeds/004_48cf1d863027846c.txt',
    ]);
    assert.deepEqual(speakerRow(await readSpeakers(), 'Amanda Spielman').Articles, '2');
    assert.equal(await page.inputValue('#article'), DRAFT);
  });

  test('a file that cannot be read, or holds no text, gets its own reason', async () => {
    // A File whose bytes are gone (moved or deleted after it was picked) rejects when read;
    // the browser gives no way to make one here, so readCorpusFile gets a stand-in.
    const reasons = await page.evaluate(async () => {
      const { readCorpusFile } = await import('./io.js');
      const gone = { name: 'gone.txt', type: 'text/plain', size: 10, arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) };
      const out = [];
      for (const file of [gone, new File(['  \n '], 'blank.txt'), new File(['<html><body><script>x()</script></body></html>'], 'blank.html')]) {
        try { out.push(['ok', await readCorpusFile(file)]); } catch (err) { out.push([err.code, err.message]); }
      }
      return out;
    });
    assert.deepEqual(reasons, [
      ['unreadable', 'could not be read (NotReadableError): it may have been moved or deleted'],
      ['empty', 'no text to analyse'],
      ['empty', 'no text to analyse'],
    ]);
  });

  test('has no serious or critical accessibility violations and fits 360px, light and dark', async () => {
    await page.locator('#corpus-speakers tbody th button', { hasText: /^Amanda Spielman$/ }).click();
    await page.click('#corpus-stances button[data-edge="0"]');
    await page.$eval('#corpus-articles', (d) => { d.open = true; });
    assert.deepEqual(await axeViolations(page, problems), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page, problems), []);
    await page.$eval('#corpus', (el) => el.scrollIntoView());
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px`);
    await page.$eval('#corpus-speakers', (el) => el.scrollIntoView());
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(await axeViolations(page, problems), []);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('no request left localhost and nothing went wrong in the page', () => {
    assert.deepEqual(requests.filter((url) => !isLocal(url)), []);
    assert.equal(requests.filter((url) => url.endsWith('/pkg/voices_bg.wasm')).length >= 2, true, 'the corpus worker did not load the wasm');
    assert.equal(requests.some((url) => /pwned/.test(url)), false);
    assert.deepEqual(problems, []);
  });
});
