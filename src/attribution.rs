//! Who said it: direct quotes attributed by the cue frames around them, reported speech found
//! from its reporting verb, and every speaker resolved to a person or organisation — names,
//! pronouns, role nominals ("the union", "a Treasury spokesperson") and the lede's "a union
//! leader" who is named a paragraph later.

use crate::document::{is_possessive, lowercase, Document};
use crate::entities::{Entities, Entity, EntityId, EntityKind, Mention};
use crate::lexicon::{lexicons, FastMap, Gender, ReportingVerb, RoleKind};
use crate::schema::QuoteKind;
use crate::segment::TokenKind;
use crate::sort::sort_pairs;
use crate::zones::Zone;
use crate::Options;

/// An attributed quote, in byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Attributed {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: EntityId,
    /// Token range of the mention naming the speaker here.
    pub source: Option<(usize, usize)>,
    /// Token range of the cue.
    pub cue: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    first: usize,
    end: usize,
    verb: ReportingVerb,
    according_to: bool,
}

#[derive(Debug, Clone, Copy)]
struct Speaker {
    entity: EntityId,
    first: usize,
    end: usize,
}

/// Words that may stand between a speaker and the reporting verb ("will also say", "is
/// expected to tell").
const AUXILIARIES: &[&str] = &[
    "only",
    "not",
    "forced",
    "able",
    "trying",
    "tried",
    "wanted",
    "sought",
    "went",
    "on",
    "will",
    "would",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "also",
    "then",
    "later",
    "previously",
    "repeatedly",
    "once",
    "again",
    "today",
    "yesterday",
    "nonetheless",
    "however",
    "expected",
    "set",
    "due",
    "to",
    "going",
    "did",
    "does",
    "do",
    "may",
    "might",
    "could",
    "should",
    "can",
    "must",
    "further",
    "earlier",
    "last",
    "night",
    "week",
    "this",
    "morning",
    "afternoon",
    "evening",
    "subsequently",
    "more",
    "less",
    "most",
    "often",
    "still",
    "never",
    "always",
    "already",
    "just",
    "soon",
    "even",
    "long",
    "here",
];

/// Phrases that may follow a reporting verb before its content ("said today that", "told
/// MPs in a statement that").
const AFTER_VERB: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "recently",
    "previously",
    "earlier",
    "later",
    "also",
    "again",
    "then",
    "now",
    "once",
    "repeatedly",
    "publicly",
    "privately",
    "in a statement",
    "in an interview",
    "in a speech",
    "in a letter",
    "in a blog post",
    "in a press release",
    "in a post",
    "on monday",
    "on tuesday",
    "on wednesday",
    "on thursday",
    "on friday",
    "on saturday",
    "on sunday",
    "last week",
    "last night",
    "last month",
    "last year",
    "this week",
    "this morning",
    "this month",
    "on twitter",
    "on x",
    "at the conference",
    "in evidence",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "in written evidence",
    "morning",
    "afternoon",
    "evening",
    "night",
    "last thursday",
    "last friday",
    "last monday",
    "last tuesday",
    "last wednesday",
    "last saturday",
    "last sunday",
    "in an email",
    "in a tweet",
    "in a radio interview",
    "in a television interview",
    "in a phone interview",
    "in an op-ed",
    "at a news conference",
    "at a press conference",
    "at a rally",
    "during the debate",
];

/// Words a bare content clause ("said the plan was wrong") must contain: a finite verb.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "should", "could", "can", "must", "may", "might",
    "has", "have", "had", "does", "do", "did", "need", "needs", "shall",
];

const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "with", "to", "from", "for", "through", "via",
];

/// Words after a comma that start the writer's own addition to a reported clause.
const CLAUSE_BREAKS: &[&str] = &[
    "which", "who", "whom", "whose", "although", "though", "whereas", "despite", "echoing", "for",
    "unlike", "while", "as", "compared", "a", "an",
];

/// Words that open a subordinate clause at the start of a sentence.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "as", "because", "if", "when", "after", "before", "since",
    "whereas", "unless", "even",
];

/// Addressees a reporting verb may take before its clause ("told reporters the …").
const ADDRESSEES: &[&str] = &[
    "him",
    "her",
    "them",
    "us",
    "me",
    "reporters",
    "journalists",
    "MPs",
    "lawmakers",
    "colleagues",
    "members",
];

/// Words that open an apposition after a name's comma.
const APPOSITION_OPENERS: &[&str] = &[
    "a", "an", "the", "another", "one", "who", "whose", "which", "its", "his", "her", "their",
    "former", "then", "now",
];

/// Words after which a verb form is a noun ("the claim", "his comments").
const NOUN_MARKERS: &[&str] = &[
    "the", "a", "an", "his", "its", "their", "our", "this", "these", "those",
];

/// Words that end a noun phrase walked back from its head.
const PHRASE_BREAKS: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "said", "while", "after", "before", "because", "if", "when",
];

/// Words that qualify a sentence-initial subject before its verb ("Teachers in Leeds").
const QUALIFIERS: &[&str] = &[
    "who", "whose", "that", "in", "of", "on", "at", "from", "with", "familiar", "close", "briefed",
    "for", "involved",
];

/// Words that open an indirect question after "asked".
const QUESTION_WORDS: &[&str] = &[
    "whether", "if", "how", "what", "why", "when", "where", "who", "about",
];

/// Longest reported clause, in tokens: past that a "sentence" is not prose.
const MAX_REPORTED_TOKENS: usize = 150;

/// Heads of a group subject that are not plural nouns ("Some said", "most of them say").
const QUANTIFIERS: &[&str] = &[
    "some",
    "many",
    "most",
    "others",
    "both",
    "all",
    "few",
    "half",
    "several",
    "majority",
    "minority",
    "plurality",
    "none",
    "each",
    "everyone",
    "everybody",
    "nobody",
    "someone",
];

/// Shares of a group that speak for it ("32 percent said", "one in five say").
const NUMBERS: &[&str] = &[
    "percent", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "side", "dozen", "third", "thirds", "quarter", "quarters",
];

/// Participles that follow a group's head ("the voters surveyed said").
const SURVEYED: &[&str] = &["surveyed", "polled", "questioned", "interviewed", "asked"];

/// Words ending in "s" that do not head a group of speakers.
const NOT_GROUPS: &[&str] = &[
    "news",
    "always",
    "perhaps",
    "sometimes",
    "whereas",
    "besides",
    "towards",
    "afterwards",
    "yes",
    "ours",
    "theirs",
    "hers",
    "reports",
    "results",
    "polls",
    "surveys",
    "studies",
    "documents",
    "data",
    "records",
    "figures",
    "numbers",
    "statistics",
    "filings",
    "papers",
    "emails",
    "letters",
    "minutes",
    "rules",
    "laws",
    "orders",
    "plans",
    "proposals",
    "comments",
    "remarks",
    "words",
    "statements",
    "tweets",
    "posts",
    "ads",
    "videos",
    "pictures",
    "photos",
    "images",
    "books",
    "articles",
    "stories",
    "notes",
    "things",
    "details",
    "terms",
    "reasons",
    "facts",
    "views",
];

/// Writings that report but do not speak ("the report said").
const DOCUMENTS: &[&str] = &[
    "report",
    "statement",
    "affidavit",
    "letter",
    "poll",
    "survey",
    "study",
    "document",
    "email",
    "memo",
    "filing",
    "lawsuit",
    "complaint",
    "video",
    "book",
    "article",
    "story",
    "analysis",
    "review",
    "release",
    "post",
    "tweet",
    "message",
    "note",
    "record",
    "order",
    "ruling",
    "decision",
    "indictment",
    "transcript",
    "column",
    "editorial",
    "headline",
    "website",
    "page",
    "research",
    "data",
    "plan",
    "proposal",
    "bill",
];

/// "poll", "Polls", "polling": a writing that reports ([`DOCUMENTS`]).
fn is_document(word: &str) -> bool {
    let w = lowercase(word);
    let singular = w.strip_suffix('s').unwrap_or(&w);
    DOCUMENTS.contains(&singular) || matches!(&*w, "polling" | "readout" | "estimates")
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that",
];

pub(crate) fn attribute(doc: &Document, ents: &mut Entities, options: &Options) -> Vec<Attributed> {
    let cues = find_cues(doc, options);
    let mut a = Attributor {
        doc,
        ents,
        speech_acts: options.speech_acts,
        cues,
        used_cues: vec![false; doc.tokens.len()],
        unnamed: FastMap::default(),
        out: Vec::new(),
    };
    a.direct_quotes();
    a.reported_speech();
    sort_by_position(&mut a.out);
    a.quote_paragraphs_after_reported_speech();
    a.name_the_lede_speaker();
    sort_by_position(&mut a.out);
    a.out
}

/// In text order, ties in the order found: sorted as (start, index) pairs, the crate's one
/// sort (`sort_pairs`).
fn sort_by_position(quotes: &mut Vec<Attributed>) {
    let mut order: Vec<(usize, usize)> = quotes.iter().map(|q| q.start).zip(0..).collect();
    sort_pairs(&mut order);
    let mut unsorted: Vec<Option<Attributed>> = quotes.drain(..).map(Some).collect();
    quotes.extend(order.iter().filter_map(|&(_, i)| unsorted[i].take()));
}

fn find_cues(doc: &Document, options: &Options) -> Vec<Cue> {
    let lex = lexicons();
    let mut cues = Vec::new();
    for t in 0..doc.tokens.len() {
        if !doc.is_word(t) || doc.tokens[t].quoted || doc.zone_of(t) != Zone::Body {
            continue;
        }
        // "the United States": capitalised inside a sentence, a verb's form is a name; after
        // an article it is a noun ("the claim", "his comments"). After a possessor it may
        // still report ("the minister's claim that …").
        if doc.is_capitalised(t) && t != doc.sentence_of(t).first_token {
            continue;
        }
        if t > 0 && doc.is_word(t - 1) && NOUN_MARKERS.contains(&doc.word(t - 1)) {
            continue;
        }
        // "deficits would add up to", "hard to predict how …": no speech.
        if doc.is(t + 1, "up")
            || t > 1
                && doc.is(t - 1, "to")
                && matches!(
                    doc.word(t - 2),
                    "difficult" | "hard" | "impossible" | "easy"
                )
        {
            continue;
        }
        // "is believed to have", "was said to be": a passive that names no one.
        if t > 0
            && doc.is(t + 1, "to")
            && matches!(
                doc.word(t - 1),
                "is" | "are" | "was" | "were" | "be" | "been"
            )
        {
            continue;
        }
        let lower = doc.lower(t);
        // Two-word cues: "according to", "called for", "as X put it", "talked about".
        let phrase = if lower == "according" && doc.is(t + 1, "to") {
            Some((ReportingVerb::default(), true))
        } else if matches!(lower, "call" | "calls" | "called" | "calling")
            && (doc.is(t + 1, "on") || doc.is(t + 1, "for"))
        {
            let verb = ReportingVerb {
                addressee: true,
                noun_content: true,
                ..ReportingVerb::default()
            };
            Some((verb, false))
        } else if matches!(lower, "put" | "puts") && doc.is(t + 1, "it") {
            Some((ReportingVerb::default(), false))
        } else if options.speech_acts
            && matches!(
                lower,
                "talk" | "talks" | "talked" | "talking" | "speak" | "speaks" | "spoke" | "speaking"
            )
            && doc.is(t + 1, "about")
        {
            // What a speech was about.
            let verb = ReportingVerb {
                noun_content: true,
                ..ReportingVerb::default()
            };
            Some((verb, false))
        } else {
            None
        };
        if let Some((verb, according_to)) = phrase {
            cues.push(Cue {
                first: t,
                end: t + 2,
                verb,
                according_to,
            });
        } else if let Some(&verb) = lex.reporting_verbs.get(lower) {
            // "the agency cited Jane Smith as saying": the quoted person speaks, not the agency.
            let cites = || {
                (t + 2..(t + 8).min(doc.tokens.len())).any(|j| {
                    doc.is(j - 1, "as")
                        && doc.word(j).ends_with("ing")
                        && lex.reporting_verbs.contains_key(doc.word(j))
                })
            };
            if verb.speech_act_only && (!options.speech_acts || cites()) {
                continue;
            }
            cues.push(Cue {
                first: t,
                end: t + 1,
                verb,
                according_to: false,
            });
        }
    }
    cues
}

struct Attributor<'d, 'a> {
    doc: &'d Document<'a>,
    ents: &'d mut Entities,
    /// [`Options::speech_acts`]
    speech_acts: bool,
    cues: Vec<Cue>,
    /// Tokens of cues already used by a direct quote.
    used_cues: Vec<bool>,
    /// Unnamed speakers by description ("Treasury spokesperson").
    unnamed: FastMap<String, EntityId>,
    out: Vec<Attributed>,
}

impl Attributor<'_, '_> {
    fn cue_at(&self, t: usize) -> Option<Cue> {
        let i = self.cues.partition_point(|c| c.first < t);
        self.cues.get(i).copied().filter(|c| c.first == t)
    }

