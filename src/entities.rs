//! People and organisations named in the article, and every mention of each: gazetteer
//! bodies, acronyms with their expansions, names ending in an organisation word, people after
//! honorifics, given names or roles, and surnames that refer back to a full name.

use crate::document::{is_possessive, lowercase, strip_possessive, Document};
use crate::lexicon::{is_acronym, lexicons, FastMap, Gender, RoleKind};
use crate::segment::TokenKind;
use crate::zones::Zone;

pub(crate) type EntityId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityKind {
    Person,
    Organisation,
}

#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub kind: EntityKind,
    pub name: String,
    /// Other surface forms seen, in order of first use.
    pub aliases: Vec<String>,
    pub acronym: Option<String>,
    /// For organisations: union, party, regulator, …
    pub org_kind: Option<&'static str>,
    pub gender: Gender,
    pub role: Option<String>,
    pub organisation: Option<EntityId>,
    /// Described, not named ("a Treasury spokesperson").
    pub unnamed: bool,
}

impl Entity {
    pub fn new(kind: EntityKind, name: &str) -> Self {
        Entity {
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            acronym: None,
            org_kind: None,
            gender: Gender::Unknown,
            role: None,
            organisation: None,
            unnamed: false,
        }
    }

    pub fn add_alias(&mut self, alias: &str) {
        if alias != self.name && !self.aliases.iter().any(|a| a == alias) {
            self.aliases.push(alias.to_string());
        }
    }

    fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    /// Token range `[first, end)`.
    pub first: usize,
    pub end: usize,
    pub entity: EntityId,
}

#[derive(Debug, Default)]
pub(crate) struct Entities {
    pub list: Vec<Entity>,
    /// In the order found; never overlapping.
    pub mentions: Vec<Mention>,
    /// For each token, the mention covering it.
    pub mention_at: Vec<Option<usize>>,
    /// Every name, acronym and alias of an organisation.
    org_names: FastMap<String, EntityId>,
}

/// How far back (in tokens) a pronoun or a nominal looks for what it refers to: far enough
/// for any article, and a bound that keeps every lookup linear in the text.
const ANTECEDENT_WINDOW: usize = 3000;

impl Entities {
    pub fn mention_ending_at(&self, t: usize) -> Option<&Mention> {
        self.mention_at
            .get(t)
            .copied()
            .flatten()
            .map(|m| &self.mentions[m])
            .filter(|m| m.end == t + 1)
    }

    pub fn mention_starting_at(&self, t: usize) -> Option<&Mention> {
        self.mention_at
            .get(t)
            .copied()
            .flatten()
            .map(|m| &self.mentions[m])
            .filter(|m| m.first == t)
    }

    /// Mentions starting before token `t`, nearest first, within [`ANTECEDENT_WINDOW`].
    pub fn mentions_before(&self, t: usize) -> impl Iterator<Item = &Mention> {
        (t.saturating_sub(ANTECEDENT_WINDOW)..t.min(self.mention_at.len()))
            .rev()
            .filter_map(|j| self.mention_starting_at(j))
    }

    /// Mentions starting at or after token `t`, nearest first, within [`ANTECEDENT_WINDOW`].
    pub fn mentions_after(&self, t: usize) -> impl Iterator<Item = &Mention> {
        (t..(t + ANTECEDENT_WINDOW).min(self.mention_at.len()))
            .filter_map(|j| self.mention_starting_at(j))
    }

    pub fn is_org(&self, id: EntityId) -> bool {
        self.list[id].kind == EntityKind::Organisation
    }

    pub fn add(&mut self, entity: Entity) -> EntityId {
        self.list.push(entity);
        let id = self.list.len() - 1;
        if self.list[id].kind == EntityKind::Organisation {
            self.org_names.insert(self.list[id].name.clone(), id);
        }
        id
    }

    /// Records a mention unless one already covers any of its tokens.
    pub fn add_mention(&mut self, first: usize, end: usize, entity: EntityId) -> bool {
        if self.mention_at[first..end].iter().any(Option::is_some) {
            return false;
        }
        let index = self.mentions.len();
        self.mentions.push(Mention { first, end, entity });
        for slot in &mut self.mention_at[first..end] {
            *slot = Some(index);
        }
        true
    }

