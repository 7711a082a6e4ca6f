//! What a run tells its progress bar: every stage in order, each counted by
//! article, so one JSONL file of many records moves the bar record by record.

use std::sync::Mutex;

use isnad_pipeline::{Inputs, Pipeline, Progress, Stage};

/// Each stage heard, with its total as finally known and the articles done.
#[derive(Default)]
struct Stages(Mutex<Vec<(Stage, usize, usize)>>);

impl Progress for Stages {
    fn stage(&self, stage: Stage, articles: usize) {
        self.0.lock().unwrap().push((stage, articles, 0));
    }
    fn file_holds(&self, articles: usize) {
        let mut s = self.0.lock().unwrap();
        let (stage, total, _) = s.last_mut().expect("a stage began");
        assert_eq!(*stage, Stage::Reading, "files are read while reading");
        *total = *total + articles - 1;
    }
    fn done(&self, articles: usize) {
        self.0.lock().unwrap().last_mut().expect("a stage began").2 += articles;
    }
}

impl Stages {
    fn take(&self) -> Vec<(Stage, usize, usize)> {
        std::mem::take(&mut self.0.lock().unwrap())
    }
}

fn article(i: usize) -> String {
    format!(
        "أعلنت السلطات المحلية أن {i} أشخاص قتلوا في انفجار وقع في سوق المدينة رقم {i} صباح اليوم."
    )
}

#[test]
fn every_stage_counts_articles_and_a_jsonl_file_counts_each_record() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let records: String = (0..30)
        .map(|i| format!("{{\"text\": \"{}\"}}\n", article(i)))
        .collect();
    std::fs::write(inputs.join("feed.jsonl"), records).unwrap();
    std::fs::write(inputs.join("one.txt"), article(100)).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();

    let mut pipeline = Pipeline::open(&dir.path().join("t.db")).unwrap();
    let heard = Stages::default();
    let found = Inputs::find(std::slice::from_ref(&inputs));
    let report = pipeline.run(&found.files, &heard).unwrap();
    assert_eq!(report.stored_documents, 31);
    assert_eq!(
        heard.take(),
        [
            // 30 records, one article, one file that cannot be read.
            (Stage::Reading, 32, 32),
            (Stage::Analysing, 0, 0),
            (Stage::Linking, 31, 31),
            (Stage::Facts, 31, 31),
            (Stage::Stories, 0, 0),
            (Stage::Clustering, 0, 0),
            (Stage::Indexing, 0, 0),
        ]
    );

    // A new article: the stored ones are analysed from the store; the
    // documents read for facts are the ones the report says.
    let more = dir.path().join("more.txt");
    std::fs::write(&more, article(200)).unwrap();
    let second = pipeline
        .run(&Inputs::find(std::slice::from_ref(&more)).files, &heard)
        .unwrap();
    let read = second.facts.documents_read;
    assert!(read >= 1);
    assert_eq!(
        heard.take(),
        [
            (Stage::Reading, 1, 1),
            (Stage::Analysing, 31, 31),
            (Stage::Linking, 32, 32),
            (Stage::Facts, read, read),
            (Stage::Stories, 0, 0),
            (Stage::Clustering, 0, 0),
            (Stage::Indexing, 0, 0),
        ]
    );
}