    fn cues_in(&self, from: usize, to: usize) -> impl DoubleEndedIterator<Item = Cue> + '_ {
        let i = self.cues.partition_point(|c| c.first < from);
        let j = self.cues.partition_point(|c| c.first < to).max(i);
        self.cues[i..j].iter().copied()
    }

    // ---- direct quotes ---------------------------------------------------------------

    fn direct_quotes(&mut self) {
        let doc = self.doc;
        // Per quote: its speaker, the cue that named it, whether the frame was explicit.
        let mut found: Vec<Option<(Speaker, Option<Cue>, bool)>> = vec![None; doc.quotes.len()];
        // Per quote: where the clause it ends begins, when the words before it are the speaker's.
        let mut lead: Vec<Option<usize>> = vec![None; doc.quotes.len()];
        // Per quote: where the clause it opens ends, when words after it finish that clause.
        let mut tail: Vec<Option<usize>> = vec![None; doc.quotes.len()];
        for (qi, q) in doc.quotes.iter().enumerate() {
            if doc.zones[q.para] != Zone::Body {
                continue;
            }
            let open_tok = doc.token_at(q.open);
            let close_tok = if q.closed {
                doc.token_at(q.end)
            } else {
                doc.token_at(q.end).saturating_sub(1)
            };
            let sentence = doc.sentence_of(open_tok);
            // The frame before: back to the sentence start or the previous quote's close.
            let mut pre_first = sentence.first_token;
            if qi > 0 && doc.quotes[qi - 1].para == q.para && doc.quotes[qi - 1].closed {
                pre_first = pre_first.max(doc.token_at(doc.quotes[qi - 1].close_end));
            }
            let end_sentence_index = doc.tokens[close_tok.min(doc.tokens.len() - 1)].sentence;
            let end_sentence = &doc.sentences[end_sentence_index];
            let mut post_end = end_sentence.end_token;
            if let Some(next) = doc.quotes.get(qi + 1).filter(|n| n.para == q.para) {
                post_end = post_end.min(doc.token_at(next.open));
            }
            let mut post_first = if q.closed { close_tok + 1 } else { post_end };
            // `“Is it over?” Jane Smith asked.`: the stop inside the quote ended the sentence.
            if q.closed
                && post_first >= post_end
                && doc.text[q.start..q.end].trim_end().ends_with(['?', '!'])
            {
                if let Some(next) = doc
                    .sentences
                    .get(end_sentence_index + 1)
                    .filter(|n| n.para == q.para)
                {
                    post_first = next.first_token;
                    post_end = next.end_token.min(next.first_token + 20);
                }
            }
            let after = self.frame_after(post_first, post_end);
            // `“Few would call it a win” if turnout fell, said Jane Smith.`: the words between
            // the quote and an inverted tag finish the clause, one mixed quote.
            if let Some((speaker, cue)) = after {
                let comma = cue.first.saturating_sub(1);
                let between = (post_first..comma).filter(|&j| doc.is_word(j)).count();
                if q.closed
                    && speaker.first >= cue.end
                    && doc.is(comma, ",")
                    && between >= 3
                    && (post_first..comma).all(|j| doc.tokens[j].kind != TokenKind::QuoteMark)
                {
                    tail[qi] = Some(comma);
                }
            }
            // `The plan is “a disaster”, she said.`: words of the sentence before the quote
            // make the whole clause one mixed quote.
            if after.is_some() && self.lead_words(pre_first, open_tok) >= 2 {
                lead[qi] = Some(pre_first);
            }
            let framed = after
                .or_else(|| self.frame_before(pre_first, open_tok))
                .or_else(|| {
                    if pre_first == open_tok {
                        self.colon_lead_in(q.para)
                    } else {
                        None
                    }
                });
            // `The council had, she said, “lost its way”.`: a tag set inside a clause makes the
            // clause and the quote one mixed quote.
            if let (None, Some((speaker, cue))) = (after, framed) {
                let start = sentence.first_token.max(pre_first);
                // Not "Years ago, he backed X and said, “…”": the tag is just the speaker and verb.
                let inside = speaker.first < cue.first
                    && cue.first <= speaker.end + 2
                    && speaker.first > start + 2
                    && doc.is(speaker.first - 1, ",")
                    && doc.is(cue.end, ",")
                    && cue.end + 1 == open_tok
                    && self.lead_words(start, speaker.first - 1) >= 2;
                if inside {
                    lead[qi] = Some(start);
                }
            }
            // `she said “few” parents would notice`: a word or two quoted inside the clause a
            // verb reports is a fragment of that clause, reported below as one mixed quote.
            // Not so in a clause reported itself ("she said the union had said “never” to
            // it"): there the union's words stay its own.
            let fragment = after.is_none()
                && framed.is_some_and(|(_, cue)| {
                    cue.end == open_tok
                        && self
                            .cues_in(sentence.first_token, cue.first)
                            .next()
                            .is_none()
                })
                && self.is_fragment(qi);
            if fragment {
                continue;
            }
            if let Some((speaker, cue)) = framed {
                // A cue farther back ("maintained that …, stating:") may still report a clause.
                if cue.end + 3 >= open_tok || cue.first > open_tok {
                    self.used_cues[cue.first] = true;
                }
                found[qi] = Some((speaker, Some(cue), true));
            } else if pre_first == open_tok {
                let inherited = match q.continues {
                    Some(prev) => found[prev].map(|f| f.0),
                    None => self
                        .floating(qi, &found)
                        .or_else(|| self.previous_sentence_speaker(open_tok)),
                };
                found[qi] = inherited.map(|s| (s, None, false));
            }
        }
        // A speech over several paragraphs may be attributed only in its last one.
        for qi in (0..doc.quotes.len()).rev() {
            if let (Some(prev), Some((speaker, _, _))) = (doc.quotes[qi].continues, found[qi]) {
                if found[prev].is_none() {
                    found[prev] = Some((speaker, None, false));
                }
            }
        }
        for (((q, f), lead), tail) in doc.quotes.iter().zip(&found).zip(lead).zip(tail) {
            let Some((speaker, cue, explicit)) = *f else {
                continue;
            };
            let content = &doc.text[q.start..q.end];
            let words = word_count(content);
            if words == 0
                || (!explicit || !q.double) && words < 3 && lead.is_none()
                || is_title(content)
            {
                continue;
            }
            let (start, end) = match (lead, tail) {
                (Some(first), None) => (doc.tokens[first].start, q.close_end),
                (first, Some(comma)) => (
                    first.map_or(q.open, |f| doc.tokens[f].start),
                    doc.tokens[comma - 1].end,
                ),
                (None, None) => trim(doc.text, q.start, q.end),
            };
            self.out.push(Attributed {
                start,
                end,
                kind: if lead.is_some() || tail.is_some() {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Direct
                },
                speaker: speaker.entity,
                source: explicit.then(|| self.source_phrase(speaker, cue)),
                cue: cue.map(|c| (c.first, c.end)),
            });
        }
    }

    /// `“…,” she said` / `“…,” said the minister`: a cue within a few words after the quote.
    fn frame_after(&mut self, first: usize, end: usize) -> Option<(Speaker, Cue)> {
        let limit = end.min(first + 20);
        let cue = self.cues_in(first, limit).next()?;
        // "“…” for the sector but urged …": a new predicate of the sentence, not a tag; nor is
        // "…, claiming he had …" or "…, adding that …", which report clauses of their own.
        let doc = self.doc;
        if cue.first > first && matches!(doc.word(cue.first - 1), "and" | "but") {
            return None;
        }
        let next = skip_after_verb(doc, cue.end, end);
        if doc.is(next, "that") || doc.word(cue.first).ends_with("ing") && opens_clause(doc, next) {
            return None;
        }
        // "“…” with Tehran, the minister said Iran is ready": the verb reports a clause of
        // its own (a finite verb before any punctuation), so it is no tag of the quote.
        let own_clause = cue.verb.bare_clause
            // "…,” she said at a rally before the polls closed": an adjunct, not a clause.
            // "said if elected she would …" is a clause of its own.
            && !(doc.is_word(next)
                && (PREPOSITIONS.contains(&doc.word(next))
                    || SUBORDINATORS.contains(&doc.lower(next)) && !doc.is_lower(next, "if")))
            // Not a verb of a relative clause ("told a voter who seemed …") nor an adjective
            // ("said one unaligned party strategist").
            && (next..end.min(next + 6))
                .take_while(|&j| doc.is_word(j) && !matches!(doc.word(j), "who" | "which" | "that"))
                .any(|j| {
                    j > next
                        && is_finite(doc, j)
                        && !(doc.word(j).ends_with("ed")
                            && (doc.is_capitalised(j + 1)
                                || doc.is(j + 1, "by")
                                || doc.is_word(j + 1) && role_of(doc.word(j + 1)).is_some()))
                });
        if own_clause {
            return None;
        }
        let s = self
            .subject_before(cue.first, first)
            .or_else(|| self.subject_after(cue.end, end))?;
        Some((s, cue))
    }

    /// A quote of a few words that its sentence goes on after: part of a clause.
    fn is_fragment(&self, qi: usize) -> bool {
        let doc = self.doc;
        let q = &doc.quotes[qi];
        if !q.closed || word_count(&doc.text[q.start..q.end]) > 4 {
            return false;
        }
        let close = doc.token_at(q.close_end);
        let Some(sentence) = doc.tokens.get(close).map(|t| &doc.sentences[t.sentence]) else {
            return false;
        };
        close < sentence.end_token
            && doc.tokens[close].sentence == doc.tokens[doc.token_at(q.open)].sentence
            && (close..sentence.end_token)
                .filter(|&j| doc.is_word(j))
                .count()
                >= 2
            && !doc.is(close, ",")
    }

    /// Words in `[first, open)` that lead into a quote as part of its clause: none when the
    /// stretch ends in a lead-in (a colon, comma or cue) or holds a cue of its own.
    fn lead_words(&self, first: usize, open: usize) -> usize {
        let doc = self.doc;
        if open <= first
            || matches!(doc.word(open - 1), ":" | "," | "—" | "(")
            || self.cues_in(first, open).next().is_some()
        {
            return 0;
        }
        (first..open).filter(|&j| doc.is_word(j)).count()
    }

    /// `She said: “…”` / `Addressing members, she said, “…”`: a cue before the quote, the frame
    /// ending in a colon or comma (or the verb itself).
    fn frame_before(&mut self, first: usize, open: usize) -> Option<(Speaker, Cue)> {
        let doc = self.doc;
        if open <= first {
            return None;
        }
        let last = open - 1;
        let lead_in = matches!(doc.word(last), ":" | ",") || self.cue_at(last).is_some();
        if !lead_in {
            return None;
        }
        self.last_cue_with_speaker(first, open).or_else(|| {
            // "Jane Smith fired back: “…”": a clause led by its subject, then a colon,
            // introduces speech whatever its verb; so does a comma after two or three words
            // ("Jane Smith shot back, “…”").
            let colon = doc.is(last, ":") && last <= first + 20;
            let comma = doc.is(last, ",") && last <= first + 6;
            if !colon && !comma {
                return None;
            }
            let sentence_start = doc.sentence_of(last).first_token;
            let speaker = (sentence_start.max(first)..(sentence_start.max(first) + 6).min(last))
                .find_map(|j| self.named_or_pronoun_at(j))?;
            // "She went on: “…”" is all auxiliaries.
            let verb = (speaker.end..last)
                .find(|&j| {
                    doc.is_word(j) && !AUXILIARIES.contains(&doc.word(j)) && !is_adverb(doc.word(j))
                })
                .or((speaker.end < last && doc.is_word(speaker.end)).then_some(speaker.end))?;
            if comma
                && ((speaker.end..last).any(|j| !doc.is_word(j) || is_function_word(doc.word(j)))
                    || last > speaker.end + 3)
            {
                return None;
            }
            let cue = Cue {
                first: verb,
                end: last,
                verb: ReportingVerb::default(),
                according_to: false,
            };
            Some((speaker, cue))
        })
    }

    /// A paragraph ending in `said:` introduces a quote paragraph.
    fn colon_lead_in(&mut self, para: usize) -> Option<(Speaker, Cue)> {
        let doc = self.doc;
        // "From Senator Jane Smith, D-Ohio:" over a statement: a short line naming its author
        // (laid out like a heading, so looked at before the body paragraphs).
        if let Some(found) = para.checked_sub(1).and_then(|p| self.statement_author(p)) {
            return Some(found);
        }
        let prev = (para.saturating_sub(6)..para)
            .rev()
            .find(|&p| doc.zones[p] == Zone::Body)?;
        let last_tok = doc.token_at(doc.paras[prev].end).checked_sub(1)?;
        if !doc.is(last_tok, ":") {
            return None;
        }
        let sentence = doc.sentence_of(last_tok);
        self.last_cue_with_speaker(sentence.first_token, last_tok)
    }

    /// The author a line such as "From Senator Jane Smith, D-Ohio:" gives the paragraph after.
    fn statement_author(&mut self, p: usize) -> Option<(Speaker, Cue)> {
        let doc = self.doc;
        let first = doc.token_at(doc.paras[p].start);
        let colon = doc.token_at(doc.paras[p].end).checked_sub(1)?;
        if !doc.is(colon, ":") || !doc.is(first, "From") || colon > first + 14 {
            return None;
        }
        // "From Example Party Chairman Jane Smith:" is Jane Smith's, not the party's.
        let mentions: Vec<Mention> = (first + 1..colon)
            .filter_map(|j| self.ents.mention_starting_at(j).copied())
            .collect();
        let m = *mentions
            .iter()
            .find(|m| !self.ents.is_org(m.entity))
            .or(mentions.first())?;
        let speaker = Speaker {
            entity: m.entity,
            first: m.first,
            end: m.end,
        };
        let cue = Cue {
            first,
            end: first + 1,
            verb: ReportingVerb::default(),
            according_to: false,
        };
        Some((speaker, cue))
    }

    fn last_cue_with_speaker(&mut self, first: usize, end: usize) -> Option<(Speaker, Cue)> {
        let cues: Vec<Cue> = self.cues_in(first, end).rev().collect();
        cues.into_iter().find_map(|c| {
            let s = self
                .subject_before(c.first, first)
                .or_else(|| self.subject_after(c.end, end))?;
            Some((s, c))
        })
    }

    /// A quote standing alone continues the speaker of the quote just before it, within the
    /// same or the previous paragraph.
    fn floating(
        &self,
        qi: usize,
        found: &[Option<(Speaker, Option<Cue>, bool)>],
    ) -> Option<Speaker> {
        let doc = self.doc;
        let q = &doc.quotes[qi];
        let prev = qi.checked_sub(1)?;
        let body_paras_between = (doc.quotes[prev].para..q.para)
            .filter(|&p| doc.zones[p] == Zone::Body)
            .count();
        (body_paras_between <= 1)
            .then_some(found[prev])
            .flatten()
            .map(|f| f.0)
    }

    /// `She argued the plan had failed. “Half the schools …”`: a quote opening a sentence
    /// takes the speaker of the sentence before it in the same paragraph.
    fn previous_sentence_speaker(&mut self, open_tok: usize) -> Option<Speaker> {
        let doc = self.doc;
        let index = doc.tokens[open_tok].sentence.checked_sub(1)?;
        let prev = doc.sentences[index];
        if prev.para != doc.para_of(open_tok) {
            return None;
        }
        self.last_cue_with_speaker(prev.first_token, prev.end_token)
            .map(|(s, _)| s)
    }

    /// `X said that it was “a disgrace”.` then a paragraph that is one quote: the speech
    /// goes on in the speaker's own words.
    fn quote_paragraphs_after_reported_speech(&mut self) {
        let doc = self.doc;
        let mut added = Vec::new();
        for q in &doc.quotes {
            let para = doc.paras[q.para];
            let whole_paragraph = q.open == para.start && q.close_end == para.end;
            if !q.double
                || !whole_paragraph
                || doc.zones[q.para] != Zone::Body
                || word_count(&doc.text[q.start..q.end]) < 3
            {
                continue;
            }
            let i = self.out.partition_point(|a| a.start < q.open);
            if self.out.get(i).is_some_and(|a| a.start < q.end) {
                continue; // already attributed
            }
            let Some(prev) = i.checked_sub(1).map(|i| &self.out[i]) else {
                continue;
            };
            let prev_para = doc.para_of(doc.token_at(prev.start));
            // Only headings and the like may stand between (a bounded look).
            let adjacent = q.para <= prev_para + 4
                && (prev_para + 1..q.para).all(|p| doc.zones[p] != Zone::Body);
            if prev.kind == QuoteKind::Direct || prev.end > q.open || !adjacent {
                continue; // direct quotes continue by their own rules
            }
            let (start, end) = trim(doc.text, q.start, q.end);
            added.push(Attributed {
                start,
                end,
                kind: QuoteKind::Direct,
                speaker: prev.speaker,
                source: None,
                cue: None,
            });
        }
        self.out.extend(added);
    }

    // ---- reported speech -------------------------------------------------------------

    fn reported_speech(&mut self) {
        let doc = self.doc;
        let mut taken_until = 0;
        for ci in 0..self.cues.len() {
            let cue = self.cues[ci];
            if self.used_cues[cue.first] || doc.tokens[cue.first].start < taken_until {
                continue;
            }
            if let Some(q) = self.reported_at(cue) {
                taken_until = q.end;
                self.out.push(q);
            }
        }
        // A fragment quoted inside a reported clause is part of that mixed quote, unless
        // someone else said it ("she said the union had said “never”").
        let mut mixed: Vec<(usize, usize)> = (self.out.iter().enumerate())
            .filter(|(_, q)| q.kind == QuoteKind::Mixed)
            .map(|(i, q)| (q.start, i))
            .collect();
        sort_pairs(&mut mixed);
        let inside: Vec<bool> = (self.out.iter())
            .map(|q| {
                let i = mixed.partition_point(|m| m.0 <= q.start);
                i > 0 && {
                    let m = &self.out[mixed[i - 1].1];
                    q.kind == QuoteKind::Direct
                        && m.start < q.start
                        && q.end <= m.end
                        && m.speaker == q.speaker
                }
            })
            .collect();
        let mut keep = inside.iter().map(|&inside| !inside);
        self.out.retain(|_| keep.next().unwrap_or(true));
        // A reported clause that is no more than a direct quote it holds is a duplicate.
        let mut directs: Vec<(usize, usize)> = self
            .out
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| (q.start, q.end))
            .collect();
        sort_pairs(&mut directs);
        self.out.retain(|q| {
            let i = directs.partition_point(|d| d.0 < q.start);
            let duplicate = directs
                .get(i)
                .is_some_and(|&(s, e)| e <= q.end && e - s + 3 >= q.end - q.start);
            q.kind == QuoteKind::Direct || !duplicate
        });
    }

    fn reported_at(&mut self, cue: Cue) -> Option<Attributed> {
        let doc = self.doc;
        let sentence = *doc.sentence_of(cue.first);
        let s_end = content_end(doc, sentence.first_token, sentence.end_token);
        if cue.according_to {
            let speaker = self.subject_after(cue.end, s_end)?;
            let (from, to) = if cue.first == sentence.first_token {
                // "According to X, CLAUSE." / "According to X, a lecturer, CLAUSE."
                let (_, named_to) = self.source_phrase(speaker, Some(cue));
                let comma = (named_to..s_end).find(|&k| doc.is(k, ","))?;
                (comma + 1, s_end)
            } else {
                // "CLAUSE, according to X." / "CLAUSE, according to X, CLAUSE."
                if !doc.is(cue.first - 1, ",") {
                    return None;
                }
                let resumes = doc.is(speaker.end, ",")
                    && !self.opens_apposition(speaker.end + 1)
                    && speaker.end + 2 < s_end;
                (
                    sentence.first_token,
                    if resumes { s_end } else { cue.first - 1 },
                )
            };
            return self.reported(from, to, speaker, cue, false);
        }
        // "CLAUSE, X said." / "CLAUSE, said X." / "CLAUSE, X said, CLAUSE."
        let mut after = skip_after_verb(doc, cue.end, s_end);
        // "…, the minister told a select committee on Wednesday.": an addressee closing the tag.
        // "called for an inquiry" names what was said, in speech-act mode.
        let noun_content = self.speech_acts && cue.verb.noun_content;
        if cue.verb.addressee && after < s_end && !noun_content {
            let tail = (after..s_end.min(after + 8))
                .find(|&j| {
                    // A clause or a question follows the addressee.
                    !doc.is_word(j)
                        || is_finite(doc, j)
                        || QUESTION_WORDS.contains(&doc.word(j))
                        || matches!(doc.word(j), "that" | "to" | "for")
                })
                .unwrap_or(s_end.min(after + 8));
            if (tail == s_end || doc.is(tail, ",")) && tail > after {
                after = tail;
            }
        }
        // "CLAUSE, X said during a visit to Ohio.": a closing adjunct is no content.
        let adjunct = after < s_end
            && s_end <= after + 12
            && doc.is_word(after)
            && (PREPOSITIONS.contains(&doc.word(after)) && !doc.is(after, "to")
                || doc.is(after, "as"))
            && !doc.is(cue.first.saturating_sub(1), ",")
            && (after..s_end).all(|j| {
                !doc.is(j, "that")
                    && !is_finite(doc, j)
                    && doc.tokens[j].kind != TokenKind::QuoteMark
            });
        if adjunct {
            after = s_end;
        }
        let parenthetical = doc.is(after, ",")
            && !doc
                .tokens
                .get(after + 1)
                .is_some_and(|t| t.kind == TokenKind::QuoteMark);
        // "said, however, that …", "said — on Twitter, as it happens — that …"
        if after < s_end && matches!(doc.word(after), "," | "—" | "–" | "--") {
            let that = (after + 1..s_end.min(after + 14))
                .find(|&j| doc.is(j, "that") && matches!(doc.word(j - 1), "," | "—" | "–" | "--"));
            if let Some(that) = that {
                if let Some(speaker) = self.subject_before(cue.first, sentence.first_token) {
                    return self.reported(that + 1, s_end, speaker, cue, false);
                }
            }
        }
        // "As the Example Gazette reported, CLAUSE."
        if doc.is(after, ",") && doc.is_lower(sentence.first_token, "as") {
            if let Some(speaker) = self.subject_before(cue.first, sentence.first_token + 1) {
                return self.reported(after + 1, s_end, speaker, cue, false);
            }
        }
        // "CLAUSE, said Jane Smith, a lecturer at …": the speaker, perhaps with an apposition,
        // follows the verb.
        let comma = cue.first.wrapping_sub(1);
        if after < s_end
            && !parenthetical
            && comma > sentence.first_token + 2
            && doc.is(comma, ",")
            && doc.tokens[comma - 1].kind != TokenKind::QuoteMark
            && (sentence.first_token..comma).any(|j| is_finite(doc, j) || is_verb(doc, j))
        {
            if let Some(speaker) = self.subject_after(cue.end, s_end) {
                if speaker.end >= s_end || doc.is(speaker.end, ",") {
                    return self.reported(sentence.first_token, comma, speaker, cue, false);
                }
            }
        }
        // "…, he said; his agents …": the tag closes the clause before it.
        if after >= s_end || parenthetical || doc.is(after, ";") {
            let subject = self.subject_before(cue.first, sentence.first_token);
            let (speaker, mut before) = match subject {
                Some(s) => (s, s.first),
                None => (self.subject_after(cue.end, sentence.end_token)?, cue.first),
            };
            // "…, the Example Gazette reported": the name's article stands outside its mention.
            if before > sentence.first_token + 1 && DETERMINERS.contains(&doc.lower(before - 1)) {
                before -= 1;
            }
            if before == sentence.first_token || !doc.is(before - 1, ",") {
                return None;
            }
            let comma = before - 1;
            if comma > 0 && doc.tokens[comma - 1].kind == TokenKind::QuoteMark {
                return None; // a direct quote's trailing frame
            }
            // The content runs on after a parenthetical tag; one span covers both parts,
            // unless what came before is a short time or place ("Six months ago, she said, …").
            if parenthetical {
                let lead = (sentence.first_token..comma)
                    .filter(|&j| doc.is_word(j))
                    .count();
                // A setting opens with a function word or names a time ("In May", "Six
                // months ago"); "Many of the closures, he said, have …" is the content's subject.
                let timed = (sentence.first_token..comma).any(|j| {
                    dates_the_sentence(doc.word(j)) || matches!(doc.lower(j), "ago" | "now")
                });
                let setting = lead <= 4
                    && (is_function_word(doc.word(sentence.first_token)) || timed)
                    && (sentence.first_token..comma).all(|j| !is_finite(doc, j))
                    && !(sentence.first_token..comma).any(|j| doc.tokens[j].quoted);
                let from = if setting {
                    after + 1
                } else {
                    sentence.first_token
                };
                return self.reported(from, s_end, speaker, cue, false);
            }
            return self.reported(sentence.first_token, comma, speaker, cue, false);
        }
        // "X said (that) CLAUSE."
        let speaker = self.subject_before(cue.first, sentence.first_token)?;
        let mut k = after;
        let quote_at = doc
            .tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::QuoteMark);
        if doc.is(k, ":") || quote_at && !doc.is(k.saturating_sub(1), "that") {
            let opens = doc.quotes.partition_point(|q| q.open < doc.tokens[k].start);
            if !quote_at
                || doc
                    .quotes
                    .get(opens)
                    .is_none_or(|q| q.open != doc.tokens[k].start)
                || !self.is_fragment(opens)
            {
                return None;
            }
            return self.reported(k, s_end, speaker, cue, false);
        }
        if doc.is(k, "that") {
            return self.reported(k + 1, s_end, speaker, cue, false);
        }
        // "said in an interview with a local radio station that …"
        if doc.is_word(k) && PREPOSITIONS.contains(&doc.word(k)) {
            let that = (k + 1..s_end.min(k + 9))
                .take_while(|&j| doc.is_word(j))
                .find(|&j| doc.is(j, "that"));
            if let Some(that) = that {
                return self.reported(that + 1, s_end, speaker, cue, false);
            }
            // "said on a radio show, …" goes on after the phrase; "said on Radio Example's “Breakfast”"
            // ends with it.
            if let Some(comma) = (k + 1..s_end.min(k + 12))
                .take_while(|&j| {
                    doc.is_word(j) || doc.is(j, ",") || doc.tokens[j].kind == TokenKind::QuoteMark
                })
                .find(|&j| doc.is(j, ","))
            {
                k = comma + 1;
                // "said on Radio Example's “Breakfast,” that …"
                if doc
                    .tokens
                    .get(k)
                    .is_some_and(|t| t.kind == TokenKind::QuoteMark)
                {
                    k += 1;
                }
                if doc.is(k, "that") {
                    k += 1;
                }
            }
        }
        // "asked the minister whether …", "asked Jane Smith about the plan": a question.
        if doc.lower(cue.first).starts_with("ask") {
            let wh = (k..s_end.min(k + 8))
                .take_while(|&j| doc.is_word(j))
                .find(|&j| QUESTION_WORDS.contains(&doc.word(j)));
            if let Some(wh) = wh {
                let from = if doc.is(wh, "about") { wh + 1 } else { wh };
                return self.reported(from, s_end, speaker, cue, false);
            }
        }
        if cue.verb.addressee {
            // "urged ministers to …", "told reporters that …"
            let mut j = k;
            while j < s_end && j < k + 4 && doc.is_word(j) && !doc.is(j, "that") && !doc.is(j, "to")
            {
                j += 1;
            }
            // "told local radio presenter Jane Smith on Wednesday that …"
            let that = (k..s_end.min(k + 14))
                .take_while(|&j| doc.is_word(j) && !is_finite(doc, j))
                .find(|&j| doc.is(j, "that"));
            if let Some(that) = that.filter(|_| !doc.is(j, "to")) {
                return self.reported(that + 1, s_end, speaker, cue, false);
            }
            if doc.is(j, "to") && j > k {
                // "called on Congress to pass the bill": a request is speech; "told him to
                // go" needs a quoted word to be one.
                // "will ask the court to …" has not been said yet.
                let planned = cue.first > 0
                    && matches!(
                        doc.word(cue.first - 1),
                        "will" | "would" | "to" | "may" | "might"
                    );
                let request = !planned
                    && (doc.is(cue.first + 1, "on")
                        || matches!(
                            doc.lower(cue.first),
                            "urge"
                                | "urges"
                                | "urged"
                                | "urging"
                                | "ask"
                                | "asks"
                                | "asked"
                                | "asking"
                        ));
                if let Some(q) = self.reported(k, s_end, speaker, cue, !request) {
                    return Some(q);
                }
            }
        }
        // "told reporters the plan had failed": past the addressee to the clause.
        let k = if cue.verb.addressee {
            skip_addressee(doc, k, s_end)
        } else {
            k
        };
        if cue.verb.bare_clause {
            // A clause opens with its subject (a pronoun, a determiner's noun phrase) and
            // holds a finite verb.
            // Not past "and": "claimed self-defence and was acquitted" is two predicates.
            let finite = opens_clause(doc, k)
                || (k..s_end.min(k + 16))
                    .take_while(|&j| !matches!(doc.word(j), "and" | "but"))
                    .any(|j| j > k && (is_finite(doc, j) || is_verb(doc, j)));
            return self.reported(k, s_end, speaker, cue, !finite);
        }
        // "announced a review of fares", "vowed to resign", "called for a ban": a noun phrase
        // or an infinitive, not an adjunct ("announced on Monday").
        let opens_content = doc.is_word(k)
            && !doc.tokens[k].quoted
            && (doc.is(k, "to")
                || !is_function_word(doc.word(k))
                    && !is_adverb(doc.word(k))
                    && !PREPOSITIONS.contains(&doc.word(k))
                || DETERMINERS.contains(&doc.lower(k)));
        if noun_content && opens_content {
            return self.reported(k, s_end, speaker, cue, false);
        }
        self.reported(k, s_end, speaker, cue, true)
    }

    /// Builds a reported quote over tokens `[from, to)`, cut at a following participle cue
    /// ("…, stating:"); with `needs_fragment`, only when it holds a quoted fragment.
    fn reported(
        &self,
        from: usize,
        mut to: usize,
        speaker: Speaker,
        cue: Cue,
        needs_fragment: bool,
    ) -> Option<Attributed> {
        let doc = self.doc;
        to = to.min(from + MAX_REPORTED_TOKENS);
        if from >= to {
            return None;
        }
        // The clause ends where the speaker's next act begins: "…, adding that …", "…, but
        // insisted …", "… and said …" (a quote mark closing before the comma stays in).
        let next_act = |k: usize| {
            let verb = doc.is_word(k) && !doc.tokens[k].quoted;
            let participle = verb && doc.word(k).ends_with("ing") && self.cue_at(k).is_some();
            let after_comma = doc.is(k - 1, ",")
                || doc.tokens[k - 1].kind == TokenKind::QuoteMark
                    && doc.is(k.saturating_sub(2), ",");
            // "…, the minister said Iran is …": after a comma, a new subject and its verb.
            let new_subject = doc.is(k - 1, ",")
                && self.ents.mention_starting_at(k).is_some_and(|m| {
                    // Not a parenthetical tag: "…, Jane Smith argues, there are …".
                    self.cue_at(m.end).is_some_and(|c| !c.according_to)
                        && doc.is_word(m.end + 1)
                        && (m.end + 1..(m.end + 5).min(to)).any(|j| is_finite(doc, j))
                });
            if new_subject {
                return true;
            }
            // "…, and one in four said …": a new subject and its own verb.
            let new_speaker = matches!(doc.word(k - 1), "and" | "but")
                && (k + 1..(k + 5).min(to))
                    .take_while(|&j| doc.is_word(j))
                    .any(|j| {
                        self.cue_at(j).is_some_and(|c| !c.according_to)
                            && !FINITE.contains(&doc.word(j - 1))
                    });
            let coordinated = matches!(doc.word(k - 1), "and" | "but")
                && (self.cue_at(k).is_some()
                    || new_speaker
                    || doc.word(k - 1) == "but"
                        && doc.is(k - 2, ",")
                        && doc.word(k).ends_with("ed")
                        && doc.word(k).starts_with(char::is_lowercase));
            verb && (participle && after_comma || coordinated)
        };
        if let Some(k) = (from + 3..to).find(|&k| next_act(k)) {
            to = if matches!(doc.word(k - 1), "and" | "but") {
                k - 1
            } else {
                k
            };
        }
        // What the writer adds after the reported words: "…; 62 percent …", "… — no
        // different …", "…, which …", "…, despite …".
        // So does a new clause with its own subject (", but there is …", ", and he …"), and
        // the main clause after a subordinate one ("While X said …, his aides …").
        let sentence = doc.sentence_of(from);
        let subordinate =
            from > sentence.first_token && SUBORDINATORS.contains(&doc.lower(sentence.first_token));
        let relative = (cue.first.saturating_sub(3)..cue.first).any(|j| doc.is_lower(j, "who"));
        if let Some(c) = (from + 3..to).find(|&c| {
            // "… 714 delegates — a group of party leaders — supported …": an aside, not an end,
            // unless it has its own frame ("… - “Not yet,” she said - and …"). A lone hyphen
            // ends nothing.
            let close = if doc.is_dash(c) {
                (c + 1..to).find(|&j| doc.is_dash(j))
            } else {
                None
            };
            let framed_aside = close.is_some_and(|e| self.cues_in(c + 1, e).next().is_some());
            // The closing dash of a pair opened in the clause is no end either.
            let lone_dash = close.is_none()
                && matches!(doc.word(c), "—" | "--" | "–")
                && !(from..c).any(|j| doc.word(j) == doc.word(c));
            // "…, Jane Smith, a veteran, was ready": an apposition closed inside the clause.
            let apposition = (doc.is(c + 1, "a") || doc.is(c + 1, "an"))
                && c > from
                && doc.is_capitalised(c - 1)
                && (c + 2..to.min(c + 12))
                    .find(|&j| doc.is(j, ","))
                    .is_some_and(|j| is_finite(doc, j + 1));
            // "X, who says the plan failed, tweeted that …": the main clause resumes.
            let main_clause_resumes = relative
                && doc.is(c, ",")
                && (is_finite(doc, c + 1)
                    || doc.is_word(c + 1) && IRREGULAR_PAST.contains(&doc.word(c + 1))
                    || self.cue_at(c + 1).is_some());
            !doc.tokens[c].quoted
                && (doc.is(c, ";")
                    || lone_dash
                    || framed_aside
                    || main_clause_resumes
                    || matches!(doc.word(c), "compared")
                    || doc.is(c, ",")
                        && c + 1 < to
                        && (subordinate
                            || CLAUSE_BREAKS.contains(&doc.word(c + 1)) && !apposition
                            || matches!(doc.word(c + 1), "and" | "but")
                                && (opens_clause(doc, c + 2)
                                    && (!doc.is(c + 2, "the") || doc.is_capitalised(c + 3))
                                    || self.ents.mention_starting_at(c + 2).is_some())))
                // `… are “non-entities,” but he gave …`: the comma inside a closing quote mark.
                || doc.tokens[c].kind == TokenKind::QuoteMark
                    && doc.is(c - 1, ",")
                    && doc.is(c + 1, "but")
                    && opens_clause(doc, c + 2)
        }) {
            to = if doc.tokens[c].kind == TokenKind::QuoteMark {
                c + 1
            } else {
                c
            };
        }
        // "…, the agency reported.": a clause that ends in another source's tag stops before it.
        if let Some(tag) = (from + 3..to).find(|&c| {
            doc.is(c, ",")
                && self.cues_in(c + 1, (c + 10).min(to)).any(|t| {
                    (c + 1..t.first).any(|j| doc.is_word(j)) && to.saturating_sub(t.end) <= 6
                })
        }) {
            to = tag;
        }
        while to > from && matches!(doc.word(to - 1), "," | ";" | ":" | "—" | "-" | "–") {
            to -= 1;
        }
        if to <= from || (from..to).filter(|&k| doc.is_word(k)).count() < 3 {
            return None;
        }
        let (start, end) = (doc.tokens[from].start, doc.tokens[to - 1].end);
        let first_quote = doc.quotes.partition_point(|q| q.open < start);
        let fragment = doc.quotes.get(first_quote).is_some_and(|q| q.start < end);
        if needs_fragment && !fragment {
            return None;
        }
        let kind = if fragment {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        };
        Some(Attributed {
            start,
            end,
            kind,
            speaker: speaker.entity,
            source: Some(self.source_phrase(speaker, Some(cue))),
            cue: Some((cue.first, cue.end)),
        })
    }

    /// Whether a phrase after a name's comma describes the name ("a lecturer", "who …",
    /// "its chair", "Example Party leader") rather than going on with the sentence.
    fn opens_apposition(&self, j: usize) -> bool {
        let doc = self.doc;
        doc.is_word(j)
            && (APPOSITION_OPENERS.contains(&doc.lower(j))
                || doc.is_capitalised(j)
                || is_possessive(doc.word(j))
                || role_of(doc.word(j)).is_some())
    }

    /// Whether a phrase after a name's comma describes the source it follows: an apposition
    /// ([`Self::opens_apposition`]), an age ("Jane Smith, 34,") or a bare descriptor
    /// ("Jane Smith, senior fellow at X,"), not a participle or a clause going on.
    fn describes(&self, j: usize) -> bool {
        let doc = self.doc;
        if !doc.is_word(j) {
            return false;
        }
        let w = doc.word(j);
        self.opens_apposition(j)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || is_descriptor(doc, j)
    }

    /// A descriptor word written before a name ("former", "Example Party", "press
    /// secretary"), walking back from the name.
    fn premodifies(&self, j: usize, next_accepted: bool) -> bool {
        let doc = self.doc;
        let w = doc.word(j);
        if !doc.is_word(j) || doc.tokens[j].quoted || dates_the_sentence(w) {
            return false;
        }
        doc.is_capitalised(j) && !is_function_word(w)
            || role_of(w).is_some()
            || is_rank(w)
            // "general counsel", "political scientist": an adjective before an accepted word.
            || next_accepted && is_descriptor(doc, j)
    }

    /// The whole phrase naming the source, appositions included: "Jane Smith, head of the
    /// Example Union, said" and "said Jane Smith, head of the Example Union."
    fn source_phrase(&self, speaker: Speaker, cue: Option<Cue>) -> (usize, usize) {
        let doc = self.doc;
        // "Example Party campaign spokesman Jane Smith (R-Ohio)": the descriptors before a
        // name and a bracket after it belong to the source.
        let mut first = speaker.first;
        let sentence_start = doc.sentence_of(speaker.first).first_token;
        // A pronoun or a determiner opens its own phrase.
        if !is_function_word(doc.word(first)) {
            while first > sentence_start
                && first + 8 > speaker.first
                && self.premodifies(
                    first - 1,
                    first < speaker.first || doc.is_capitalised(first),
                )
            {
                first -= 1;
            }
        }
        // A lowercase run must lead to a role or a name: "said general counsel X", not "met X".
        while first < speaker.first
            && doc.word(first).starts_with(char::is_lowercase)
            && role_of(doc.word(first)).is_none()
            && !is_rank(doc.word(first))
            && (first + 1..speaker.first).all(|j| role_of(doc.word(j)).is_none())
        {
            first += 1;
        }
        // "said the company's chief executive, Jane Smith,": a descriptor set off before the
        // name, from the start of the sentence or the cue.
        if first >= sentence_start + 2
            && doc.is(first - 1, ",")
            && role_of(doc.word(first - 2)).is_some()
        {
            let mut k = first - 2;
            while k > sentence_start
                && first - k < 8
                && (is_possessive(doc.word(k - 1)) || self.premodifies(k - 1, true))
            {
                k -= 1;
            }
            if k > sentence_start
                && matches!(
                    doc.lower(k - 1),
                    "the" | "a" | "an" | "another" | "his" | "her" | "its" | "their" | "our"
                )
            {
                k -= 1;
            }
            let after_cue = cue.is_some_and(|c| c.end == k);
            if k == sentence_start || !doc.is_word(k - 1) || after_cue {
                first = k;
            }
        }
        let mut end = speaker.end;
        // "Joseph Example Jr., a lawyer,": the abbreviation's full stop is the name's.
        if doc.is(end, ".") && doc.is(end + 1, ",") {
            end += 1;
        }
        if doc.is(end, "(") {
            if let Some(close) =
                (end + 1..(end + 14).min(doc.tokens.len())).find(|&j| doc.is(j, ")"))
            {
                end = close + 1;
            }
        }
        let speaker = Speaker {
            first,
            end,
            ..speaker
        };
        let plain = (speaker.first, speaker.end);
        let Some(cue) = cue.filter(|c| !c.according_to || speaker.first >= c.end) else {
            return plain;
        };
        // "according to a new Example News poll of 800 voters", "according to a person who
        // attended": the whole phrase up to its punctuation is the source.
        let joins = |j: usize| doc.is_word(j) || matches!(doc.word(j), "-" | "/" | "’" | "&");
        if cue.according_to && speaker.first <= cue.end + 4 && end < doc.tokens.len() && joins(end)
        {
            let stop = (end..(end + 16).min(doc.tokens.len())).find(|&j| !joins(j));
            if let Some(stop) = stop.filter(|&j| !doc.is(j, ",") || !self.describes(j + 1)) {
                return (cue.end.min(speaker.first), stop);
            }
        }
        // Words that may stand in an apposition: no quote, no other cue, no verb of the
        // sentence's own ("X, who chairs Y, said" but not "X, head of Y, endorsed Z, saying").
        let clean = |from: usize, to: usize| {
            let mut relative = false;
            (from..to).all(|j| {
                let w = doc.word(j);
                if matches!(w, "who" | "which" | "whose" | "that") {
                    relative = true;
                } else if w == "," {
                    relative = false;
                }
                // "did not", "endorsed Cruz": a verb of the sentence, outside a relative clause.
                let verb = FINITE.contains(&w)
                    || w.ends_with("ed")
                        && w.starts_with(char::is_lowercase)
                        && j + 1 < to
                        && (doc.is_capitalised(j + 1)
                            || DETERMINERS.contains(&doc.word(j + 1))
                            || is_function_word(doc.word(j + 1)) && opens_clause(doc, j + 1));
                doc.tokens[j].kind != TokenKind::QuoteMark && (relative || !verb)
            }) && self
                .cues_in(from, to)
                // "a creative writing tutor", "an early voice in urging reform": a verb form
                // inside a phrase.
                .all(|c| {
                    c.first > from
                        && doc.word(c.first).ends_with("ing")
                        && doc.word(c.first - 1).starts_with(char::is_lowercase)
                        && (!is_function_word(doc.word(c.first - 1))
                            || PREPOSITIONS.contains(&doc.lower(c.first - 1)))
                })
        };
        // "Jane Smith of the Example Union said": a place or body after the name.
        let of_phrase = doc.is_word(end)
            && matches!(doc.word(end), "of" | "from")
            && doc.is_capitalised(speaker.end - 1);
        // "said a source close to the campaign", "according to people familiar with it",
        // "supporters of the plan say".
        let qualified = self.ents.list[speaker.entity].unnamed
            && doc.is_word(end)
            && (QUALIFIERS.contains(&doc.word(end))
                || doc.word(end).ends_with("ing") && doc.word(end).starts_with(char::is_lowercase))
            // Not "said a spokesman in a statement".
            && !(end..(end + 3).min(doc.tokens.len())).any(|j| is_document(doc.word(j)));
        if speaker.end <= cue.first {
            // Back from the cue over auxiliaries, to the apposition's closing comma.
            let mut to = cue.first;
            while to > speaker.end
                && (AUXILIARIES.contains(&doc.lower(to - 1)) || is_adverb(doc.word(to - 1)))
            {
                to -= 1;
            }
            if (of_phrase || qualified)
                && to > end + 1
                && to <= end + 10
                && (end..to).all(|j| doc.is_word(j))
                && clean(end, to)
            {
                return (speaker.first, to);
            }
            // The last comma that closes a clean apposition.
            if to > end + 1 && doc.is(end, ",") && self.describes(end + 1) {
                let close = (end + 2..to.min(end + 40))
                    .rev()
                    .filter(|&c| doc.is(c, ","))
                    .find(|&c| clean(end, c));
                if let Some(c) = close {
                    return (speaker.first, c);
                }
            }
        } else if speaker.first >= cue.end {
            let sentence = doc.sentence_of(speaker.first);
            let s_end = content_end(doc, sentence.first_token, sentence.end_token);
            let mut to = (end + 1..s_end)
                .find(|&j| doc.tokens[j].kind == TokenKind::QuoteMark || doc.is(j, ";"))
                .unwrap_or(s_end);
            // "According to X, a lecturer, CLAUSE": the apposition closes at its comma.
            if cue.according_to && cue.first <= sentence.first_token + 1 {
                let Some(close) = (end + 1..to).find(|&j| doc.is(j, ",")) else {
                    return plain;
                };
                to = close;
            }
            // "said X, the party's chair, who added that …": up to the clause with a cue, but
            // not a cue inside a phrase ("an early voice in urging reform").
            let in_phrase = |c: &Cue| {
                c.first > 0
                    && (PREPOSITIONS.contains(&doc.lower(c.first - 1))
                        || NOUN_MARKERS.contains(&doc.lower(c.first - 1)))
            };
            if let Some(c) = self.cues_in(end, to).find(|c| !in_phrase(c)) {
                to = (end..c.first)
                    .rev()
                    .find(|&j| doc.is(j, ","))
                    .unwrap_or(end);
            }
            if to > end + 1
                && to <= end + 45
                && (of_phrase || qualified || doc.is(end, ",") && self.describes(end + 1))
                && clean(end, to)
            {
                return (speaker.first, to);
            }
        }
        plain
    }

    // ---- speakers --------------------------------------------------------------------

    /// The speaker written before a cue: a name, pronoun or role nominal, perhaps followed by
    /// an apposition and auxiliaries ("Jane Smith, head of X, will also say").
    fn subject_before(&mut self, cue: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        let mut k = cue;
        let mut skipped = 0;
        while k > floor && skipped < 6 {
            let w = doc.word(k - 1);
            let lower = lowercase(w);
            // "interjected to say", "was prompted to tell": a verb before "to" leads in.
            // "are more likely to say", "refused to say", "was prompted to tell".
            let leads_to = doc.is(k, "to") && w.starts_with(char::is_lowercase);
            // "X later Thursday told": a day between the subject and its verb.
            let day = dates_the_sentence(w);
            if doc.is_word(k - 1)
                && self.ents.mention_at[k - 1].is_none()
                && (AUXILIARIES.contains(&&*lower) || is_adverb(w) || leads_to || day)
            {
                k -= 1;
                skipped += 1;
            } else {
                break;
            }
        }
        // "Supporters of the plan, however, say": past an adverb set off by commas.
        if k > floor + 3
            && doc.is(k - 1, ",")
            && doc.is(k - 3, ",")
            && matches!(
                doc.lower(k - 2),
                "however" | "though" | "too" | "meanwhile" | "instead" | "also"
            )
        {
            k -= 3;
        }
        // "Joseph Example Jr. said": the abbreviation's full stop ends the name.
        if k > floor + 1 && doc.is(k - 1, ".") && self.ents.mention_ending_at(k - 2).is_some() {
            k -= 1;
        }
        // "Jane Smith — a lawyer who … — told": past an aside between dashes.
        if k > floor + 2 && matches!(doc.word(k - 1), "—" | "–" | "-" | "--") {
            let dash = doc.word(k - 1);
            // "--" may be two hyphens: the aside opens at the pair before.
            let pair = dash == "-" && doc.is(k - 2, "-");
            let close = if pair { k - 2 } else { k - 1 };
            if let Some(open) = (floor..close)
                .rev()
                .take(40)
                .find(|&j| doc.word(j) == dash && (!pair || j > floor && doc.is(j - 1, "-")))
            {
                // "A former minister -- Jane Smith, who … -- said" is Jane Smith.
                let named = self
                    .ents
                    .mention_starting_at(close.min(open + 1))
                    .copied()
                    .filter(|m| self.ents.list[m.entity].kind == EntityKind::Person);
                if let Some(m) = named {
                    return Some(Speaker {
                        entity: m.entity,
                        first: m.first,
                        end: m.end,
                    });
                }
                // A name nothing else marked, closed by a comma or the dash.
                let run_end = (open + 1..close)
                    .take_while(|&j| doc.is_capitalised(j))
                    .last()
                    .filter(|&j| j > open + 1 && (doc.is(j + 1, ",") || j + 1 == close));
                if let Some(s) = run_end.and_then(|j| self.group_ending(j, open + 1)) {
                    return Some(s);
                }
                k = if pair { open - 1 } else { open };
            }
        }
        if k <= floor {
            return None;
        }
        let last = k - 1;
        // "X faced questions, and told Y that …": the verb shares the sentence's subject.
        if doc.is(last, "and") || doc.is(last, "but") {
            // The subject of the verb before, if the sentence has one ("she was forced to
            // tell MPs …, but also to admit …"), else the sentence's own.
            let start = doc.sentence_of(cue).first_token.max(floor);
            let prev = self.cues_in(start, last).next_back();
            if let Some(prev) = prev {
                if let Some(s) = self.subject_before(prev.first, start) {
                    return Some(s);
                }
            }
            return self.sentence_subject(cue, last);
        }
        // "X responded by saying", "X tried to justify the plan by saying".
        if k == cue && doc.is(last, "by") && doc.word(cue).ends_with("ing") && last > floor {
            return self
                .subject_before(last - 1, floor)
                .or_else(|| self.sentence_subject(cue, last));
        }
        // "the agency quoted X as saying", "X was quoted as saying"
        if k == cue && doc.is(last, "as") && last > floor + 1 {
            if matches!(doc.word(last - 1), "quoted" | "cited") {
                return self.subject_before(last - 1, floor);
            }
            let quoted_by = |m: &Mention| {
                m.first > floor && matches!(doc.word(m.first - 1), "quoted" | "cited")
            };
            if let Some(m) = self
                .ents
                .mention_ending_at(last - 1)
                .copied()
                .filter(quoted_by)
            {
                return Some(Speaker {
                    entity: m.entity,
                    first: m.first,
                    end: m.end,
                });
            }
        }
        if doc.is(last, ",") {
            // ", saying that …" hangs off the sentence's own subject (so does "responded by
            // saying", below).
            if k == cue && doc.word(cue).ends_with("ing") {
                // "“…,” Jane Smith added, noting that …": the subject of the tag before it.
                let start = doc.sentence_of(cue).first_token.max(floor);
                let tag = self
                    .cues_in(start, last)
                    .next_back()
                    .filter(|c| c.end + 8 > last && (c.end..last).all(|j| !is_finite(doc, j)));
                if let Some(tag) = tag {
                    let speaker = self
                        .subject_before(tag.first, start)
                        .or_else(|| self.subject_after(tag.end, last));
                    if speaker.is_some() {
                        return speaker;
                    }
                }
                return self.sentence_subject(cue, cue);
            }
            // "X, head of Y, the country's largest union, said": a person named before one of
            // the appositions; else the name right before the comma ("The head of Y, X,
            // said"); else an organisation before an apposition.
            let commas: Vec<usize> = (floor..last)
                .rev()
                .take(40)
                .filter(|&j| doc.is(j, ","))
                .take(5)
                .collect();
            let named_before = |ents: &Entities, c: usize, kind: EntityKind| {
                // "Jane Smith (D-Ohio), a panel member, said": the name before the bracket.
                let before = c.checked_sub(1).map(|j| {
                    let bracket = doc
                        .is(j, ")")
                        .then(|| (j.saturating_sub(6)..j).rev().find(|&o| doc.is(o, "(")))
                        .flatten();
                    // "Joseph Example Jr., who …": past the abbreviation's full stop.
                    let j = bracket.map_or(Some(j), |o| o.checked_sub(1))?;
                    Some(
                        if j > 0 && doc.is(j, ".") && ents.mention_ending_at(j - 1).is_some() {
                            j - 1
                        } else {
                            j
                        },
                    )
                });
                before
                    .flatten()
                    .and_then(|j| ents.mention_ending_at(j))
                    .filter(|m| ents.list[m.entity].kind == kind && !ents.list[m.entity].unnamed)
                    .map(|m| Speaker {
                        entity: m.entity,
                        first: m.first,
                        end: m.end,
                    })
            };
            // "Jane Smith, a lecturer who advised Example Party, said": the subject stands
            // before the appositions, whatever names they hold.
            let mut head = None;
            for (i, &c) in commas.iter().enumerate() {
                let segment_end = if i == 0 { last } else { commas[i - 1] };
                let named = self.ents.mention_starting_at(c + 1).is_some_and(|m| {
                    m.end == segment_end && self.ents.list[m.entity].kind == EntityKind::Person
                });
                // "The head of Y, Jane Smith, said" is Jane Smith.
                if named || !self.describes(c + 1) {
                    break;
                }
                head = Some(i);
            }
            if let Some(h) = head {
                let from = commas.get(h + 1).map_or(floor, |&c| c + 1);
                let c = commas[h];
                let opens_np = from < c
                    && (!is_function_word(doc.word(from))
                        || DETERMINERS.contains(&doc.lower(from)))
                    && !SUBORDINATORS.contains(&doc.lower(from))
                    && (from..c).all(|j| doc.is(j, ".") || doc.is_word(j) && !is_finite(doc, j));
                if opens_np {
                    let found = named_before(self.ents, c, EntityKind::Person)
                        .or_else(|| self.noun_phrase_ending(c - 1, from))
                        .or_else(|| self.group_ending(c - 1, from));
                    if found.is_some() {
                        return found;
                    }
                }
            }
            if let Some(i) = commas
                .iter()
                .position(|&c| named_before(self.ents, c, EntityKind::Person).is_some())
            {
                // "Jane Smith, 34, a teacher from Leeds City, said": past the appositions to
                // the name they describe.
                let mut head = i;
                for (n, &c) in commas.iter().enumerate().skip(i + 1) {
                    if !self.describes(c + 1) {
                        break;
                    }
                    if named_before(self.ents, c, EntityKind::Person).is_some() {
                        head = n;
                    }
                }
                return named_before(self.ents, commas[head], EntityKind::Person);
            }
            if let Some(s) = last
                .checked_sub(1)
                .and_then(|l| self.noun_phrase_ending(l, floor))
            {
                return Some(s);
            }
            if let Some(s) = commas
                .iter()
                .find_map(|&c| named_before(self.ents, c, EntityKind::Organisation))
            {
                return Some(s);
            }
            // "Others, reacting to the video, shouted": the subject before the first comma.
            let farthest = commas.last()?.checked_sub(1)?;
            return self
                .noun_phrase_ending(commas.first()?.checked_sub(1)?, floor)
                .or_else(|| {
                    (farthest < floor + 4)
                        .then(|| self.group_ending(farthest, floor))
                        .flatten()
                });
        }
        if doc.is(last, ")") {
            // "Jane Smith (who has 25 delegates) said"
            let open = (floor..last).rev().take(12).find(|&j| doc.is(j, "("))?;
            return self.noun_phrase_ending(open.checked_sub(1)?, floor);
        }
        // "Jane Smith, who said": the relative pronoun is the source, the antecedent speaks.
        if doc.is(last, "who") && last > floor {
            // "experts who say …" as well.
            let np_end = if doc.is(last - 1, ",") {
                last.checked_sub(2)?
            } else {
                last - 1
            };
            // "Jane Smith, a captain who said …": the apposition's person.
            let apposed = (np_end.saturating_sub(6).max(floor + 1)..np_end)
                .rev()
                .find(|&c| doc.is(c, ","))
                .filter(|&c| APPOSITION_OPENERS.contains(&doc.lower(c + 1)))
                .and_then(|c| self.ents.mention_ending_at(c - 1).copied())
                .filter(|m| !self.ents.is_org(m.entity));
            if let Some(m) = apposed {
                return Some(Speaker {
                    entity: m.entity,
                    first: last,
                    end: last + 1,
                });
            }
            let antecedent = self
                .noun_phrase_ending(np_end, floor)
                .or_else(|| self.group_ending(np_end, floor))?;
            return Some(Speaker {
                first: last,
                end: last + 1,
                ..antecedent
            });
        }
        self.noun_phrase_ending(last, floor)
            .or_else(|| self.group_ending(last, floor))
            .or_else(|| self.modified_subject(cue, floor))
            .or_else(|| self.described_subject(last, floor))
    }

    /// A person described but not named, the lexicon's roles aside: "The party's
    /// front-runner predicted …", "A longtime donor warned …". Documents ("the report said")
    /// are not speakers.
    fn described_subject(&mut self, last: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        let head = doc.word(last);
        let plain_noun = doc.is_word(last)
            && self.ents.mention_at[last].is_none()
            && head.starts_with(char::is_lowercase)
            && head.len() > 3
            && !is_function_word(head)
            && !is_adverb(head)
            && !head.ends_with("ed")
            && !head.ends_with("ing")
            && !head.ends_with('s')
            && !FINITE.contains(&head)
            && !DOCUMENTS.contains(&head)
            && !AUXILIARIES.contains(&head);
        if !plain_noun {
            return None;
        }
        // Back over modifiers to the determiner, which opens the sentence or a clause.
        let det = (floor..last)
            .rev()
            .take(5)
            .find(|&j| !doc.is_word(j) || DETERMINERS.contains(&doc.lower(j)))?;
        let opens = doc.is_word(det)
            && (det == doc.sentence_of(det).first_token
                || !doc.is_word(det - 1)
                || matches!(doc.word(det - 1), "and" | "but" | "that")
                // "said the designer, who …"
                || lexicons().reporting_verbs.contains_key(doc.word(det - 1)));
        let modifiers_ok = (det + 1..last).all(|j| {
            doc.is_word(j)
                && !is_function_word(doc.word(j))
                && !is_finite(doc, j)
                && !lexicons().reporting_verbs.contains_key(doc.word(j))
        });
        if !opens || !modifiers_ok || !matches!(doc.lower(det), "the" | "a" | "an") {
            return None;
        }
        Some(self.unnamed_speaker(det + 1, det, last + 1))
    }

    /// The subject at the start of the sentence when words qualify it before the verb:
    /// "Teachers in Leeds who joined the strike said", "People briefed on the talks say";
    /// and the subject of a participle cue without a comma ("released a statement saying").
    fn modified_subject(&mut self, cue: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        let mut start = doc.sentence_of(cue).first_token.max(floor);
        // "Indeed, teachers in Leeds say": past a sentence adverb.
        if doc.is(start + 1, ",")
            && start + 2 < cue
            && (is_adverb(doc.word(start))
                || matches!(
                    doc.lower(start),
                    "indeed" | "still" | "however" | "meanwhile" | "yet" | "again"
                ))
        {
            start += 2;
        }
        // "released a statement saying …", but not "after warning …" (a time, not a tag).
        if doc.word(cue).ends_with("ing") {
            let before = (start..cue).rev().find(|&j| !is_adverb(doc.word(j)))?;
            if is_function_word(doc.word(before)) {
                return None;
            }
            return self.sentence_subject(cue, cue);
        }
        if matches!(doc.word(start), "But" | "And" | "Yet" | "So") {
            start += 1;
        }
        // "Activists clamouring for a vote say": a participle qualifies the subject too.
        let qualifier = (start + 1..(start + 6).min(cue)).find(|&j| {
            let w = doc.word(j);
            let after_group = doc.word(j - 1).ends_with('s') || doc.is(j - 1, "people");
            QUALIFIERS.contains(&w)
                || after_group
                    && w.ends_with("ing")
                    && w.starts_with(char::is_lowercase)
                    && self.cue_at(j).is_none()
        })?;
        if cue > qualifier + 20 || (start..qualifier).any(|j| !doc.is_word(j)) {
            return None;
        }
        self.noun_phrase_ending(qualifier - 1, start)
            .or_else(|| self.group_ending(qualifier - 1, start))
    }

    /// A subject that names no one the analyser knows: a group ("Protest groups", "most
    /// voters", "26 percent of Democrats", "Some"), or a name nothing else marked. It becomes
    /// an unnamed speaker of its own.
    fn group_ending(&mut self, last: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        if last < floor || !doc.is_word(last) || self.ents.mention_at[last].is_some() {
            return None;
        }
        // "the voters surveyed": the participle follows the head.
        let head_at = if last > floor && SURVEYED.contains(&doc.word(last)) {
            last - 1
        } else {
            last
        };
        let head = doc.word(head_at);
        let head_lower = lowercase(head);
        let quantifier = QUANTIFIERS.contains(&&*head_lower)
            || head.ends_with('%')
            || head.bytes().all(|b| b.is_ascii_digit())
            || NUMBERS.contains(&&*head_lower);
        let plural = matches!(
            &*head_lower,
            "people" | "men" | "women" | "children" | "staff"
        ) || head.len() > 3
            && head.ends_with('s')
            && !head.ends_with("ss")
            && !head.ends_with("us")
            && !head.ends_with("is")
            && !NOT_GROUPS.contains(&&*head_lower);
        let capitalised = doc.is_capitalised(head_at)
            && (head_at > doc.sentence_of(last).first_token || plural || !is_function_word(head));
        let initial = head.chars().count() < 2 || doc.is(head_at + 1, ".") && head.len() < 4;
        // "those surveyed", "those polled"
        let those = head_lower == "those" && head_at < last;
        if !(quantifier || plural || capitalised || those)
            || initial
            || is_function_word(head) && !those
            || is_adverb(head)
        {
            return None;
        }
        // Back over the phrase's modifiers: words that are not clause boundaries.
        let mut first = last;
        while first > floor && last - first < 7 {
            let j = first - 1;
            if !doc.is_word(j) {
                break;
            }
            let w = doc.lower(j);
            // A verb's form opening the sentence is a modifier ("Protest groups").
            let verb =
                lexicons().reporting_verbs.contains_key(w) && j > doc.sentence_of(j).first_token;
            // "The Post's Dana Example": a possessor before a name is not part of it.
            let possessor = is_possessive(doc.word(j)) && doc.is_capitalised(first);
            if is_function_word(w) && !matches!(w, "of" | "in" | "the" | "a" | "an")
                || FINITE.contains(&w)
                || verb
                || possessor
                || is_adverb(doc.word(j))
            {
                break;
            }
            // "Jane Smith of North Example said": the person named before "of" speaks.
            if w == "of" {
                if let Some(s) = j
                    .checked_sub(1)
                    .and_then(|k| self.named_person_ending(k, floor))
                {
                    return Some(s);
                }
            }
            first = j;
        }
        while first < last && matches!(doc.lower(first), "of" | "in") {
            first += 1;
        }
        if those {
            first = head_at;
        }
        let from = if DETERMINERS.contains(&doc.lower(first)) {
            first + 1
        } else {
            first
        };
        if from > last {
            return None;
        }
        // "Kyodo said" after "Kyodo news agency": a word of a name already known (among the
        // latest named, a bounded look as for pronouns).
        let known = (from == last && capitalised)
            .then(|| {
                let mut latest = self.ents.list.iter().enumerate().rev().take(200);
                latest
                    .rfind(|(_, e)| {
                        !e.unnamed && e.name.split(' ').any(|w| w == head)
                            || e.acronym.as_deref() == Some(head)
                    })
                    .map(|(id, _)| id)
            })
            .flatten();
        if let Some(id) = known {
            self.ents.add_mention(first, last + 1, id);
            return Some(Speaker {
                entity: id,
                first,
                end: last + 1,
            });
        }
        Some(self.unnamed_speaker(from, first, last + 1))
    }

    /// The named person whose mention ends at token `j` and starts no earlier than `floor`.
    fn named_person_ending(&self, j: usize, floor: usize) -> Option<Speaker> {
        let m = self.ents.mention_ending_at(j)?;
        let e = &self.ents.list[m.entity];
        (e.kind == EntityKind::Person && !e.unnamed && m.first >= floor).then_some(Speaker {
            entity: m.entity,
            first: m.first,
            end: m.end,
        })
    }

    /// The unnamed speaker named by tokens `[name_from, end)`, mentioned as `[first, end)`
    /// ("the party's front-runner", "Parent groups").
    fn unnamed_speaker(&mut self, name_from: usize, first: usize, end: usize) -> Speaker {
        let doc = self.doc;
        let id = self.unnamed_person(doc.slice(name_from, end), |_| {});
        self.ents.list[id].add_alias(doc.slice(first, end));
        self.ents.add_mention(first, end, id);
        Speaker {
            entity: id,
            first,
            end,
        }
    }

    /// The unnamed person described as `name`, made (and given `details`) on first use.
    fn unnamed_person(&mut self, name: &str, details: impl FnOnce(&mut Entity)) -> EntityId {
        if let Some(&id) = self.unnamed.get(name) {
            return id;
        }
        let mut e = Entity::new(EntityKind::Person, name);
        e.unnamed = true;
        details(&mut e);
        let id = self.ents.add(e);
        self.unnamed.insert(name.to_string(), id);
        id
    }

    /// The speaker written after a cue: "said Jane Smith", "says the union", "according to a
    /// spokesperson for the council".
    fn subject_after(&mut self, from: usize, end: usize) -> Option<Speaker> {
        let doc = self.doc;
        let mut k = from;
        while k < end
            && doc.is_word(k)
            && matches!(
                doc.word(k),
                "today" | "yesterday" | "also" | "later" | "previously"
            )
        {
            k += 1;
        }
        if k >= end || !doc.is_word(k) {
            return None;
        }
        if let Some(s) = self.pronoun(k) {
            return Some(s);
        }
        // Find the end of a noun phrase: up to a role noun or the end of a mention.
        let mut j = k;
        if DETERMINERS.contains(&doc.lower(j)) {
            j += 1;
        }
        let head_start = j;
        for _ in 0..6 {
            if j >= end {
                break;
            }
            if let Some(m) = self.ents.mention_starting_at(j).copied() {
                j = m.end;
                // "said the Example Gazette", but not "said the Example Gazette's editor".
                let role_follows = doc.is_word(m.end) && role_of(doc.word(m.end)).is_some();
                if m.first == head_start && !role_follows {
                    return self.noun_phrase_ending(m.end - 1, k);
                }
                // "according to local radio presenter Jane Smith": the name ends the description.
                if !self.ents.is_org(m.entity) && !doc.is_word(m.end) {
                    return Some(Speaker {
                        entity: m.entity,
                        first: k,
                        end: m.end,
                    });
                }
                continue;
            }
            // "a campaign aide": the last of a run of role nouns heads the phrase.
            while j + 1 < end
                && self.ents.mention_at[j + 1].is_none()
                && role_of(doc.word(j + 1)).is_some()
            {
                j += 1;
            }
            if role_of(doc.word(j)).is_some() {
                // "a spokesperson for the council": the phrase takes the "for X" after it.
                let mut end_np = j + 1;
                if doc.is(end_np, "for") || doc.is(end_np, "at") || doc.is(end_np, "of") {
                    let mut o = end_np + 1;
                    if doc.is(o, "the") {
                        o += 1;
                    }
                    if let Some(m) = self.ents.mention_starting_at(o).copied() {
                        end_np = m.end;
                    }
                }
                // "said its general secretary, Jane Smith", "said retired surgeon Jane Smith":
                // the name after the description.
                let name_at = if doc.is(end_np, ",") {
                    end_np + 1
                } else {
                    end_np
                };
                let named = self.ents.mention_starting_at(name_at);
                if let Some(m) = named.filter(|m| !self.ents.is_org(m.entity)).copied() {
                    return Some(Speaker {
                        entity: m.entity,
                        first: m.first,
                        end: m.end,
                    });
                }
                return self.noun_phrase_ending(end_np - 1, k);
            }
            if !doc.is_word(j) {
                break;
            }
            j += 1;
        }
        // "said another leading advocate, Jane Smith of …": a person named after the comma.
        let named = (k..end.min(k + 10))
            .take_while(|&j| doc.is_word(j) || doc.is(j, ","))
            .find(|&j| doc.is(j, ","))
            .and_then(|c| self.ents.mention_starting_at(c + 1).copied())
            .filter(|m| !self.ents.is_org(m.entity));
        if let Some(m) = named {
            return Some(Speaker {
                entity: m.entity,
                first: k,
                end: m.end,
            });
        }
        self.name_after(head_start, end).or_else(|| {
            // "according to their lawyers": a group, up to the phrase's end.
            let last = (k..end.min(k + 8))
                .take_while(|&j| {
                    doc.is_word(j) && (!is_function_word(doc.word(j)) || j == k || doc.is(j, "of"))
                })
                .last()?;
            let boundary = !doc.is_word(last + 1) || is_function_word(doc.word(last + 1));
            if boundary {
                if let Some(s) = self.group_ending(last, k) {
                    return Some(s);
                }
            }
            // "according to people familiar with the talks": the group before its qualifier.
            if let Some(q) = (k + 1..=last).find(|&j| QUALIFIERS.contains(&doc.word(j))) {
                return self.group_ending(q - 1, k);
            }
            // "said the designer, who …": a person described, not named.
            boundary.then(|| self.described_subject(last, k)).flatten()
        })
    }

    /// A name no earlier stage marked, written after a cue ("according to Examplestat"):
    /// capitalised words, perhaps joined by "of", "for" or "and".
    fn name_after(&mut self, k: usize, end: usize) -> Option<Speaker> {
        let doc = self.doc;
        let mut j = k;
        while j < end && j < k + 6 && self.ents.mention_at[j].is_none() {
            let name_word = doc.is_capitalised(j) && !is_function_word(doc.word(j));
            let joiner = j > k
                && matches!(doc.word(j), "of" | "for" | "and" | "&")
                && doc.is_capitalised(j + 1);
            if !name_word && !joiner {
                break;
            }
            j += 1;
        }
        // "J.R. Smith" is the analyser's to name; "according to Examplestat data" is data.
        let initial = j == k + 1 && doc.word(k).chars().count() < 3;
        if j == k || initial || doc.is_word(j) && doc.word(j).starts_with(char::is_lowercase) {
            return None; // part of a longer phrase ("according to Examplestat data")
        }
        let name = doc.slice(k, j);
        let kind = if lexicons().first_names.contains_key(doc.word(k)) {
            EntityKind::Person
        } else {
            EntityKind::Organisation
        };
        let id = match self.ents.find_org(name) {
            Some(id) => id,
            None => self.ents.add(Entity::new(kind, name)),
        };
        self.ents.add_mention(k, j, id);
        Some(Speaker {
            entity: id,
            first: k,
            end: j,
        })
    }

    /// The subject opening the sentence of token `at`, within its first words before
    /// `before`: a name, a pronoun, or a role nominal ("The spokesman declined …, but said").
    fn sentence_subject(&mut self, at: usize, before: usize) -> Option<Speaker> {
        let doc = self.doc;
        let start = doc.sentence_of(at).first_token;
        let end = (start + 6).min(before);
        // The first name or pronoun is the subject, resolved or not: "He backed Jane Smith
        // and said" is not hers.
        (start..end)
            .find(|&j| {
                self.ents.mention_starting_at(j).is_some()
                    || matches!(doc.lower(j), "he" | "she" | "it" | "they")
            })
            .and_then(|j| self.named_or_pronoun_at(j))
            .or_else(|| {
                let head = (start..end).find(|&j| role_of(doc.word(j)).is_some())?;
                self.noun_phrase_ending(head, start)
            })
            .or_else(|| {
                // "Jane Example threw her support behind X, saying …", "Other candidates,
                // including X, have followed, saying …": the phrase before the sentence's
                // first verb or comma, as a name or group nothing else marked.
                let stop = (start..(start + 5).min(before))
                    .find(|&j| !doc.is_word(j) || is_finite(doc, j))?;
                (stop > start)
                    .then(|| self.group_ending(stop - 1, start))
                    .flatten()
            })
    }

    /// A named mention starting at `j`, a pronoun there, or a role nominal led by an
    /// organisation's name ("the Example Party MP").
    fn named_or_pronoun_at(&mut self, j: usize) -> Option<Speaker> {
        if let Some(m) = self.ents.mention_starting_at(j).copied() {
            let role_follows = self.ents.is_org(m.entity)
                && self.doc.is_word(m.end)
                && role_of(self.doc.word(m.end)) == Some(RoleKind::Person);
            if role_follows {
                return self.noun_phrase_ending(m.end, j.saturating_sub(1));
            }
            return Some(Speaker {
                entity: m.entity,
                first: m.first,
                end: m.end,
            });
        }
        self.pronoun(j)
    }

    fn pronoun(&mut self, k: usize) -> Option<Speaker> {
        let doc = self.doc;
        let gender = match doc.lower(k) {
            "he" => Gender::Male,
            "she" => Gender::Female,
            "it" | "they" => {
                // "Some researchers … They argued": also an unnamed group of people.
                let group = |e: &Entity| {
                    let head = e.name.rsplit(' ').next().unwrap_or("");
                    e.kind == EntityKind::Person
                        && e.unnamed
                        && (head.ends_with('s') && !head.ends_with("ss") || head == "people")
                };
                let organisation = |e: &Entity| e.kind == EntityKind::Organisation;
                let antecedent = self.antecedent(k, organisation).or_else(|| {
                    (doc.lower(k) == "they")
                        .then(|| self.antecedent(k, group))
                        .flatten()
                });
                return antecedent.map(|entity| Speaker {
                    entity,
                    first: k,
                    end: k + 1,
                });
            }
            _ => return None,
        };
        // The nearest compatible person, passing over possessors ("Ms Kerr's words") and
        // objects of prepositions ("a question from Ms Kerr"), which rarely speak next.
        let candidates = self
            .ents
            .mentions_before(k)
            .filter(|m| !doc.tokens[m.first].quoted)
            .filter(|m| {
                let e = &self.ents.list[m.entity];
                e.kind == EntityKind::Person && gender.fits(e.gender) && !e.unnamed
            });
        let mut nearest = None;
        let mut subject = None;
        for m in candidates.take(4) {
            nearest.get_or_insert(m.entity);
            let possessive = is_possessive(doc.word(m.end - 1));
            let before = if m.first > 0 {
                doc.word(m.first - 1)
            } else {
                ""
            };
            let verbs = &lexicons().reporting_verbs;
            let after_preposition = PREPOSITIONS.contains(&before)
                || matches!(before, "by" | "of" | "about" | "against")
                || verbs.get(before).is_some_and(|v| v.addressee);
            // "she opposed Mayor X": the object of a verb in the past.
            let object = before.starts_with(char::is_lowercase)
                && (before.ends_with("ed") || IRREGULAR_PAST.contains(&before))
                && !verbs.contains_key(before);
            if !possessive && !after_preposition && !object {
                subject = Some(m.entity);
                break;
            }
        }
        let entity = subject.or(nearest)?;
        Some(Speaker {
            entity,
            first: k,
            end: k + 1,
        })
    }

    /// The latest entity mentioned before `k`, in its paragraph or the one before, that `fits`.
    fn antecedent(&self, k: usize, fits: impl Fn(&Entity) -> bool) -> Option<EntityId> {
        let doc = self.doc;
        let para = doc.para_of(k);
        self.ents
            .mentions_before(k)
            .take_while(|m| doc.para_of(m.first) + 1 >= para)
            .find(|m| fits(&self.ents.list[m.entity]))
            .map(|m| m.entity)
    }

    /// The noun phrase ending at token `last` (inclusive), no further back than `floor`.
    fn noun_phrase_ending(&mut self, last: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        if last < floor || last >= doc.tokens.len() {
            return None;
        }
        if let Some(s) = self.pronoun(last) {
            return (last == floor
                || !doc.is_word(last - 1)
                || !DETERMINERS.contains(&doc.word(last - 1)))
            .then_some(s);
        }
        if let Some(m) = self.ents.mention_ending_at(last).copied() {
            // "Jane Smith of the Example Institute said" is Jane Smith.
            let mut k = m.first;
            while k > floor + 1
                && k + 4 > m.first
                && doc.word(k - 1).starts_with(char::is_lowercase)
                && !matches!(doc.word(k - 1), "of" | "from")
                && !is_function_word(doc.word(k - 1))
                || k > floor + 1 && doc.is(k - 1, "the")
            {
                k -= 1;
            }
            if k > floor + 1 && matches!(doc.word(k - 1), "of" | "from") {
                if let Some(s) = self.named_person_ending(k - 2, floor) {
                    return Some(s);
                }
            }
            // "a spokesperson for the Example Council" is the spokesperson, not the council.
            let of_role = m.first >= floor + 2
                && matches!(doc.word(m.first - 1), "for" | "at" | "of" | "the" | "from")
                && (role_of(doc.word(m.first - 2)).is_some()
                    || doc.is(m.first - 1, "the")
                        && m.first >= floor + 3
                        && role_of(doc.word(m.first - 3)).is_some());
            if !of_role {
                return Some(Speaker {
                    entity: m.entity,
                    first: m.first,
                    end: m.end,
                });
            }
        }
        // A role nominal: walk back to its determiner.
        let head = (floor..=last)
            .rev()
            .take(12)
            .find(|&j| self.ents.mention_at[j].is_none() && role_of(doc.word(j)).is_some())?;
        // After the head only "for/of the <organisation>" may follow, or a name nothing else
        // marked ("a spokeswoman for Examplecorp").
        let named = |j: usize| self.ents.mention_at[j].is_some() || doc.is_capitalised(j);
        let tail_ok = head == last
            || named(last)
                && ["for", "at", "of", "from"]
                    .iter()
                    .any(|w| doc.is(head + 1, w))
                && (head + 1..=last).all(|j| {
                    named(j) || matches!(doc.word(j), "for" | "at" | "of" | "the" | "from")
                });
        if !tail_ok {
            return None;
        }
        let mut first = head;
        while first > floor && first + 6 > head {
            let w = doc.word(first - 1);
            let lower = lowercase(w);
            if DETERMINERS.contains(&&*lower) {
                first -= 1;
                break;
            }
            let modifier = doc.is_word(first - 1)
                && !PHRASE_BREAKS.contains(&&*lower)
                && !lexicons().reporting_verbs.contains_key(&*lower)
                || matches!(w, "’" | "'") && first >= 2 && doc.is_word(first - 2);
            if !modifier {
                break;
            }
            first -= 1;
        }
        let entity = self.resolve_nominal(first, head, last + 1)?;
        Some(Speaker {
            entity,
            first,
            end: last + 1,
        })
    }

    /// "the union" → the last union named; "the union head" → the person of that body;
    /// "a Treasury spokesperson" → a new unnamed person of the Treasury.
    fn resolve_nominal(&mut self, first: usize, head: usize, end: usize) -> Option<EntityId> {
        let doc = self.doc;
        let role = role_of(doc.word(head))?;
        let det = doc.lower(first);
        let definite = matches!(det, "the" | "his" | "her" | "its" | "their" | "our")
            || is_possessive(doc.word(first))
            || (first..head).any(|j| is_possessive(doc.word(j)));
        let org_in_phrase = (first..end)
            .find_map(|j| self.ents.mention_at[j].map(|m| self.ents.mentions[m].entity))
            .filter(|&id| self.ents.is_org(id));
        let person_possessor = (first..head)
            .find_map(|j| self.ents.mention_at[j].map(|m| self.ents.mentions[m].entity))
            .filter(|&id| !self.ents.is_org(id));
        let plural_modifier = head > first && doc.word(head - 1).ends_with(['’', '\'']);
        match role {
            RoleKind::Organisation(kind) => {
                // "the Example Union's refugee agency" is a body of its own, not the union.
                let possessor_of_body = (first..head).any(|j| {
                    self.ents.mention_ending_at(j).is_some_and(|m| {
                        self.ents.is_org(m.entity)
                            && is_possessive(doc.word(j))
                            && (j + 1..head).all(|k| doc.word(k).starts_with(char::is_lowercase))
                            && j + 1 < head
                    })
                });
                if let Some(id) = org_in_phrase.filter(|_| !possessor_of_body) {
                    return Some(id);
                }
                // "the group" may be any organisation; "the union" only a union.
                let fits = |e: &Entity| {
                    e.kind == EntityKind::Organisation
                        && (kind == "group" || e.org_kind == Some(kind))
                };
                // Else, as in a lede ("…, their largest union warned"), the first one named next.
                let last_of_kind = self
                    .ents
                    .mentions_before(first)
                    .find(|m| fits(&self.ents.list[m.entity]))
                    .or_else(|| {
                        self.ents
                            .mentions_after(end)
                            .find(|m| fits(&self.ents.list[m.entity]))
                    })
                    .map(|m| m.entity);
                // A bare noun ("Police said") names the body as a definite one does; a phrase
                // with a name of its own ("Westland's Harbour news agency") is that body.
                let own_name = (first..head)
                    .any(|j| doc.is_capitalised(j) && !is_possessive(doc.word(j)) && j > first);
                if !own_name
                    && (last_of_kind.is_some() || !definite && first != head || kind == "group")
                {
                    return last_of_kind;
                }
                // "the council said" with no council named: the council itself speaks.
                let mut from = if DETERMINERS.contains(&det) {
                    first + 1
                } else {
                    first
                };
                // "Japan's Example news agency" is the Example news agency.
                if is_possessive(doc.word(from))
                    && from + 1 < head
                    && doc.is_capitalised(from + 1)
                    && !is_possessive(doc.word(from + 1))
                {
                    from += 1;
                }
                let name = doc.slice(from, end);
                let id = self.ents.find_org(name).unwrap_or_else(|| {
                    let mut e = Entity::new(EntityKind::Organisation, name);
                    e.org_kind = Some(kind);
                    self.ents.add(e)
                });
                self.ents.add_mention(from, end, id);
                Some(id)
            }
            RoleKind::Person => {
                let head_word = doc.lower(head);
                // "the foreign minister" is not the prime minister.
                let modifier = (head > first && doc.word(head - 1).starts_with(char::is_lowercase))
                    .then(|| doc.lower(head - 1))
                    .filter(|m| !DETERMINERS.contains(m));
                if definite && person_possessor.is_none() && !plural_modifier {
                    // The people named most recently (a bounded look, as for pronouns).
                    let known = self
                        .ents
                        .list
                        .iter()
                        .enumerate()
                        .rev()
                        .take(200)
                        .find(|(_, e)| {
                            e.kind == EntityKind::Person
                                && !e.unnamed
                                && (org_in_phrase.is_some()
                                    && e.organisation == org_in_phrase
                                    && matches!(&*head_word, "head" | "leader" | "chief" | "boss")
                                    || e.role.as_deref().is_some_and(|r| {
                                        let r = lowercase(r);
                                        r.split(' ').any(|w| w == head_word)
                                            && modifier.is_none_or(|m| r.split(' ').any(|w| w == m))
                                    }) && (org_in_phrase.is_none()
                                        || e.organisation == org_in_phrase))
                        })
                        .map(|(id, _)| id);
                    // The phrase becomes a mention, so a pronoun after it finds this person.
                    if let Some(id) = known {
                        self.ents.add_mention(first, end, id);
                        return known;
                    }
                    // "Jane Smith … The minister said": the person just named, unless their
                    // known role is another one.
                    let para = doc.para_of(first);
                    let recent = self
                        .ents
                        .mentions_before(first)
                        .take_while(|m| doc.para_of(m.first) + 1 >= para)
                        .find(|m| {
                            let e = &self.ents.list[m.entity];
                            e.kind == EntityKind::Person && !e.unnamed && e.role.is_none()
                        });
                    if let Some(id) = recent.map(|m| m.entity) {
                        self.ents.add_mention(first, end, id);
                        return Some(id);
                    }
                }
                let from = if DETERMINERS.contains(&det) {
                    first + 1
                } else {
                    first
                };
                let id = self.unnamed_person(doc.slice(from, end), |e| {
                    e.organisation = org_in_phrase;
                    e.role = Some(doc.word(head).to_string());
                });
                self.ents.list[id].add_alias(doc.slice(first, end));
                // "A spokesperson" is the mention; "for the Example Council" names the body.
                self.ents.add_mention(first, head + 1, id);
                Some(id)
            }
        }
    }

    /// A lede's "…, a union leader said" is the person named as a speaker in the next
    /// paragraphs: merge the description into that person.
    fn name_the_lede_speaker(&mut self) {
        let doc = self.doc;
        let Some(lede) = (0..doc.paras.len()).find(|&p| doc.zones[p] == Zone::Body) else {
            return;
        };
        let lede_end = doc.paras[lede].end;
        let unnamed: Vec<EntityId> = self
            .out
            .iter()
            .filter(|q| q.start < lede_end && self.ents.list[q.speaker].unnamed)
            .filter(|q| {
                q.source
                    .is_some_and(|(f, _)| matches!(doc.lower(f), "a" | "an"))
            })
            .map(|q| q.speaker)
            .collect();
        for id in unnamed {
            let next_named = self
                .out
                .iter()
                .filter(|q| q.start >= lede_end && doc.para_of(doc.token_at(q.start)) <= lede + 3)
                .map(|q| q.speaker)
                .find(|&s| {
                    let e = &self.ents.list[s];
                    e.kind == EntityKind::Person && !e.unnamed
                });
            let Some(named) = next_named else { continue };
            let description = std::mem::take(&mut self.ents.list[id].aliases);
            for d in description {
                self.ents.list[named].add_alias(&d);
            }
            self.ents.list[id].unnamed = false;
            for q in &mut self.out {
                if q.speaker == id {
                    q.speaker = named;
                }
            }
            for m in &mut self.ents.mentions {
                if m.entity == id {
                    m.entity = named;
                }
            }
        }
    }
}

