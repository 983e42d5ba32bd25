// End-to-end test of the page in Debian's Chromium, driven by playwright-core.
// Run by `make test` (node --test tests/e2e/) after `make build` has filled www/pkg.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, axeViolations, isLocal, openBrowser, parseCSV } from './helpers.mjs';

// An article whose only quote no analyser could miss.
const OBVIOUS = 'Plans to close the depot drew an angry response on Monday.\n\n'
  + '"We will fight this plan," said Jane Smith, leader of the Example Union.\n';

const PAYLOADS = '<script>window.__pwned = "script"</script>\n'
  + '<img src="/pwned.png" onerror="window.__pwned = \'img\'">\n'
  + '"Hello <b>there</b> <script>window.__pwned = \'quote\'</script>," said <img src=x onerror=alert(1)> Bob Jones.\n'
  + '<svg onload="window.__pwned = \'svg\'"></svg> <iframe src="javascript:alert(2)"></iframe>';

let browser;
let origin;
let page;
let requests;
let problems;

before(async () => {
  browser = await openBrowser();
  ({ page, origin, requests, problems } = browser);
});

after(async () => {
  await browser?.close();
});

/** Wait until the page shows the analysis of exactly `text`. */
async function waitForAnalysisOf(text) {
  try {
    await page.waitForFunction((expected) => {
      const results = document.getElementById('results');
      return results.dataset.state === 'done'
        && document.getElementById('highlighted').textContent === expected;
    }, text, { polling: 100 });
  } catch (err) {
    const seen = await page.evaluate(() => ({
      state: document.getElementById('results').dataset.state,
      status: document.getElementById('status').textContent,
      input: document.getElementById('article').value.length,
      shown: document.getElementById('highlighted').textContent.length,
    }));
    err.message += `\nexpected ${text.length} chars shown; page: ${JSON.stringify(seen)}`;
    throw err;
  }
  return page.$eval('#results', (el) => ({
    people: Number(el.dataset.people),
    quotes: Number(el.dataset.quotes),
    organisations: Number(el.dataset.organisations),
    stances: Number(el.dataset.stances),
  }));
}

/** Everything the result panels show, read back from the DOM. */
function readResults() {
  return page.evaluate(() => ({
    marks: [...document.querySelectorAll('#highlighted mark')].map((m) => ({
      id: m.dataset.quoteId, speaker: m.dataset.speakerId, className: m.className, text: m.textContent,
    })),
    cards: [...document.querySelectorAll('#speakers [data-speaker-id]')].map((c) => ({
      id: c.dataset.speakerId,
      name: c.querySelector('.name')?.textContent ?? '',
      count: c.querySelector('.count')?.textContent ?? '',
    })),
    organisations: [...document.querySelectorAll('#organisations [data-org-id]')].map((o) => o.textContent),
    stanceCells: [...document.querySelectorAll('#stances td[data-stance]')].map((td) => td.dataset.stance),
  }));
}

function assertConsistent(counts, shown) {
  assert.equal(shown.marks.length <= counts.quotes, true, 'more marks than quotes');
  if (counts.quotes > 0) assert.ok(shown.marks.length > 0, 'quotes found but none highlighted');
  for (const mark of shown.marks) {
    assert.match(mark.className, /^quote (direct|indirect|mixed)$/);
    assert.ok(mark.id, 'mark without data-quote-id');
    assert.ok(shown.cards.some((c) => c.id === mark.speaker), `no speaker card for ${mark.speaker}`);
  }
  assert.ok(shown.cards.length >= counts.people, 'a person without a speaker card');
  for (const card of shown.cards) {
    assert.ok(card.name.trim(), `speaker card ${card.id} has no name`);
    assert.match(card.count, /^\d+ quotes?$/);
  }
  assert.equal(shown.organisations.length, counts.organisations);
  for (const stance of shown.stanceCells) assert.match(stance, /^(for|against|mixed|neutral)$/);
  assert.equal(shown.stanceCells.length, counts.stances);
}

