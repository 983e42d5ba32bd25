//! The one output schema shared by the library, the CLI, the wasm binding and the tests.
//! Every offset is in UTF-16 code units of the original text (what JavaScript indexes by),
//! and every `text` is the exact slice of the original between `start` and `end`.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` in UTF-16 code units of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub people: Vec<Person>,
    pub organisations: Vec<Organisation>,
    pub topics: Vec<Topic>,
    pub quotes: Vec<Quote>,
    pub stances: Vec<Stance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// `p1`, `p2`, … in order of first mention.
    pub id: String,
    /// The fullest named form; for an unnamed speaker a description ("Treasury spokesperson").
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Id of the organisation the person speaks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unnamed: bool,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// `o1`, `o2`, … in order of first mention.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    /// union, party, regulator, government, media, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub mentions: Vec<Span>,
}

/// A policy, programme or institution talked about ("the parking scheme", "the government").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// `t1`, `t2`, …
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quote marks, the speaker's own words.
    Direct,
    /// Reported speech without quote marks.
    Indirect,
    /// Reported speech holding a quoted fragment.
    Mixed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// `q1`, `q2`, … in text order.
    pub id: String,
    pub text: String,
    pub kind: QuoteKind,
    pub start: usize,
    pub end: usize,
    /// Id of a person or an organisation.
    pub speaker: String,
    /// The mention naming the speaker at this quote (a name, a nominal or a pronoun).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// The reporting verb or phrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    For,
    Against,
    Neutral,
    Mixed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// Id of the person or organisation holding the stance.
    pub holder: String,
    /// Id of a person, organisation or topic.
    pub target: String,
    pub polarity: Polarity,
    /// Summed evidence, positive for, negative against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// Ids of the quotes the stance rests on.
    pub evidence: Vec<String>,
}
