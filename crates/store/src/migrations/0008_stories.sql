-- Stories: documents that report one happening, rebuilt after every run
-- from the documents' dates, entities, facts and words. `joins` is why each
-- document is in its story (JSON, as the story stage explains it).
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL,
    title TEXT NOT NULL,
    documents TEXT NOT NULL,
    start TEXT,
    end TEXT,
    places TEXT NOT NULL,
    actors TEXT NOT NULL,
    clusters TEXT NOT NULL,
    joins TEXT NOT NULL
);
-- The story each cluster belongs to.
ALTER TABLE clusters ADD COLUMN story TEXT;