/// What a role noun names, accepting plural-free forms only ("spokesperson", "union").
pub(crate) fn role_of(word: &str) -> Option<RoleKind> {
    let lex = lexicons();
    lex.roles
        .get(&*lowercase(word))
        .or_else(|| lex.roles.get(word))
        .copied()
}

/// The first token after `from` not in an [`AFTER_VERB`] phrase.
fn skip_after_verb(doc: &Document, mut from: usize, end: usize) -> usize {
    'outer: while from < end {
        let first = doc.lower(from);
        for phrase in AFTER_VERB {
            // The first word decides for almost every phrase; only then split the rest.
            let head_matches = phrase.starts_with(first)
                && phrase
                    .as_bytes()
                    .get(first.len())
                    .is_none_or(|&b| b == b' ');
            if !head_matches {
                continue;
            }
            let rest = &phrase[first.len()..];
            let n = 1 + rest.split(' ').filter(|w| !w.is_empty()).count();
            if from + n <= end
                && rest
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .zip(from + 1..)
                    .all(|(w, k)| doc.word(k).eq_ignore_ascii_case(w))
            {
                from += n;
                continue 'outer;
            }
        }
        break;
    }
    from
}

/// After "told", "warned" …: the first token past an addressee ("him", "reporters", "the
/// newspaper") when a clause follows it, else `k`.
fn skip_addressee(doc: &Document, k: usize, end: usize) -> usize {
    let opens = |j: usize| opens_clause(doc, j) || doc.is(j, "a");
    let word = if doc.is_word(k) {
        doc.word(k)
    } else {
        return k;
    };
    let after = if ADDRESSEES.contains(&word) {
        k + 1
    } else if matches!(word, "the" | "a") {
        match (k + 2..(k + 5).min(end)).find(|&j| opens(j)) {
            Some(j) => j,
            None => return k,
        }
    } else {
        return k;
    };
    if opens(after) {
        after
    } else {
        k
    }
}

