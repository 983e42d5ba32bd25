//! Where speakers stand.

use crate::attribution::Attributed;
use crate::document::Document;
use crate::entities::{Entities, EntityId};
use crate::schema::Polarity;

pub(crate) struct TopicEntity {
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Entity(EntityId),
    Topic(usize),
}

pub(crate) struct StanceFinding {
    pub holder: EntityId,
    pub target: Target,
    pub polarity: Polarity,
    pub score: f32,
    /// Indexes into the attributed quotes.
    pub evidence: Vec<usize>,
}

pub(crate) fn infer(_doc: &Document, _ents: &Entities, _quotes: &[Attributed]) -> (Vec<TopicEntity>, Vec<StanceFinding>) {
    (Vec::new(), Vec::new())
}
