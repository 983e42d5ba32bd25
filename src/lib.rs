//! voices: who speaks in a news article, for which organisation, what they said and where
//! they stand. Rules and small lexicons only; deterministic; every pass is linear.

mod attribution;
mod document;
mod entities;
mod error;
mod lexicon;
mod output;
mod quotes;
pub mod schema;
mod segment;
mod sort;
mod stances;
mod zones;

pub use error::Error;
pub use schema::*;

/// Largest input accepted, so that a runaway paste fails clearly instead of exhausting memory.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// What the analyser reports beyond its defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Also report speech acts whose content is a noun phrase or an infinitive ("announced
    /// a review of fares", "vowed to resign", "talked about the strike"), as attribution
    /// corpora such as PolNeAR annotate them. Off by default: a quote is said words, in a
    /// quotation or a reported clause.
    pub speech_acts: bool,
}

/// Analyse one article.
pub fn analyse(text: &str) -> Result<Analysis, Error> {
    analyse_with(text, &Options::default())
}

/// Analyse one article with [`Options`].
pub fn analyse_with(text: &str, options: &Options) -> Result<Analysis, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge {
            bytes: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let doc = document::Document::new(text);
    let mut entities = entities::extract(&doc);
    let quotes = attribution::attribute(&doc, &mut entities, options);
    let (topics, stances) = stances::infer(&doc, &entities, &quotes);
    Ok(output::build(&doc, &entities, &quotes, &topics, &stances))
}

/// Analyse raw bytes, which must be UTF-8.
pub fn analyse_bytes(bytes: &[u8]) -> Result<Analysis, Error> {
    analyse_bytes_with(bytes, &Options::default())
}

/// Analyse raw bytes, which must be UTF-8, with [`Options`].
pub fn analyse_bytes_with(bytes: &[u8], options: &Options) -> Result<Analysis, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    analyse_with(text, options)
}

#[cfg(target_arch = "wasm32")]
mod wasm;

/// Every data file carries examples: `+ sentence` must yield a quote (with `=> N quotes`,
/// exactly N; with `=> polarity target`, that stance) and `- sentence` must yield none.
/// `\n` in an example is a line break.
#[cfg(test)]
mod rule_examples {
    #[test]
    fn every_data_file_example_holds() {
        let files = [
            ("reporting_verbs", include_str!("data/reporting_verbs.txt")),
            ("honorifics", include_str!("data/honorifics.txt")),
            ("roles", include_str!("data/roles.txt")),
            ("org_heads", include_str!("data/org_heads.txt")),
            ("bodies", include_str!("data/bodies.txt")),
            ("first_names", include_str!("data/first_names.txt")),
            ("stance_verbs", include_str!("data/stance_verbs.txt")),
            ("topics", include_str!("data/topics.txt")),
        ];
        let mut failures = Vec::new();
        let mut checked = 0;
        for (file, data) in files {
            for line in data.lines() {
                let (must_fire, example) = match line.split_at_checked(2) {
                    Some(("+ ", rest)) => (true, rest),
                    Some(("- ", rest)) => (false, rest),
                    _ => continue,
                };
                checked += 1;
                let (text, stance) = match example.split_once(" => ") {
                    Some((text, stance)) => (text, Some(stance)),
                    None => (example, None),
                };
                let text = text.replace("\\n", "\n");
                let a = crate::analyse(&text).expect("examples are small");
                let quote_count = stance
                    .and_then(|s| s.strip_suffix(" quotes"))
                    .and_then(|n| n.parse().ok());
                let ok = match (must_fire, stance) {
                    (true, None) => !a.quotes.is_empty(),
                    (true, Some(_)) if quote_count.is_some() => Some(a.quotes.len()) == quote_count,
                    (true, Some(want)) => {
                        let (polarity, target) = want.split_once(' ').unwrap_or((want, ""));
                        a.stances.iter().any(|s| {
                            let name = a
                                .organisations
                                .iter()
                                .map(|o| (&o.id, &o.name))
                                .chain(a.people.iter().map(|p| (&p.id, &p.name)))
                                .chain(a.topics.iter().map(|t| (&t.id, &t.name)))
                                .find(|(id, _)| **id == s.target)
                                .map(|(_, n)| n.as_str());
                            serde_json::to_value(s.polarity).unwrap() == polarity
                                && name == Some(target)
                        })
                    }
                    // In the stance files a counter-example states no stance; elsewhere no quote.
                    (false, _) if matches!(file, "stance_verbs" | "topics") => a.stances.is_empty(),
                    (false, _) => a.quotes.is_empty(),
                };
                if !ok {
                    failures.push(format!(
                        "{file}: {line}\n  got quotes {:?}\n  stances {:?}",
                        a.quotes.iter().map(|q| &q.text).collect::<Vec<_>>(),
                        a.stances
                    ));
                }
            }
        }
        assert!(checked >= 16, "only {checked} examples found");
        assert!(
            failures.is_empty(),
            "{} example(s) fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
