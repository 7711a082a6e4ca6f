//! Many writers on one store file: each opens its own connection (as
//! separate `isnad run` processes do) and waits for the others.

use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use isnad_ingest::{read_bytes, Document, Format};
use isnad_store::{Added, Store, StoreError, SCHEMA_VERSION};

/// An article of `n`'s own: a few sentences that no other `n` shares.
fn article(n: usize) -> String {
    format!(
        "خبر رقم {n}\n\nقالت الشرطة في المدينة {n} إن {n} أشخاص أصيبوا في حادث سير على الطريق السريع صباح اليوم، ونقلوا إلى المستشفى.\n\nوأضافت أن التحقيق في أسباب الحادث رقم {n} مستمر."
    )
}

fn doc(text: &str, source: &str) -> Document {
    read_bytes(source, text.as_bytes(), Format::Text).unwrap()
}

/// Runs `work(i)` on `n` threads started together; their results in order.
fn at_once<T: Send + 'static>(
    n: usize,
    work: impl Fn(usize) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let start = Arc::new(Barrier::new(n));
    let work = Arc::new(work);
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let (start, work) = (start.clone(), work.clone());
            std::thread::spawn(move || {
                start.wait();
                work(i)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn writers_creating_one_store_at_once_all_open_it() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let opened = at_once(6, move |_| {
            Store::open(&path).map(|s| s.schema_version().unwrap())
        });
        for result in opened {
            match result {
                Ok(version) => assert_eq!(version, SCHEMA_VERSION),
                Err(e) => panic!("round {round}: {e}"),
            }
        }
    }
}

#[test]
fn writers_adding_documents_at_once_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    Store::open(&path).unwrap();
    let (writers, each) = (4, 12);
    let stored = {
        let path = path.clone();
        at_once(writers, move |w| {
            let mut store = Store::open(&path).unwrap();
            (0..each)
                .map(|i| {
                    let n = w * each + i;
                    store.add(&doc(&article(n), &format!("{n}.txt")), &[], 1)
                })
                .collect::<Result<Vec<Added>, StoreError>>()
        })
    };
    for added in stored {
        let added = added.unwrap_or_else(|e| panic!("a writer failed: {e}"));
        assert!(added.iter().all(|a| matches!(a, Added::New { .. })));
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count().unwrap(), (writers * each) as i64);
    assert!(store.check().is_ok());
}

#[test]
fn a_near_duplicate_of_what_another_writer_stored_meanwhile_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut mine = Store::open(&path).unwrap();
    let mut theirs = Store::open(&path).unwrap();
    // Both have looked at the store (and read its signatures) before.
    mine.add(&doc(&article(1), "1.txt"), &[], 1).unwrap();
    theirs.add(&doc(&article(2), "2.txt"), &[], 1).unwrap();
    let text = "انفجار في الميناء\n\nقالت السلطات إن انفجاراً وقع صباح اليوم في مستودع بالميناء وأدى إلى مقتل ثلاثة عمال وإصابة عشرة آخرين بجروح، فيما تواصل فرق الدفاع المدني البحث عن مفقودين.";
    let original = doc(text, "3.txt");
    theirs.add(&original, &[], 1).unwrap();
    let edited = text.replace("انفجاراً", "انفجارا") + "\n\nوأكد المتحدث أن التحقيق مستمر.";
    assert_eq!(
        mine.add(&doc(&edited, "3b.txt"), &[], 1).unwrap(),
        Added::New {
            near_duplicate_of: Some(original.id.clone())
        }
    );
}

/// Holds the write lock of the store at `path` until the returned
/// connection is dropped or rolled back.
fn hold_write_lock(path: &Path) -> rusqlite::Connection {
    let holder = rusqlite::Connection::open(path).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM clusters;")
        .unwrap();
    holder
}

#[test]
fn a_lock_held_longer_than_the_wait_is_a_message_naming_the_store_and_its_holder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let mut store = Store::open(&path).unwrap();
    store.set_wait(Duration::from_millis(300)).unwrap();
    let holder = hold_write_lock(&path);
    let err = store
        .add(&doc(&article(1), "1.txt"), &[], 1)
        .expect_err("the lock is held");
    let message = err.to_string();
    assert!(matches!(err, StoreError::Busy { .. }), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(!message.contains("database is locked"), "{message}");
    if cfg!(target_os = "linux") {
        let pid = format!("process {} (", std::process::id());
        assert!(
            message.contains(&pid),
            "the holder is this process: {message}"
        );
    }
    // Once the lock is let go, the same store writes.
    drop(holder);
    assert!(matches!(
        store.add(&doc(&article(1), "1.txt"), &[], 1).unwrap(),
        Added::New { .. }
    ));
}

#[test]
fn a_writer_waits_for_a_lock_let_go_within_its_wait() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    let holder = hold_write_lock(&path);
    let released = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        holder.execute_batch("ROLLBACK").unwrap();
    });
    assert!(matches!(
        store.add(&doc(&article(1), "1.txt"), &[], 1).unwrap(),
        Added::New { .. }
    ));
    released.join().unwrap();
}

#[test]
fn work_done_atomically_is_kept_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    let failed: Result<(), StoreError> = store.atomically(|s| {
        s.add(&doc(&article(1), "1.txt"), &[], 1)?;
        s.replace_facts(&[], &[])?;
        Err(StoreError::NotAStore(path.clone()))
    });
    assert!(failed.is_err());
    assert_eq!(
        store.count().unwrap(),
        0,
        "nothing of the failed work is kept"
    );
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _: Result<(), StoreError> = store.atomically(|s| {
            s.add(&doc(&article(2), "2.txt"), &[], 1)?;
            panic!("an analysis bug");
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(
        store.count().unwrap(),
        0,
        "nothing of the panicked work is kept"
    );
    store
        .atomically(|s| s.add(&doc(&article(3), "3.txt"), &[], 1).map(drop))
        .unwrap();
    // Another connection sees the committed work.
    assert_eq!(Store::open(&path).unwrap().count().unwrap(), 1);
}

#[test]
fn documents_stored_without_their_facts_are_unanalysed_until_facts_are_stored() {
    let mut store = Store::in_memory().unwrap();
    let (a, b) = (doc(&article(1), "1.txt"), doc(&article(2), "2.txt"));
    store.add(&a, &[], 1).unwrap();
    store.add(&b, &[], 1).unwrap();
    assert_eq!(store.unanalysed().unwrap(), [a.id.clone(), b.id.clone()]);
    store
        .replace_facts(&[], &[(a.id.clone(), "fingerprint".into())])
        .unwrap();
    assert_eq!(store.unanalysed().unwrap(), std::slice::from_ref(&b.id));
    assert!(store.check().is_ok(), "an unanalysed document is no damage");
}
