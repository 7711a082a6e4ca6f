-- Which documents need their mentions found again (after a mention-finder
-- change) is asked on every run; without an index SQLite reads every stored
-- text and original to answer it.
CREATE INDEX documents_mentions_version ON documents(mentions_version);
