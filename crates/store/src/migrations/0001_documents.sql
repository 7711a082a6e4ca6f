-- Documents as ingested: the decoded input, the clean text, metadata.
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    outlet TEXT,
    author TEXT,
    published TEXT,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    original TEXT NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    words INTEGER NOT NULL,
    signature BLOB,
    near_duplicate_of TEXT REFERENCES documents(id)
);
CREATE INDEX documents_text_hash ON documents(text_hash);

-- Ranges of `original` dropped from `text`, with the reason.
CREATE TABLE removed (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    reason TEXT NOT NULL,
    CHECK (start <= end)
);
CREATE INDEX removed_doc ON removed(doc);

-- Every input a document was read from (exact duplicates add a row here only).
CREATE TABLE sources (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    UNIQUE (doc, source)
);