/// A capitalised word that dates a sentence rather than describes its speaker ("On Monday
/// Jane Smith said", "Last May the minister said").
fn dates_the_sentence(word: &str) -> bool {
    const MONTHS: &str =
        "January February March April May June July August September October November December";
    word.ends_with("day")
        || MONTHS.split(' ').any(|month| month == word)
        || matches!(word, "On" | "This" | "Last" | "Earlier" | "Later")
}

/// Pronouns, conjunctions and prepositions: words that end or open a phrase, never head one.
fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&&*lowercase(word))
}

const FUNCTION_WORDS: &[&str] = &[
    "it", "this", "that", "these", "those", "which", "what", "who", "whom", "whose", "there",
    "here", "he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me", "and", "or",
    "but", "nor", "so", "yet", "while", "when", "where", "whereas", "although", "though",
    "because", "since", "if", "unless", "as", "than", "then", "after", "before", "until", "of",
    "in", "on", "at", "to", "for", "with", "by", "from", "about", "into", "over", "under", "the",
    "a", "an", "not", "also", "now", "still", "just", "even", "only",
];

/// "he", "the", "it’s": a word that opens a clause as (or in) its subject.
fn opens_clause(doc: &Document, k: usize) -> bool {
    if !doc.is_word(k) {
        return false;
    }
    let word = doc.word(k);
    let base = word.split(['’', '\'']).next().unwrap_or(word);
    CLAUSE_OPENERS.contains(&base)
}

