//! The one output schema, built once at the edge: ids in order of first mention and every
//! byte offset converted to UTF-16 code units.

use crate::attribution::Attributed;
use crate::document::Document;
use crate::entities::{Entities, EntityKind};
use crate::schema::{Analysis, Organisation, Person, Quote, Span, Stance, Topic};
use crate::sort::sort_pairs;
use crate::stances::{StanceFinding, Target, TopicEntity};

pub(crate) fn build(
    doc: &Document,
    ents: &Entities,
    quotes: &[Attributed],
    topics: &[TopicEntity],
    stances: &[StanceFinding],
) -> Analysis {
    let token_span = |(f, e): (usize, usize)| (doc.tokens[f].start, doc.tokens[e - 1].end);
    let utf16 = Utf16Offsets::new(doc.text);
    let span = |(s, e): (usize, usize)| Span {
        start: utf16.get(s),
        end: utf16.get(e),
    };

    // Entities that are mentioned or speak, in order of first mention. A described speaker
    // ("a spokesperson", "most voters") whose words the analyser did not keep is no one.
    let mut speaks = vec![false; ents.list.len()];
    for q in quotes {
        speaks[q.speaker] = true;
    }
    for s in stances {
        speaks[s.holder] = true;
        if let Target::Entity(id) = s.target {
            speaks[id] = true;
        }
    }
    // Sorted as (first token, index) pairs, with the crate's one sort.
    let mut order: Vec<(usize, usize)> = ents
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !ents.list[m.entity].unnamed || speaks[m.entity])
        .map(|(i, m)| (m.first, i))
        .collect();
    sort_pairs(&mut order);
    let in_order: Vec<_> = order.iter().map(|&(_, i)| ents.mentions[i]).collect();
    let mut first_seen: Vec<(usize, usize)> = Vec::new();
    let mut seen = vec![false; ents.list.len()];
    for m in &in_order {
        if !seen[m.entity] {
            seen[m.entity] = true;
            first_seen.push((doc.tokens[m.first].start, m.entity));
        }
    }
    for q in quotes {
        if !seen[q.speaker] {
            seen[q.speaker] = true;
            first_seen.push((q.start, q.speaker));
        }
    }
    sort_pairs(&mut first_seen);
    let mut ids = vec![String::new(); ents.list.len()];
    let (mut people_n, mut orgs_n) = (0, 0);
    for &(_, id) in &first_seen {
        ids[id] = match ents.list[id].kind {
            EntityKind::Person => {
                people_n += 1;
                format!("p{people_n}")
            }
            EntityKind::Organisation => {
                orgs_n += 1;
                format!("o{orgs_n}")
            }
        };
    }
    let mut mentions: Vec<Vec<Span>> = vec![Vec::new(); ents.list.len()];
    for m in &in_order {
        mentions[m.entity].push(span(token_span((m.first, m.end))));
    }
    let mut mentions_of = |id: usize| std::mem::take(&mut mentions[id]);
    let mut analysis = Analysis::default();
    for &(_, id) in &first_seen {
        let e = &ents.list[id];
        match e.kind {
            EntityKind::Person => analysis.people.push(Person {
                id: ids[id].clone(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                role: e.role.clone(),
                organisation: e
                    .organisation
                    .map(|o| ids[o].clone())
                    .filter(|o| !o.is_empty()),
                unnamed: e.unnamed,
                mentions: mentions_of(id),
            }),
            EntityKind::Organisation => analysis.organisations.push(Organisation {
                id: ids[id].clone(),
                name: e.name.clone(),
                acronym: e.acronym.clone(),
                aliases: e.aliases.clone(),
                kind: e.org_kind.map(str::to_string),
                mentions: mentions_of(id),
            }),
        }
    }
    for (i, q) in quotes.iter().enumerate() {
        analysis.quotes.push(Quote {
            id: format!("q{}", i + 1),
            text: doc.text[q.start..q.end].to_string(),
            kind: q.kind,
            start: utf16.get(q.start),
            end: utf16.get(q.end),
            speaker: ids[q.speaker].clone(),
            source: q.source.map(|s| span(token_span(s))),
            cue: q.cue.map(|c| span(token_span(c))),
        });
    }
    // Topics that some stance is about, numbered in order of first use.
    let mut topic_ids = vec![String::new(); topics.len()];
    for s in stances {
        if let Target::Topic(t) = s.target {
            if topic_ids[t].is_empty() {
                topic_ids[t] = format!("t{}", analysis.topics.len() + 1);
                let topic = &topics[t];
                analysis.topics.push(Topic {
                    id: topic_ids[t].clone(),
                    name: topic.name.clone(),
                    aliases: topic.aliases.clone(),
                });
            }
        }
    }
    for s in stances {
        let target = match s.target {
            Target::Entity(id) => ids[id].clone(),
            Target::Topic(t) => topic_ids[t].clone(),
        };
        if ids[s.holder].is_empty() || target.is_empty() {
            continue;
        }
        analysis.stances.push(Stance {
            holder: ids[s.holder].clone(),
            target,
            polarity: s.polarity,
            score: Some(s.score),
            evidence: s.evidence.iter().map(|q| format!("q{}", q + 1)).collect(),
        });
    }
    analysis
}

/// Byte offsets to UTF-16 offsets: the UTF-16 length of the text before every 64th byte,
/// counted once, and the rest counted on demand (no more than 64 bytes a lookup).
struct Utf16Offsets<'a> {
    text: &'a str,
    /// Per block of 64 bytes: the first character boundary at or after its start, and the
    /// UTF-16 units before that boundary.
    blocks: Vec<(usize, usize)>,
}

impl<'a> Utf16Offsets<'a> {
    const BLOCK: usize = 64;

    fn new(text: &'a str) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / Self::BLOCK + 2);
        let mut units = 0;
        for (i, c) in text.char_indices() {
            while blocks.len() * Self::BLOCK <= i {
                blocks.push((i, units));
            }
            units += c.len_utf16();
        }
        while blocks.len() * Self::BLOCK <= text.len() {
            blocks.push((text.len(), units));
        }
        Utf16Offsets { text, blocks }
    }

    fn get(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let k = byte / Self::BLOCK;
        let (mut from, mut units) = self.blocks[k];
        if from > byte {
            (from, units) = self.blocks[k - 1];
        }
        units + self.text[from..byte].encode_utf16().count()
    }
}
