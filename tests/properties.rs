//! Property tests: whatever the text, `analyse` does not panic, is deterministic, and its
//! output keeps the invariants checked by `common::check_invariants`.
//!
//! The main property runs 10,000 cases; `PROPTEST_CASES=N` sets the number of cases of every
//! property here (e.g. `PROPTEST_CASES=100000` for a long fuzzing run).

mod common;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::contextualize_config;

/// `cases` unless `PROPTEST_CASES` (or another `PROPTEST_*` variable) says otherwise.
fn config(cases: u32) -> ProptestConfig {
    // `with_cases` overrides the environment, so apply it again on top.
    contextualize_config(ProptestConfig::with_cases(cases))
}

const QUOTE_MARKS: &[&str] = &[
    "“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‚", "‹", "›", "« ", " »",
];

/// Opening and closing marks, matched and mismatched.
const QUOTE_PAIRS: &[(&str, &str)] = &[
    ("“", "”"),
    ("‘", "’"),
    ("\"", "\""),
    ("'", "'"),
    ("«\u{a0}", "\u{a0}»"),
    ("«", "»"),
    ("„", "“"),
    ("‚", "‘"),
    ("‹", "›"),
    ("»", "«"),
    ("“", "\""),
    ("“", ""),
    ("", "”"),
];

const ODDITIES: &[&str] = &[
    "👩‍👩‍👧",
    "🇬🇧",
    "😀",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "e\u{301}",
    "\u{301}",
    "a\u{308}\u{323}",
    "مرحبا",
    "שלום",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{2060}",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "\0",
    "\u{a0}",
    "\u{202f}",
    "\u{2028}",
    "\u{3000}",
    "…",
    "—",
    "–",
    "-",
    "İ",
    "ß",
    "Σ",
    "\u{fffd}",
    "\u{10ffff}",
];

const NAMES: &[&str] = &[
    "Harriet Vance",
    "Dr Amira Khan",
    "Mr O’Neill",
    "Tomasz Rell",
    "José Ñúñez",
    "Zoë Brontë-Smith",
    "Prof. Li Wei",
    "Cllr Dev Marlow",
    "Vance",
    "she",
    "he",
    "they",
    "She",
    "It",
    "the minister",
    "a spokesperson for the Kelderby District Council",
    "a Fernbrook Council spokesman",
    "the National Union of Widgets (NUW)",
    "the NUW",
    "Ofsted",
    "Sir Keir",
    "محمد علي",
    "Ms Perry’s family",
];

const VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "warned",
    "claimed",
    "insisted",
    "argued",
    "said that",
    "told reporters",
    "told the BBC:",
    "explained",
    "believes",
    "has said",
];

const WORDS: &[&str] = &[
    "the",
    "council",
    "will",
    "not",
    "close",
    "libraries",
    "we",
    "are",
    "proud",
    "of",
    "our",
    "teachers",
    "it",
    "is",
    "time",
    "to",
    "act",
    "government",
    "must",
    "reform",
    "inspections",
    "a",
    "disaster",
    "support",
    "oppose",
    "welcome",
    "plan",
    "said",
    "according",
    "that",
    "and",
    "but",
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
];

/// A sentence shaped like news reporting, with any quote marks.
fn news_sentence() -> impl Strategy<Value = String> {
    (
        select(NAMES),
        select(VERBS),
        prop::collection::vec(select(WORDS), 0..14),
        prop::collection::vec(select(WORDS), 0..8),
        select(QUOTE_PAIRS),
        0..10u8,
    )
        .prop_map(|(name, verb, a, b, (open, close), shape)| {
            let (a, b) = (a.join(" "), b.join(" "));
            match shape {
                0 => format!("{open}{a}{close}, {verb} {name}. "),
                1 => format!("{name} {verb}: {open}{a}{close} "),
                2 => format!("{open}{a},{close} {name} {verb}, {open}{b}.{close} "),
                3 => format!("{name} {verb} {a}. "),
                4 => format!("According to {name}, {a}. "),
                5 => format!("{name}, {b}, {verb} {open}{a}{close}.\n\n"),
                6 => format!("{open}{a}\n\n{open}{b}.{close} {verb} {name}.\n"),
                7 => format!("{name} {verb} the plan was {open}{a}{close} and {b}. "),
                8 => format!("{open}{a}{close}\n{name}\n"),
                _ => format!("{a} {open}{b}{close} {name}"),
            }
        })
}

/// One piece of text: plain words, news sentences, quote marks, odd characters, anything.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => news_sentence(),
        3 => select(WORDS).prop_map(|w| format!("{w} ")),
        2 => select(QUOTE_MARKS).prop_map(str::to_string),
        2 => select(ODDITIES).prop_map(str::to_string),
        1 => select(NAMES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[A-Z][a-z]{0,8} ",
        1 => "\\PC{0,12}",
    ]
}

/// Random mixes of fragments, up to about 2 KB.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..50).prop_map(|parts| parts.concat())
}