    /// The organisation called `name` (by name, alias or acronym), if known.
    pub fn find_org(&self, name: &str) -> Option<EntityId> {
        self.org_names.get(name).copied()
    }

    /// Another name, alias or the acronym of organisation `id`.
    fn name_org(&mut self, id: EntityId, name: &str, acronym: bool) {
        let e = &mut self.list[id];
        if acronym {
            e.acronym = Some(name.to_string());
        } else {
            e.add_alias(name);
        }
        self.org_names.entry(name.to_string()).or_insert(id);
    }
}

/// A role title (token range) and the organisation it is held at, from an apposition.
type Affiliation = (Option<(usize, usize)>, Option<EntityId>);

/// Capitalised words that start sentences or headings but never names.
const NOT_NAME_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "With",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "However",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Speaking",
    "Addressing",
    "According",
    "Meanwhile",
    "Also",
    "Now",
    "Then",
    "There",
    "Here",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Read",
    "More",
    "Opinion",
    "Analysis",
    "Comment",
    "Inspection",
    "Labour",
    "Conservative",
    "Government",
    "Minister",
    "Secretary",
    "Chief",
    "General",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Street",
    "Road",
    "North",
    "South",
    "East",
    "West",
    "England",
    "Britain",
    "Scotland",
    "Wales",
    "London",
    "Christmas",
    "Easter",
    "County",
    "City",
    "Town",
    "Village",
    "Avenue",
    "Square",
    "Park",
    "River",
    "Island",
    "Bay",
    "Valley",
    "Station",
    "Airport",
    "State",
    "Province",
    "God",
    "Covid",
    "Brexit",
    "Twitter",
    "Facebook",
    "Instagram",
];

/// Months that are also surnames.
/// Words that end a place's name: "Prince Oswin County" names no prince.
const PLACE_HEADS: &[&str] = &[
    "County", "Island", "Street", "Road", "Avenue", "Square", "Park", "Bridge", "Bay", "River",
    "Station", "Airport", "Hospital",
];

const MONTH_SURNAMES: &[&str] = &["May", "June", "April", "August", "March"];

/// All-capital words that are not organisations.
const NOT_ACRONYMS: &[&str] = &[
    "UK", "US", "USA", "GB", "EU", "CEO", "CEOs", "MP", "PM", "AM", "TV", "OK", "GCSE", "GCSEs",
    "COVID", "PR", "HR", "IT", "ID", "DNA", "AI", "PhD", "NB", "PS", "FAQ", "VAT", "GDP", "SEN",
    "SEND", "PE", "RE", "ICT", "STEM", "OBE", "MBE", "CBE", "KC", "QC", "LGBT", "LGBTQ", "BAME",
    "FOI", "BST", "GMT", "UTC", "CV", "PDF", "URL", "SMS", "NFT", "DIY", "SATS", "SATs", "BTEC",
    "RAAC", "MAT", "MATs", "ITT", "ECT", "ECTs", "CPD", "SLT", "TA", "TAs", "II", "III", "IV",
    "VI", "ASAP", "FYI", "RIP", "AD", "BC", "CEST", "EST", "PST", "NI", "USD", "GBP", "EUR",
];

pub(crate) fn extract(doc: &Document) -> Entities {
    let mut ents = Entities {
        mention_at: vec![None; doc.tokens.len()],
        ..Default::default()
    };
    let mut finder = Finder {
        doc,
        ents: &mut ents,
        by_surname: FastMap::default(),
    };
    finder.bodies_and_acronyms();
    finder.named_organisations();
    finder.people();
    finder.surnames();
    finder.roles_and_affiliations();
    ents
}

struct Finder<'d, 'a> {
    doc: &'d Document<'a>,
    ents: &'d mut Entities,
    /// People by surname, in order of first mention.
    by_surname: FastMap<String, Vec<EntityId>>,
}

impl Finder<'_, '_> {
    fn text_zone(&self, t: usize) -> bool {
        matches!(self.doc.zone_of(t), Zone::Body | Zone::Heading)
    }