const CLAUSE_OPENERS: &[&str] = &[
    "he", "she", "they", "it", "we", "I", "you", "there", "the", "The", "this", "these", "those",
    "his", "her", "their", "its", "our", "my",
];

/// A finite verb, or a word that holds one ("is", "she’d", "won’t"), or a past tense ("hired").
fn is_finite(doc: &Document, j: usize) -> bool {
    if !doc.is_word(j) {
        return false;
    }
    let w = doc.word(j);
    if FINITE.contains(&w) {
        return true;
    }
    let contracted = [
        "’d", "'d", "’re", "'re", "’ll", "'ll", "’ve", "'ve", "n’t", "n't",
    ]
    .iter()
    .any(|c| w.ends_with(c));
    // "hired", but not "a moderated debate".
    let past = w.len() > 4
        && w.ends_with("ed")
        && w.starts_with(char::is_lowercase)
        && !(j > 0 && NOUN_MARKERS.contains(&doc.word(j - 1)));
    contracted || past
}

/// A verb without a finite verb's usual shape: an irregular past ("won", "cast") or a
/// present tense after its subject ("success depends", "it matters").
fn is_verb(doc: &Document, j: usize) -> bool {
    let w = doc.word(j);
    if IRREGULAR_PAST.contains(&w) {
        return true;
    }
    let subject_before = j > 0
        && doc.is_word(j - 1)
        && !DETERMINERS.contains(&doc.lower(j - 1))
        && !is_possessive(doc.word(j - 1))
        && !PREPOSITIONS.contains(&doc.word(j - 1))
        && !matches!(
            doc.word(j - 1),
            "and" | "or" | "of" | "new" | "more" | "other" | "many"
        );
    subject_before
        && w.len() > 3
        && w.starts_with(char::is_lowercase)
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("ics")
}

