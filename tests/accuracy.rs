//! Accuracy against the gold annotations of the seed articles.
//!
//! A faithful port of `shared/eval/score.py`: the same matching rules, the same scorecard, the
//! same problem list. `accuracy_floors` analyses every article in `tests/fixtures/seeds`,
//! writes each output to `target/accuracy-out/<name>.json` (so that
//! `python3 ../shared/eval/score.py --gold tests/fixtures/gold --text tests/fixtures/seeds
//! --sys target/accuracy-out` can be run on the same outputs and must print the same table)
//! and asserts the floors in `tests/fixtures/floors.txt`.
//!
//! `VOICES_SCORE_SYS=DIR cargo test --test accuracy score_sys_dir -- --nocapture` scores an
//! existing directory of outputs instead, without running the analyser.

mod common;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

// ---------------------------------------------------------------- names

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "rev",
    "cllr",
];

/// Python's `str.isspace` (and so `\s` and `str.split()`).
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The part of NFKC that can change a name in these articles: odd spaces become plain spaces,
/// the ellipsis three dots.
fn nfkc_ish(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{2026}' => out.push_str("..."),
            _ => out.push(c),
        }
    }
    out
}

/// `norm`: folded quotes, whitespace runs collapsed to one space, trimmed, lower case.
fn norm(s: &str) -> String {
    let s = nfkc_ish(s)
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"");
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if py_isspace(c) {
            in_space = true;
        } else {
            if in_space && !out.is_empty() {
                out.push(' ');
            }
            in_space = false;
            out.push(c);
        }
    }
    out.to_lowercase()
}

/// `name_key`: `norm`, then without a leading article, a trailing possessive, dots and titles.
fn name_key(s: &str) -> String {
    let mut s = norm(s);
    for article in ["the ", "an ", "a "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest.to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_suffix("'s") {
        s = rest.to_string();
    }
    let mut toks: Vec<&str> = s.split([' ', '.']).filter(|t| !t.is_empty()).collect();
    while toks.first().is_some_and(|t| TITLES.contains(t)) {
        toks.remove(0);
    }
    toks.join(" ")
}

/// A name as Python sees it: a string, or anything else (None, a number), which has no key.
fn as_name(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn keys(names: &[Value]) -> HashSet<String> {
    names
        .iter()
        .map(as_name)
        .filter(|n| !n.is_empty())
        .map(name_key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// Two entities are the same when any of their names share a key. A full name on one side
/// whose surname is a lone name on the other does not count.
fn same(a: &[Value], b: &[Value]) -> bool {
    let b = keys(b);
    keys(a).iter().any(|k| b.contains(k))
}

// ---------------------------------------------------------------- Python-like values

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// `d.get(key)` on something that may not be a dict.
fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object().and_then(|o| o.get(key))
}

/// `d.get(key)` with Python's `None` for a missing key.
fn get_or_null<'a>(v: &'a Value, key: &str) -> &'a Value {
    const NULL: Value = Value::Null;
    get(v, key).unwrap_or(&NULL)
}

/// `out.get(key, []) or []`.
fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match get(v, key) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// `[g["name"]] + g.get("aliases", [])` for a gold entity.
fn gold_names(g: &Value) -> Vec<Value> {
    let mut names = vec![get_or_null(g, "name").clone()];
    names.extend(list(g, "aliases").iter().cloned());
    names
}

/// `int(v)`, or `None` where Python would raise.
fn py_int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite())
                .map(|f| f.trunc() as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Python's `str(v)` for a JSON value.
fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        other => py_repr_value(other),
    }
}

/// Whether Python's `str.isprintable` would say no (the classes that occur in practice).
fn py_unprintable(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{a0}' | '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}'
        | '\u{70f}' | '\u{1680}' | '\u{180e}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
        | '\u{205f}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{3000}' | '\u{e000}'..='\u{f8ff}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0001}' | '\u{e0020}'..='\u{e007f}'
        | '\u{f0000}'..='\u{10ffff}')
}