    fn free(&self, t: usize) -> bool {
        self.ents.mention_at.get(t).is_some_and(Option::is_none)
    }

    fn org(&mut self, name: &str, kind: Option<&'static str>) -> EntityId {
        if let Some(id) = self.ents.find_org(name) {
            return id;
        }
        let mut e = Entity::new(EntityKind::Organisation, name);
        e.org_kind = kind;
        self.ents.add(e)
    }

    /// Gazetteer names (longest first) and acronyms, with "Expansion (ACR)" definitions.
    fn bodies_and_acronyms(&mut self) {
        let doc = self.doc;
        let lex = lexicons();
        let by_first = &lex.bodies_by_first_word;
        let mut t = 0;
        while t < doc.tokens.len() {
            if !doc.is_word(t) || !self.text_zone(t) || !self.free(t) {
                t += 1;
                continue;
            }
            if let Some(len) = self.acronym_definition(t) {
                t += len;
                continue;
            }
            let word = doc.word(t);
            let candidates = by_first
                .get(word)
                .or_else(|| by_first.get(strip_possessive(word)));
            let matched = candidates.and_then(|list| {
                list.iter().find_map(|(words, canonical)| {
                    self.match_words(t, words).map(|end| (end, *canonical))
                })
            });
            // "Northern Democratic Party" is not the "Democratic Party".
            let longer_name = |end: usize| {
                t > 0
                    && self.org_word(t - 1, t)
                    && head_kind(strip_possessive(doc.word(end - 1))).is_some()
            };
            if let Some((end, canonical)) = matched.filter(|&(end, _)| !longer_name(end)) {
                let body = &lex.bodies[lex.body_names[canonical]];
                let id = self.org(body.name, Some(body.kind));
                for n in &body.other_names {
                    self.ents.name_org(id, n, false);
                }
                if let Some(acronym) = body.acronym {
                    self.ents.name_org(id, acronym, true);
                }
                self.ents.add_mention(t, end, id);
                t = end;
                continue;
            }
            let dateline = doc.paras[doc.para_of(t)].start == doc.tokens[t].start;
            if is_acronym(word)
                && word.len() <= 5
                && !dateline
                && !NOT_ACRONYMS.contains(&word)
                && !doc.tokens[t].quoted
            {
                let id = self.org(word, None);
                self.ents.add_mention(t, t + 1, id);
            }
            t += 1;
        }
    }

    /// Matches the words of a name at token `t`, allowing a possessive on the last word.
    fn match_words(&self, t: usize, words: &[&str]) -> Option<usize> {
        let doc = self.doc;
        let mut i = t;
        for (k, w) in words.iter().enumerate() {
            while i < doc.tokens.len()
                && doc.tokens[i].kind != TokenKind::Word
                && doc.word(i) == ","
            {
                i += 1;
            }
            if i >= doc.tokens.len() || !doc.is_word(i) {
                return None;
            }
            let got = doc.word(i);
            let last = k + 1 == words.len();
            if got != *w && !(last && strip_possessive(got) == *w) {
                return None;
            }
            i += 1;
        }
        // "Labour" in "Labour Party" is a match for the longer name only.
        Some(i)
    }

