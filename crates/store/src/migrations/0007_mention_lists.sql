-- Mentions kept as one list per document and one per entity (a BLOB; the
-- layout is in src/lists.rs) instead of one row each: they are always
-- written and read whole, and a row per mention made storing them the
-- slowest part of a run. `move_mentions_into_lists` (src/lib.rs) copies
-- the rows of the old tables into the lists, then drops the tables.
CREATE TABLE document_mentions (
    seq INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
    list BLOB NOT NULL
);
ALTER TABLE entities ADD COLUMN mentions BLOB NOT NULL DEFAULT x'01';
