// The wasm half of `make bench`, and the report. Loads the release wasm build (web target, the
// artefact `make build` ships) with initSync, and compromise, into this one Node process, and
// times both on the texts the native half (bench/native) timed and wrote; then prints the
// tables (Markdown) and writes target/bench.json with every figure.
//
//   node bench/bench.mjs [BENCH_DIR] [PKG_DIR]     (defaults: target/bench, target/bench-pkg)
//
// BENCH_COMPROMISE_MAX_KB (default 640) is the largest scaling text compromise is run on: it
// takes about 6 ms per KB and a lot of memory, so 4 MB would take half a minute or more.

import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';

const benchDir = process.argv[2] ?? 'target/bench';
const pkgDir = process.argv[3] ?? 'target/bench-pkg';
const compromiseMaxKb = Number(process.env.BENCH_COMPROMISE_MAX_KB ?? 640);
const compromiseVersion = JSON.parse(readFileSync('node_modules/compromise/package.json', 'utf8')).version;

const glueUrl = pathToFileURL(join(process.cwd(), pkgDir, 'voices.js'));
const wasmBytes = readFileSync(join(pkgDir, 'voices_bg.wasm'));
const glueBytes = readFileSync(join(pkgDir, 'voices.js'));
const wasmModule = new WebAssembly.Module(wasmBytes);
/** A fresh instance of the glue and the wasm: each import of a new URL is a new module. */
let instances = 0;
async function instantiate() {
  const url = new URL(glueUrl);
  url.searchParams.set('instance', String(instances++));
  const glue = await import(url.href);
  const exports = glue.initSync({ module: wasmModule });
  return { analyse: glue.analyse, memory: exports.memory };
}
const { analyse } = await instantiate();

const native = JSON.parse(readFileSync(join(benchDir, 'native.json'), 'utf8'));
const text = (file) => readFileSync(join(benchDir, 'texts', file), 'utf8');

/** Milliseconds per call: the fastest of several batches of about 50 ms each, after a warm-up
 * call (the minimum, not the median: on a shared machine other processes only ever add time). */
function timeMs(fn) {
  const once = () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const first = once();
  const perBatch = Math.min(10000, Math.max(1, Math.ceil(50 / Math.max(first, 1e-3))));
  const batches = first > 300 ? 3 : 7;
  const times = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = 0; i < perBatch; i++) sum += once();
    times.push(sum / perBatch);
  }
  return Math.min(...times);
}

const voices = (t) => analyse(t, {});
/** compromise's nearest equivalent of the work: quotations, people and organisations. */
const compromise = (t) => {
  const doc = nlp(t);
  return [doc.quotations().out('array'), doc.people().out('array'), doc.organizations().out('array')];
};

const kb = (bytes) => bytes / 1024;
const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(1) : x >= 10 ? x.toFixed(2) : x.toFixed(digits));
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

// Warm up both (V8 compiles wasm with its baseline compiler first and optimises hot functions
// later; compromise's JIT likewise): two seconds each on the seeds and a 160 KB text.
const warmTexts = [...native.seeds.map((s) => text(s.file)), text(native.scaling[2].file)];
for (const fn of [voices, compromise]) {
  const until = performance.now() + 2000;
  while (performance.now() < until) for (const t of warmTexts) fn(t);
}

// Seed articles.
const seeds = native.seeds.map((s) => {
  const t = text(s.file);
  const wasmMs = timeMs(() => voices(t));
  const compromiseMs = timeMs(() => compromise(t));
  return { name: s.name, bytes: s.bytes, native_ms: s.ms, wasm_ms: wasmMs, compromise_ms: compromiseMs, ratio: compromiseMs / wasmMs, found: s.found };
});

// Scaling series. A wasm memory only grows, so its size after one analysis in a fresh instance
// is the peak of that analysis (the input copied in as UTF-8, the working data, the output).
const scaling = [];
for (const s of native.scaling) {
  const t = text(s.file);
  const fresh = await instantiate();
  fresh.analyse(t, {});
  const wasmMemory = fresh.memory.buffer.byteLength;
  const wasmMs = timeMs(() => voices(t));
  const compromiseMs = kb(s.bytes) <= compromiseMaxKb ? timeMs(() => compromise(t)) : null;
  scaling.push({
    bytes: s.bytes,
    native_ms: s.ms,
    native_ms_per_kb: s.ms / kb(s.bytes),
    native_peak_rss_bytes: s.peak_rss_kb * 1024,
    native_rss_before_bytes: s.rss_before_kb * 1024,
    wasm_ms: wasmMs,
    wasm_ms_per_kb: wasmMs / kb(s.bytes),
    wasm_memory_bytes: wasmMemory,
    compromise_ms: compromiseMs,
    ratio: compromiseMs === null ? null : compromiseMs / wasmMs,
    found: s.found,
  });
}

