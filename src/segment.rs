//! Paragraphs, sentences and word tokens, all as byte ranges of the original text.

use crate::quotes::QuoteSpan;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Paragraph {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub para: usize,
    /// Index of the sentence's first token.
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Punct,
    /// A quote mark that opens or closes a quote span.
    QuoteMark,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub sentence: usize,
    /// Inside the content of a quote span.
    pub quoted: bool,
    /// A word starting with a capital letter.
    pub capitalised: bool,
}

/// Non-empty lines, trimmed of every kind of white space (pasted text carries non-breaking
/// spaces). Each line is a paragraph: pasted articles use single and double line breaks alike.
pub(crate) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            let line = &text[line_start..i];
            let trimmed = line.trim_start();
            let start = line_start + (line.len() - trimmed.len());
            let end = start + trimmed.trim_end().len();
            if end > start {
                out.push(Paragraph { start, end });
            }
            line_start = i + c.len_utf8();
        }
    }
    out
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt",
    "Capt", "Det", "Insp", "Supt", "Rev", "Cllr", "Jr", "Sr", "vs", "etc", "e.g", "i.e", "Inc",
    "Ltd", "Co", "Corp", "Mt", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Fig", "Vol", "pp", "cf", "Hon", "Bros", "Ave", "Rd",
];

/// Capitalised words that open a sentence and never continue a name.
const SENTENCE_OPENERS: &[&str] = &[
    "The", "They", "He", "She", "It", "We", "But", "And", "This", "There", "His", "Her", "Their",
    "Its", "If", "When", "While", "However",
];

pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '‛' | '«' | '»' | '‹' | '›'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits every paragraph into sentences and tokens. A sentence never ends inside a quote
/// span, so a quote and the attribution around it stay together.
pub(crate) fn sentences_and_tokens(
    text: &str,
    paras: &[Paragraph],
    quotes: &[QuoteSpan],
) -> (Vec<Sentence>, Vec<Token>) {
    let mut sentences = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut quote_iter = quotes.iter().peekable();
    for (p, para) in paras.iter().enumerate() {
        let mut sent_start = para.start;
        let mut sent_first_token = tokens.len();
        let body = &text[para.start..para.end];
        let mut chars = body.char_indices().peekable();
        while let Some((rel, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let i = para.start + rel;
            // Quote spans are sorted; drop those that ended before this position.
            while quote_iter.peek().is_some_and(|q| q.close_end <= i) {
                quote_iter.next();
            }
            let in_quote = quote_iter
                .peek()
                .is_some_and(|q| q.open <= i && i < q.close_end);
            let quoted = quote_iter.peek().is_some_and(|q| q.start <= i && i < q.end);
            if is_word_char(c) {
                let mut end = i + c.len_utf8();
                while let Some(&(r, d)) = chars.peek() {
                    let at = para.start + r;
                    if is_word_char(d) {
                        end = at + d.len_utf8();
                        chars.next();
                        continue;
                    }
                    // An apostrophe or hyphen inside a word ("union's", "high-stakes").
                    if matches!(d, '\'' | '’' | '-' | '‐') {
                        let after = text[at + d.len_utf8()..].chars().next();
                        if after.is_some_and(is_word_char) && !is_quote_boundary(quotes, at) {
                            chars.next();
                            continue;
                        }
                    }
                    break;
                }
                let sentence = sentences.len();
                tokens.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Word,
                    sentence,
                    quoted,
                    capitalised: c.is_uppercase(),
                });
                continue;
            }
            // A quote mark may be two characters ('' in archived text): one token.
            let mark_end = is_quote_char(c)
                .then(|| quote_mark_end(quotes, i))
                .flatten();
            let (kind, end) = match mark_end {
                Some(end) => (TokenKind::QuoteMark, end),
                None => (TokenKind::Punct, i + c.len_utf8()),
            };
            while chars.peek().is_some_and(|&(r, _)| para.start + r < end) {
                chars.next();
            }
            let sentence = sentences.len();
            tokens.push(Token {
                start: i,
                end,
                kind,
                sentence,
                quoted,
                capitalised: false,
            });
            let stop_outside_quote = matches!(c, '.' | '!' | '?') && !in_quote;
            // `“It is wrong.” She left.`: the closing mark ends the sentence.
            let quote_ends_sentence = kind == TokenKind::QuoteMark
                && quotes_closing_at(quotes, i)
                && body[..rel].trim_end().ends_with(['.', '!', '?']);
            if (stop_outside_quote || quote_ends_sentence) && ends_sentence(text, &tokens, para.end)
            {
                // Closing quotes and brackets right after the stop belong to this sentence.
                let mut stop = end;
                while let Some(&(r, d)) = chars.peek() {
                    if matches!(d, ')' | ']' | '.' | '!' | '?') {
                        chars.next();
                        let at = para.start + r;
                        let end = at + d.len_utf8();
                        tokens.push(Token {
                            start: at,
                            end,
                            kind: TokenKind::Punct,
                            sentence,
                            quoted,
                            capitalised: false,
                        });
                        stop = end;
                    } else {
                        break;
                    }
                }
                sentences.push(Sentence {
                    start: sent_start,
                    end: stop,
                    para: p,
                    first_token: sent_first_token,
                    end_token: tokens.len(),
                });
                sent_start = stop;
                sent_first_token = tokens.len();
            }
        }
        if tokens.len() > sent_first_token {
            sentences.push(Sentence {
                start: sent_start,
                end: para.end,
                para: p,
                first_token: sent_first_token,
                end_token: tokens.len(),
            });
        }
    }
    // Sentence starts were recorded before leading white space; trim them.
    for s in &mut sentences {
        s.start = tokens[s.first_token].start;
    }
    (sentences, tokens)
}

