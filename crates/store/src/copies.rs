//! Copies among the stored documents, decided by the set of documents and
//! never by the order they came in: of two inputs with the same clean text
//! the one whose id sorts first is kept, and each near duplicate points at
//! the earliest published document it nearly repeats.

use rusqlite::{params, Connection};

use crate::{NearIndex, Signature, Store, StoreError};

/// Document `kept` takes the place of `replaced`, a stored document with
/// the same clean text: every source of `replaced` becomes one of `kept`,
/// near duplicates of it point nowhere until
/// [`Store::settle_near_duplicates`] runs, and it is removed with its
/// analysis (mentions, facts), which the corpus-wide passes rebuild.
pub(crate) fn hand_over(tx: &Connection, replaced: &str, kept: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO sources (doc, source) SELECT ?2, source FROM sources WHERE doc = ?1",
    )?
    .execute(params![replaced, kept])?;
    tx.prepare_cached(
        "UPDATE documents SET near_duplicate_of = NULL WHERE near_duplicate_of = ?1",
    )?
    .execute([replaced])?;
    tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([replaced])?;
    Ok(())
}

/// A stored document as near-duplicate detection sees it.
struct Copyable {
    id: String,
    published: Option<String>,
    signature: Option<Signature>,
    near_duplicate_of: Option<String>,
}

impl Store {
    /// Points each document at the document it nearly repeats, chosen among
    /// the documents before it in the order of publication (undated ones
    /// last, then by id): the earliest report is the original, whatever
    /// order the documents were stored in. Returns how many pointers changed.
    pub fn settle_near_duplicates(&mut self) -> Result<usize, StoreError> {
        let mut docs = self.rows(
            "SELECT id, published, signature, near_duplicate_of FROM documents",
            [],
            |r| {
                Ok(Copyable {
                    id: r.get(0)?,
                    published: r.get(1)?,
                    signature: r
                        .get_ref(2)?
                        .as_blob_or_null()?
                        .and_then(Signature::from_bytes),
                    near_duplicate_of: r.get(3)?,
                })
            },
        )?;
        docs.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.id).cmp(&(
                b.published.is_none(),
                &b.published,
                &b.id,
            ))
        });
        let changes = originals_changed(docs);
        self.in_transaction(|tx| {
            let mut update =
                tx.prepare_cached("UPDATE documents SET near_duplicate_of = ?2 WHERE id = ?1")?;
            for (id, original) in &changes {
                update.execute(params![id, original])?;
            }
            Ok(changes.len())
        })
    }
}

/// The documents (in the order of publication) whose original differs from
/// the one stored: (document, its original).
fn originals_changed(docs: Vec<Copyable>) -> Vec<(String, Option<String>)> {
    let mut index = NearIndex::default();
    let mut changes = Vec::new();
    for doc in docs {
        let Some(signature) = doc.signature else {
            if doc.near_duplicate_of.is_some() {
                changes.push((doc.id, None));
            }
            continue;
        };
        let original = index.most_similar(&signature).map(str::to_string);
        if original != doc.near_duplicate_of {
            changes.push((doc.id.clone(), original));
        }
        index.insert(doc.id, signature);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Added;
    use isnad_ingest::{read_bytes, Document, Format};

    const ARTICLE: &str = "انفجار في الميناء\n\nقالت السلطات إن انفجاراً وقع صباح اليوم في مستودع بالميناء وأدى إلى مقتل ثلاثة عمال وإصابة عشرة آخرين بجروح، فيما تواصل فرق الدفاع المدني البحث عن مفقودين.";

    fn doc(text: &str, source: &str) -> Document {
        read_bytes(source, text.as_bytes(), Format::Text).unwrap()
    }

    /// Every order of three documents.
    fn orders(docs: &[Document; 3]) -> Vec<[&Document; 3]> {
        [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ]
        .iter()
        .map(|o| o.map(|i| &docs[i]))
        .collect()
    }

    #[test]
    fn of_copies_of_one_text_the_one_whose_id_sorts_first_is_kept_with_every_source() {
        let copies = [
            doc(ARTICLE, "a.txt"),
            doc(&ARTICLE.replace('\n', "\r\n"), "b.txt"),
            doc(&format!("\u{feff}{ARTICLE}"), "c.txt"),
        ];
        let first = copies.iter().map(|d| d.id.as_str()).min().unwrap();
        for order in orders(&copies) {
            let mut store = Store::in_memory().unwrap();
            let added: Vec<Added> = order
                .iter()
                .map(|d| store.add(d, &[], 0).unwrap())
                .collect();
            let stored = store.documents().unwrap();
            assert_eq!(stored.len(), 1);
            assert_eq!(stored[0].id, first, "order {:?}", added);
            let mut sources = stored[0].sources.clone();
            sources.sort();
            assert_eq!(sources, ["a.txt", "b.txt", "c.txt"]);
            assert!(store.check().is_ok());
        }
    }

    #[test]
    fn a_near_duplicate_points_at_the_earliest_published_report_it_repeats() {
        let mut earlier = doc(ARTICLE, "a.txt");
        earlier.published = Some("2024-03-01".into());
        let mut later = doc(
            &format!("{ARTICLE}\n\nوأكد المتحدث أن التحقيق مستمر."),
            "b.txt",
        );
        later.published = Some("2024-03-02".into());
        let mut undated = doc(
            &format!("{ARTICLE}\n\nوتتابع الجهات المختصة الموقف."),
            "c.txt",
        );
        undated.published = None;
        let docs = [earlier.clone(), later.clone(), undated.clone()];
        for order in orders(&docs) {
            let mut store = Store::in_memory().unwrap();
            for d in &order {
                store.add(d, &[], 0).unwrap();
            }
            store.settle_near_duplicates().unwrap();
            let original_of = |id: &str| {
                store
                    .documents()
                    .unwrap()
                    .into_iter()
                    .find(|d| d.id == id)
                    .unwrap()
                    .near_duplicate_of
            };
            assert_eq!(original_of(&earlier.id), None);
            assert_eq!(original_of(&later.id).as_deref(), Some(earlier.id.as_str()));
            assert_eq!(
                original_of(&undated.id).as_deref(),
                Some(earlier.id.as_str())
            );
            assert_eq!(store.settle_near_duplicates().unwrap(), 0, "settled once");
        }
    }
}
