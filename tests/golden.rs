//! Golden tests: `tests/cases/<name>.txt` is analysed and compared with the expected
//! analysis in `tests/cases/<name>.json`. Each case exercises one construction. A case
//! whose name starts `speech_acts_` is analysed with `Options::speech_acts`.
//!
//! When behaviour changes on purpose, `VOICES_BLESS=1 cargo test --test golden` rewrites
//! the expected files; review them with `git diff tests/cases`.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

/// Longest rendering of one value in a diff line.
const MAX_SHOWN: usize = 160;

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > MAX_SHOWN {
        let cut: String = s.chars().take(MAX_SHOWN).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// One line per difference between `expected` and `actual`, each naming its JSON path.
fn diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => diff(&p, ev, av, out),
                    None => out.push(format!("{p}: missing (expected {})", show(ev))),
                }
            }
            for (k, av) in a {
                if !e.contains_key(k) {
                    out.push(format!("{path}.{k}: unexpected {}", show(av)));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(&format!("{path}[{i}]"), ev, av, out);
            }
            for (i, ev) in e.iter().enumerate().skip(a.len()) {
                out.push(format!("{path}[{i}]: missing (expected {})", show(ev)));
            }
            for (i, av) in a.iter().enumerate().skip(e.len()) {
                out.push(format!("{path}[{i}]: unexpected {}", show(av)));
            }
        }
        (e, a) if e != a => out.push(format!("{path}: expected {}, got {}", show(e), show(a))),
        _ => {}
    }
}

/// The analysis as its JSON text reads back, so that numbers compare as they are stored.
fn analyse_case(name: &str, text: &str) -> (String, Value) {
    let options = voices::Options {
        speech_acts: name.starts_with("speech_acts_"),
    };
    let analysis = voices::analyse_with(text, &options).expect("analyse succeeds on a golden case");
    common::assert_invariants(text, &analysis);
    let json = serde_json::to_string_pretty(&analysis).expect("the analysis serialises") + "\n";
    let value = serde_json::from_str(&json).expect("the serialised analysis parses");
    (json, value)
}

fn case_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn golden_cases() {
    let dir = common::crate_path("tests/cases");
    let bless = std::env::var("VOICES_BLESS").is_ok_and(|v| v == "1");
    let names = case_names(&dir);
    assert!(!names.is_empty(), "no cases in {}", dir.display());

    let mut failures = Vec::new();
    for name in &names {
        let text_path = dir.join(format!("{name}.txt"));
        let json_path = dir.join(format!("{name}.json"));
        let text = fs::read_to_string(&text_path)
            .unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
        let (json, actual) = analyse_case(name, &text);
        let expected = fs::read_to_string(&json_path).ok();

        let mut lines = Vec::new();
        match &expected {
            None => lines.push("no expected output yet".to_string()),
            Some(s) => match serde_json::from_str::<Value>(s) {
                Ok(expected) => diff("$", &expected, &actual, &mut lines),
                Err(e) => lines.push(format!("{}: not JSON: {e}", json_path.display())),
            },
        }
        if bless {
            if expected.as_deref() != Some(json.as_str()) {
                fs::write(&json_path, &json)
                    .unwrap_or_else(|e| panic!("{}: {e}", json_path.display()));
                println!("blessed {name}: {} change(s)", lines.len());
            }
        } else if !lines.is_empty() {
            failures.push(format!(
                "{name} ({}):\n  {}",
                text_path.display(),
                lines.join("\n  ")
            ));
        }
    }

    for entry in fs::read_dir(&dir).expect("tests/cases is readable") {
        let file = entry
            .expect("directory entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = file.strip_suffix(".json") {
            if !names.iter().any(|n| n == stem) {
                failures.push(format!("{file}: no {stem}.txt beside it"));
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} golden case(s) differ from tests/cases/*.json:\n\n{}\n\n\
         If the new output is right: VOICES_BLESS=1 cargo test --test golden, then review git diff tests/cases",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn diff_names_paths() {
    let expected: Value =
        serde_json::json!({"quotes": [{"speaker": "p1", "start": 0}], "people": []});
    let actual: Value =
        serde_json::json!({"quotes": [{"speaker": "p2", "start": 0}, {"id": "q2"}], "topics": []});
    let mut lines = Vec::new();
    diff("$", &expected, &actual, &mut lines);
    assert_eq!(
        lines,
        [
            "$.people: missing (expected [])",
            "$.quotes[0].speaker: expected \"p1\", got \"p2\"",
            "$.quotes[1]: unexpected {\"id\":\"q2\"}",
            "$.topics: unexpected []",
        ]
    );
}