    /// "Confederation of School Trusts (CST)": records the expansion with its acronym and
    /// returns the tokens it covers.
    fn acronym_definition(&mut self, t: usize) -> Option<usize> {
        let doc = self.doc;
        if !doc.is_capitalised(t) || NOT_NAME_WORDS.contains(&doc.word(t)) && doc.word(t) != "The" {
            return None;
        }
        // Find "(" within the next few words.
        let mut open = t;
        while open < doc.tokens.len() && open < t + 10 && doc.is_word(open) {
            open += 1;
        }
        if !doc.is(open, "(") || !doc.is(open + 2, ")") || !is_acronym(doc.word(open + 1)) {
            return None;
        }
        let acronym = doc.word(open + 1);
        let letters: String = acronym.chars().filter(char::is_ascii_uppercase).collect();
        // The shortest run of capitalised words ending at the bracket whose initials spell it.
        let mut start = open;
        let mut initials = String::new();
        while start > t {
            start -= 1;
            let w = doc.word(start);
            if w.starts_with(char::is_uppercase) {
                initials.insert(0, w.chars().next().unwrap_or(' '));
                if initials == letters {
                    break;
                }
            } else if !matches!(w, "of" | "for" | "and" | "the" | "in" | "on" | "&") {
                return None;
            }
        }
        if initials != letters {
            return None;
        }
        let name = doc.slice(start, open);
        let known = lexicons()
            .body_names
            .get(name)
            .map(|&b| &lexicons().bodies[b]);
        let id = match known {
            Some(body) => self.org(body.name, Some(body.kind)),
            None => {
                let kind = head_kind(doc.word(open - 1)).or_else(|| head_kind_of_phrase(name));
                self.org(name, kind)
            }
        };
        self.ents.name_org(id, acronym, true);
        self.ents.name_org(id, name, false);
        self.ents.add_mention(start, open, id);
        self.ents.add_mention(open + 1, open + 2, id);
        Some(open + 3 - t)
    }

    /// "Harbourside Audit Office", "Association of Coastal Ferry Operators", "Skippers'
    /// Roundtable": capitalised words around an organisation head word.
    fn named_organisations(&mut self) {
        let doc = self.doc;
        let mut t = 0;
        while t < doc.tokens.len() {
            if !(doc.is_capitalised(t) && self.free(t) && self.text_zone(t))
                || head_kind(doc.word(t)).is_none()
            {
                t += 1;
                continue;
            }
            // Extend left over capitalised words (and a plural possessive "Headteachers’").
            let mut start = t;
            loop {
                if start >= 1 && self.org_word(start - 1, t) {
                    start -= 1;
                } else if start >= 2
                    && matches!(doc.word(start - 1), "’" | "'")
                    && self.org_word(start - 2, t)
                {
                    start -= 2;
                } else {
                    break;
                }
            }
            // Extend right over "of/for ... Capitalised" tails.
            let mut end = t + 1;
            loop {
                let mut k = end;
                while doc.is_word(k)
                    && matches!(
                        doc.word(k),
                        "of" | "for" | "and" | "in" | "on" | "&" | "the"
                    )
                {
                    k += 1;
                }
                if k > end && self.org_word(k, t) {
                    end = k + 1;
                    while self.org_word(end, t) {
                        end += 1;
                    }
                } else if k == end && self.org_word(end, t) && head_kind(doc.word(end)).is_some() {
                    // "Trades Union Congress"; but not "Example Party Chairman Jane Smith".
                    end += 1;
                } else {
                    break;
                }
            }
            let words = (start..end).filter(|&k| doc.is_word(k)).count();
            // "Okafor v. Board of Trustees": a party to a court case, named as the case.
            let case = start >= 1
                && (doc.is(start - 1, ".")
                    && start >= 2
                    && matches!(doc.word(start - 2), "v" | "vs")
                    || matches!(doc.word(start - 1), "v" | "vs"));
            if words >= 2 && !case {
                let name = doc.slice(start, end);
                let name = strip_possessive(name);
                let head = (start..end)
                    .rev()
                    .find_map(|k| head_kind(strip_possessive(doc.word(k))));
                let id = self.org(name, head);
                self.ents.add_mention(start, end, id);
            }
            t = end;
        }
        // "the Northmoor school district": a place's district, named in lower case.
        for t in 2..doc.tokens.len() {
            if !(doc.is(t, "district") && doc.is(t - 1, "school") && self.org_word(t - 2, t - 2)) {
                continue;
            }
            let mut start = t - 2;
            while start >= 1 && self.org_word(start - 1, t - 2) {
                start -= 1;
            }
            let id = self.org(doc.slice(start, t + 1), Some("education"));
            self.ents.add_mention(start, t + 1, id);
        }
    }

    /// A capitalised word that can be part of a name.
    fn name_word(&self, t: usize) -> bool {
        let doc = self.doc;
        doc.is_capitalised(t)
            && self.free(t)
            && !NOT_NAME_WORDS.contains(&doc.word(t))
            && !lexicons().honorifics.contains_key(doc.word(t))
            && !is_person_role(doc.word(t))
    }

