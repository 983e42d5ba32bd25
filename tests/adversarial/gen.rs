//! The adversarial corpus: inputs built to break a text analyser (no spaces, runaway quote
//! marks, endless honorifics, thousands of names, one huge paragraph, markup, punctuation).
//!
//! Shared by the test (`tests/adversarial.rs`, debug build, each case at a size that stays
//! fast) and the benchmark (`bench/native`, release build, each case at its full size `n` and
//! at `n / 4` to check that time grows linearly). Every generator is deterministic.

// Each includer uses a different part of this module.
#![allow(dead_code)]

/// One adversarial input, built at a size `n` in `unit`s.
pub struct Case {
    pub name: &'static str,
    /// What the case stresses.
    pub about: &'static str,
    /// The size the issue asks for, in `unit`s.
    pub full: usize,
    pub unit: &'static str,
    pub make: fn(usize) -> String,
}

pub const KB: usize = 1024;
pub const MB: usize = 1024 * 1024;

/// The hand-written page source (a realistic news page with head, scripts, navigation,
/// comments and footer; about 20 KB).
pub const HTML_PAGE: &str = include_str!("page.html");

/// The seed articles, without their readers' comments (see [`article_body`]).
pub const SEEDS: [&str; 5] = [
    include_str!("../fixtures/seeds/000_920189b2397f4d5c.txt"),
    include_str!("../fixtures/seeds/001_eb9ac7d76a2d5528.txt"),
    include_str!("../fixtures/seeds/002_b048cc640df86e06.txt"),
    include_str!("../fixtures/seeds/003_695a8b44334e480e.txt"),
    include_str!("../fixtures/seeds/004_48cf1d863027846c.txt"),
];

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "no_spaces",
            about: "1 MB without a space or a newline: one token run, one paragraph",
            full: MB,
            unit: "bytes",
            make: no_spaces,
        },
        Case {
            name: "quote_marks",
            about: "100k quote marks of every kind, with a few words between them",
            full: 100_000,
            unit: "marks",
            make: quote_marks,
        },
        Case {
            name: "unbalanced_openers",
            about: "10k opening quotes never closed, in one paragraph",
            full: 10_000,
            unit: "quotes",
            make: unbalanced_openers,
        },
        Case {
            name: "open_paragraphs",
            about: "10k paragraphs that each open a quote and never close it (continuations)",
            full: 10_000,
            unit: "paragraphs",
            make: open_paragraphs,
        },
        Case {
            name: "mr_mr_mr",
            about: "\"Mr \" 100k times",
            full: 100_000,
            unit: "honorifics",
            make: mr_mr_mr,
        },
        Case {
            name: "distinct_names",
            about: "10k distinct made-up people who speak, are referred back to and hold stances",
            full: 10_000,
            unit: "names",
            make: distinct_names,
        },
        Case {
            name: "capitalised_run",
            about: "1 MB of capitalised words without a stop (one endless candidate name)",
            full: MB,
            unit: "bytes",
            make: capitalised_run,
        },
        Case {
            name: "one_paragraph",
            about: "1 MB of article prose in a single paragraph",
            full: MB,
            unit: "bytes",
            make: one_paragraph,
        },
        Case {
            name: "pronoun_chain",
            about: "100k sentences of pronoun-led reported speech with no antecedent in reach",
            full: 100_000,
            unit: "sentences",
            make: pronoun_chain,
        },
        Case {
            name: "unattributed_quotes",
            about: "10k quote paragraphs no one is named for, each after a plain sentence",
            full: 10_000,
            unit: "quotes",
            make: unattributed_quotes,
        },
        Case {
            name: "cues_then_punctuation",
            about: "one sentence of 20k reporting verbs, then 100k commas before its stop",
            full: 20_000,
            unit: "cues",
            make: cues_then_punctuation,
        },
        Case {
            name: "punctuation_only",
            about: "1 MB of punctuation only",
            full: MB,
            unit: "bytes",
            make: punctuation_only,
        },
        Case {
            name: "html_page",
            about: "a whole news page's HTML source, repeated n times",
            full: 64,
            unit: "pages",
            make: html_pages,
        },
        Case {
            name: "replacement_chars",
            about: "prose full of U+FFFD, what a JS string's lone surrogates become in the binding",
            full: MB,
            unit: "bytes",
            make: replacement_chars,
        },
    ]
}

