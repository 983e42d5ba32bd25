//! Shared by the integration tests: UTF-16 helpers and the checker of the output invariants
//! that every analysis must satisfy, whatever the input (see src/schema.rs).

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::PathBuf;

use voices::{Analysis, Span};

/// The text as UTF-16 code units, the unit of every offset in the output.
pub fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// Whether `pos` falls between two characters, not inside a surrogate pair.
pub fn on_boundary(units: &[u16], pos: usize) -> bool {
    pos == 0 || pos >= units.len() || !(0xDC00..=0xDFFF).contains(&units[pos])
}

/// Checks `[start, end)` and, if given, that `text` is exactly its slice of the original.
fn check_span(
    units: &[u16],
    what: &str,
    start: usize,
    end: usize,
    text: Option<&str>,
    errors: &mut Vec<String>,
) {
    if start > end || end > units.len() {
        errors.push(format!(
            "{what}: span {start}..{end} not within 0..{}",
            units.len()
        ));
        return;
    }
    if !on_boundary(units, start) || !on_boundary(units, end) {
        errors.push(format!(
            "{what}: span {start}..{end} splits a surrogate pair"
        ));
        return;
    }
    if let Some(text) = text {
        let slice = String::from_utf16(&units[start..end])
            .expect("a slice on boundaries of valid UTF-16 decodes");
        if slice != text {
            errors.push(format!(
                "{what}: text {text:?} differs from the slice {slice:?} at {start}..{end}"
            ));
        }
    }
}

fn check_opt_span(units: &[u16], what: &str, span: &Option<Span>, errors: &mut Vec<String>) {
    if let Some(span) = span {
        check_span(units, what, span.start, span.end, None, errors);
    }
}

/// Every violation of the output invariants in `analysis` of `text`, or `Ok` when none.
///
/// Spans lie inside the text on character boundaries and quote texts equal their slice;
/// ids are unique; every id a quote, person or stance refers to exists.
pub fn check_invariants(text: &str, analysis: &Analysis) -> Result<(), String> {
    let units = utf16(text);
    let mut errors = Vec::new();

    let mut ids = HashSet::new();
    let all_ids = (analysis.people.iter().map(|p| &p.id))
        .chain(analysis.organisations.iter().map(|o| &o.id))
        .chain(analysis.topics.iter().map(|t| &t.id))
        .chain(analysis.quotes.iter().map(|q| &q.id));
    for id in all_ids {
        if !ids.insert(id.as_str()) {
            errors.push(format!("id {id:?} is not unique"));
        }
    }
    let people: HashSet<&str> = analysis.people.iter().map(|p| p.id.as_str()).collect();
    let orgs: HashSet<&str> = analysis
        .organisations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let topics: HashSet<&str> = analysis.topics.iter().map(|t| t.id.as_str()).collect();
    let quotes: HashSet<&str> = analysis.quotes.iter().map(|q| q.id.as_str()).collect();
    let is_actor = |id: &str| people.contains(id) || orgs.contains(id);

    for p in &analysis.people {
        for (i, m) in p.mentions.iter().enumerate() {
            check_span(
                &units,
                &format!("person {} mention {i}", p.id),
                m.start,
                m.end,
                None,
                &mut errors,
            );
        }
        if let Some(org) = &p.organisation {
            if !orgs.contains(org.as_str()) {
                errors.push(format!(
                    "person {}: organisation {org:?} does not exist",
                    p.id
                ));
            }
        }
    }
    for o in &analysis.organisations {
        for (i, m) in o.mentions.iter().enumerate() {
            check_span(
                &units,
                &format!("organisation {} mention {i}", o.id),
                m.start,
                m.end,
                None,
                &mut errors,
            );
        }
    }
    for q in &analysis.quotes {
        let what = format!("quote {}", q.id);
        check_span(&units, &what, q.start, q.end, Some(&q.text), &mut errors);
        check_opt_span(&units, &format!("{what} source"), &q.source, &mut errors);
        check_opt_span(&units, &format!("{what} cue"), &q.cue, &mut errors);
        if !is_actor(&q.speaker) {
            errors.push(format!(
                "{what}: speaker {:?} is neither a person nor an organisation",
                q.speaker
            ));
        }
    }
    for (i, s) in analysis.stances.iter().enumerate() {
        if !is_actor(&s.holder) {
            errors.push(format!(
                "stance {i}: holder {:?} is neither a person nor an organisation",
                s.holder
            ));
        }
        if !is_actor(&s.target) && !topics.contains(s.target.as_str()) {
            errors.push(format!(
                "stance {i}: target {:?} is not a person, organisation or topic",
                s.target
            ));
        }
        for e in &s.evidence {
            if !quotes.contains(e.as_str()) {
                errors.push(format!("stance {i}: evidence {e:?} is not a quote"));
            }
        }
    }

    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// Panics with every violation and the text when `analysis` breaks an invariant.
pub fn assert_invariants(text: &str, analysis: &Analysis) {
    if let Err(errors) = check_invariants(text, analysis) {
        panic!("output invariants broken:\n{errors}\ninput: {text:?}");
    }
}

/// The crate's target directory: `CARGO_TARGET_DIR` if set, else `target/` in the crate.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// A path inside the crate, for fixtures.
pub fn crate_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}
