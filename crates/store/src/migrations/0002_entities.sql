-- Entity mentions found in each document, and the entities they are linked into.
ALTER TABLE documents ADD COLUMN mentions_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE mentions (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    found TEXT NOT NULL,
    gazetteer_id TEXT,
    CHECK (start <= end)
);
CREATE INDEX mentions_doc ON mentions(doc);

-- Rebuilt as a whole after every run (linking is corpus-wide).
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_latin TEXT,
    gazetteer_id TEXT,
    variants TEXT NOT NULL,
    explanation TEXT NOT NULL
);

CREATE TABLE entity_mentions (
    entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity);
