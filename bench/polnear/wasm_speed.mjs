// The wasm half of `make polnear`'s speed figure: loads a wasm-pack web build (www/pkg by
// default) with initSync, reads the same JSON Lines the CLI got ({"id", "text"} per line) on
// standard input, analyses every text once to warm up, then times one more pass.
// Prints {"articles", "seconds", "node"} as JSON.
//
//   node bench/polnear/wasm_speed.mjs PKG_DIR [--speech-acts] < split.jsonl

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const pkg = resolve(process.argv[2] ?? 'www/pkg');
const options = { speechActs: process.argv.includes('--speech-acts') };
const glue = await import(pathToFileURL(join(pkg, 'voices.js')).href);
glue.initSync({ module: new WebAssembly.Module(readFileSync(join(pkg, 'voices_bg.wasm'))) });

const texts = readFileSync(0, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line).text);

for (const t of texts) glue.analyse(t, options);
const start = performance.now();
for (const t of texts) glue.analyse(t, options);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(JSON.stringify({ articles: texts.length, seconds, node: process.version }) + '\n');
