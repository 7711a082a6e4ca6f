-- Facts read from each document, rebuilt after every run (they point at linked entities).
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    data TEXT NOT NULL,
    CHECK (start <= end)
);
CREATE INDEX facts_doc ON facts(doc);