const IRREGULAR_PAST: &[&str] = &[
    "won",
    "lost",
    "made",
    "took",
    "got",
    "went",
    "came",
    "saw",
    "gave",
    "found",
    "thought",
    "knew",
    "left",
    "paid",
    "kept",
    "held",
    "ran",
    "began",
    "became",
    "brought",
    "bought",
    "felt",
    "meant",
    "sent",
    "spent",
    "built",
    "sold",
    "stood",
    "understood",
    "fell",
    "grew",
    "drew",
    "broke",
    "chose",
    "rose",
    "struck",
    "fought",
    "caught",
    "taught",
    "sought",
    "lied",
    "hid",
];

/// The end of a sentence's content: before its closing punctuation, keeping quote marks.
fn content_end(doc: &Document, first: usize, end: usize) -> usize {
    let mut e = end;
    // Closing punctuation is a few marks; the bound keeps a run of thousands linear.
    while e > first && e + 8 > end && doc.tokens[e - 1].kind == TokenKind::Punct {
        e -= 1;
    }
    e
}

/// "former minister", "senior adviser": a word that ranks the role after it.
fn is_rank(word: &str) -> bool {
    matches!(word, "former" | "retired" | "senior" | "top" | "then")
}

/// A lower-case word that can describe a person ("senior", "research", "counsel"): no
/// function word, adverb, auxiliary or verb form.
fn is_descriptor(doc: &Document, j: usize) -> bool {
    let w = doc.word(j);
    w.starts_with(char::is_lowercase)
        && !is_function_word(w)
        && !w.ends_with("ing")
        && !w.ends_with("ed")
        && !is_adverb(w)
        && !is_finite(doc, j)
        && !AUXILIARIES.contains(&w)
        && !lexicons().reporting_verbs.contains_key(w)
}

/// "strongly", "nonetheless": an -ly adverb that is not a noun ("family", "assembly").
pub(crate) fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && word.starts_with(char::is_lowercase)
        && role_of(word).is_none()
        && !matches!(
            word,
            "assembly" | "supply" | "rally" | "ally" | "anomaly" | "monopoly"
        )
}

/// "The Morning Show,": a quoted title of a work or programme, not speech.
fn is_title(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    // "MAKE IT GREAT," in capitals is shouted, not a title.
    let shouted = content
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    (2..=6).contains(&words.len())
        && !shouted
        && !content.trim_end().ends_with(['.', '!', '?'])
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(*w, "of" | "the" | "and" | "in" | "on" | "a" | "to")
        })
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    (start + lead, start + s.trim_end().len())
}
