//! The index's fields: the analysed text fields and the filters (fast fields).

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
};

/// Bumped whenever the fields change: an index of another layout is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// Every field of the index.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// What a hit is: `document`, `fact` or `story`.
    pub hit: Field,
    /// The hit's ledger id (document, fact or story id).
    pub id: Field,
    /// The ledger ids of the documents the hit is in (one for a document or fact).
    pub doc: Field,
    /// The text searched and shown (document text, fact evidence, story title).
    pub text: Field,
    /// The document's title (documents only).
    pub title: Field,
    /// Words of the text ([`crate::analyser`]'s base and stem keys).
    pub words: Field,
    /// Words of the title.
    pub title_words: Field,
    /// Tokens as written.
    pub exact: Field,
    /// Light stems (recall).
    pub light: Field,
    /// Linked entity ids at their mentions.
    pub entity: Field,
    /// Fact kinds (a document: the kinds of its facts).
    pub kind: Field,
    /// Place entity ids, with the places they are in.
    pub place: Field,
    /// Actor entity ids.
    pub actor: Field,
    /// Source entity ids, and the loose keys of source names as written.
    pub source: Field,
    /// Loose key of the outlet.
    pub outlet: Field,
    /// The outlet as written (shown, and counted in facets).
    pub outlet_name: Field,
    /// Publication day `YYYY-MM-DD`.
    pub day: Field,
    /// Publication day as `YYYYMMDD`.
    pub published: Field,
    /// First day of the event the text dates, `YYYYMMDD`.
    pub event_start: Field,
    /// Last day of the event, `YYYYMMDD`.
    pub event_end: Field,
    /// Cluster status of the fact: `agree`, `conflict`, `single`.
    pub status: Field,
    /// The fact is reported as alleged.
    pub hedged: Field,
    /// The text denies the fact.
    pub negated: Field,
    /// Lower bound of the fact's count.
    pub count_min: Field,
    /// Upper bound of the fact's count (the lower when open).
    pub count_max: Field,
    /// A digest of what the document's entries were made from.
    pub digest: Field,
    /// Where the text starts in its document, in bytes (a fact's evidence).
    pub offset: Field,
    /// Where the text starts in its document, in UTF-16 units.
    pub offset_utf16: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let keyword = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::Basic),
            )
            .set_fast("raw");
        let stored_keyword = keyword.clone().set_stored();
        let analysed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(crate::terms::TERM_LIST)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            hit: b.add_text_field("hit", stored_keyword.clone()),
            id: b.add_text_field("id", stored_keyword.clone()),
            doc: b.add_text_field("doc", stored_keyword.clone()),
            text: b.add_text_field("text", TextOptions::default().set_stored()),
            title: b.add_text_field("title", TextOptions::default().set_stored()),
            words: b.add_text_field("words", analysed.clone()),
            title_words: b.add_text_field("title_words", analysed.clone()),
            exact: b.add_text_field("exact", analysed.clone()),
            light: b.add_text_field("light", analysed.clone()),
            entity: b.add_text_field("entity", analysed),
            kind: b.add_text_field("kind", stored_keyword.clone()),
            place: b.add_text_field("place", stored_keyword.clone()),
            actor: b.add_text_field("actor", stored_keyword.clone()),
            source: b.add_text_field("source", keyword.clone()),
            outlet: b.add_text_field("outlet", keyword),
            outlet_name: b.add_text_field("outlet_name", stored_keyword.clone()),
            day: b.add_text_field("day", stored_keyword.clone()),
            published: b.add_i64_field("published", INDEXED | FAST),
            event_start: b.add_i64_field("event_start", INDEXED | FAST | STORED),
            event_end: b.add_i64_field("event_end", INDEXED | FAST | STORED),
            status: b.add_text_field("status", stored_keyword.clone()),
            hedged: b.add_bool_field("hedged", INDEXED | FAST | STORED),
            negated: b.add_bool_field("negated", INDEXED | FAST | STORED),
            count_min: b.add_u64_field("count_min", INDEXED | FAST | STORED),
            count_max: b.add_u64_field("count_max", INDEXED | FAST | STORED),
            digest: b.add_text_field("digest", stored_keyword),
            offset: b.add_u64_field("offset", STORED),
            offset_utf16: b.add_u64_field("offset_utf16", STORED),
        };
        (b.build(), fields)
    }
}
