//! The native half of `make bench` (release build, the library's own profile).
//!
//!   voices-bench OUT_DIR      times the seeds, the scaling series and the adversarial corpus;
//!                             writes OUT_DIR/native.json and every text it timed under
//!                             OUT_DIR/texts/, for bench/bench.mjs to time the wasm build on
//!   voices-bench case NAME N  times one adversarial case at size N
//!   voices-bench peak FILE    analyses FILE once in a fresh process and prints its peak
//!                             resident memory (Linux: VmHWM in /proc/self/status)

#[path = "../../../tests/adversarial/gen.rs"]
mod gen;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use gen::KB;

/// The scaling series: concatenated seed articles from 10 KB to 4 MB.
const SCALING: &[usize] = &[10 * KB, 40 * KB, 160 * KB, 640 * KB, 2560 * KB, 4096 * KB];

const SEED_NAMES: [&str; 5] = [
    "000_920189b2397f4d5c",
    "001_eb9ac7d76a2d5528",
    "002_b048cc640df86e06",
    "003_695a8b44334e480e",
    "004_48cf1d863027846c",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["peak", file] => peak(Path::new(file)),
        ["case", name, n] => {
            let case = gen::cases().into_iter().find(|c| c.name == name);
            let case = case.unwrap_or_else(|| panic!("no adversarial case {name:?}"));
            let text = (case.make)(n.parse().expect("a size"));
            println!("{name} n={n} {} bytes {:.3} ms", text.len(), time_ms(&text));
        }
        [out] if !out.starts_with('-') => all(Path::new(out)),
        _ => {
            eprintln!(
                "usage: voices-bench OUT_DIR | voices-bench case NAME N | voices-bench peak FILE"
            );
            std::process::exit(2);
        }
    }
}

/// Milliseconds per analysis of `text`: the fastest of several batches, each long enough (about
/// 50 ms) for the clock, after one warm-up run. The minimum, not the median: on a shared
/// machine other processes only ever add time.
fn time_ms(text: &str) -> f64 {
    let once = || {
        let start = Instant::now();
        let result = voices::analyse(text);
        drop(std::hint::black_box(result));
        start.elapsed().as_secs_f64() * 1e3
    };
    let first = once();
    let per_batch = ((50.0 / first.max(1e-3)).ceil() as usize).clamp(1, 10_000);
    let batches = if first > 300.0 { 3 } else { 7 };
    let mut times: Vec<f64> = (0..batches)
        .map(|_| (0..per_batch).map(|_| once()).sum::<f64>() / per_batch as f64)
        .collect();
    times.sort_by(f64::total_cmp);
    times[0]
}

/// What the analysis found, or the error code: a check that the text was really analysed.
fn found(text: &str) -> String {
    match voices::analyse(text) {
        Ok(a) => format!(
            r#"{{"people": {}, "organisations": {}, "quotes": {}, "stances": {}}}"#,
            a.people.len(),
            a.organisations.len(),
            a.quotes.len(),
            a.stances.len()
        ),
        Err(e) => format!(r#"{{"error": "{}"}}"#, e.code()),
    }
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_text(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    path
}

/// Peak resident memory of a fresh process analysing `file`, in KiB, and its resident
/// memory just before the analysis (with the input read).
fn peak_of(file: &Path) -> (u64, u64) {
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe)
        .arg("peak")
        .arg(file)
        .output()
        .expect("running voices-bench peak");
    assert!(
        out.status.success(),
        "voices-bench peak {} failed",
        file.display()
    );
    let line = String::from_utf8_lossy(&out.stdout);
    let mut fields = line.split_whitespace().map(|f| f.parse::<u64>().unwrap());
    (fields.next().unwrap(), fields.next().unwrap())
}

fn status_kb(field: &str) -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn peak(file: &Path) {
    let text = fs::read_to_string(file).expect("reading the text");
    let before = status_kb("VmRSS:");
    let result = voices::analyse(&text);
    let peak = status_kb("VmHWM:");
    drop(std::hint::black_box(result));
    println!("{peak} {before}");
}

fn all(out: &Path) {
    let texts = out.join("texts");
    fs::create_dir_all(&texts).expect("creating the texts directory");
    let mut json = String::from("{\n");

    eprintln!("native: seed articles");
    json.push_str("  \"seeds\": [\n");
    for (i, (name, text)) in SEED_NAMES.iter().zip(gen::SEEDS).enumerate() {
        let file = format!("seed-{name}.txt");
        write_text(&texts, &file, text);
        let ms = time_ms(text);
        let sep = if i + 1 < SEED_NAMES.len() { "," } else { "" };
        writeln!(
            json,
            "    {{\"name\": {}, \"file\": {}, \"bytes\": {}, \"ms\": {ms:.5}, \"found\": {}}}{sep}",
            json_str(name),
            json_str(&file),
            text.len(),
            found(text)
        )
        .unwrap();
    }
    json.push_str("  ],\n");

    eprintln!("native: scaling series");
    json.push_str("  \"scaling\": [\n");
    for (i, &size) in SCALING.iter().enumerate() {
        let text = gen::articles(size);
        let file = format!("scale-{}k.txt", size / KB);
        let path = write_text(&texts, &file, &text);
        let ms = time_ms(&text);
        let (peak_kb, before_kb) = peak_of(&path);
        let sep = if i + 1 < SCALING.len() { "," } else { "" };
        writeln!(
            json,
            "    {{\"file\": {}, \"bytes\": {}, \"ms\": {ms:.4}, \"peak_rss_kb\": {peak_kb}, \
             \"rss_before_kb\": {before_kb}, \"found\": {}}}{sep}",
            json_str(&file),
            text.len(),
            found(&text)
        )
        .unwrap();
        eprintln!("  {:>5} KB  {ms:9.3} ms", text.len() / KB);
    }
    json.push_str("  ],\n");

    eprintln!("native: adversarial corpus, each case at n/4 and n");
    json.push_str("  \"adversarial\": [\n");
    let cases = gen::cases();
    for (i, case) in cases.iter().enumerate() {
        let mut sizes = Vec::new();
        for n in [case.full / 4, case.full] {
            let text = (case.make)(n);
            let file = format!("adv-{}-{n}.txt", case.name);
            write_text(&texts, &file, &text);
            let ms = time_ms(&text);
            sizes.push(format!(
                "{{\"n\": {n}, \"file\": {}, \"bytes\": {}, \"ms\": {ms:.4}, \"found\": {}}}",
                json_str(&file),
                text.len(),
                found(&text)
            ));
            eprintln!(
                "  {:<20} n = {n:>8} {:>9} bytes {ms:9.3} ms",
                case.name,
                text.len()
            );
        }
        let sep = if i + 1 < cases.len() { "," } else { "" };
        writeln!(
            json,
            "    {{\"name\": {}, \"about\": {}, \"unit\": {}, \"sizes\": [{}]}}{sep}",
            json_str(case.name),
            json_str(case.about),
            json_str(case.unit),
            sizes.join(", ")
        )
        .unwrap();
    }
    json.push_str("  ]\n}\n");
    write_text(out, "native.json", &json);
}
