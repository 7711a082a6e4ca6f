-- Facts grouped by happening across documents, rebuilt after every run.
CREATE TABLE clusters (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT NOT NULL,
    facts TEXT NOT NULL
);
