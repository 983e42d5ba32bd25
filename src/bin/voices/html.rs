//! The text of a web page, for `voices analyse DIR`: tags stripped; scripts, styles, the
//! `<head>`, navigation, forms, asides and embedded media dropped with their contents; entities
//! decoded; white space collapsed as a browser does, with a blank line between blocks
//! (paragraphs, headings, list items on lines of their own) so that the analyser sees the
//! paragraphs. No dependencies and no DOM: one pass over the markup, tolerant of broken HTML.

/// Elements whose contents are raw text up to their end tag, all dropped.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "noscript",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements dropped with everything inside them: not article text.
const DROPPED: &[&str] = &[
    "head", "template", "svg", "math", "nav", "aside", "form", "button", "select", "object",
    "canvas", "video", "audio", "map", "dialog",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "details",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
];

/// Elements that start and end a line.
const LINES: &[&str] = &["dd", "dt", "li", "option", "tr"];

/// Elements that end with a space between them and the next ones (table cells).
const CELLS: &[&str] = &["td", "th"];

pub fn extract_text(html: &str) -> String {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let mut text = Text::default();
    // The dropped element being skipped, and how deep the same element nests inside it.
    let mut dropping: Option<(String, usize)> = None;
    let mut preformatted = 0usize;
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        if !rest.starts_with('<') {
            let run = rest.find('<').unwrap_or(rest.len());
            if dropping.is_none() {
                text.push_str(&rest[..run], preformatted > 0);
            }
            at += run;
            continue;
        }
        let Some((markup, length)) = markup(rest) else {
            // A '<' that starts no markup ("a < b") is text.
            if dropping.is_none() {
                text.push_str("<", preformatted > 0);
            }
            at += 1;
            continue;
        };
        at += length;
        let Markup::Tag { name, end, empty } = markup else {
            continue; // A comment, doctype or processing instruction.
        };
        if let Some((dropped, depth)) = &mut dropping {
            if name == *dropped {
                if !end && !empty {
                    *depth += 1;
                } else if end {
                    *depth -= 1;
                }
            }
            // An unclosed <head> ends where the body starts.
            let body_starts = dropped == "head" && name == "body" && !end;
            if *depth == 0 || body_starts {
                dropping = None;
                text.space();
            }
            if !body_starts {
                continue;
            }
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // As in browsers, '/>' does not close these: their text runs to the end tag.
            if !end {
                at += raw_text_length(&html[at..], &name);
            }
            continue;
        }
        if DROPPED.contains(&name.as_str()) {
            if !end && !empty {
                dropping = Some((name, 1));
            }
            // What was around it does not run together.
            text.space();
            continue;
        }
        if name == "pre" {
            preformatted = if end {
                preformatted.saturating_sub(1)
            } else {
                preformatted + 1
            };
        }
        if name == "br" {
            text.line_break();
        } else if BLOCKS.contains(&name.as_str()) {
            text.break_at_least(2);
        } else if LINES.contains(&name.as_str()) {
            text.break_at_least(1);
        } else if CELLS.contains(&name.as_str()) && end {
            text.space();
        }
    }
    text.out
}

enum Markup {
    Tag {
        name: String,
        end: bool,
        empty: bool,
    },
    Other,
}

/// The markup at the start of `html` (which starts with '<') and its length in bytes, or none
/// when the '<' is text. Markup left open at the end of the input runs to the end.
fn markup(html: &str) -> Option<(Markup, usize)> {
    let bytes = html.as_bytes();
    if let Some(comment) = html.strip_prefix("<!--") {
        let length = comment.find("-->").map_or(html.len(), |end| 4 + end + 3);
        return Some((Markup::Other, length));
    }
    if matches!(bytes.get(1), Some(b'!' | b'?')) {
        let length = html.find('>').map_or(html.len(), |end| end + 1);
        return Some((Markup::Other, length));
    }
    let end = bytes.get(1) == Some(&b'/');
    let name_start = 1 + usize::from(end);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_length = bytes[name_start..]
        .iter()
        .position(|byte| !byte.is_ascii_alphanumeric() && *byte != b'-')
        .unwrap_or(bytes.len() - name_start);
    let name = html[name_start..name_start + name_length].to_ascii_lowercase();
    // Attributes run to the first '>' outside a quoted value.
    let mut quote = None;
    let mut at = name_start + name_length;
    while at < bytes.len() {
        match (quote, bytes[at]) {
            (None, b'>') => {
                let empty = bytes[at - 1] == b'/';
                return Some((Markup::Tag { name, end, empty }, at + 1));
            }
            (None, byte @ (b'"' | b'\''))
                if bytes[at - 1].is_ascii_whitespace() || bytes[at - 1] == b'=' =>
            {
                quote = Some(byte)
            }
            (Some(open), byte) if byte == open => quote = None,
            _ => {}
        }
        at += 1;
    }
    Some((Markup::Other, html.len()))
}