// Adversarial corpus: wasm times at n/4 and n beside the native ones.
const adversarial = native.adversarial.map((c) => {
  const sizes = c.sizes.map((s) => ({ ...s, native_ms: s.ms, wasm_ms: timeMs(() => voices(text(s.file))) }));
  for (const s of sizes) delete s.ms;
  const [small, large] = sizes;
  return {
    name: c.name,
    about: c.about,
    unit: c.unit,
    sizes,
    native_ratio: large.native_ms / small.native_ms,
    wasm_ratio: large.wasm_ms / small.wasm_ms,
  };
});

// Lone surrogates in a JS string: wasm-bindgen's TextEncoder.encodeInto turns each into U+FFFD
// (one UTF-16 unit for one), so offsets still index the caller's string.
const surrogates = (() => {
  const js = '“We will not stand by,” said Harriet Vance. “\uD800Never,” she added.\n\uDC01Tomasz Rell said: “\uDBFF\uDBFF”.\n\uD83D';
  const result = voices(js);
  const sliceOk = result.quotes.every((q) => js.slice(q.start, q.end) === q.text);
  const lossyOk = result.quotes.every((q) => js.slice(q.start, q.end).toWellFormed() === q.text);
  return { quotes: result.quotes.length, slice_equals_text: sliceOk, slice_equals_text_after_to_well_formed: lossyOk };
})();

// The same measure as scripts/size.sh, which holds the budget: GNU gzip -9.
const gz = (b) => execFileSync('gzip', ['-9c'], { input: b, maxBuffer: 1 << 30 }).length;
const size = {
  wasm_bytes: wasmBytes.length,
  glue_bytes: glueBytes.length,
  wasm_gzip_bytes: gz(wasmBytes),
  glue_gzip_bytes: gz(glueBytes),
};
size.total_gzip_bytes = size.wasm_gzip_bytes + size.glue_gzip_bytes;

// Targets of issue 5.
const perKb = scaling.map((s) => s.wasm_ms_per_kb);
const nativePerKb = scaling.map((s) => s.native_ms_per_kb);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => {
  const m = median(xs);
  return Math.max(...xs.map((x) => Math.abs(x / m - 1)));
};
const largest = scaling[scaling.length - 1];
const worstSeed = Math.max(...seeds.map((s) => s.wasm_ms));
const minRatio = Math.min(...seeds.map((s) => s.ratio));
const worstGrowth = Math.max(...adversarial.map((a) => Math.max(a.native_ratio, a.wasm_ratio)));
const targets = [
  { target: 'wasm time per seed article (worst)', value: `${fmt(worstSeed)} ms`, limit: '≤ 0.5 ms', met: worstSeed <= 0.5 },
  { target: 'compromise time ÷ wasm time, per seed (worst)', value: `${minRatio.toFixed(1)}×`, limit: '≥ 50×', met: minRatio >= 50 },
  { target: 'wasm time per KB, 10 KB → 4 MB, farthest from the median', value: `±${(spread(perKb) * 100).toFixed(0)} %`, limit: '±25 %', met: spread(perKb) <= 0.25 },
  { target: 'native time per KB, 10 KB → 4 MB, farthest from the median', value: `±${(spread(nativePerKb) * 100).toFixed(0)} %`, limit: '±25 %', met: spread(nativePerKb) <= 0.25 },
  { target: 'wasm + JS glue, gzipped', value: `${(size.total_gzip_bytes / 1024).toFixed(1)} KB`, limit: '≤ 120 KB', met: size.total_gzip_bytes <= 120 * 1024 },
  { target: 'native peak RSS ÷ input, 4 MB', value: `${(largest.native_peak_rss_bytes / largest.bytes).toFixed(1)}×`, limit: '≤ 20×', met: largest.native_peak_rss_bytes <= 20 * largest.bytes },
  { target: 'wasm memory ÷ input, 4 MB', value: `${(largest.wasm_memory_bytes / largest.bytes).toFixed(1)}×`, limit: '≤ 20×', met: largest.wasm_memory_bytes <= 20 * largest.bytes },
  { target: 'adversarial: time at n ÷ time at n/4 (worst)', value: `${worstGrowth.toFixed(1)}×`, limit: '≤ 5× (4× is linear)', met: worstGrowth <= 5 },
];