    /// A word that can continue the organisation name at `from` (same sentence).
    fn org_word(&self, t: usize, from: usize) -> bool {
        let doc = self.doc;
        t < doc.tokens.len()
            && doc.tokens[t].sentence == doc.tokens[from].sentence
            && doc.is_capitalised(t)
            && self.free(t)
            && !NOT_NAME_WORDS.contains(&doc.word(t))
    }

    /// Capitalised words from `t` that can form a person's name (at most three).
    fn name_run(&self, t: usize) -> usize {
        let doc = self.doc;
        let mut end = t;
        // Leading initials: "J.J. Example", "R. Jane Example".
        while end < t + 4
            && self.free(end)
            && doc.is_capitalised(end)
            && doc.word(end).len() == 1
            && doc.is(end + 1, ".")
        {
            end += 2;
        }
        // A nickname in quote marks: "Jane “JJ” Smith", "J.R. “Rusty” Smith".
        let nickname = |j: usize| {
            let mark = |k: usize| {
                doc.tokens
                    .get(k)
                    .is_some_and(|tk| tk.kind == TokenKind::QuoteMark)
            };
            (j > t && mark(j) && doc.is_capitalised(j + 1) && mark(j + 2) && self.name_word(j + 3))
                .then_some(j + 3)
        };
        if let Some(after) = nickname(end) {
            end = after;
        }
        if end > t && !self.name_word(end) {
            return 0;
        }
        let lead = end - t;
        while end < t + lead + 5
            && self.name_word(end)
            && !is_acronym(doc.word(end))
            && head_kind(doc.word(end)).is_none()
        {
            end += 1;
            if is_possessive(doc.word(end - 1)) {
                break;
            }
            if let Some(after) = nickname(end) {
                end = after;
                continue;
            }
            // A middle initial: "Jane Q. Smith".
            let initial = doc.is_word(end)
                && doc.word(end).len() == 1
                && doc.word(end).starts_with(char::is_uppercase);
            if !initial || !doc.is(end + 1, ".") || !self.name_word(end + 2) {
                continue;
            }
            end += 2;
        }
        end - t
    }

    fn people(&mut self) {
        let doc = self.doc;
        let lex = lexicons();
        // Capitalised pairs not yet shown to be names.
        let mut unproven = Vec::new();
        let mut t = 0;
        while t < doc.tokens.len() {
            if !doc.is_word(t) || !self.free(t) || doc.zone_of(t) != Zone::Body {
                t += 1;
                continue;
            }
            let word = doc.word(t);
            // Honorific + name.
            if let Some(h) = lex.honorifics.get(word) {
                let after = if doc.is(t + 1, ".") { t + 2 } else { t + 1 };
                let len = self.name_run(after);
                let full = len >= 2 || (len == 1 && lex.first_names.contains_key(doc.word(after)));
                // "Prince Oswin County", "St John Street": a place named after a person.
                let place =
                    doc.is_word(after + len) && PLACE_HEADS.contains(&doc.word(after + len));
                if len >= 1 && (!h.title || full) && !place {
                    self.person(t, after, after + len, h.gender);
                    t = after + len;
                    continue;
                }
            }
            // "Jane May": a month is a surname after a given name.
            let len = if lex.first_names.contains_key(word)
                && self.free(t + 1)
                && doc.is_word(t + 1)
                && MONTH_SURNAMES.contains(&doc.word(t + 1))
            {
                2
            } else {
                self.name_run(t)
            };
            if len >= 2 {
                let given = lex.first_names.get(word).copied();
                let by_context =
                    given.is_some() || self.role_before(t) || self.named_by_context(t, t + len);
                if by_context {
                    self.person(t, t, t + len, given.unwrap_or(Gender::Unknown));
                    t += len;
                    continue;
                }
                unproven.push((t, t + len));
            }
            t += 1;
        }
        // "Ana Quill took office in May. … Quill said": a name whose last word later speaks
        // alone is a person's.
        // Each word that speaks alone, to where it does.
        let speaking: FastMap<&str, usize> = (0..doc.tokens.len())
            .filter(|&k| {
                self.free(k)
                    && doc.is_capitalised(k)
                    && !self.name_word_before(k)
                    && (self.speaks_at(k) || self.named_by_context(k, k + 1))
            })
            .map(|k| (strip_possessive(doc.word(k)), k))
            .collect();
        for (first, end) in unproven {
            if (first..end).all(|k| self.free(k)) && speaking.contains_key(doc.word(end - 1)) {
                self.person(first, first, end, Gender::Unknown);
            }
        }
    }

