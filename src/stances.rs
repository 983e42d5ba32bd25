//! Where speakers stand: topics (policies, plans, "the government") found by their head nouns,
//! then, for each speaker, evidence toward each person, organisation or topic they talk about —
//! stance words before the target ("backs the plan", "time to reform X"), and the sentiment of
//! the words around it in their quotes, with negation. One aggregate per holder and target.

use crate::attribution::{is_adverb, Attributed};
use crate::document::{is_possessive, lowercase, strip_possessive, Document};
use crate::entities::{Entities, EntityId, EntityKind};
use crate::lexicon::{lexicons, FastMap};
use crate::schema::{Polarity, QuoteKind};
use crate::sort::sort_pairs;
use crate::zones::Zone;

pub(crate) struct TopicEntity {
    pub name: String,
    pub aliases: Vec<String>,
    group: &'static str,
    /// Modifier of the first naming ("parking" in "parking scheme").
    modifier: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    Entity(EntityId),
    Topic(usize),
}

/// Evidence by (holder, target), listed in that order at the end. A hash map and the crate's
/// one (usize, usize) sort: a BTreeMap would add its own code to the wasm.
#[derive(Default)]
struct Scores {
    index: FastMap<(EntityId, usize), usize>,
    evidence: Vec<Evidence>,
    targets: Vec<Target>,
}

impl Scores {
    /// Entities sort before topics, each by id, as the derived order of [`Target`] would.
    fn target_key(target: Target) -> usize {
        match target {
            Target::Entity(id) => id,
            Target::Topic(t) => usize::MAX / 2 + t,
        }
    }

    fn entry(&mut self, holder: EntityId, target: Target) -> &mut Evidence {
        let next = self.evidence.len();
        let i = *self
            .index
            .entry((holder, Self::target_key(target)))
            .or_insert(next);
        if i == next {
            self.evidence.push(Evidence::default());
            self.targets.push(target);
        }
        &mut self.evidence[i]
    }

    fn into_sorted(self) -> impl Iterator<Item = ((EntityId, Target), Evidence)> {
        let mut order: Vec<(usize, usize)> = self.index.keys().copied().collect();
        sort_pairs(&mut order);
        let mut evidence: Vec<Option<Evidence>> = self.evidence.into_iter().map(Some).collect();
        let (index, targets) = (self.index, self.targets);
        order.into_iter().filter_map(move |key| {
            let i = index[&key];
            Some(((key.0, targets[i]), evidence[i].take()?))
        })
    }
}

/// What a holder's words say about one target.
#[derive(Debug, Default)]
struct Evidence {
    pos: f32,
    neg: f32,
    stance_words: u32,
    sentiment_words: u32,
    /// Indexes of the quotes it comes from.
    quotes: Vec<usize>,
}

impl Evidence {
    fn record(&mut self, v: f32) {
        if v > 0.0 {
            self.pos += v;
        } else {
            self.neg -= v;
        }
    }

    fn add(&mut self, other: &Evidence) {
        self.pos += other.pos;
        self.neg += other.neg;
        self.stance_words += other.stance_words;
        self.sentiment_words += other.sentiment_words;
    }
}

pub(crate) struct StanceFinding {
    pub holder: EntityId,
    pub target: Target,
    pub polarity: Polarity,
    pub score: f32,
    /// Indexes into the attributed quotes.
    pub evidence: Vec<usize>,
}

/// Words that are not part of a topic's name ("the new programme" is the programme).
const NOT_MODIFIERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "our",
    "his",
    "her",
    "new",
    "current",
    "proposed",
    "planned",
    "latest",
    "whole",
    "own",
    "same",
    "other",
    "first",
    "last",
    "next",
    "major",
    "radical",
    "annual",
    "wider",
    "big",
    "biggest",
    "key",
    "fresh",
    "such",
    "any",
    "every",
    "each",
    "no",
    "of",
    "and",
    "or",
    "to",
    "for",
    "in",
    "on",
    "by",
    "at",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "will",
    "would",
    "it",
    "which",
    "pilot",
    "twelve",
    "month",
    "year",
    "one",
    "two",
    "three",
    "we",
    "they",
    "you",
    "i",
    "he",
    "she",
    "through",
    "beyond",
    "about",
    "into",
    "over",
    "under",
    "take",
    "make",
    "get",
    "have",
    "has",
    "had",
    "do",
    "does",
    "did",
    "all",
    "more",
    "most",
    "very",
    "so",
    "than",
    "then",
    "responsible",
    "who",
    "whom",
    "whose",
    "what",
    "where",
    "when",
    "across",
    "against",
    "between",
    "within",
    "without",
    "among",
    "via",
    "per",
    "including",
    "like",
    "unlike",
    "towards",
    "upon",
    "after",
    "before",
    "during",
    "since",
    "until",
    "while",
    "not",
    "less",
    "much",
    "many",
    "some",
    "both",
    "either",
    "neither",
    "if",
    "but",
    "because",
    "proportionate",
    "independent",
    "external",
    "official",
];