const out = [];
out.push(`voices benchmark: ${process.version}, compromise ${compromiseVersion}, ${new Date().toISOString().slice(0, 10)}`);
out.push('', '### Seed articles (ms per article)', '');
out.push(
  table(
    ['article', 'KB', 'native', 'wasm', 'compromise', 'compromise ÷ wasm'],
    seeds.map((s) => [s.name, fmt(kb(s.bytes), 1), fmt(s.native_ms), fmt(s.wasm_ms), fmt(s.compromise_ms), `${s.ratio.toFixed(0)}×`]),
  ),
);
out.push('', '### Scaling: the seed articles concatenated (ms; ms per KB; memory)', '');
out.push(
  table(
    ['input', 'native ms', 'native ms/KB', 'wasm ms', 'wasm ms/KB', 'compromise ms', 'ratio', 'native peak RSS', 'wasm memory'],
    scaling.map((s) => [
      `${fmt(kb(s.bytes), 0)} KB`,
      fmt(s.native_ms),
      fmt(s.native_ms_per_kb, 4),
      fmt(s.wasm_ms),
      fmt(s.wasm_ms_per_kb, 4),
      s.compromise_ms === null ? '–' : fmt(s.compromise_ms),
      s.ratio === null ? '–' : `${s.ratio.toFixed(0)}×`,
      `${(s.native_peak_rss_bytes / 1048576).toFixed(1)} MB (${(s.native_peak_rss_bytes / s.bytes).toFixed(1)}×)`,
      `${(s.wasm_memory_bytes / 1048576).toFixed(1)} MB (${(s.wasm_memory_bytes / s.bytes).toFixed(1)}×)`,
    ]),
  ),
);
out.push('', '### Adversarial corpus (ms at n/4 and at n; the ratio is 4 when time is linear, 16 when quadratic)', '');
const growthCell = (r) => (r > 5 ? `**${r.toFixed(1)}×**` : `${r.toFixed(1)}×`);
out.push(
  table(
    ['case', 'n', 'bytes at n', 'native n/4', 'native n', 'ratio', 'wasm n/4', 'wasm n', 'ratio'],
    adversarial.map((a) => [
      a.name,
      `${a.sizes[1].n} ${a.unit}`,
      a.sizes[1].bytes,
      fmt(a.sizes[0].native_ms),
      fmt(a.sizes[1].native_ms),
      growthCell(a.native_ratio),
      fmt(a.sizes[0].wasm_ms),
      fmt(a.sizes[1].wasm_ms),
      growthCell(a.wasm_ratio),
    ]),
  ),
);
out.push(
  '',
  `Lone surrogates in a JS string: ${surrogates.quotes} quotes; text.slice(start, end) === quote.text: ${surrogates.slice_equals_text}` +
    ` (after toWellFormed(): ${surrogates.slice_equals_text_after_to_well_formed}); offsets index the caller's string.`,
);
out.push(
  '',
  `Size: wasm ${size.wasm_bytes} B (${size.wasm_gzip_bytes} B gzipped) + JS glue ${size.glue_bytes} B (${size.glue_gzip_bytes} B gzipped) = ${(size.total_gzip_bytes / 1024).toFixed(1)} KB gzipped`,
);
out.push('', '### Targets (issue 5)', '');
out.push(table(['target', 'measured', 'limit', 'met'], targets.map((t) => [t.target, t.value, t.limit, t.met ? 'yes' : '**no**'])));
console.log(out.join('\n'));

// bench/corpus/run.py (`make bench-corpus`) keeps its figures in the same file under "corpus":
// carry them over.
let corpus;
try {
  corpus = JSON.parse(readFileSync('target/bench.json', 'utf8')).corpus;
} catch {
  corpus = undefined;
}
writeFileSync(
  'target/bench.json',
  JSON.stringify(
    {
      node: process.version,
      compromise: compromiseVersion,
      date: new Date().toISOString(),
      seeds,
      scaling,
      adversarial,
      lone_surrogates: surrogates,
      size,
      targets,
      corpus,
    },
    null,
    2,
  ) + '\n',
);
console.log('\nwrote target/bench.json');