describe('demo page', () => {
  test('loads, starts the analyser and lists the sample articles', async () => {
    await page.goto(`${origin}/`);
    await page.waitForSelector('#status[data-state="done"]');
    const samples = await page.$$eval('#sample option', (options) => options.map((o) => o.value).filter(Boolean));
    assert.equal(samples.length, 5);
    assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'),
      /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  });

  test('every sample article is analysed and rendered', async () => {
    const samples = await page.$$eval('#sample option', (options) => options.map((o) => o.value).filter(Boolean));
    const texts = new Map();
    for (const file of samples) texts.set(file, await (await fetch(`${origin}/samples/${file}`)).text());
    for (const file of samples) {
      await page.selectOption('#sample', file);
      const counts = await waitForAnalysisOf(texts.get(file));
      assert.equal(await page.inputValue('#article'), texts.get(file));
      assertConsistent(counts, await readResults());
    }
    // The first sample, for the screenshot: a quote's details and a stance's evidence open.
    await page.selectOption('#sample', samples[0]);
    await waitForAnalysisOf(texts.get(samples[0]));
    await page.click('#highlighted mark');
    if (await page.$('#stances td[data-stance] button')) await page.click('#stances td[data-stance] button');
    await mkdir(join(ROOT, 'target'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'target/screenshot.png'), fullPage: true });
  });

  test('a pasted article with an obvious direct quote gets a mark and a speaker card', async (t) => {
    await page.fill('#article', OBVIOUS);
    const counts = await waitForAnalysisOf(OBVIOUS);
    const shown = await readResults();
    assertConsistent(counts, shown);
    if (counts.people + counts.quotes + counts.organisations === 0) {
      // Only while the core analyser is still a stub that returns an empty analysis.
      t.skip('the core analyser returned an empty analysis');
      return;
    }
    const mark = shown.marks.find((m) => m.text.includes('We will fight this plan'));
    assert.ok(mark, `the quote is not highlighted: ${JSON.stringify(shown.marks)}`);
    assert.match(mark.className, /\bdirect\b/);
    const card = shown.cards.find((c) => c.id === mark.speaker);
    assert.match(card.name, /Jane Smith/);
    assert.match(card.count, /^[1-9]\d* quotes?$/);
  });

  test('pasted markup stays text', async () => {
    await page.fill('#article', PAYLOADS);
    const counts = await waitForAnalysisOf(PAYLOADS);
    assertConsistent(counts, await readResults());
    await page.waitForTimeout(300); // give any handler that did get in time to run
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval('#results script, #results img, #results svg, #results iframe, #results b',
      (nodes) => nodes.length), 0);
    assert.ok(!requests.some((url) => /pwned|\/x$/.test(url)), 'a pasted <img> was fetched');
  });

  test('is usable at 360px in dark mode', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.fill('#article', OBVIOUS);
    await waitForAnalysisOf(OBVIOUS);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px`);
    await page.screenshot({ path: join(ROOT, 'target/screenshot-360-dark.png'), fullPage: true });
  });

  test('opens a .txt file and an .html file, reducing HTML to its text without running it', async () => {
    await page.setInputFiles('#file', { name: 'depot.txt', mimeType: 'text/plain', buffer: Buffer.from(OBVIOUS) });
    await waitForAnalysisOf(OBVIOUS);
    assert.equal(await page.inputValue('#article'), OBVIOUS);

    const html = '<!doctype html><html><head><title>t</title><script>window.__pwned = "file"</script>'
      + '<link rel="stylesheet" href="/pwned.css"></head><body><nav>Home | News</nav>'
      + '<article><h1>Depot to close</h1><p>Plans to close the depot drew an angry response on Monday.</p>'
      + '<img src="/pwned-file.png" onerror="window.__pwned = \'img\'">'
      + '<p>&ldquo;We will fight this plan,&rdquo; said <b>Jane Smith</b>, leader of the Example Union.</p></article>'
      + '<script>window.__pwned = "late"</script></body></html>';
    await page.setInputFiles('#file', { name: 'depot.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    const expected = 'Depot to close\n\nPlans to close the depot drew an angry response on Monday.\n\n'
      + '\u201cWe will fight this plan,\u201d said Jane Smith, leader of the Example Union.';
    const counts = await waitForAnalysisOf(expected);
    assert.ok(counts.quotes >= 1, 'no quote found in the HTML file');
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok(!requests.some((url) => /pwned/.test(url)), 'the HTML file made the page fetch something');
    // DOMParser's document never runs handlers; Chromium still reports that the page's CSP
    // refused the onerror attribute while parsing. That report, and only that, is expected here.
    const refused = (p) => /inline event handler violates the following Content Security Policy/.test(p);
    for (let i = problems.length - 1; i >= 0; i -= 1) if (refused(problems[i])) problems.splice(i, 1);
  });

  test('a file dropped on the text area is analysed', async () => {
    const dropped = OBVIOUS.replace('Monday', 'Tuesday');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      const target = document.getElementById('article');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    }, dropped);
    await waitForAnalysisOf(dropped);
    assert.equal(await page.inputValue('#article'), dropped);
  });

  test('an input over the limit gets a clear message naming the limit', async () => {
    // A file over the limit is refused before it is read.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(32 * 1024 * 1024 + 1).fill(97)], 'huge.txt', { type: 'text/plain' }));
      document.getElementById('article').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('#status[data-code="input_too_large"]');
    assert.match(await page.textContent('#status'), /Too long to analyse: huge\.txt is 32\.0 MiB; the analyser takes at most 32\.0 MiB/);
    // Pasted text over the limit: the wasm throws input_too_large and the page shows its limit.
    // 11.2 million "€" are 33.6 MB in UTF-8 but only 11.2 million UTF-16 units.
    await page.evaluate(() => {
      const input = document.getElementById('article');
      input.value = '€'.repeat(11_200_000);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => document.getElementById('status').textContent.includes('33.6 MB') === false
      && /this text is 32\.0 MiB; the analyser takes at most 32\.0 MiB/.test(document.getElementById('status').textContent), null, { polling: 100 });
    assert.equal(await page.getAttribute('#results', 'data-state'), 'error');
    await page.fill('#article', OBVIOUS);
    await waitForAnalysisOf(OBVIOUS);
  });

  test('exports valid JSON and CSV, and copies the JSON', async () => {
    await page.selectOption('#sample', 'neu-dont-work-for-ofsted.txt');
    const text = await (await fetch(`${origin}/samples/neu-dont-work-for-ofsted.txt`)).text();
    const counts = await waitForAnalysisOf(text);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    assert.equal(jsonDownload.suggestedFilename(), 'voices-analysis.json');
    const analysis = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
    assert.deepEqual(Object.keys(analysis), ['people', 'organisations', 'topics', 'quotes', 'stances']);
    assert.equal(analysis.quotes.length, counts.quotes);
    for (const q of analysis.quotes) assert.equal(text.slice(q.start, q.end), q.text);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    assert.equal(csvDownload.suggestedFilename(), 'voices-quotes.csv');
    const rows = parseCSV(await readFile(await csvDownload.path(), 'utf8'));
    assert.deepEqual(rows[0], ['speaker', 'organisation', 'kind', 'text', 'start', 'end']);
    assert.equal(rows.length, analysis.quotes.length + 1);
    const names = new Map([...analysis.people, ...analysis.organisations].map((x) => [x.id, x.name]));
    analysis.quotes.forEach((q, i) => {
      const [speaker, , kind, quoted, start, end] = rows[i + 1];
      assert.ok(speaker.startsWith(names.get(q.speaker)), `row ${i + 1}: ${speaker}`);
      assert.deepEqual([kind, quoted, Number(start), Number(end)], [q.kind, q.text, q.start, q.end]);
    });
    assert.ok(rows.slice(1).some((row) => /["\u201c,]/.test(row[3])), 'no quote exercised CSV quoting');

    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.click('#copy-json');
    await page.waitForFunction(() => /Copied/.test(document.getElementById('status').textContent));
    assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), analysis);
  });

  test('quotes, speakers, filters and the stance matrix respond to clicks', async () => {
    // The sample is still the NEU article, which has stances.
    const cells = await page.$$eval('#stances td[data-stance]', (tds) => tds.map((td) => td.dataset.stance));
    assert.ok(cells.length > 0, 'no stance cells');
    await page.click('#stances td[data-stance] button');
    const evidence = await page.$$eval('#evidence li[data-quote-id]', (items) => items.map((li) => li.dataset.quoteId));
    assert.ok(evidence.length > 0, 'a stance cell lists no evidence');
    for (const id of evidence) assert.ok(await page.$(`#highlighted mark[data-quote-id="${id}"]`), `evidence ${id} has no mark`);
    await page.click(`#evidence [data-goto="${evidence[0]}"]`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.quoteId), evidence[0]);
    assert.equal(await page.isVisible('#quote-details'), true);

    const mark = await page.$('#highlighted mark[data-kind="direct"]');
    const speakerId = await mark.getAttribute('data-speaker-id');
    await mark.click();
    const details = await page.textContent('#quote-details');
    const speakerName = await page.textContent(`#speakers [data-speaker-id="${speakerId}"] .name`);
    assert.ok(details.includes(speakerName), `details "${details}" do not name ${speakerName}`);
    assert.match(details, /Cue/);

    // A speaker card is a toggle: their quotes stay highlighted, the others dim.
    await page.click(`#speakers [data-speaker-id="${speakerId}"] button.name`);
    assert.equal(await page.getAttribute(`#speakers [data-speaker-id="${speakerId}"] button.name`, 'aria-pressed'), 'true');
    assert.equal(await page.inputValue('#filter-speaker'), speakerId);
    const dimmed = await page.$$eval('#highlighted mark', (marks) => marks.map((m) => [m.dataset.speakerId, m.classList.contains('dim')]));
    for (const [id, dim] of dimmed) assert.equal(dim, id !== speakerId);
    await page.selectOption('#filter-speaker', '');
    await page.uncheck('input[name="kind"][value="direct"]');
    const byKind = await page.$$eval('#highlighted mark', (marks) => marks.map((m) => [m.dataset.kind, m.classList.contains('dim')]));
    for (const [kind, dim] of byKind) assert.equal(dim, kind === 'direct');
    await page.check('input[name="kind"][value="direct"]');
    assert.equal(await page.$$eval('#highlighted mark.dim', (marks) => marks.length), 0);
  });

  test('has no serious or critical accessibility violations, light and dark', async () => {
    await page.click('#highlighted mark');
    await page.click('#stances td[data-stance] button');
    assert.deepEqual(await axeViolations(page, problems), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page, problems), []);
    await page.emulateMedia({ colorScheme: 'light' });
    // Keyboard: tab from the sample menu reaches the file button, the text area, then the exports.
    await page.focus('#sample');
    const order = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement.id));
    }
    assert.deepEqual(order, ['file', 'article', 'export-json', 'export-csv']);
  });

  test('a 1 MB paste keeps the page responsive and shows it is busy', async (t) => {
    const sample = await (await fetch(`${origin}/samples/naht-pay-dispute.txt`)).text();
    let big = '';
    while (big.length < 1_000_000) big += `${sample}\n\n`;
    // As a paste does: the value changes at once and an input event follows (page.fill types
    // through the editing machinery, which takes longer than this test's budget for a megabyte).
    await page.$eval('#article', (input, text) => {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, big);
    // Timers keep firing while the worker analyses and the page renders the result.
    await page.evaluate(() => {
      window.__gaps = { max: 0, busySeen: false, done: false };
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        window.__gaps.max = Math.max(window.__gaps.max, now - last);
        last = now;
        if (document.getElementById('input').hasAttribute('data-busy')) window.__gaps.busySeen = true;
        if (!window.__gaps.done) setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
    });
    const counts = await waitForAnalysisOf(big);
    await page.waitForTimeout(300); // rendering after the result must not stall either
    const gaps = await page.evaluate(() => { window.__gaps.done = true; return window.__gaps; });
    t.diagnostic(`1 MB: ${counts.quotes} quotes; longest main-thread gap ${gaps.max.toFixed(0)} ms`);
    assert.ok(counts.quotes > 100, `only ${counts.quotes} quotes in 1 MB`);
    assert.ok(gaps.busySeen, 'no busy state during a long analysis');
    assert.ok(gaps.max < 200, `the main thread stalled for ${gaps.max.toFixed(0)} ms`);
    assert.match(await page.textContent('#status'), /quotes in \d+ words/);
  });

  test('no request left localhost and nothing went wrong in the page', () => {
    assert.ok(requests.length > 0);
    assert.deepEqual(requests.filter((url) => !isLocal(url)), []);
    assert.ok(requests.some((url) => url.endsWith('/pkg/voices_bg.wasm')), 'the wasm was not fetched');
    assert.deepEqual(problems, []);
  });
});