const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "n't",
    "nor",
    "without",
    "hardly",
    "cannot",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "wasn't",
    "aren't",
    "won't",
    "shouldn't",
    "can't",
    "doesn’t",
    "don’t",
    "didn’t",
    "isn’t",
    "wasn’t",
    "aren’t",
    "won’t",
    "shouldn’t",
    "can’t",
];

/// How much a stance word before a target counts against one sentiment word.
const STANCE_WORD_WEIGHT: f32 = 3.0;
/// How many tokens either side of a target its sentiment words are read from.
const WINDOW: usize = 14;
/// Smallest aggregate that makes a stance.
const THRESHOLD: f32 = 2.0;

pub(crate) fn infer(
    doc: &Document,
    ents: &Entities,
    quotes: &[Attributed],
) -> (Vec<TopicEntity>, Vec<StanceFinding>) {
    let (topics, topic_at) = find_topics(doc);
    let target_at = |t: usize| -> Option<Target> {
        if let Some(m) = ents.mention_at[t] {
            return Some(Target::Entity(ents.mentions[m].entity));
        }
        topic_at[t].map(Target::Topic)
    };
    let mut scores = Scores::default();
    for (qi, q) in quotes.iter().enumerate() {
        let first = doc.token_at(q.start);
        let end = doc.token_at(q.end);
        // A spokesperson's "our inspections" defends the organisation; a named official's
        // view of their own organisation is not a stance worth reporting.
        let speaker = &ents.list[q.speaker];
        let own_org = if speaker.kind == EntityKind::Person {
            speaker.organisation
        } else {
            Some(q.speaker)
        };
        let speaks_for_org = speaker.unnamed;
        let mut seen_here: Vec<Target> = Vec::new();
        for t in first..end {
            let mut target = target_at(t);
            // "our inspections" in an organisation's voice is about the organisation.
            if target.is_none()
                && speaks_for_org
                && q.kind == QuoteKind::Direct
                && matches!(doc.word(t), "our" | "Our")
            {
                target = own_org.map(Target::Entity);
            }
            let Some(target) = target else { continue };
            let own = target == Target::Entity(q.speaker)
                || (!speaks_for_org && own_org.map(Target::Entity) == Some(target));
            if own || t > first && target_at(t - 1) == Some(target) {
                continue;
            }
            let found = evidence_around(doc, t, first, end, &target_at);
            let entry = scores.entry(q.speaker, target);
            if !seen_here.contains(&target) && found.pos + found.neg > 0.0 {
                seen_here.push(target);
                entry.quotes.push(qi);
            }
            entry.add(&found);
        }
    }
    stance_frames(doc, ents, quotes, &target_at, &mut scores);
    let stances = scores
        .into_sorted()
        .filter_map(|((holder, target), e)| {
            // One sentiment word is not a stance; a stance word or several are.
            if e.stance_words == 0 && e.sentiment_words < 2 {
                return None;
            }
            let (pos, neg) = (e.pos, e.neg);
            let score = pos - neg;
            let polarity =
                if pos >= THRESHOLD && neg >= THRESHOLD && pos.min(neg) >= 0.75 * pos.max(neg) {
                    Polarity::Mixed
                } else if score >= THRESHOLD {
                    Polarity::For
                } else if score <= -THRESHOLD {
                    Polarity::Against
                } else {
                    return None;
                };
            Some(StanceFinding {
                holder,
                target,
                polarity,
                score: (score * 10.0).round() / 10.0,
                evidence: e.quotes,
            })
        })
        .collect();
    (topics, stances)
}

