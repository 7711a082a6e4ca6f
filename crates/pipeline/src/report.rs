//! What a run did, as plain data for whoever presents it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use isnad_ingest::Document;
use isnad_ledger::{EntityType, Kind, Status};
use isnad_store::{Added, EntityRow, Store};

use crate::PipelineError;

/// Entities named in [`EntitySummary::most_mentioned`].
pub const MOST_MENTIONED: usize = 8;

/// Lines of [`RunReport::story`].
pub const STORY_LINES: usize = 10;

/// What a run did.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// Files read.
    pub files: usize,
    /// One per document read, in input order.
    pub documents: Vec<DocumentOutcome>,
    /// Inputs (or articles of them) that could not be read: (path, what is wrong).
    pub errors: Vec<(PathBuf, String)>,
    /// The store written.
    pub store: PathBuf,
    /// Documents in the store after the run.
    pub stored_documents: i64,
    /// The linked entities of the store.
    pub entities: EntitySummary,
    /// The facts of the store.
    pub facts: FactSummary,
    /// The clusters of the store.
    pub clusters: ClusterSummary,
    /// The stories of the store.
    pub stories: StorySummary,
    /// The happenings several sources report, in date order, each with every
    /// source's figure (at most [`STORY_LINES`] lines); empty when the
    /// pipeline was told not to tell it ([`crate::Pipeline::set_story`]).
    pub story: Vec<String>,
    /// What bringing the search index in step did: `None` when it was in
    /// step already, or could not be brought in step (then
    /// [`crate::Progress::warned`] said why; the store is fine).
    pub search_index: Option<isnad_search::SyncReport>,
}

/// One document read, and what storing it did.
#[derive(Debug, Clone)]
pub struct DocumentOutcome {
    /// Document id.
    pub id: String,
    /// Where it was read from.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication.
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Words in the clean text.
    pub words: usize,
    /// Ranges removed as furniture: (reason, bytes).
    pub removed: Vec<(&'static str, usize)>,
    /// What storing it did.
    pub added: Added,
}

/// The store's linked entities.
#[derive(Debug, Clone)]
pub struct EntitySummary {
    /// How many.
    pub count: usize,
    /// The most mentioned (at most [`MOST_MENTIONED`]), most mentioned first.
    pub most_mentioned: Vec<MostMentioned>,
}

/// An entity and how often it is mentioned.
#[derive(Debug, Clone)]
pub struct MostMentioned {
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: EntityType,
    /// Its mentions in the store.
    pub mentions: usize,
}

/// The store's facts.
#[derive(Debug, Clone)]
pub struct FactSummary {
    /// How many.
    pub count: usize,
    /// How many give a count.
    pub with_count: usize,
    /// Documents whose facts this run read (the others were unchanged).
    pub documents_read: usize,
    /// Facts per kind, by kind name.
    pub by_kind: BTreeMap<Kind, usize>,
}

/// The store's clusters, by status.
#[derive(Debug, Clone, Copy)]
pub struct ClusterSummary {
    /// Clusters whose sources' figures agree.
    pub agree: usize,
    /// Clusters whose sources' figures conflict.
    pub conflict: usize,
    /// Clusters of one fact.
    pub single: usize,
}

/// The store's stories.
#[derive(Debug, Clone, Default)]
pub struct StorySummary {
    /// How many.
    pub count: usize,
    /// How many hold several documents.
    pub several: usize,
    /// The stories of most documents (at most [`STORIES_SHOWN`]), most
    /// first, each as (documents, first day, last day, title).
    pub largest: Vec<(usize, Option<String>, Option<String>, String)>,
}

/// Stories named in [`StorySummary::largest`].
pub const STORIES_SHOWN: usize = 5;

impl StorySummary {
    fn of(stories: &[isnad_ledger::Story]) -> StorySummary {
        let mut ranked: Vec<&isnad_ledger::Story> =
            stories.iter().filter(|s| s.documents.len() > 1).collect();
        // Stable: equal sizes keep the stories' order.
        ranked.sort_by_key(|s| std::cmp::Reverse(s.documents.len()));
        StorySummary {
            count: stories.len(),
            several: ranked.len(),
            largest: ranked
                .into_iter()
                .take(STORIES_SHOWN)
                .map(|s| {
                    (
                        s.documents.len(),
                        s.start.clone(),
                        s.end.clone(),
                        s.title.clone(),
                    )
                })
                .collect(),
        }
    }
}

/// The documents of a run by what storing them did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Stored as new (near duplicates included).
    pub new: usize,
    /// Read before from the same bytes.
    pub already_stored: usize,
    /// Same clean text as a stored document (kept, or replaced by this
    /// one when this one's id sorts first).
    pub duplicates: usize,
    /// New, but nearly repeating a stored document.
    pub near_duplicates: usize,
}

