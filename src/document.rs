//! The text and its layout layers, which every later stage reads.

use crate::quotes::{self, QuoteSpan};
use crate::segment::{self, Paragraph, Sentence, Token, TokenKind};
use crate::zones::{self, Zone};

pub(crate) struct Document<'a> {
    pub text: &'a str,
    pub paras: Vec<Paragraph>,
    pub zones: Vec<Zone>,
    pub quotes: Vec<QuoteSpan>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        let paras = segment::paragraphs(text);
        let zones = zones::classify(text, &paras);
        let quotes = quotes::find(text, &paras, &zones);
        let (sentences, tokens) = segment::sentences_and_tokens(text, &paras, &quotes);
        Document {
            text,
            paras,
            zones,
            quotes,
            sentences,
            tokens,
        }
    }

    pub fn word(&self, t: usize) -> &'a str {
        let tok = &self.tokens[t];
        &self.text[tok.start..tok.end]
    }

    pub fn is_word(&self, t: usize) -> bool {
        self.tokens
            .get(t)
            .is_some_and(|tok| tok.kind == TokenKind::Word)
    }

    /// A word starting with a capital letter.
    pub fn is_capitalised(&self, t: usize) -> bool {
        self.is_word(t) && self.word(t).starts_with(char::is_uppercase)
    }

    pub fn is(&self, t: usize, s: &str) -> bool {
        t < self.tokens.len() && self.word(t) == s
    }

    pub fn is_lower(&self, t: usize, s: &str) -> bool {
        t < self.tokens.len() && self.word(t).eq_ignore_ascii_case(s)
    }

    pub fn zone_of(&self, t: usize) -> Zone {
        self.zones[self.para_of(t)]
    }

    pub fn para_of(&self, t: usize) -> usize {
        self.sentences[self.tokens[t].sentence].para
    }

    pub fn sentence_of(&self, t: usize) -> &Sentence {
        &self.sentences[self.tokens[t].sentence]
    }

    /// The token starting at byte `at`, or the first one after it.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.start < at)
    }

    /// Words of `[from, to)` as written, joined by the original text between them.
    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        if from >= to {
            return "";
        }
        &self.text[self.tokens[from].start..self.tokens[to - 1].end]
    }
}

/// A word in lower case, without allocating when it already is.
pub(crate) fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    let needs_change = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(char::is_uppercase)
    };
    if needs_change {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// "Perry’s" → "Perry"; "teachers’" stays.
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

pub(crate) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}
