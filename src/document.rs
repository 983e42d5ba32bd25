//! The text and its layout layers, which every later stage reads.

use crate::quotes::{self, QuoteSpan};
use crate::segment::{self, Paragraph, Sentence, Token, TokenKind};
use crate::zones::{self, Zone};

pub(crate) struct Document<'a> {
    pub text: &'a str,
    /// The text in lower case ([`lower_char`]), byte for byte the same length, so a token's
    /// offsets slice its lower-case form too.
    lower_text: String,
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
            lower_text: lower_text(text),
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

    /// The word in lower case, as [`lowercase`] gives it, without allocating.
    pub fn lower(&self, t: usize) -> &str {
        let tok = &self.tokens[t];
        &self.lower_text[tok.start..tok.end]
    }

    pub fn is_word(&self, t: usize) -> bool {
        self.tokens
            .get(t)
            .is_some_and(|tok| tok.kind == TokenKind::Word)
    }

    /// A word starting with a capital letter.
    pub fn is_capitalised(&self, t: usize) -> bool {
        self.tokens.get(t).is_some_and(|tok| tok.capitalised)
    }

    pub fn is(&self, t: usize, s: &str) -> bool {
        t < self.tokens.len() && self.word(t) == s
    }

    /// A dash setting off words: "—", "–", "--", or a hyphen with a space before it
    /// (" - ", as some outlets type a dash).
    pub fn is_dash(&self, t: usize) -> bool {
        t < self.tokens.len()
            && match self.word(t) {
                "—" | "–" | "--" => true,
                "-" => self.text[..self.tokens[t].start].ends_with(char::is_whitespace),
                _ => false,
            }
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

/// The whole text in lower case. [`lower_char`] maps each character to one of the same UTF-8
/// length, so offsets carry over.
fn lower_text(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    bytes.make_ascii_lowercase();
    // Only the characters that start with a lead byte of two or more can be other capitals.
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b >= 0xC0 {
            let c = text[i..].chars().next().unwrap_or_default();
            let lower = lower_char(c);
            if lower != c && lower.len_utf8() == c.len_utf8() {
                lower.encode_utf8(&mut bytes[i..i + c.len_utf8()]);
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// A word in lower case, without allocating when it already is.
pub(crate) fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    // One pass over the bytes for the usual ASCII word.
    let mut ascii_upper = false;
    for b in word.bytes() {
        if !b.is_ascii() {
            return if word.chars().any(|c| lower_char(c) != c) {
                std::borrow::Cow::Owned(word.chars().map(lower_char).collect())
            } else {
                std::borrow::Cow::Borrowed(word)
            };
        }
        ascii_upper |= b.is_ascii_uppercase();
    }
    if ascii_upper {
        std::borrow::Cow::Owned(word.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// The lower case of a Latin, Greek or Cyrillic capital, by arithmetic: std's
/// `to_lowercase` would bring all of Unicode's case tables into the wasm, and the lexicons
/// it is matched against are English.
pub(crate) fn lower_char(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5A => code + 32,
        0xC0..=0xDE if code != 0xD7 => code + 32,
        // Latin Extended-A pairs capital and small: even/odd, or odd/even in two runs.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x391..=0x3A9 if code != 0x3A2 => code + 32,
        0x410..=0x42F => code + 32,
        0x400..=0x40F => code + 80,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// "Okafor’s" → "Okafor"; "teachers’" stays.
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

pub(crate) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn lowercase_covers_latin_greek_and_cyrillic_capitals() {
        for (word, lower) in [
            ("Ofsted", "ofsted"),
            ("ÉCOLE", "école"),
            ("ŁÓDŹ", "łódź"),
            ("ĽUBOŠ", "ľuboš"),
            ("ΑΘΗΝΑ", "αθηνα"),
            ("МОСКВА", "москва"),
            ("ЄВРОПА", "європа"),
            ("×2", "×2"),
        ] {
            assert_eq!(lowercase(word), lower, "{word}");
        }
    }
}