/// What the corpus-wide passes left in the store.
pub(crate) struct Analysis {
    pub linked: Vec<EntityRow>,
    pub facts: Vec<isnad_ledger::Fact>,
    pub facts_read: usize,
    pub clusters: Vec<isnad_ledger::Cluster>,
    pub stories: Vec<isnad_ledger::Story>,
}

impl DocumentOutcome {
    /// The parts of `doc` a report of the run gives.
    pub(crate) fn new(doc: Document, added: Added) -> DocumentOutcome {
        DocumentOutcome {
            removed: doc
                .removed
                .iter()
                .map(|r| (r.reason.as_str(), r.span.len()))
                .collect(),
            id: doc.id,
            source: doc.source,
            title: doc.title,
            outlet: doc.outlet,
            author: doc.author,
            published: doc.published,
            words: doc.words,
            added,
        }
    }
}

impl RunReport {
    /// The report of a run that read `files` files into `store`.
    pub(crate) fn new(
        store: &Store,
        files: usize,
        documents: Vec<DocumentOutcome>,
        errors: Vec<(PathBuf, String)>,
        analysis: Analysis,
        tell_story: bool,
    ) -> Result<RunReport, PipelineError> {
        let clusters = ClusterSummary::of(&analysis.clusters);
        let stories = StorySummary::of(&analysis.stories);
        let (entities, facts) = (
            EntitySummary::of(&analysis.linked),
            FactSummary::of(&analysis.facts, analysis.facts_read),
        );
        let story = if tell_story {
            story(store, analysis)?
        } else {
            Vec::new()
        };
        Ok(RunReport {
            files,
            documents,
            errors,
            store: store.path().to_path_buf(),
            stored_documents: store.count()?,
            entities,
            facts,
            clusters,
            stories,
            story,
            search_index: None,
        })
    }

    /// The run's documents by what storing them did.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for d in &self.documents {
            match &d.added {
                Added::New { near_duplicate_of } => {
                    t.new += 1;
                    t.near_duplicates += usize::from(near_duplicate_of.is_some());
                }
                Added::AlreadyStored => t.already_stored += 1,
                // One text read twice, whichever copy is kept.
                Added::DuplicateOf(_) | Added::InPlaceOf(_) => t.duplicates += 1,
            }
        }
        t
    }

    /// Words in the run's documents.
    pub fn words(&self) -> usize {
        self.documents.iter().map(|d| d.words).sum()
    }

    /// Ranges removed as furniture from the run's documents, by reason:
    /// (ranges, bytes).
    pub fn removed_by_reason(&self) -> BTreeMap<&'static str, (usize, usize)> {
        let mut removed: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
        for &(reason, len) in self.documents.iter().flat_map(|d| &d.removed) {
            let e = removed.entry(reason).or_default();
            e.0 += 1;
            e.1 += len;
        }
        removed
    }
}

impl EntitySummary {
    fn of(linked: &[EntityRow]) -> EntitySummary {
        EntitySummary {
            count: linked.len(),
            most_mentioned: linked
                .iter()
                .take(MOST_MENTIONED)
                .map(|e| MostMentioned {
                    name: e.name.clone(),
                    kind: e.kind,
                    mentions: e.mentions.len(),
                })
                .collect(),
        }
    }
}

impl FactSummary {
    fn of(facts: &[isnad_ledger::Fact], documents_read: usize) -> FactSummary {
        let mut by_kind: BTreeMap<Kind, usize> = BTreeMap::new();
        for f in facts {
            *by_kind.entry(f.kind).or_default() += 1;
        }
        FactSummary {
            count: facts.len(),
            with_count: facts.iter().filter(|f| f.count.is_some()).count(),
            documents_read,
            by_kind,
        }
    }
}

impl ClusterSummary {
    fn of(clusters: &[isnad_ledger::Cluster]) -> ClusterSummary {
        let status = |st: Status| clusters.iter().filter(|c| c.status == st).count();
        ClusterSummary {
            agree: status(Status::Agree),
            conflict: status(Status::Conflict),
            single: status(Status::Single),
        }
    }
}

/// The story of the store: the analysis in hand, and only the documents
/// read from the store.
fn story(store: &Store, analysis: Analysis) -> Result<Vec<String>, PipelineError> {
    let ledger = isnad_ledger::Ledger {
        documents: store
            .documents()?
            .into_iter()
            .map(isnad_ledger::Document::from)
            .collect(),
        entities: analysis
            .linked
            .into_iter()
            .map(isnad_ledger::Entity::from)
            .collect(),
        facts: analysis.facts,
        clusters: analysis.clusters,
        ..isnad_ledger::Ledger::default()
    };
    Ok(isnad_views::story(
        &isnad_views::View::new(&ledger),
        STORY_LINES,
    ))
}
