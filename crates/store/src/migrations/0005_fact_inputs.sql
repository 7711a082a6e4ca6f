-- What each document's facts were read from: a fingerprint of the extractor
-- version, the publication date and the linked entity spans. A document whose
-- fingerprint is unchanged keeps its facts; only new or changed ones are read again.
CREATE TABLE fact_inputs (
    doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL
);