fn check(text: &str) {
    let first = voices::analyse(text).expect("analyse accepts any text under the size limit");
    common::assert_invariants(text, &first);
    let second = voices::analyse(text).expect("analyse accepts any text under the size limit");
    assert_eq!(first, second, "two runs differ on {text:?}");
    // Speech-act mode walks other paths; it must keep every invariant too.
    let options = voices::Options { speech_acts: true };
    let broad = voices::analyse_with(text, &options).expect("analyse_with accepts it too");
    common::assert_invariants(text, &broad);
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn output_invariants_hold(text in text()) {
        check(&text);
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn any_string_is_handled(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn bytes_are_checked_for_utf8(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        match (voices::analyse_bytes(&bytes), std::str::from_utf8(&bytes)) {
            (Ok(a), Ok(text)) => prop_assert_eq!(a, voices::analyse(text).unwrap()),
            (Err(voices::Error::InvalidUtf8 { offset }), Err(e)) => prop_assert_eq!(offset, e.valid_up_to()),
            (got, want) => prop_assert!(false, "analyse_bytes gave {:?} where from_utf8 gave {:?}", got, want),
        }
    }
}

/// Hand-picked inputs worth keeping whatever the random generator does.
#[test]
fn edge_cases() {
    for text in [
        "",
        " ",
        "\0",
        "“",
        "”",
        "\"",
        "“”",
        "said",
        "“Yes,” said",
        ", said Harriet Vance.",
        "“😀,” said 😀.",
        "“A,” she said, “B.”",
        "\u{feff}“Hello,” said Tomasz Rell.\r\n",
        "According to",
        "According to .",
        "A spokesperson for the said.",
        "“Open\n\n“Still open\n\n“Closed.” said Ruth Abernathy.",
        "e\u{301}“\u{301}”\u{301} said \u{301}",
        "Harriet Vance said: “\u{200b}”",
        "“״״״” said מרים.",
    ] {
        check(text);
    }
}

/// The checker itself: a valid analysis passes, and each kind of breakage is reported.
#[test]
fn invariant_checker_catches_violations() {
    use voices::{Analysis, Organisation, Person, Polarity, Quote, QuoteKind, Span, Stance, Topic};

    let text = "😀 “Fine,” said Ann Lee.";
    let valid = Analysis {
        people: vec![Person {
            id: "p1".into(),
            name: "Ann Lee".into(),
            aliases: vec![],
            role: None,
            organisation: Some("o1".into()),
            unnamed: false,
            mentions: vec![Span { start: 17, end: 24 }],
        }],
        organisations: vec![Organisation {
            id: "o1".into(),
            name: "Lee Ltd".into(),
            acronym: None,
            aliases: vec![],
            kind: None,
            mentions: vec![],
        }],
        topics: vec![Topic {
            id: "t1".into(),
            name: "fineness".into(),
            aliases: vec![],
        }],
        quotes: vec![Quote {
            id: "q1".into(),
            text: "Fine,".into(),
            kind: QuoteKind::Direct,
            start: 4,
            end: 9,
            speaker: "p1".into(),
            source: Some(Span { start: 17, end: 24 }),
            cue: Some(Span { start: 12, end: 16 }),
        }],
        stances: vec![Stance {
            holder: "p1".into(),
            target: "t1".into(),
            polarity: Polarity::For,
            score: Some(0.5),
            evidence: vec!["q1".into()],
        }],
    };
    assert_eq!(common::check_invariants(text, &valid), Ok(()));

    /// The violation expected, and how to cause it.
    type Breakage = (&'static str, fn(&mut Analysis));
    let breakages: [Breakage; 11] = [
        ("not within", |a| a.quotes[0].end = 99),
        ("surrogate", |a| {
            a.people[0].mentions[0] = Span { start: 1, end: 3 }
        }),
        ("differs", |a| a.quotes[0].text = "fine,".into()),
        ("not within", |a| {
            a.quotes[0].cue = Some(Span { start: 5, end: 4 })
        }),
        ("surrogate", |a| {
            a.quotes[0].source = Some(Span { start: 0, end: 1 })
        }),
        ("speaker", |a| a.quotes[0].speaker = "t1".into()),
        ("organisation", |a| {
            a.people[0].organisation = Some("o2".into())
        }),
        ("holder", |a| a.stances[0].holder = "q1".into()),
        ("target", |a| a.stances[0].target = "q1".into()),
        ("evidence", |a| a.stances[0].evidence.push("q2".into())),
        ("not unique", |a| a.topics[0].id = "o1".into()),
    ];
    for (expect, breakage) in breakages {
        let mut broken = valid.clone();
        breakage(&mut broken);
        match common::check_invariants(text, &broken) {
            Ok(()) => panic!("no violation found where {expect:?} was expected"),
            Err(e) => assert!(e.contains(expect), "expected {expect:?} in {e:?}"),
        }
    }
}