fn quotes_closing_at(quotes: &[QuoteSpan], at: usize) -> bool {
    let i = quotes.partition_point(|q| q.open <= at);
    i > 0 && quotes[i - 1].closed && quotes[i - 1].end == at
}

/// The end of the quote mark that opens or closes a quote span at byte `at`.
fn quote_mark_end(quotes: &[QuoteSpan], at: usize) -> Option<usize> {
    let i = quotes.partition_point(|q| q.open <= at);
    let q = quotes.get(i.checked_sub(1)?)?;
    if q.open == at {
        Some(q.start)
    } else if q.closed && q.end == at {
        Some(q.close_end)
    } else {
        None
    }
}

fn is_quote_boundary(quotes: &[QuoteSpan], at: usize) -> bool {
    // Binary search: spans are sorted by `open`.
    let i = quotes.partition_point(|q| q.open <= at);
    i > 0 && {
        let q = &quotes[i - 1];
        q.open == at || (q.closed && q.end == at)
    }
}

/// Whether the stop just pushed ends a sentence: what follows must start a new one, and the
/// word before must not be an abbreviation or an initial.
fn ends_sentence(text: &str, tokens: &[Token], para_end: usize) -> bool {
    let stop = tokens[tokens.len() - 1];
    let rest = &text[stop.end..para_end];
    let next = rest.trim_start_matches(|c: char| c.is_whitespace() || is_quote_char(c) || c == ')');
    if next.is_empty() {
        return true;
    }
    if rest.len() == next.len() && !rest.starts_with(|c: char| is_quote_char(c)) {
        // "3.5", "e.g.": no space after the stop.
        return false;
    }
    let starts_upper = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !starts_upper {
        return false;
    }
    if !matches!(&text[stop.start..stop.end], ".") {
        return true;
    }
    // "… the U.S. They will …": a word that only opens a sentence ends one even after an
    // initial or an abbreviation.
    let next_word = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if SENTENCE_OPENERS.contains(&next_word) {
        return true;
    }
    match tokens.len().checked_sub(2).map(|i| tokens[i]) {
        Some(prev) if prev.kind == TokenKind::Word && prev.end == stop.start => {
            let word = &text[prev.start..prev.end];
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            !(initial || ABBREVIATIONS.contains(&word))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let paras = paragraphs(text);
        let (sents, _) = sentences_and_tokens(text, &paras, &[]);
        sents.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_stops_but_not_abbreviations() {
        assert_eq!(
            sentences(
                "Mr Smith met Dr. Jones. They spoke at 3.5 p.m. today. J. K. Lee agreed! \
                 He flew to the U.S. They met him there."
            ),
            vec![
                "Mr Smith met Dr. Jones.",
                "They spoke at 3.5 p.m. today.",
                "J. K. Lee agreed!",
                "He flew to the U.S.",
                "They met him there."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_and_nbsp_is_trimmed() {
        let text = "Headline here\n\n\u{a0}First para. Second.\nThird";
        let paras = paragraphs(text);
        let got: Vec<&str> = paras.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(got, vec!["Headline here", "First para. Second.", "Third"]);
    }
}
