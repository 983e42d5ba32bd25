// Files in (text or HTML), JSON and CSV out. Nothing here touches the network.
import { index, speakerOrganisation } from './render.js';

/** The analyser's input limit (MAX_INPUT_BYTES in src/lib.rs), in UTF-8 bytes. */
export const LIMIT_BYTES = 32 * 1024 * 1024;
export const formatBytes = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB`
  : n >= 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${n} bytes`);

const SKIP = 'script, style, noscript, template, svg, math, iframe, object, embed, nav, form, button, select';
const BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DIV|DL|DT|FIGCAPTION|FIGURE|FOOTER|H[1-6]|HEADER|HR|LI|MAIN|OL|P|PRE|SECTION|TABLE|TR|UL)$/;

/**
 * The readable text of an HTML document, paragraphs separated by blank lines. DOMParser
 * makes an inert document: its scripts never run and its images are never fetched.
 */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const node of doc.querySelectorAll(SKIP)) node.remove();
  const root = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
  const h1 = doc.querySelector('h1');
  const out = h1 && root && !root.contains(h1) ? [h1.textContent, '\n\n'] : [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child.data.replace(/\s+/g, ' '));
      else if (child.nodeType === 1) {
        const block = BLOCK.test(child.tagName);
        if (block) out.push('\n\n');
        walk(child);
        if (block) out.push('\n\n');
      }
    }
  };
  if (root) walk(root);
  return out.join('').split('\n').map((line) => line.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const coded = (code, message) => Object.assign(new Error(message), { code });
const isHTML = (name, type, text) => /\.x?html?$/i.test(name) || /html/.test(type) || /^\s*<(!doctype html|html)/i.test(text.slice(0, 200));

/** The text of a dropped or opened file; HTML is reduced to its text. Throws on a file over the limit. */
export async function readArticleFile(file) {
  if (file.size > LIMIT_BYTES) {
    throw Object.assign(new Error(`${file.name} is ${formatBytes(file.size)}; the analyser takes at most ${formatBytes(LIMIT_BYTES)}`), { code: 'input_too_large' });
  }
  const text = await file.text();
  return isHTML(file.name, file.type, text) ? htmlToText(text) : text;
}

/** Whether a file looks like an article the corpus view takes: text or HTML by name or type. */
export const isArticleFile = (file) => /\.(txt|text|md|html?|xhtml)$/i.test(file.name)
  || (/^text\/(plain|html|markdown)\b/.test(file.type) && !/\.[a-z0-9]{1,5}$/i.test(file.name));

/**
 * The text of one corpus file, strictly: over the limit, unreadable or not UTF-8 is an error
 * with a `code` (input_too_large, unreadable, invalid_utf8, empty). HTML is reduced to its text.
 */
export async function readCorpusFile(file) {
  if (file.size > LIMIT_BYTES) {
    throw coded('input_too_large', `too large: ${formatBytes(file.size)}; the analyser takes at most ${formatBytes(LIMIT_BYTES)}`);
  }
  let bytes;
  try {
    bytes = await file.arrayBuffer();
  } catch (err) {
    throw coded('unreadable', `could not be read (${err?.name ?? 'error'}): it may have been moved or deleted`);
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw coded('invalid_utf8', 'not UTF-8 text: save it as UTF-8 and add it again');
  }
  if (isHTML(file.name, file.type, text)) text = htmlToText(text);
  if (!text.trim()) throw coded('empty', 'no text to analyse');
  return text;
}

const csvField = (value) => {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows as RFC 4180 CSV: CRLF line ends, fields with quotes, commas or breaks quoted. */
export const csvRows = (rows) => rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

/** One row a quote. */
export function toCSV(analysis) {
  const ix = index(analysis);
  const rows = [['speaker', 'organisation', 'kind', 'text', 'start', 'end']];
  for (const q of analysis.quotes) {
    const org = speakerOrganisation(analysis, q.speaker);
    rows.push([ix.name(q.speaker), org ? ix.name(org) : '', q.kind, q.text, q.start, q.end]);
  }
  return csvRows(rows);
}

export const toJSON = (analysis) => `${JSON.stringify(analysis, null, 2)}\n`;

/** Save `content` as a file through a Blob URL and an <a download>: no request is made. */
export function download(content, name, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
