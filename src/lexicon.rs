//! The data files under `src/data/`, parsed once. Each file is plain text, one entry a line,
//! tab-separated; `#` starts a comment; `+ sentence` and `- sentence` lines are examples the
//! test suite runs through the analyser (`rule_examples` in lib.rs). build.rs strips comments
//! and examples from the copies embedded here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A hash map with a fast, non-cryptographic hasher: keys are words from the article and the
/// lexicons, so there is nothing to defend against, and SipHash was the largest single cost.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The hasher rustc uses (FxHash): a rotate, xor and multiply per word of input.
#[derive(Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write_u64(u64::from(byte));
    }

    fn write_u64(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// Whether a pronoun of gender `self` may refer to an entity of gender `other`.
    pub(crate) fn fits(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Honorific {
    pub gender: Gender,
    /// Also a common word ("President"): names a person only before a full name.
    pub title: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReportingVerb {
    /// Takes an addressee before the content ("told reporters that").
    pub addressee: bool,
    /// The content may follow without "that" ("said the plan was wrong").
    pub bare_clause: bool,
    /// The content may be a noun phrase or an infinitive ("announced a review", "vowed to
    /// resign").
    pub noun_content: bool,
    /// A speech act only with [`crate::Options::speech_acts`] ("cited the figures").
    pub speech_act_only: bool,
}

/// What a role noun names: a person, or an organisation of some kind ("the union").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoleKind {
    Person,
    Organisation(&'static str),
}

#[derive(Debug)]
pub(crate) struct Body {
    pub name: &'static str,
    pub kind: &'static str,
    pub acronym: Option<&'static str>,
    pub other_names: Vec<&'static str>,
}

pub(crate) struct Lexicons {
    /// Every inflected form, lower-case.
    pub reporting_verbs: FastMap<&'static str, ReportingVerb>,
    pub honorifics: FastMap<&'static str, Honorific>,
    /// Lower-case role noun (upper-case for acronyms such as MP).
    pub roles: FastMap<&'static str, RoleKind>,
    pub org_heads: FastMap<&'static str, &'static str>,
    pub bodies: Vec<Body>,
    /// Every name and other name of a body, to its index in `bodies`.
    pub body_names: FastMap<&'static str, usize>,
    /// The names of bodies as words, by their first word, longest first.
    pub bodies_by_first_word: FastMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>,
    pub first_names: FastMap<&'static str, Gender>,
    /// Stance verb or noun form to +1 (for) or -1 (against).
    pub stance_words: FastMap<&'static str, i8>,
    /// Sentiment valence × 10.
    pub sentiment: FastMap<&'static str, i8>,
    /// Head noun of a policy or plan to the group of heads that co-refer.
    pub topic_heads: FastMap<&'static str, &'static str>,
}

pub(crate) const REPORTING_VERBS: &str =
    include_str!(concat!(env!("OUT_DIR"), "/reporting_verbs.txt"));
pub(crate) const HONORIFICS: &str = include_str!(concat!(env!("OUT_DIR"), "/honorifics.txt"));
pub(crate) const ROLES: &str = include_str!(concat!(env!("OUT_DIR"), "/roles.txt"));
pub(crate) const ORG_HEADS: &str = include_str!(concat!(env!("OUT_DIR"), "/org_heads.txt"));
pub(crate) const BODIES: &str = include_str!(concat!(env!("OUT_DIR"), "/bodies.txt"));
pub(crate) const FIRST_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/first_names.txt"));
pub(crate) const STANCE_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/stance_verbs.txt"));
pub(crate) const SENTIMENT: &str = include_str!(concat!(env!("OUT_DIR"), "/sentiment.txt"));
pub(crate) const TOPIC_HEADS: &str = include_str!(concat!(env!("OUT_DIR"), "/topics.txt"));

/// The entry lines of a data file, as tab-separated fields (build.rs has already removed
/// comments, examples and blank lines).
fn entries(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines().map(|l| l.split('\t').collect())
}

pub(crate) fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(load)
}

fn load() -> Lexicons {
    let mut reporting_verbs = FastMap::default();
    for fields in entries(REPORTING_VERBS) {
        let lemma = fields[0];
        let verb = ReportingVerb {
            addressee: lemma.contains('*'),
            bare_clause: lemma.contains('~'),
            noun_content: lemma.contains('^'),
            speech_act_only: lemma.contains('@'),
        };
        reporting_verbs.insert(lemma.trim_end_matches(['*', '~', '^', '@']), verb);
        for form in &fields[1..] {
            reporting_verbs.insert(*form, verb);
        }
    }
    let pairs = |file| entries(file).map(|f| (f[0], f.get(1).copied().unwrap_or("")));
    let honorifics = entries(HONORIFICS)
        .map(|f| {
            (
                f[0],
                Honorific {
                    gender: Gender::parse(f[1]),
                    title: f.get(2) == Some(&"title"),
                },
            )
        })
        .collect();
    let first_names = pairs(FIRST_NAMES)
        .map(|(k, g)| (k, Gender::parse(g)))
        .collect();
    let roles = pairs(ROLES)
        .map(|(k, kind)| {
            let kind = if kind == "person" {
                RoleKind::Person
            } else {
                RoleKind::Organisation(kind)
            };
            (k, kind)
        })
        .collect();
    let org_heads = pairs(ORG_HEADS).collect();
    let mut bodies = Vec::new();
    let mut body_names = FastMap::default();
    for fields in entries(BODIES) {
        let other_names: Vec<&str> = fields
            .get(2)
            .map(|s| s.split('|').collect())
            .unwrap_or_default();
        let acronym = other_names.iter().copied().find(|n| is_acronym(n));
        body_names.insert(fields[0], bodies.len());
        for n in &other_names {
            body_names.insert(*n, bodies.len());
        }
        bodies.push(Body {
            name: fields[0],
            kind: fields[1],
            acronym,
            other_names,
        });
    }
    let mut bodies_by_first_word: FastMap<&str, Vec<(Vec<&str>, &str)>> = FastMap::default();
    for (name, &b) in &body_names {
        let words: Vec<&str> = name.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        bodies_by_first_word
            .entry(words[0])
            .or_default()
            .push((words, bodies[b].name));
    }
    for list in bodies_by_first_word.values_mut() {
        // Longest first, then by name. An insertion sort: the lists are a few names long,
        // and a library sort would add its own copy to the wasm.
        for i in 1..list.len() {
            let mut j = i;
            while j > 0 && (list[j].0.len(), list[j - 1].1) > (list[j - 1].0.len(), list[j].1) {
                list.swap(j, j - 1);
                j -= 1;
            }
        }
    }
    let mut stance_words = FastMap::default();
    for fields in entries(STANCE_WORDS) {
        let sign = if fields[0] == "for" { 1 } else { -1 };
        for form in &fields[1..] {
            stance_words.insert(*form, sign);
        }
    }
    let sentiment = pairs(SENTIMENT)
        .flat_map(|(valence, words)| {
            let valence: i8 = valence.parse().unwrap_or(0);
            words.split(' ').map(move |w| (w, valence))
        })
        .collect();
    let topic_heads = pairs(TOPIC_HEADS).collect();
    Lexicons {
        reporting_verbs,
        honorifics,
        roles,
        org_heads,
        bodies,
        body_names,
        bodies_by_first_word,
        first_names,
        stance_words,
        sentiment,
        topic_heads,
    }
}

/// "NUT", "DfE", "UNISON": two or more capitals, letters only, at most one lower-case letter
/// between capitals.
pub(crate) fn is_acronym(word: &str) -> bool {
    let bytes = word.as_bytes();
    if !(2..=8).contains(&bytes.len())
        || !bytes[0].is_ascii_uppercase()
        || !bytes[bytes.len() - 1].is_ascii_uppercase()
        || !bytes.iter().all(u8::is_ascii_alphabetic)
    {
        return false;
    }
    bytes.iter().filter(|c| c.is_ascii_lowercase()).count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses() {
        let lex = lexicons();
        assert!(lex.reporting_verbs["said"].bare_clause);
        assert!(lex.reporting_verbs["told"].addressee);
        assert!(!lex.reporting_verbs["revealed"].bare_clause);
        assert_eq!(lex.honorifics["Mrs"].gender, Gender::Female);
        assert!(lex.honorifics["President"].title);
        assert_eq!(lex.roles["union"], RoleKind::Organisation("union"));
        assert_eq!(lex.org_heads["Union"], "union");
        assert_eq!(lex.first_names["Rachel"], Gender::Female);
        assert_eq!(lex.stance_words["backs"], 1);
        assert!(lex.sentiment["destroys"] < 0);
        assert_eq!(lex.topic_heads["scheme"], "plan");
        let nhs = &lex.bodies[lex.body_names["NHS"]];
        assert_eq!(nhs.acronym, Some("NHS"));
    }

    #[test]
    fn acronyms() {
        for yes in ["NUT", "DfE", "UNISON", "NASUWT"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["Ofcom", "MPs", "A", "Mr", "U.S."] {
            assert!(!is_acronym(no), "{no}");
        }
    }
}
