//! Quote-mark pairing that never gives up: straight and curly, double and single marks, marks
//! typed the wrong way round, quotes left open at a paragraph's end, and the newspaper
//! convention that a paragraph reopening a quote continues the speech of the paragraph before.

use crate::segment::{is_quote_char, Paragraph};
use crate::zones::Zone;

#[derive(Debug, Clone, Copy)]
pub(crate) struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Content, between the marks (to the paragraph's end when never closed).
    pub start: usize,
    pub end: usize,
    /// End of the closing mark, or `end` when never closed.
    pub close_end: usize,
    pub para: usize,
    pub closed: bool,
    /// Double marks; single marks are British-style quotes, headlines and scare quotes.
    pub double: bool,
    /// Index of the quote this one continues (the previous paragraph's open quote).
    pub continues: Option<usize>,
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

fn opens_glyph(c: char) -> bool {
    matches!(
        c,
        '“' | '„' | '‟' | '«' | '‘' | '‚' | '‛' | '‹' | '"' | '\''
    )
}

fn closes_glyph(c: char) -> bool {
    matches!(c, '”' | '»' | '’' | '›' | '"' | '\'')
}

/// A mark can open when nothing but space or an opening bracket stands before it, and text
/// follows; it can close when text stands before it and space or punctuation follows.
fn can_open(before: Option<char>, after: Option<char>) -> bool {
    let before_ok = before.is_none_or(|b| {
        b.is_whitespace()
            || matches!(b, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
            || is_quote_char(b)
    });
    before_ok && after.is_some_and(|a| !a.is_whitespace())
}

fn can_close(before: Option<char>, after: Option<char>) -> bool {
    let after_ok = after.is_none_or(|a| {
        a.is_whitespace()
            || (a.is_ascii_punctuation() && a != '\'')
            || matches!(a, '—' | '–' | '…')
            || is_quote_char(a)
    });
    after_ok && before.is_some_and(|b| !b.is_whitespace())
}

pub(crate) fn find(text: &str, paras: &[Paragraph], zones: &[Zone]) -> Vec<QuoteSpan> {
    let mut spans: Vec<QuoteSpan> = Vec::new();
    // The open quote that the previous body paragraph left, if any.
    let mut left_open: Option<usize> = None;
    for (p, para) in paras.iter().enumerate() {
        let body = &text[para.start..para.end];
        let first_in_para = spans.len();
        // Position and width of the mark that opened the current quote.
        let mut double_open: Option<(usize, usize)> = None;
        let mut single_open: Option<(usize, usize)> = None;
        let mut prev: Option<char> = None;
        let mut iter = body.char_indices().peekable();
        while let Some((rel, c)) = iter.next() {
            let mut next = iter.peek().map(|&(_, n)| n);
            let before = prev;
            prev = Some(c);
            if !is_quote_char(c) {
                continue;
            }
            // Two apostrophes are a double mark, as archived newspaper text writes one.
            let (c, width) = if c == '\'' && next == Some('\'') {
                iter.next();
                next = iter.peek().map(|&(_, n)| n);
                ('"', 2)
            } else {
                (c, c.len_utf8())
            };
            let at = para.start + rel;
            // `said,“Look …”`: a curly opening mark opens even straight after a comma.
            let opens = can_open(before, next)
                || matches!(c, '“' | '„' | '«')
                    && matches!(before, Some(',' | ';'))
                    && next.is_some_and(|a| !a.is_whitespace());
            let closes = can_close(before, next);
            if is_double(c) {
                match double_open {
                    None if opens && (opens_glyph(c) || !closes) => {
                        // A single quote left open is an apostrophe or a scare quote gone wrong.
                        single_open = None;
                        double_open = Some((at, width));
                    }
                    None if rel == 0 => double_open = Some((at, width)), // a paragraph starting with ”
                    // `as if to say, 'We are listening,' " she said`: a mark standing free between
                    // spaces closes the open quote (the space sets it off a nested quote's end).
                    Some(o) if !opens || closes && closes_glyph(c) => {
                        spans.push(span(o, at, at + width, p, true, true));
                        double_open = None;
                    }
                    _ => {}
                }
            } else if double_open.is_none() {
                match single_open {
                    None if opens && matches!(c, '‘' | '\'' | '‚' | '‹' | '‛') => {
                        single_open = Some((at, c.len_utf8()))
                    }
                    Some(o) if closes && matches!(c, '’' | '\'' | '›') => {
                        spans.push(span(o, at, at + c.len_utf8(), p, true, false));
                        single_open = None;
                    }
                    _ => {}
                }
            }
        }
        if let Some(o) = double_open {
            spans.push(span(o, para.end, para.end, p, false, true));
        }
        let zone = zones[p];
        if zone != Zone::Body {
            continue;
        }
        if let (Some(prev_open), Some(first)) = (left_open, spans.get_mut(first_in_para)) {
            if first.double && first.open == para.start {
                first.continues = Some(prev_open);
            }
        }
        left_open = spans
            .last()
            .filter(|s| s.para == p && !s.closed)
            .map(|_| spans.len() - 1);
    }
    spans
}

fn span(
    (open, width): (usize, usize),
    end: usize,
    close_end: usize,
    para: usize,
    closed: bool,
    double: bool,
) -> QuoteSpan {
    QuoteSpan {
        open,
        start: open + width,
        end,
        close_end,
        para,
        closed,
        double,
        continues: None,
    }
}