/// A small deterministic generator (xorshift64*), so the corpus is the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Repeats `unit` until the text is `bytes` long, cut back to a character boundary.
fn fill(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len().max(1) + 1);
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The article without what follows a readers'-comments header ("Leave a Reply", "Let us
/// know what you think", a numbered "1. Name" line): the analyser treats everything after
/// such a line as comments, so a concatenation of articles must not contain one.
pub fn article_body(article: &str) -> &str {
    let mut offset = 0;
    for line in article.split_inclusive('\n') {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        let lower = lower.trim_end_matches([':', '.', '…']);
        let numbered = trimmed.split_once(". ").is_some_and(|(n, rest)| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && rest.starts_with(char::is_uppercase)
        }) && trimmed.split_whitespace().count() <= 4;
        if matches!(
            lower,
            "leave a reply"
                | "let us know what you think"
                | "comments"
                | "join the discussion"
                | "add a comment"
        ) || numbered
        {
            return &article[..offset];
        }
        offset += line.len();
    }
    article
}

/// The seed articles without their comments, joined and repeated up to about `bytes`, cut at
/// a line break so that no article ends mid-sentence more than once.
pub fn articles(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 8 * KB);
    'fill: loop {
        for seed in SEEDS {
            let body = article_body(seed).trim_end();
            if text.len() + body.len() + 2 > bytes {
                // Finish with as many whole lines of this article as fit.
                for line in body.split_inclusive('\n') {
                    if text.len() + line.len() > bytes {
                        break 'fill;
                    }
                    text.push_str(line);
                }
                break 'fill;
            }
            text.push_str(body);
            text.push_str("\n\n");
        }
    }
    text
}

fn no_spaces(bytes: usize) -> String {
    fill(
        "“Thecouncilwillnotcloselibraries,”saidHarrietVance.TheNUW(NationalUnionofWidgets)\
         said:“Weopposetheplan”;Mr.O’Neillwarned‘itisadisaster’—accordingtoOfsted…",
        bytes,
    )
}

const MARKS: &[&str] = &[
    "“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‚", "‹", "›", "«\u{a0}", "\u{a0}»", "「", "」",
];
const FILLERS: &[&str] = &[
    "",
    "",
    "",
    " ",
    " said Ann Lee",
    ", she said. ",
    "\n",
    "We",
    " it's ",
    "rock 'n' roll",
];

fn quote_marks(marks: usize) -> String {
    let mut rng = Rng::new(7);
    let mut s = String::new();
    for _ in 0..marks {
        s.push_str(rng.pick(MARKS));
        s.push_str(rng.pick(FILLERS));
    }
    s
}

fn unbalanced_openers(quotes: usize) -> String {
    let mut rng = Rng::new(11);
    let mut s = String::from("Harriet Vance, the union's leader, said: ");
    for i in 0..quotes {
        s.push_str(rng.pick(&["“", "‘", "\"", "«", "„"]));
        s.push_str(rng.pick(&[
            "We will not stand for this",
            "It is time to reform the inspections",
            "the plan is a disaster",
            "Ofsted must act",
        ]));
        s.push_str(if i % 3 == 0 { ", she said, " } else { " " });
    }
    s
}

fn open_paragraphs(paragraphs: usize) -> String {
    let mut s = String::from("Tomasz Rell, the head of the NUW, said:\n");
    for i in 0..paragraphs {
        s.push_str(["“", "\"", "‘"][i % 3]);
        s.push_str("We oppose the secondment programme and we will say so at every turn.\n");
    }
    s.push_str("The NUW said it would ballot its members.\n");
    s
}

fn mr_mr_mr(times: usize) -> String {
    "Mr ".repeat(times)
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tus", "va", "bel", "dor", "fi", "gan", "hal", "ji", "ko", "lun",
    "mar", "nes", "ov", "pri", "quil", "ros", "sen", "tal", "ur", "vik", "wen", "xa", "yor", "zel",
];