/// Positive and negative evidence about the target at token `t`, from its clause inside
/// `[first, end)`: sentiment words (a negator among the three words before flips one) and
/// stance words in the four words before the target.
fn evidence_around(
    doc: &Document,
    t: usize,
    first: usize,
    end: usize,
    target_at: &dyn Fn(usize) -> Option<Target>,
) -> Evidence {
    let lex = lexicons();
    // The sentence around the target inside the quote (quotes hold several sentences), and
    // no farther than WINDOW words from it.
    let stop = |k: usize| matches!(doc.word(k), "." | "!" | "?" | ";");
    let sentence = doc.sentence_of(t);
    let (lo, hi) = (first.max(sentence.first_token), end.min(sentence.end_token));
    let from = (lo..t)
        .rev()
        .take(WINDOW)
        .find(|&k| stop(k))
        .map_or(t.saturating_sub(WINDOW).max(lo), |k| k + 1);
    let to = (t..hi)
        .take(WINDOW)
        .find(|&k| stop(k))
        .unwrap_or((t + WINDOW).min(hi));
    let mut found = Evidence::default();
    // "if the council cares": a condition states no view.
    // So does a question ("I don't know why X is confident").
    let conditional =
        (from..t).any(|k| matches!(doc.lower(k), "if" | "unless" | "whether" | "why"));
    let (mut stance_words, mut sentiment_words) = (0, 0);
    let mut add = |v: f32, k: usize| {
        let negated = (k.saturating_sub(3).max(from)..k).any(|j| NEGATORS.contains(&doc.lower(j)));
        let v = if conditional {
            0.0
        } else if negated {
            -0.74 * v
        } else {
            v
        };
        found.record(v);
    };
    let own = target_at(t);
    // "support the council's plans": the stance is on the plans, not the council.
    let possessor_of_next = head_after_possessive(doc, t, target_at).is_some();
    for k in from..to {
        if !doc.is_word(k) || (k != t && target_at(k).is_some() && target_at(k) != own) {
            continue;
        }
        let lower = doc.lower(k);
        let before_target = k < t && k + 4 >= t;
        // A stance word speaks of its own object only ("backing a plan to close X").
        match lex.stance_words.get(lower) {
            Some(&sign) if before_target && !possessor_of_next => {
                add(f32::from(sign) * STANCE_WORD_WEIGHT, k);
                stance_words += 1;
            }
            Some(_) => {}
            None => {
                if let Some(&v) = lex.sentiment.get(lower) {
                    add(f32::from(v) / 10.0, k);
                    sentiment_words += 1;
                }
            }
        }
    }
    // The target's last word: "Mayor Jane Smith's", "the parking scheme".
    let mut last = t;
    while last + 1 < to && target_at(last + 1) == own {
        last += 1;
    }
    // "the council has failed", "ministers had broken their pledge": a judgement in the
    // predicate of which the target is the subject says more than a word nearby.
    if let Some(k) = predicate_after(doc, last, to) {
        if let Some(&v) = lex.sentiment.get(doc.lower(k)) {
            if !lex.stance_words.contains_key(doc.lower(k)) {
                add(f32::from(v) / 10.0 * (STANCE_WORD_WEIGHT - 1.0), k);
                stance_words += 1;
            }
        }
    }
    // "called for the minister's resignation": the target is to go.
    if is_possessive(doc.word(last))
        && doc.is_word(last + 1)
        && matches!(
            doc.lower(last + 1),
            "resignation" | "removal" | "sacking" | "dismissal" | "impeachment" | "ouster"
        )
    {
        add(-STANCE_WORD_WEIGHT, last + 1);
        stance_words += 1;
    }
    found.stance_words = stance_words;
    found.sentiment_words = sentiment_words;
    found
}

/// The first word of the predicate after a subject ending at `last`, past auxiliaries,
/// adverbs and negators ("has not", "had simply", "is a"), if it comes before `to`.
fn predicate_after(doc: &Document, last: usize, to: usize) -> Option<usize> {
    let mut k = last + 1;
    let mut auxiliaries = 0;
    while k < to
        && doc.is_word(k)
        && (matches!(
            doc.lower(k),
            "has"
                | "have"
                | "had"
                | "is"
                | "are"
                | "was"
                | "were"
                | "been"
                | "be"
                | "will"
                | "would"
                | "a"
                | "an"
                | "so"
                | "very"
                | "just"
                | "already"
                | "also"
                | "not"
                | "never"
                | "now"
        ) || is_adverb(doc.word(k)))
    {
        k += 1;
        auxiliaries += 1;
    }
    (auxiliaries > 0 && k < to && doc.is_word(k)).then_some(k)
}