    /// Whether token `k` is directly followed by a reporting verb, or follows one.
    fn speaks_at(&self, k: usize) -> bool {
        let verbs = &lexicons().reporting_verbs;
        let doc = self.doc;
        doc.is_word(k + 1) && verbs.contains_key(doc.word(k + 1))
            || k > 0 && doc.is_word(k - 1) && verbs.contains_key(doc.word(k - 1))
    }

    fn name_word_before(&self, k: usize) -> bool {
        k > 0 && self.name_word(k - 1)
    }

    /// "general secretary Jane Smith", "headteacher Jane Smith", "the minister, Jane Smith",
    /// "Prime Minister Jane Smith".
    fn role_before(&self, t: usize) -> bool {
        let doc = self.doc;
        let before = if t >= 2 && doc.is(t - 1, ",") {
            t - 2
        } else {
            t.wrapping_sub(1)
        };
        let word = if before < doc.tokens.len() {
            doc.word(before)
        } else {
            ""
        };
        // A capitalised title, not an acronym: "CEO Leadership Summit" names no one.
        let title = t > 0 && before == t - 1 && word.chars().skip(1).any(char::is_lowercase);
        (word.starts_with(char::is_lowercase) || title) && is_person_role(word)
    }

    /// A name followed by a reporting verb, or by ", a/the … role".
    fn named_by_context(&self, first: usize, end: usize) -> bool {
        let doc = self.doc;
        let lex = lexicons();
        let said_before = first >= 1
            && doc.is_word(first - 1)
            && (lex.reporting_verbs.contains_key(doc.word(first - 1))
                || first >= 2 && doc.is(first - 1, "to") && doc.is_lower(first - 2, "according"));
        let mut k = end;
        // "Jane Smith, 34, a teacher": past an age.
        if doc.is(k, ",")
            && doc.is(k + 2, ",")
            && doc.word(k + 1).bytes().all(|b| b.is_ascii_digit())
        {
            k += 2;
        }
        if doc.is(k, ",") {
            k += 1;
            // "Jane Smith, the former Example-Tech CEO": a hyphen joins words of the phrase.
            let role_follows = (k..(k + 7).min(doc.tokens.len()))
                .take_while(|&j| doc.is_word(j) || doc.is(j, "-"))
                .any(|j| is_person_role(doc.word(j)));
            // ", questioning …" hangs off the sentence's subject, not off this name.
            // "a student from Leeds City, said": a place ends the description of a speaker.
            let place = first >= 1 && matches!(doc.word(first - 1), "from" | "in" | "at");
            let said_after = doc.is_word(k)
                && !doc.word(k).ends_with("ing")
                && lex.reporting_verbs.contains_key(doc.word(k))
                && !place;
            return said_before || role_follows || said_after;
        }
        // "Jane Smith of the Example Institute says"
        if doc.is(k, "of") || doc.is(k, "from") {
            let verb = (k + 1..(k + 9).min(doc.tokens.len()))
                .take_while(|&j| doc.is_word(j))
                .find(|&j| lex.reporting_verbs.contains_key(doc.word(j)));
            if verb.is_some_and(|v| (k + 1..v).any(|j| doc.is_capitalised(j))) {
                return true;
            }
        }
        let said_after = doc.is_word(k) && lex.reporting_verbs.contains_key(doc.word(k));
        // "quoted Jane Smith as saying"
        let quoted_as = doc.is(k, "as")
            && doc.is_word(k + 1)
            && lex.reporting_verbs.contains_key(doc.word(k + 1));
        said_after || said_before || quoted_as
    }

