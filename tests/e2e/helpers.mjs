// Shared set-up for the end-to-end tests: the static server on a free port and Debian's
// Chromium through playwright-core, with every request recorded and anything bound off this
// machine refused. Each test file gets its own browser, so node --test runs them in parallel.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 30_000;

export function isLocal(href) {
  const url = new URL(href);
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** { page, context, origin, requests, problems, close() } */
export async function openBrowser() {
  await stat(join(ROOT, 'www/pkg/voices_bg.wasm')).catch(() => {
    throw new Error('www/pkg is missing: run `make build` first');
  });
  const server = await serve(join(ROOT, 'www'), 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), 'voices-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  const requests = [];
  const problems = []; // console errors, page errors, dialogs: each fails the run
  context.on('request', (req) => requests.push(req.url()));
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  page.setDefaultTimeout(TIMEOUT);
  const close = async () => {
    await context.close();
    await new Promise((ok) => server.close(ok));
    await rm(profile, { recursive: true, force: true });
  };
  return { page, context, origin, requests, problems, close };
}

let axeSource;
/** Serious and critical axe-core violations on the page (shadow DOM included, frames not). */
export async function axeViolations(page, problems = []) {
  const before = problems.length;
  axeSource ??= await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's CSP (rightly) forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { violations: found } = await window.axe.run(document, { resultTypes: ['violations'], iframes: false });
    return found.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  // axe's own probes try inline styles, which the page's CSP refuses: not the page's doing.
  const own = (p, i) => i >= before && /Applying inline style violates .* Content Security Policy/.test(p);
  for (let i = problems.length - 1; i >= before; i -= 1) if (own(problems[i], i)) problems.splice(i, 1);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCSV(csv) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && csv[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; }
    else field += c;
  }
  assert.equal(quoted, false, 'unterminated quoted field');
  assert.equal(field + row.join(''), '', 'the CSV does not end with CRLF');
  return rows;
}