/// Stances stated outside quotes: "X backs the plan", "X will criticise the government",
/// "In voicing support for the programme, X …" (the holder being the sentence's speaker).
fn stance_frames(
    doc: &Document,
    ents: &Entities,
    quotes: &[Attributed],
    target_at: &dyn Fn(usize) -> Option<Target>,
    scores: &mut Scores,
) {
    let lex = lexicons();
    for (t, tok) in doc.tokens.iter().enumerate() {
        if tok.quoted || !doc.is_word(t) || doc.zone_of(t) != Zone::Body {
            continue;
        }
        let Some(&sign) = lex.stance_words.get(doc.lower(t)) else {
            continue;
        };
        let sentence = doc.sentence_of(t);
        // The object's head: "backs the council's plans" is about the plans.
        let window = t + 1..(t + 6).min(sentence.end_token);
        let Some((at, mut target)) = window.filter_map(|k| target_at(k).map(|g| (k, g))).next()
        else {
            continue;
        };
        if let Some(head) = head_after_possessive(doc, at, target_at) {
            target = head;
        }
        // The holder: the speaker of a quote in this sentence, else the subject right before.
        let from = quotes
            .partition_point(|q| q.start < sentence.start)
            .saturating_sub(1);
        let quote = (from..quotes.len())
            .take_while(|&i| quotes[i].start < sentence.end)
            .find(|&i| quotes[i].end > sentence.start);
        // "X has long been a fierce opponent of Y": a stance noun's holder is the subject.
        let sentence_subject = || {
            ents.mention_starting_at(sentence.first_token)
                .filter(|m| m.end + 6 > t)
                .map(|m| m.entity)
        };
        let holder = quote
            .map(|q| quotes[q].speaker)
            .or_else(|| subject_before(doc, ents, t, sentence.first_token))
            .or_else(sentence_subject);
        let Some(holder) = holder else { continue };
        if Target::Entity(holder) == target {
            continue;
        }
        let negated = (t.saturating_sub(3).max(sentence.first_token)..t)
            .any(|j| NEGATORS.contains(&doc.lower(j)));
        let v = if negated {
            -f32::from(sign)
        } else {
            f32::from(sign)
        } * STANCE_WORD_WEIGHT;
        let entry = scores.entry(holder, target);
        entry.record(v);
        entry.stance_words += 1;
        if let Some(q) = quote.filter(|q| !entry.quotes.contains(q)) {
            entry.quotes.push(q);
        }
    }
}

/// "the council's new plans": the target that a possessive target modifies, if any.
fn head_after_possessive(
    doc: &Document,
    at: usize,
    target_at: &dyn Fn(usize) -> Option<Target>,
) -> Option<Target> {
    if !is_possessive(doc.word(at)) {
        return None;
    }
    let own = target_at(at);
    (at + 1..at + 4)
        .take_while(|&k| {
            doc.is_word(k)
                && !matches!(
                    doc.word(k),
                    "on" | "of" | "for" | "to" | "in" | "at" | "with" | "by" | "from" | "about"
                )
        })
        .find_map(|k| target_at(k).filter(|&n| Some(n) != own))
}

/// The entity named just before a verb, over auxiliaries and adverbs ("X will strongly").
fn subject_before(doc: &Document, ents: &Entities, verb: usize, floor: usize) -> Option<EntityId> {
    let mut k = verb;
    while k > floor && doc.is_word(k - 1) && {
        let w = doc.word(k - 1);
        matches!(
            w,
            "will"
                | "would"
                | "has"
                | "have"
                | "had"
                | "also"
                | "is"
                | "was"
                | "to"
                | "expected"
                | "set"
        ) || is_adverb(w)
    } {
        k -= 1;
    }
    let m = ents.mention_ending_at(k.checked_sub(1)?)?;
    Some(m.entity)
}