/// Python's `repr(s)` for a string.
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if py_unprintable(c) => {
                let n = c as u32;
                let _ = match n {
                    0..=0xff => write!(out, "\\x{n:02x}"),
                    0x100..=0xffff => write!(out, "\\u{n:04x}"),
                    _ => write!(out, "\\U{n:08x}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr` of a JSON value as `json.load` returns it.
fn py_repr_value(v: &Value) -> String {
    match v {
        Value::String(s) => py_repr(s),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(py_repr_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr(k), py_repr_value(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => py_str(other),
    }
}

/// `{names[:1]}` in an f-string.
fn first_name_repr(names: &[Value]) -> String {
    py_repr_value(&Value::Array(names.iter().take(1).cloned().collect()))
}

/// `s[:n]`: the first `n` characters.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

// ---------------------------------------------------------------- spans

/// `utf16_slice`: Python slicing of the UTF-16 code units, lone surrogates replaced.
fn utf16_slice(units: &[u16], start: i64, end: i64) -> String {
    let len = units.len() as i64;
    let clamp = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    let (s, e) = (clamp(start), clamp(end));
    if e <= s {
        return String::new();
    }
    String::from_utf16_lossy(&units[s..e])
}

/// `gold_span`: the first place the whitespace-separated words of `quote` occur in the text,
/// separated by any whitespace, as UTF-16 offsets.
fn gold_span(chars: &[char], utf16_at: &[i64], quote: &str) -> Option<(i64, i64)> {
    let words: Vec<Vec<char>> = quote
        .split(py_isspace)
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect();
    let match_at = |start: usize| -> Option<usize> {
        let mut pos = start;
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                let spaces = chars[pos..].iter().take_while(|c| py_isspace(**c)).count();
                if spaces == 0 {
                    return None;
                }
                pos += spaces;
            }
            if !chars[pos..].starts_with(word) {
                return None;
            }
            pos += word.len();
        }
        Some(pos)
    };
    (0..=chars.len()).find_map(|start| match_at(start).map(|end| (utf16_at[start], utf16_at[end])))
}

fn overlap(a: (i64, i64), b: (i64, i64)) -> i64 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0)
}

// ---------------------------------------------------------------- scoring

const METRICS: [&str; 8] = [
    "speakers",
    "quotes_direct",
    "attrib_direct",
    "quotes_reported",
    "attrib_reported",
    "people",
    "organisations",
    "stances",
];

#[derive(Debug, Default, Clone, Copy)]
struct Counter {
    tp_p: usize,
    n_p: usize,
    tp_r: usize,
    n_r: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counter {
    fn p(&self) -> f64 {
        if self.n_p == 0 {
            1.0
        } else {
            self.tp_p as f64 / self.n_p as f64
        }
    }
    fn r(&self) -> f64 {
        if self.n_r == 0 {
            1.0
        } else {
            self.tp_r as f64 / self.n_r as f64
        }
    }
    fn f(&self) -> f64 {
        f1(self.p(), self.r())
    }
    fn field(&self, field: &str) -> f64 {
        match field {
            "p" => self.p(),
            "r" => self.r(),
            "f1" => self.f(),
            other => panic!("unknown field {other:?}: use p, r or f1"),
        }
    }
}

#[derive(Debug, Default)]
struct Scorecard {
    counters: [Counter; METRICS.len()],
    /// (gold file name, problem)
    problems: Vec<(String, String)>,
    articles: usize,
}

impl Scorecard {
    fn counter(&self, metric: &str) -> &Counter {
        let i = METRICS
            .iter()
            .position(|m| *m == metric)
            .unwrap_or_else(|| panic!("unknown metric {metric:?}"));
        &self.counters[i]
    }

    /// Like `score.py --problems`: the problems, then the table.
    fn render(&self) -> String {
        let mut s = String::new();
        for (name, p) in &self.problems {
            let _ = writeln!(s, "  {name}: {p}");
        }
        let _ = writeln!(
            s,
            "{:18} {:>6} {:>6} {:>6} {:>5}",
            "metric", "P", "R", "F1", "gold"
        );
        for (m, c) in METRICS.iter().zip(&self.counters) {
            let _ = writeln!(
                s,
                "{m:18} {:6.3} {:6.3} {:6.3} {:5}",
                c.p(),
                c.r(),
                c.f(),
                c.n_r
            );
        }
        s
    }
}

struct Article<'a> {
    gold: &'a Value,
    chars: Vec<char>,
    /// UTF-16 offset of each character index, and of the end.
    utf16_at: Vec<i64>,
    units: Vec<u16>,
}

impl<'a> Article<'a> {
    fn new(gold: &'a Value, text: &'a str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut utf16_at = Vec::with_capacity(chars.len() + 1);
        let mut n = 0;
        for c in &chars {
            utf16_at.push(n);
            n += c.len_utf16() as i64;
        }
        utf16_at.push(n);
        Article {
            gold,
            chars,
            utf16_at,
            units: text.encode_utf16().collect(),
        }
    }
}

/// `entity_names`: name, aliases and acronym.
fn entity_names(e: &Value) -> Vec<Value> {
    let mut names = vec![get(e, "name")
        .cloned()
        .unwrap_or_else(|| Value::String(String::new()))];
    match get(e, "aliases") {
        Some(Value::Array(a)) => names.extend(a.iter().cloned()),
        Some(Value::String(s)) => names.extend(s.chars().map(|c| Value::String(c.into()))),
        _ => {}
    }
    if truthy(get(e, "acronym")) {
        names.push(e["acronym"].clone());
    }
    names
}

/// `score_article`: adds one article's counts to `counters` and its problems to `problems`.
fn score_article(
    article: &Article,
    out: &Value,
    counters: &mut [Counter; METRICS.len()],
    problems: &mut Vec<String>,
) {
    let gold = article.gold;
    let [speakers_c, quotes_direct, attrib_direct, quotes_reported, attrib_reported, people_c, orgs_c, stances_c] =
        counters;

    // Later entities with the same id replace earlier ones, as in a dict.
    let mut ents: Vec<(&Value, &Value)> = Vec::new();
    for kind in ["people", "organisations", "topics"] {
        for e in list(out, kind) {
            ents.push((get_or_null(e, "id"), e));
        }
    }
    let ent = |id: &Value| ents.iter().rev().find(|(k, _)| *k == id).map(|(_, e)| *e);
    let names_of = |id: &Value| -> Vec<Value> {
        if id.is_object() {
            let name = [get(id, "name"), get(id, "text")]
                .into_iter()
                .find(|v| truthy(*v))
                .flatten();
            return vec![name
                .cloned()
                .unwrap_or_else(|| Value::String(String::new()))];
        }
        ent(id).map(entity_names).unwrap_or_default()
    };

    let gsp = list(gold, "speakers");
    let optional = |g: &Value| truthy(get(g, "optional"));

    // --- speakers
    let mut sys_speakers: Vec<(&Value, Vec<Value>)> = Vec::new();
    for q in list(out, "quotes") {
        let sid = get_or_null(q, "speaker");
        if !sid.is_null() && ent(sid).is_some() && !sys_speakers.iter().any(|(s, _)| *s == sid) {
            sys_speakers.push((sid, names_of(sid)));
        }
    }
    for (_, names) in &sys_speakers {
        let hit: Vec<&Value> = gsp.iter().filter(|g| same(names, &gold_names(g))).collect();
        if !hit.is_empty() && hit.iter().all(|g| optional(g)) {
            continue;
        }
        speakers_c.n_p += 1;
        if !hit.is_empty() {
            speakers_c.tp_p += 1;
        } else {
            problems.push(format!("extra speaker {}", first_name_repr(names)));
        }
    }
    for g in gsp {
        if optional(g) {
            continue;
        }
        speakers_c.n_r += 1;
        if sys_speakers.iter().any(|(_, n)| same(n, &gold_names(g))) {
            speakers_c.tp_r += 1;
        } else {
            problems.push(format!("missed speaker {}", py_str(&g["name"])));
        }
    }

    // --- quotes and attribution
    let mut sys_quotes: Vec<(i64, i64, &Value)> = Vec::new();
    for q in list(out, "quotes") {
        if let (Some(s), Some(e)) = (py_int(get(q, "start")), py_int(get(q, "end"))) {
            sys_quotes.push((s, e, q));
        }
    }
    let mut gold_quotes: Vec<((i64, i64), &Value, &Value)> = Vec::new();
    for g in gsp {
        for gq in list(g, "quotes") {
            if let Some(span) = gold_span(&article.chars, &article.utf16_at, as_name(&gq["text"])) {
                gold_quotes.push((span, gq, g));
            }
        }
    }
    for (kinds, label, c, a) in [
        (&["direct"][..], "direct", quotes_direct, attrib_direct),
        (
            &["indirect", "mixed"][..],
            "reported",
            quotes_reported,
            attrib_reported,
        ),
    ] {
        for &(span, gq, g) in &gold_quotes {
            if !kinds.iter().any(|k| gq["kind"] == *k) || optional(g) {
                continue;
            }
            c.n_r += 1;
            a.n_r += 1;
            let glen = span.1 - span.0;
            let mut best: Option<(i64, &Value)> = None;
            for &(s, e, q) in &sys_quotes {
                let ov = overlap(span, (s, e));
                // max() keeps the first of equals
                if ov as f64 >= 0.6 * glen as f64 && best.is_none_or(|(b, _)| ov > b) {
                    best = Some((ov, q));
                }
            }
            let gtext = as_name(&gq["text"]);
            if let Some((_, best)) = best {
                c.tp_r += 1;
                let speaker = get_or_null(best, "speaker");
                let names = if speaker.is_null() {
                    Vec::new()
                } else {
                    names_of(speaker)
                };
                if same(&names, &gold_names(g)) {
                    a.tp_r += 1;
                } else {
                    problems.push(format!(
                        "misattributed {label} quote of {} to {}: {}",
                        py_str(&g["name"]),
                        first_name_repr(&names_of(speaker)),
                        py_repr(prefix(gtext, 40))
                    ));
                }
            } else {
                problems.push(format!(
                    "missed {label} quote of {}: {}",
                    py_str(&g["name"]),
                    py_repr(prefix(gtext, 50))
                ));
            }
        }
        // precision: system quotes of this kind that overlap a gold quote
        for &(s, e, q) in &sys_quotes {
            let is_direct = get(q, "kind").is_none_or(|k| k == "direct");
            if is_direct != (label == "direct") {
                continue;
            }
            let slen = (e - s).max(1);
            let hits: Vec<&Value> = gold_quotes
                .iter()
                .filter(|(span, _, _)| {
                    overlap(*span, (s, e)) as f64 >= 0.5 * slen.min(span.1 - span.0) as f64
                })
                .map(|(_, _, g)| *g)
                .collect();
            if !hits.is_empty() && hits.iter().all(|g| optional(g)) {
                continue;
            }
            c.n_p += 1;
            if !hits.is_empty() {
                c.tp_p += 1;
            } else {
                let slice = utf16_slice(&article.units, s, e);
                problems.push(format!(
                    "spurious {label} quote: {}",
                    py_repr(prefix(&slice, 50))
                ));
            }
        }
    }

    // --- organisations
    let gorg = list(gold, "organisations");
    for e in list(out, "organisations") {
        let names = entity_names(e);
        let hit: Vec<&Value> = gorg
            .iter()
            .filter(|g| same(&names, &gold_names(g)))
            .collect();
        if !hit.is_empty() && hit.iter().all(|g| optional(g)) {
            continue;
        }
        orgs_c.n_p += 1;
        if !hit.is_empty() {
            orgs_c.tp_p += 1;
        } else {
            problems.push(format!("extra organisation {}", first_name_repr(&names)));
        }
    }
    for g in gorg {
        if optional(g) {
            continue;
        }
        orgs_c.n_r += 1;
        if list(out, "organisations")
            .iter()
            .any(|e| same(&entity_names(e), &gold_names(g)))
        {
            orgs_c.tp_r += 1;
        } else {
            problems.push(format!("missed organisation {}", py_str(&g["name"])));
        }
    }

    // --- people (all named persons)
    let mut gpeople: Vec<Vec<Value>> = gsp
        .iter()
        .filter(|g| get(g, "type").is_some_and(|t| t == "person") && !truthy(get(g, "unnamed")))
        .map(gold_names)
        .collect();
    gpeople.extend(
        list(gold, "mentioned_people")
            .iter()
            .map(|n| vec![n.clone()]),
    );
    let mut optional_people: Vec<Vec<Value>> = list(gold, "not_speakers")
        .iter()
        .map(|n| vec![n.clone()])
        .collect();
    // unnamed or optional speakers ("an Ofsted spokesperson") may be listed as people
    optional_people.extend(
        gsp.iter()
            .filter(|g| {
                get(g, "type").is_none_or(|t| t != "organisation")
                    && (truthy(get(g, "unnamed")) || truthy(get(g, "optional")))
            })
            .map(gold_names),
    );
    for e in list(out, "people") {
        let names = entity_names(e);
        if gpeople.iter().any(|g| same(&names, g)) {
            people_c.n_p += 1;
            people_c.tp_p += 1;
        } else if optional_people.iter().any(|g| same(&names, g)) {
            continue;
        } else {
            people_c.n_p += 1;
            problems.push(format!("extra person {}", first_name_repr(&names)));
        }
    }
    for g in &gpeople {
        people_c.n_r += 1;
        if list(out, "people")
            .iter()
            .any(|e| same(&entity_names(e), g))
        {
            people_c.tp_r += 1;
        } else {
            problems.push(format!("missed person {}", py_str(&g[0])));
        }
    }

    // --- stances
    let target_keys = |st: &Value| {
        let mut tn = names_of(get_or_null(st, "target"));
        tn.push(if truthy(get(st, "target_name")) {
            st["target_name"].clone()
        } else {
            Value::String(String::new())
        });
        keys(&tn)
    };
    let mut resolved: Vec<(&Value, Vec<Value>, HashSet<String>)> = Vec::new();
    for gs in list(gold, "stances") {
        let holder = as_name(&gs["holder"]);
        let gh = gsp
            .iter()
            .find(|g| name_key(as_name(&g["name"])) == name_key(holder));
        let mut hnames = vec![gs["holder"].clone()];
        if let Some(gh) = gh {
            hnames.extend(list(gh, "aliases").iter().cloned());
        }
        for go in gorg {
            if same(&[gs["holder"].clone()], &gold_names(go)) {
                hnames.extend(gold_names(go));
            }
        }
        let mut tnames = vec![gs["target"].clone()];
        tnames.extend(list(gs, "target_aliases").iter().cloned());
        for go in gorg {
            if same(&[gs["target"].clone()], &gold_names(go)) {
                tnames.extend(gold_names(go));
            }
        }
        let tkeys = keys(&tnames);
        if !optional(gs) {
            stances_c.n_r += 1;
            let found = list(out, "stances").iter().find(|st| {
                same(&names_of(get_or_null(st, "holder")), &hnames)
                    && !target_keys(st).is_disjoint(&tkeys)
            });
            let found = found.filter(|st| truthy(Some(st)));
            if found.is_some_and(|st| *get_or_null(st, "polarity") == gs["polarity"]) {
                stances_c.tp_r += 1;
            } else {
                let got =
                    found.map_or("none".to_string(), |st| py_str(get_or_null(st, "polarity")));
                problems.push(format!(
                    "stance {} -> {} {}: got {got}",
                    py_str(&gs["holder"]),
                    py_str(&gs["target"]),
                    py_str(&gs["polarity"])
                ));
            }
        }
        resolved.push((gs, hnames, tkeys));
    }
    // precision: every emitted stance counts; gold lists the clear stances only,
    // so this is a lower bound that keeps a system from spraying guesses
    let sys_st = list(out, "stances");
    stances_c.n_p += sys_st.len();
    for st in sys_st {
        let tn = target_keys(st);
        let holder = names_of(get_or_null(st, "holder"));
        if resolved.iter().any(|(gs, hnames, tkeys)| {
            same(&holder, hnames)
                && !tn.is_disjoint(tkeys)
                && *get_or_null(st, "polarity") == gs["polarity"]
        }) {
            stances_c.tp_p += 1;
        }
    }
}

/// Scores every `<name>.json` in `gold_dir` (in name order) against the output `sys(name, text)`.
fn score(gold_dir: &Path, text_dir: &Path, mut sys: impl FnMut(&str, &str) -> Value) -> Scorecard {
    let mut names: Vec<String> = fs::read_dir(gold_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", gold_dir.display()))
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut card = Scorecard::default();
    for name in names {
        let gold_path = gold_dir.join(&name);
        let gold: Value = serde_json::from_str(&read(&gold_path))
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        // score.py reads with universal newlines; the fixtures have no '\r', so the offsets agree.
        let text = read(&text_dir.join(as_name(&gold["article"])));
        let out = sys(&name, &text);
        let mut problems = Vec::new();
        score_article(
            &Article::new(&gold, &text),
            &out,
            &mut card.counters,
            &mut problems,
        );
        card.problems
            .extend(problems.into_iter().map(|p| (name.clone(), p)));
        card.articles += 1;
    }
    card
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `metric<TAB>field<TAB>minimum` lines; `#` starts a comment.
fn floors() -> Vec<(String, String, f64)> {
    let path = common::crate_path("tests/fixtures/floors.txt");
    read(&path)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            let [metric, field, value] = cols[..] else {
                panic!(
                    "{}: expected metric<TAB>field<TAB>value, got {l:?}",
                    path.display()
                );
            };
            let value = value
                .parse()
                .unwrap_or_else(|e| panic!("{}: {l:?}: {e}", path.display()));
            (metric.to_string(), field.to_string(), value)
        })
        .collect()
}

/// Rounded as the scorecard shows it, so that a value printed as 0.900 meets a floor of 0.90.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().expect("a formatted float parses")
}

