//! What the stages know before they read a word — the gazetteers, the
//! entity lexicon built over them and the tagger's model — loaded once per
//! process into one immutable value that runs (and a server's requests)
//! share through an [`Arc`].

use std::sync::Arc;

use isnad_entities::Lexicon;
use isnad_gazetteer::Gazetteer;
use isnad_ner::Tagger;

use crate::PipelineError;

/// The resources every run reads; immutable once loaded.
pub struct Resources {
    /// The gazetteers (countries, places, organisations, name lists).
    pub gazetteer: Arc<Gazetteer>,
    /// What the mention finder and the linker know of names, over the
    /// same gazetteers.
    pub entities: Lexicon,
    /// The tagger, with the model shipped in the binary.
    pub tagger: &'static Tagger,
}

impl Resources {
    /// Loads everything shipped in the binary (about a tenth of a second:
    /// load once, then share the value).
    pub fn load() -> Result<Arc<Resources>, PipelineError> {
        let tagger = Tagger::embedded().map_err(PipelineError::Model)?;
        let gazetteer = isnad_gazetteer::shared();
        Ok(Arc::new(Resources {
            entities: Lexicon::new(Arc::clone(&gazetteer)),
            gazetteer,
            tagger,
        }))
    }
}