/// A made-up capitalised name, distinct for every `i` (three syllables in base 28).
pub fn made_up_name(mut i: usize) -> String {
    let mut s = String::new();
    for _ in 0..3 {
        s.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
    }
    let mut chars = s.chars();
    let first = chars.next().unwrap().to_uppercase();
    first.chain(chars).collect()
}

fn distinct_names(names: usize) -> String {
    let mut s = String::new();
    for i in 0..names {
        let given = made_up_name(i);
        let surname = made_up_name(i * 7 + 3);
        let line = match i % 5 {
            0 => format!("{given} {surname} said the council must reform the plan.\n"),
            1 => format!("“We support the scheme,” said Dr {given} {surname}. Dr {surname} added that it was time to act.\n"),
            2 => format!("Mr {surname}, chief executive of the {given} Trust, told reporters: “This is a disaster.”\n"),
            3 => format!("According to {given} {surname}, the {surname} Union opposes the plan. {surname} said so twice.\n"),
            _ => format!("Professor {given} {surname} of the {surname} Institute (ABC{i}) welcomed the programme, she said.\n"),
        };
        s.push_str(&line);
    }
    s
}

fn capitalised_run(bytes: usize) -> String {
    let mut rng = Rng::new(13);
    let mut s = String::with_capacity(bytes + 32);
    let words = [
        "National",
        "Union",
        "Of",
        "The",
        "Council",
        "Harriet",
        "Vance",
        "Mr",
        "Dr",
        "Said",
        "Party",
        "Trust",
        "NUW",
        "Ofsted",
        "Minister",
        "Kelderby",
        "District",
        "Association",
    ];
    while s.len() < bytes {
        s.push_str(rng.pick(&words));
        s.push(' ');
    }
    s
}

fn one_paragraph(bytes: usize) -> String {
    let text = articles(bytes);
    // Without the seeds' e-mail addresses and links: a paragraph holding one is page furniture
    // (contact details) to the zones stage, and would not be analysed at all.
    text.split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("http") && !w.contains("www."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn pronoun_chain(sentences: usize) -> String {
    let mut rng = Rng::new(17);
    let mut s = String::new();
    for _ in 0..sentences {
        s.push_str(rng.pick(&["He", "She", "They", "It", "The union", "The minister"]));
        s.push_str(rng.pick(&[" said", " added", " warned", " claimed", " told reporters"]));
        s.push_str(rng.pick(&[
            " that the plan would fail. ",
            ": “No.” ",
            " it was time to reform the scheme.\n",
            ", “we oppose it”. ",
        ]));
    }
    s
}

fn unattributed_quotes(quotes: usize) -> String {
    let mut s = String::from("Ann Lee said the plan was bad.\n");
    for _ in 0..quotes {
        s.push_str("It rained.\n“We oppose the plan.”\n");
    }
    s
}

fn cues_then_punctuation(cues: usize) -> String {
    let mut s = "Ann Lee said the plan was bad, ".repeat(cues);
    s.push_str(&", ".repeat(cues * 5));
    s.push_str(".\n");
    s
}

fn punctuation_only(bytes: usize) -> String {
    let mut rng = Rng::new(19);
    let marks = [
        ".", ",", ";", ":", "!", "?", "…", "—", "–", "-", "(", ")", "[", "]", "{", "}", "“", "”",
        "‘", "’", "\"", "'", "«", "»", "/", "\\", "*", "&", "%", "#", "@", "~", "|", "<", ">", " ",
        " ", "\n", "\n\n", "¡", "¿", "·", "•", "§", "¶",
    ];
    let mut s = String::with_capacity(bytes + 8);
    while s.len() < bytes {
        s.push_str(rng.pick(&marks));
    }
    s
}

fn html_pages(pages: usize) -> String {
    HTML_PAGE.repeat(pages)
}

fn replacement_chars(bytes: usize) -> String {
    let text = articles(bytes);
    let mut rng = Rng::new(23);
    let mut s = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        // About one character in twelve is replaced, and some are inserted, as lone
        // surrogates in a JS string are (one UTF-16 unit becomes one U+FFFD).
        match rng.below(24) {
            0 => s.push('\u{fffd}'),
            1 => {
                s.push(c);
                s.push('\u{fffd}');
            }
            _ => s.push(c),
        }
    }
    s
}
