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
mod stances;
mod zones;

pub use error::Error;
pub use schema::*;

/// Largest input accepted, so that a runaway paste fails clearly instead of exhausting memory.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Analyse one article.
pub fn analyse(text: &str) -> Result<Analysis, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge { bytes: text.len(), limit: MAX_INPUT_BYTES });
    }
    let doc = document::Document::new(text);
    let mut entities = entities::extract(&doc);
    let quotes = attribution::attribute(&doc, &mut entities);
    let (topics, stances) = stances::infer(&doc, &entities, &quotes);
    Ok(output::build(&doc, &entities, &quotes, &topics, &stances))
}

/// Analyse raw bytes, which must be UTF-8.
pub fn analyse_bytes(bytes: &[u8]) -> Result<Analysis, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 { offset: e.valid_up_to() })?;
    analyse(text)
}

#[cfg(target_arch = "wasm32")]
mod wasm;
