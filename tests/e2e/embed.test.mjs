// End-to-end test of the two embeds: <voices-analyser> (embed.js) and the iframe (frame.html)
// with its postMessage API, both on www/embed-demo.html.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, axeViolations, isLocal, openBrowser } from './helpers.mjs';

let browser;
let page;
let origin;

before(async () => {
  browser = await openBrowser();
  ({ page, origin } = browser);
});

after(async () => {
  await browser?.close();
});

/** Marks and speaker names inside a <voices-analyser>'s shadow root. */
const readElement = (selector) => page.$eval(selector, async (host) => {
  const root = host.shadowRoot;
  return {
    state: root.querySelector('.results').dataset.state,
    marks: [...root.querySelectorAll('mark[data-quote-id]')].map((m) => m.dataset.speakerId),
    speakers: [...root.querySelectorAll('[data-speaker-id] .name')].map((n) => n.textContent),
    hidden: [...root.querySelectorAll('.full')].every((s) => getComputedStyle(s).display === 'none'),
  };
});

/** Post {type: "analyse"} into a frame from its parent, and what (if anything) comes back. */
const askFrame = (frameId, text, waitMs = 5000) => page.evaluate(([id, article, wait]) => new Promise((resolve) => {
  const frame = document.getElementById(id);
  const timer = setTimeout(() => { window.removeEventListener('message', listen); resolve(null); }, wait);
  function listen(event) {
    if (event.source !== frame.contentWindow || event.data?.type !== 'result') return;
    clearTimeout(timer);
    window.removeEventListener('message', listen);
    resolve({ origin: event.origin, result: event.data.result, id: event.data.id });
  }
  window.addEventListener('message', listen);
  frame.contentWindow.postMessage({ type: 'analyse', id: 7, text: article }, new URL(frame.src).origin);
}), [frameId, text, waitMs]);

describe('embedding', () => {
  test('the demo page renders the custom element and the iframe', async () => {
    await page.goto(`${origin}/embed-demo.html`);
    await page.waitForFunction(() => document.querySelector('voices-analyser')?.shadowRoot
      ?.querySelector('.results')?.dataset.state === 'done');
    const shown = await readElement('#element-demo');
    assert.ok(shown.marks.length >= 2, `the element highlighted ${shown.marks.length} quotes`);
    assert.ok(shown.speakers.includes('Jane Smith'), `speakers: ${shown.speakers}`);
    assert.equal(shown.hidden, true, 'compact mode still shows organisations and stances');

    await page.waitForSelector('#frame-output[data-quotes]');
    assert.ok(Number(await page.getAttribute('#frame-output', 'data-quotes')) >= 1);
    const frame = page.frame({ url: /frame\.html/ });
    assert.ok(await frame.$('#highlighted mark[data-quote-id]'), 'the frame shows no highlighted quote');
    assert.ok(await frame.$('#speakers [data-speaker-id]'), 'the frame shows no speaker');
    await mkdir(join(ROOT, 'target'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'target/screenshot-embed.png'), fullPage: true });
  });

  test('the iframe answers its parent with the analysis, and only the origin it was told to trust', async () => {
    const text = '"We will fight this plan," said Jane Smith, leader of the Example Union.';
    const answer = await askFrame('frame-demo', text);
    assert.equal(answer.origin, origin);
    assert.equal(answer.id, 7);
    assert.equal(answer.result.quotes[0].text, 'We will fight this plan,');

    // A frame told to trust only another origin ignores this page.
    await page.evaluate((allowed) => new Promise((loaded) => {
      for (const [id, trust] of [['frame-other', 'https://example.invalid'], ['frame-self', allowed]]) {
        const frame = Object.assign(document.createElement('iframe'), { id, title: id, src: `frame.html?origin=${encodeURIComponent(trust)}` });
        frame.addEventListener('load', () => document.querySelectorAll('iframe[id^="frame-"]').length === 3 && [...document.querySelectorAll('iframe')].every((f) => f.contentDocument?.readyState === 'complete') && loaded());
        document.body.append(frame);
      }
    }), origin);
    assert.equal(await askFrame('frame-other', text, 1500), null, 'a frame answered an origin it does not trust');
    assert.equal((await askFrame('frame-self', text)).result.quotes.length, 1);
  });

  test('a <voices-analyser> made by script takes its article from the text attribute', async () => {
    await page.evaluate(() => new Promise((done) => {
      const el = document.createElement('voices-analyser');
      el.id = 'scripted';
      el.setAttribute('text', '"Closing libraries is a false economy," said Priya Patel, general secretary of the Library Workers Union.');
      el.addEventListener('analysed', done, { once: true });
      document.querySelector('main').append(el);
    }));
    const shown = await readElement('#scripted');
    assert.equal(shown.marks.length, 1);
    assert.ok(shown.speakers.includes('Priya Patel'), `speakers: ${shown.speakers}`);
    assert.equal(shown.hidden, false, 'a full element hides its organisations and stances');
    assert.deepEqual(await axeViolations(page, browser.problems), []);
  });

  test('no request left localhost and nothing went wrong', () => {
    assert.deepEqual(browser.requests.filter((url) => !isLocal(url)), []);
    assert.ok(browser.requests.some((url) => url.endsWith('/embed.js')));
    assert.deepEqual(browser.problems, []);
  });
});
