//! Which part of a pasted page each paragraph is. Quotes and speakers come from the body only:
//! bylines, related links, sign-up prompts, adverts and readers' comments are not speech.

use crate::document::lowercase;
use crate::lexicon::lexicons;
use crate::segment::Paragraph;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// Running text of the article.
    Body,
    /// Headline, standfirst without a full stop, cross-heading or related link.
    Heading,
    /// The writer's name, alone on a line.
    Byline,
    /// Sign-up prompts, contact details, sharing and navigation lines.
    Boilerplate,
    /// Readers' comments, from the first comment header to the end.
    Comments,
}

/// Lines that start one of these (lower-cased) are page furniture, not article text.
const BOILERPLATE_STARTS: &[&str] = &[
    "register to",
    "sign up",
    "subscribe",
    "already a subscriber",
    "read more",
    "related",
    "latest stories",
    "more recent posts",
    "more stories",
    "most read",
    "you may also like",
    "share this",
    "send this to",
    "follow us",
    "find me on",
    "follow me",
    "click here",
    "advertisement",
    "categories:",
    "tags:",
    "copyright",
    "©",
    "all rights reserved",
    "don’t forget",
    "don't forget",
    "we now have",
    "please tell us",
    "for the latest",
    "image caption",
    "image source",
    "getty images",
    "photograph:",
    "listen to",
];

/// Lines that open the readers' comments.
const COMMENT_HEADERS: &[&str] = &[
    "leave a reply",
    "let us know what you think",
    "comments",
    "join the discussion",
    "add a comment",
];

pub(crate) fn classify(text: &str, paras: &[Paragraph]) -> Vec<Zone> {
    let mut zones = Vec::with_capacity(paras.len());
    let mut in_comments = false;
    for (i, para) in paras.iter().enumerate() {
        let line = &text[para.start..para.end];
        // Only a line's start is matched against the lists.
        let head_end = line.char_indices().nth(40).map_or(line.len(), |(i, _)| i);
        let lower = lowercase(&line[..head_end]);
        let words = line.split_whitespace().count();
        if COMMENT_HEADERS
            .iter()
            .any(|h| lower.trim_end_matches([':', '.', '…']) == *h)
            || is_numbered_comment_header(line, words)
        {
            in_comments = true;
        }
        let zone = if in_comments {
            Zone::Comments
        } else if BOILERPLATE_STARTS.iter().any(|b| lower.starts_with(b))
            || (words <= 40 && !line.contains(['“', '"']) && has_contact_details(line))
        {
            Zone::Boilerplate
        } else if is_byline(line, words, i) {
            Zone::Byline
        } else if (ends_like_prose(line) && !is_labelled_link(line, words)) || words > 30 {
            Zone::Body
        } else {
            Zone::Heading
        };
        zones.push(zone);
    }
    zones
}

/// "1. A Reader": a short numbered line with a name and no full stop after it.
fn is_numbered_comment_header(line: &str, words: usize) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < line.len()
        && rest.starts_with(". ")
        && words <= 4
        && !ends_like_prose(line)
        && rest[2..].starts_with(|c: char| c.is_uppercase())
}

/// "Opinion: Why is …?", "Analysis: …": a short line behind a one- or two-word label is a
/// link to another story. "She said: …" is speech, not a label.
fn is_labelled_link(line: &str, words: usize) -> bool {
    words <= 15
        && line.split_once(": ").is_some_and(|(label, _)| {
            let label_words = label.split_whitespace().count();
            let verb = label.rsplit(' ').next().unwrap_or(label);
            label_words <= 2
                && label.starts_with(char::is_uppercase)
                && !label.contains(['"', '“'])
                && !lexicons().reporting_verbs.contains_key(verb)
        })
}

fn has_contact_details(line: &str) -> bool {
    line.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        (w.contains('@') && w.contains('.') && !w.starts_with('@'))
            || w.starts_with("http")
            || w.starts_with("www.")
    })
}

/// "By Jane Smith", or two or three capitalised words alone near the top.
fn is_byline(line: &str, words: usize, index: usize) -> bool {
    if let Some(rest) = line.strip_prefix("By ") {
        return rest.split_whitespace().count() <= 5 && !ends_like_prose(line);
    }
    index < 6
        && (2..=3).contains(&words)
        && line.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

/// Ends with a full stop, question or exclamation mark, colon or semicolon, perhaps followed
/// by closing quote marks or brackets.
fn ends_like_prose(line: &str) -> bool {
    let core = line.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']') || c.is_whitespace()
    });
    let closed_quote_only =
        core.len() < line.trim_end().len() && !core.ends_with(['.', '!', '?', '…']);
    core.ends_with(['.', '!', '?', ':', ';', '…']) && !closed_quote_only
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs;

    #[test]
    fn zones_of_a_pasted_page() {
        let text = "Council backs ‘bold’ plan\nBy Jane Smith\nThe council said it would act.\n\
                    Opinion: Why is the plan late?\nShe said: “It is late.”\n\
                    Read more: other news\nContact jane@example.com for details.\nLeave a Reply\n\
                    Great article, well done.";
        let zones = classify(text, &paragraphs(text));
        assert_eq!(
            zones,
            vec![
                Zone::Heading,
                Zone::Byline,
                Zone::Body,
                Zone::Heading,
                Zone::Body,
                Zone::Boilerplate,
                Zone::Boilerplate,
                Zone::Comments,
                Zone::Comments
            ]
        );
    }
}