    /// Records a person named by tokens `[name_first, end)`, mentioned from `first`.
    fn person(&mut self, first: usize, name_first: usize, end: usize, gender: Gender) {
        let doc = self.doc;
        let name = strip_possessive(doc.slice(name_first, end)).to_string();
        let surface = strip_possessive(doc.slice(first, end)).to_string();
        let surname = name.rsplit(' ').next().unwrap_or(&name).to_string();
        let gender = if gender == Gender::Unknown {
            lexicons()
                .first_names
                .get(doc.word(name_first))
                .copied()
                .unwrap_or(Gender::Unknown)
        } else {
            gender
        };
        // The same person: the same full name, or one of the two is the other's surname.
        let list = &self.ents.list;
        let existing = self.by_surname.get(&surname).and_then(|ids| {
            ids.iter().rev().copied().find(|&id| {
                let e = &list[id];
                e.name == name || !e.name.contains(' ') || !name.contains(' ')
            })
        });
        let id = match existing {
            Some(id) => {
                let e = &mut self.ents.list[id];
                if name.split(' ').count() > e.name.split(' ').count() {
                    let old = std::mem::replace(&mut e.name, name.clone());
                    e.add_alias(&old);
                }
                id
            }
            None => {
                let mut e = Entity::new(EntityKind::Person, &name);
                e.gender = gender;
                let id = self.ents.add(e);
                self.by_surname.entry(surname).or_default().push(id);
                id
            }
        };
        let e = &mut self.ents.list[id];
        if e.gender == Gender::Unknown {
            e.gender = gender;
        }
        e.add_alias(&surface);
        self.ents.add_mention(first, end, id);
    }

    /// A surname alone refers back to the last person mentioned with that surname.
    fn surnames(&mut self) {
        let doc = self.doc;
        let mut last_mentioned: FastMap<String, EntityId> = FastMap::default();
        for t in 0..doc.tokens.len() {
            if let Some(m) = self.ents.mention_starting_at(t) {
                let e = &self.ents.list[m.entity];
                if e.kind == EntityKind::Person {
                    last_mentioned.insert(e.surname().to_string(), m.entity);
                }
                continue;
            }
            if !doc.is_capitalised(t) || !self.free(t) || doc.zone_of(t) != Zone::Body {
                continue;
            }
            let word = strip_possessive(doc.word(t));
            let person = last_mentioned.get(word).copied().or_else(|| {
                self.by_surname
                    .get(word)
                    .and_then(|ids| ids.first().copied())
            });
            if let Some(id) = person {
                self.ents.add_mention(t, t + 1, id);
                last_mentioned.insert(word.to_string(), id);
            }
        }
    }

    /// Roles and organisations in appositions: "Jane Smith, general secretary of the Example
    /// Union,", "Example Union general secretary Jane Smith", "The chief executive of the
    /// Example Trust, Jane Smith,".
    fn roles_and_affiliations(&mut self) {
        let doc = self.doc;
        for m in self.ents.mentions.clone() {
            if self.ents.is_org(m.entity) {
                continue;
            }
            let (role, org) = self
                .apposition_after(m.end)
                .or_else(|| self.role_before_name(m.first))
                .unwrap_or((None, None));
            let e = &mut self.ents.list[m.entity];
            if e.role.is_none() {
                e.role = role.map(|r| doc.slice(r.0, r.1).to_string());
            }
            if e.organisation.is_none() {
                e.organisation = org;
            }
        }
    }

    /// ", [the] joint general secretary of the Example Union," after a name.
    fn apposition_after(&self, end: usize) -> Option<Affiliation> {
        let doc = self.doc;
        if !doc.is(end, ",") {
            return None;
        }
        let mut k = end + 1;
        if doc.is_word(k) && matches!(doc.word(k), "the" | "a" | "an") {
            k += 1;
        }
        let role = self.role_words(k)?;
        let mut j = role.1;
        let mut org = None;
        if doc.is_word(j) && matches!(doc.word(j), "of" | "at" | "for") {
            j += 1;
            if doc.is(j, "the") {
                j += 1;
            }
            org = self
                .ents
                .mention_starting_at(j)
                .map(|m| m.entity)
                .filter(|&id| self.ents.is_org(id));
        }
        Some((Some(role), org))
    }