/// Topics by head noun ("the parking scheme", "the government"), with later mentions ("this
/// scheme", "the parking schemes") folded into the topic they refer back to.
fn find_topics(doc: &Document) -> (Vec<TopicEntity>, Vec<Option<usize>>) {
    let lex = lexicons();
    let mut topics: Vec<TopicEntity> = Vec::new();
    let mut topic_at = vec![None; doc.tokens.len()];
    for t in 0..doc.tokens.len() {
        if !doc.is_word(t) || doc.zone_of(t) != Zone::Body {
            continue;
        }
        let word = strip_possessive(doc.word(t));
        let lower = lowercase(word);
        if let Some(&group) = lex.topic_heads.get(&*lower) {
            if word.starts_with(char::is_uppercase) && lower != "government" || used_as_verb(doc, t)
            {
                continue; // part of a name ("Labour Party Conference"), or "we plan to"
            }
            let mut first = t;
            while first > 0 && first + 2 > t && doc.is_word(first - 1) && {
                let m = doc.word(first - 1);
                // "the (new) parking scheme": an -ing noun needs a determiner or adjective before it.
                let after_determiner = first >= 2 && NOT_MODIFIERS.contains(&doc.lower(first - 2));
                is_noun_modifier(m)
                    || m.ends_with("ing") && after_determiner && !lex.stance_words.contains_key(m)
            } {
                first -= 1;
            }
            let modifier = (first < t).then(|| doc.slice(first, t).to_string());
            let name = format!(
                "{}{}",
                modifier
                    .as_deref()
                    .map(|m| format!("{m} "))
                    .unwrap_or_default(),
                singular(&lower)
            );
            let existing = topics.iter().rposition(|tp| {
                tp.name == name
                    || (tp.group == group && (modifier.is_none() || tp.modifier == modifier))
            });
            let id = existing.unwrap_or_else(|| {
                topics.push(TopicEntity {
                    name: name.clone(),
                    aliases: Vec::new(),
                    group,
                    modifier: modifier.clone(),
                });
                topics.len() - 1
            });
            let surface = doc.slice(mention_start(doc, first), t + 1).to_string();
            if surface != topics[id].name && !topics[id].aliases.contains(&surface) {
                topics[id].aliases.push(surface);
            }
            for slot in &mut topic_at[first..=t] {
                *slot = Some(id);
            }
            continue;
        }
        // "the vouchers" after "the voucher scheme": the plural of a topic's modifier.
        let plural_of =
            |m: &str| lower.len() == m.len() + 1 && lower.starts_with(m) && lower.ends_with('s');
        if let Some(id) = topics
            .iter()
            .position(|tp| tp.modifier.as_deref().is_some_and(plural_of))
        {
            if !topics[id].aliases.iter().any(|a| *a == lower) {
                topics[id].aliases.push(lower.into_owned());
            }
            topic_at[t] = Some(id);
        }
    }
    (topics, topic_at)
}

/// "we plan to", "to reform the", "radically reform X": the head word used as a verb.
fn used_as_verb(doc: &Document, t: usize) -> bool {
    let before = if t > 0 && doc.is_word(t - 1) {
        doc.lower(t - 1)
    } else {
        ""
    };
    let after = if doc.is_word(t + 1) {
        doc.word(t + 1)
    } else {
        ""
    };
    // "reform of X", "support for X": a stance noun about what follows, not a topic.
    let stance_noun =
        lexicons().stance_words.contains_key(doc.word(t)) && matches!(after, "of" | "for");
    stance_noun
        || matches!(
            before,
            "we" | "i"
                | "they"
                | "you"
                | "to"
                | "will"
                | "would"
                | "must"
                | "should"
                | "could"
                | "can"
                | "may"
                | "might"
        )
        || before.ends_with("ly")
        || matches!(
            after,
            "the" | "a" | "an" | "our" | "their" | "its" | "his" | "her" | "this"
        )
        || after.starts_with(char::is_uppercase)
}

/// A lower-case word that can modify a topic's head noun ("pay" in "pay offer").
fn is_noun_modifier(word: &str) -> bool {
    let lex = lexicons();
    word.starts_with(char::is_lowercase)
        && !NOT_MODIFIERS.contains(&word)
        && !is_possessive(word)
        && !word.ends_with("ing")
        && !word.ends_with("ed")
        && !word.ends_with("ly")
        && !word.ends_with("ive")
        && !word.ends_with("al")
        && !lex.reporting_verbs.contains_key(word)
        && !lex.stance_words.contains_key(word)
        && !lex.sentiment.contains_key(word)
        && !NEGATORS.contains(&word)
}

/// Where the written mention starts, taking in its determiner ("the new programme").
fn mention_start(doc: &Document, first: usize) -> usize {
    let mut s = first;
    while s > 0
        && s + 3 > first
        && doc.is_word(s - 1)
        && matches!(
            doc.lower(s - 1),
            "the" | "a" | "an" | "this" | "new" | "its" | "their" | "our"
        )
    {
        s -= 1;
    }
    s
}

fn singular(word: &str) -> String {
    match word {
        "plans" | "proposals" | "policies" | "reforms" | "pledges" | "strikes" | "inspections" => {
            word.strip_suffix("ies")
                .map(|w| format!("{w}y"))
                .unwrap_or_else(|| word.trim_end_matches('s').to_string())
        }
        _ => word.to_string(),
    }
}