/// The length of a raw text element's contents and end tag, from just after its start tag.
fn raw_text_length(html: &str, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(found) = html[from..].find("</") {
        let start = from + found;
        let name_end = start + 2 + name.len();
        let closes = bytes
            .get(start + 2..name_end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && !bytes
                .get(name_end)
                .is_some_and(|byte| byte.is_ascii_alphanumeric());
        if closes {
            return html[name_end..]
                .find('>')
                .map_or(html.len(), |end| name_end + end + 1);
        }
        from = start + 2;
    }
    html.len()
}

/// The text as it builds up: white space and breaks wait until the next visible character, so
/// that none leads, trails or piles up.
#[derive(Default)]
struct Text {
    out: String,
    space: bool,
    breaks: usize,
}

impl Text {
    fn push_str(&mut self, run: &str, preformatted: bool) {
        let mut rest = run;
        while let Some(amp) = rest.find('&') {
            self.push_plain(&rest[..amp], preformatted);
            rest = &rest[amp..];
            match entity(rest) {
                Some((decoded, length)) => {
                    for c in decoded.chars() {
                        self.push_char(c, preformatted);
                    }
                    rest = &rest[length..];
                }
                None => {
                    self.push_char('&', preformatted);
                    rest = &rest[1..];
                }
            }
        }
        self.push_plain(rest, preformatted);
    }

    fn push_plain(&mut self, run: &str, preformatted: bool) {
        for c in run.chars() {
            self.push_char(c, preformatted);
        }
    }

    fn push_char(&mut self, c: char, preformatted: bool) {
        match c {
            '\r' | '\u{ad}' => {}
            '\n' if preformatted => self.breaks = (self.breaks + 1).min(2),
            c if c.is_whitespace() && !preformatted => self.space = true,
            c if c.is_control() && c != '\t' => {}
            c => {
                if !self.out.is_empty() {
                    if self.breaks > 0 {
                        self.out.push_str(&"\n".repeat(self.breaks));
                    } else if self.space {
                        self.out.push(' ');
                    }
                }
                self.breaks = 0;
                self.space = false;
                self.out.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.space = true;
    }

    /// `<br>`: one line break; two in a row make a paragraph.
    fn line_break(&mut self) {
        self.breaks = (self.breaks + 1).min(2);
    }

    fn break_at_least(&mut self, breaks: usize) {
        self.breaks = self.breaks.max(breaks);
    }
}

/// The character reference at the start of `text` (which starts with '&'): its characters and
/// its length, or none when it is not one (then the '&' is text). Numeric references in the
/// range of Windows-1252's printable C1 codes give those characters, as browsers do.
fn entity(text: &str) -> Option<(String, usize)> {
    let semicolon = text[1..].find(';').filter(|&at| at <= 32)? + 1;
    let body = &text[1..semicolon];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        let c = match code {
            0x80..=0x9f => WINDOWS_1252[code as usize - 0x80],
            0 => '\u{fffd}',
            code => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        c.to_string()
    } else {
        named_entity(body)?.to_string()
    };
    Some((decoded, semicolon + 1))
}

/// What Windows-1252 puts at 0x80..=0x9F (unassigned codes stay themselves).
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// HTML 4's Latin-1 entities, for U+00A0..=U+00FF in order.
const LATIN_1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The other named entities news pages use: markup, punctuation, spaces and symbols.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("prime", "′"),
    ("Prime", "″"),
    ("bull", "•"),
    ("dagger", "†"),
    ("Dagger", "‡"),
    ("permil", "‰"),
    ("euro", "€"),
    ("trade", "™"),
    ("minus", "−"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("lrm", "\u{200e}"),
    ("rlm", "\u{200f}"),
    ("OElig", "Œ"),
    ("oelig", "œ"),
    ("Scaron", "Š"),
    ("scaron", "š"),
    ("Yuml", "Ÿ"),
    ("fnof", "ƒ"),
    ("circ", "ˆ"),
    ("tilde", "˜"),
    ("larr", "←"),
    ("rarr", "→"),
];

fn named_entity(name: &str) -> Option<char> {
    if let Some(at) = LATIN_1.iter().position(|&latin| latin == name) {
        return char::from_u32(0xa0 + at as u32);
    }
    NAMED
        .iter()
        .find(|(named, _)| *named == name)
        .and_then(|(_, text)| text.chars().next())
}

#[cfg(test)]
mod tests {
    use super::extract_text;

    #[test]
    fn paragraphs_are_kept_and_white_space_collapsed() {
        let html = "<html><body>\n  <h1>Cuts  row</h1>\n<p>First\n   paragraph,\n<b>bold</b>.</p>\
                    <p>Second.</p><div><div>Nested <i>div</i></div></div>trailing</body></html>\n";
        assert_eq!(
            extract_text(html),
            "Cuts row\n\nFirst paragraph, bold.\n\nSecond.\n\nNested div\n\ntrailing"
        );
    }

    #[test]
    fn breaks_lists_and_table_cells() {
        let html = "line one<br>line two<br/><br>new paragraph<ul><li>one</li><li>two</ul>\
                    <table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>";
        assert_eq!(
            extract_text(html),
            "line one\nline two\n\nnew paragraph\n\none\ntwo\n\na b\nc"
        );
    }

    #[test]
    fn scripts_styles_head_and_navigation_are_dropped() {
        let html = "<!DOCTYPE html><html><head><title>Site | Story</title>\
                    <meta charset=\"utf-8\"><style>p { color: red }</style></head>\
                    <body><nav><ul><li>Home</li><nav>inner</nav><li>News</li></ul></nav>\
                    <script>if (a < b && c) { document.write('</p>\"said\"'); }</script>\
                    <SCRIPT type=\"x\">var s = \"</scripts>\";</SCRIPT >\
                    <p>Story<!-- a comment, <p>not text</p> -->.</p>\
                    <aside>Related: <a href=\"/x\">other</a></aside><form><button>Go</button></form>\
                    <svg/><p>After</p><?php echo 1 ?></body></html>";
        assert_eq!(extract_text(html), "Story.\n\nAfter");
    }

    #[test]
    fn an_unclosed_head_ends_at_the_body() {
        assert_eq!(
            extract_text("<head><meta charset=utf-8><body><p>Text</p>"),
            "Text"
        );
    }

    #[test]
    fn entities_are_decoded() {
        let html = "<p>&ldquo;Fair &amp; square,&rdquo; said Ren&eacute;e&nbsp;Smith &#8212; \
                    &#x201C;no&#x201d; &#147;old&#148; &#0; &AElig; &notanentity; AT&T &amp</p>";
        assert_eq!(
            extract_text(html),
            "“Fair & square,” said Renée Smith — “no” “old” \u{fffd} Æ &notanentity; AT&T &amp"
        );
    }

    #[test]
    fn decoded_markup_characters_stay_text() {
        assert_eq!(
            extract_text("<p>&lt;p&gt; is a tag, 1 < 2 > 0</p>"),
            "<p> is a tag, 1 < 2 > 0"
        );
    }

    #[test]
    fn attributes_may_hold_angle_brackets() {
        let html = "<p title=\"a > b\" data-x='<p>'>Kept</p><img alt=\"x>y\" src=x>";
        assert_eq!(extract_text(html), "Kept");
    }

    #[test]
    fn preformatted_text_keeps_its_lines_and_spaces() {
        let html = "<p>Before</p><pre>  a  b\nc\n</pre>after";
        assert_eq!(extract_text(html), "Before\n\n  a  b\nc\n\nafter");
    }

    #[test]
    fn broken_markup_does_not_lose_the_text_before_it() {
        assert_eq!(extract_text("<p>Text</p><a href=\"unterminated"), "Text");
        assert_eq!(extract_text("<p>Text<!-- open comment"), "Text");
        assert_eq!(extract_text("<p>Text<script>never closed"), "Text");
        assert_eq!(extract_text("\u{feff}<p>BOM</p>"), "BOM");
        assert_eq!(extract_text("a <3 b </ c"), "a <3 b </ c");
    }

    #[test]
    fn a_page_with_no_text_gives_empty_text() {
        assert_eq!(extract_text(""), "");
        assert_eq!(
            extract_text("<html><head></head><body>  </body></html>"),
            ""
        );
    }
}