    /// "Example Union general secretary Jane Smith", "Chief Inspector Jane Smith", "the chief
    /// executive of the Example Trust (ET), Jane Smith".
    fn role_before_name(&self, first: usize) -> Option<Affiliation> {
        let doc = self.doc;
        let sentence_start = doc
            .tokens
            .get(first)
            .map(|t| doc.sentences[t.sentence].first_token)?;
        let mut end = first;
        if end > sentence_start && doc.is(end - 1, ",") {
            end -= 1;
            // Skip back over "of the Example Trust (ET)" to the role.
            let mut k = end;
            let mut org = None;
            while k > sentence_start && k + 12 > end {
                k -= 1;
                if let Some(m) = self.ents.mention_ending_at(k) {
                    if self.ents.is_org(m.entity) && org.is_none() {
                        org = Some(m.entity);
                    }
                }
                if doc.is_word(k) && is_person_role(doc.word(k)) {
                    let mut s = k;
                    while s > sentence_start && doc.is_word(s - 1) && is_role_word(doc.word(s - 1))
                    {
                        s -= 1;
                    }
                    return Some((Some((s, k + 1)), org));
                }
            }
            return None;
        }
        // "Home Secretary Jane Smith": a title that opened the mention belongs to the role.
        if lexicons()
            .honorifics
            .get(doc.word(end))
            .is_some_and(|h| h.title)
        {
            end += 1;
        }
        let mut s = end;
        while s > sentence_start && doc.is_word(s - 1) && is_role_word(doc.word(s - 1)) {
            s -= 1;
        }
        if s == end || !(s..end).any(|k| is_person_role(doc.word(k))) {
            return None;
        }
        let org = s
            .checked_sub(1)
            .and_then(|k| self.ents.mention_ending_at(k))
            .map(|m| m.entity)
            .filter(|&id| self.ents.is_org(id));
        Some((Some((s, end)), org))
    }

    /// A run of lower-case words ending in a role noun: "joint general secretary".
    fn role_words(&self, from: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        let mut end = from;
        let mut last_role = None;
        while end < from + 5 && doc.is_word(end) && is_role_word(doc.word(end)) {
            if is_person_role(doc.word(end)) {
                last_role = Some(end + 1);
            }
            end += 1;
        }
        last_role.map(|e| (from, e))
    }
}

/// The organisation kind a head word ends ("Union" → union).
pub(crate) fn head_kind(word: &str) -> Option<&'static str> {
    lexicons().org_heads.get(word).copied()
}

fn head_kind_of_phrase(name: &str) -> Option<&'static str> {
    name.split(' ').find_map(head_kind)
}

/// A noun naming a person's role ("secretary", "Inspector", "spokesperson").
pub(crate) fn is_person_role(word: &str) -> bool {
    let lex = lexicons();
    let lower = lowercase(word);
    matches!(
        lex.roles.get(&*lower).or_else(|| lex.roles.get(word)),
        Some(RoleKind::Person)
    )
}

/// A word that can stand in a role title: a role noun, or a lower-case modifier
/// ("joint general secretary", "education secretary", "Chief Inspector").
fn is_role_word(word: &str) -> bool {
    is_person_role(word)
        || (word.starts_with(char::is_lowercase)
            && !matches!(
                word,
                "the"
                    | "a"
                    | "an"
                    | "of"
                    | "and"
                    | "said"
                    | "says"
                    | "in"
                    | "at"
                    | "for"
                    | "to"
                    | "by"
                    | "with"
                    | "on"
                    | "new"
                    // "she met Mayor X", "he opposed Prime Minister Y": the verb before a title.
                    | "met"
                    | "visited"
                    | "joined"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
            )
            && !lexicons().reporting_verbs.contains_key(word)
            && !lexicons().stance_words.contains_key(word))
        || matches!(
            word,
            "Chief"
                | "General"
                | "Deputy"
                | "Executive"
                | "Education"
                | "Health"
                | "Home"
                | "Foreign"
                | "Prime"
                | "Shadow"
        )
}