fn fixtures() -> (PathBuf, PathBuf) {
    (
        common::crate_path("tests/fixtures/gold"),
        common::crate_path("tests/fixtures/seeds"),
    )
}

#[test]
fn accuracy_floors() {
    let out_dir = common::target_dir().join("accuracy-out");
    fs::create_dir_all(&out_dir).unwrap_or_else(|e| panic!("{}: {e}", out_dir.display()));
    let (gold_dir, text_dir) = fixtures();
    let card = score(&gold_dir, &text_dir, |name, text| {
        let analysis =
            voices::analyse(text).unwrap_or_else(|e| panic!("{name}: analyse failed: {e}"));
        common::assert_invariants(text, &analysis);
        let json = serde_json::to_string_pretty(&analysis).expect("the analysis serialises");
        fs::write(out_dir.join(name), json + "\n").expect("writing target/accuracy-out");
        serde_json::to_value(&analysis).expect("the analysis serialises")
    });
    let table = card.render();
    println!("{table}");

    let failed: Vec<String> = floors()
        .into_iter()
        .filter_map(|(metric, field, floor)| {
            let value = round3(card.counter(&metric).field(&field));
            (value < floor).then(|| format!("{metric} {field} = {value:.3} < {floor}"))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "accuracy below the floors in tests/fixtures/floors.txt:\n  {}\n\n{table}\noutputs in {}",
        failed.join("\n  "),
        out_dir.display()
    );
}

/// Scores the outputs in `$VOICES_SCORE_SYS` (one `<name>.json` per gold file) without
/// running the analyser; with `VOICES_SCORE_GOLD` and `VOICES_SCORE_TEXT` overriding the fixtures.
#[test]
fn score_sys_dir() {
    let Some(sys_dir) = std::env::var_os("VOICES_SCORE_SYS").map(PathBuf::from) else {
        return;
    };
    let (mut gold_dir, mut text_dir) = fixtures();
    if let Some(d) = std::env::var_os("VOICES_SCORE_GOLD") {
        gold_dir = d.into();
    }
    if let Some(d) = std::env::var_os("VOICES_SCORE_TEXT") {
        text_dir = d.into();
    }
    let card = score(&gold_dir, &text_dir, |name, _| {
        let path = sys_dir.join(name);
        if path.exists() {
            serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        } else {
            Value::Object(Default::default())
        }
    });
    println!("{}", card.render());
}

#[test]
fn name_keys_drop_articles_titles_and_possessives() {
    assert_eq!(name_key("The NEU teaching union"), "neu teaching union");
    assert_eq!(name_key("Dr. Mary  Bousted"), "mary bousted");
    assert_eq!(name_key("Ms Perry’s"), "perry");
    assert_eq!(
        name_key("Headteachers’\u{a0}Roundtable"),
        "headteachers' roundtable"
    );
    assert_eq!(name_key("An Ofsted spokesperson"), "ofsted spokesperson");
    assert_eq!(name_key("Sir"), "");
    assert!(same(
        &["Mary Bousted".into()],
        &["Bob".into(), "mary bousted".into()]
    ));
    assert!(!same(&["Mary Bousted".into()], &["Bousted".into()]));
}

#[test]
fn gold_spans_tolerate_whitespace_and_count_utf16() {
    let text = "😀 “It is\u{a0}time,\n she said.";
    let a = Article::new(&Value::Null, text);
    assert_eq!(
        gold_span(&a.chars, &a.utf16_at, "It is time,  she"),
        Some((4, 20))
    );
    assert_eq!(gold_span(&a.chars, &a.utf16_at, "is tim"), Some((7, 13)));
    assert_eq!(gold_span(&a.chars, &a.utf16_at, "time she"), None);
    assert_eq!(utf16_slice(&a.units, 0, 2), "😀");
    assert_eq!(utf16_slice(&a.units, 0, 1), "\u{fffd}");
    assert_eq!(utf16_slice(&a.units, -5, 100), "said.");
}

#[test]
fn problems_quote_like_python() {
    assert_eq!(py_repr("it's"), "\"it's\"");
    assert_eq!(py_repr("a'b\"c"), "'a\\'b\"c'");
    assert_eq!(py_repr("x\u{a0}y\n“z”"), "'x\\xa0y\\n“z”'");
    assert_eq!(first_name_repr(&[Value::Null]), "[None]");
    assert_eq!(first_name_repr(&[]), "[]");
}
