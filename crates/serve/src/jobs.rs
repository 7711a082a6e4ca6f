//! Write jobs: the articles a `POST /api/v1/documents` stored in the inbox
//! beside the store, run through the pipeline one job at a time on a
//! worker thread of their own, then the search index brought in step; the
//! client follows a job at `GET /api/v1/jobs/{id}`. Jobs live in the
//! server's memory (a restart forgets them; what they stored stays).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, Weak};

use isnad_pipeline::Added;
use isnad_pipeline::{Inputs, Pipeline, Progress, RunReport};
use serde::Serialize;
use serde_json::{json, Value};

use crate::AppState;

/// One job and how far it is.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Job {
    /// Its id (`GET /api/v1/jobs/{id}`).
    pub(crate) id: String,
    /// `queued`, `running`, `done` or `failed`.
    pub(crate) state: &'static str,
    /// Articles submitted.
    pub(crate) articles: usize,
    /// What the run did with each article (when done).
    pub(crate) documents: Vec<Value>,
    /// Articles that could not be read, and why.
    pub(crate) errors: Vec<String>,
    /// Counts of the store after the run (when done).
    pub(crate) store: Option<Value>,
    /// Why the job failed (when failed).
    pub(crate) message: Option<String>,
}

/// The jobs of this server, and the queue to its worker.
#[derive(Default)]
pub(crate) struct Jobs {
    table: Mutex<BTreeMap<u64, (Job, PathBuf)>>,
    next: AtomicU64,
    queue: Mutex<Option<mpsc::Sender<u64>>>,
}

impl Jobs {
    /// Queues a job for the articles in `file` (`articles` of them).
    pub(crate) fn submit(&self, file: PathBuf, articles: usize) -> Job {
        let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let job = Job {
            id: n.to_string(),
            state: "queued",
            articles,
            documents: Vec::new(),
            errors: Vec::new(),
            store: None,
            message: None,
        };
        lock(&self.table).insert(n, (job.clone(), file));
        if let Some(queue) = lock(&self.queue).as_ref() {
            let _ = queue.send(n);
        }
        job
    }

    /// The job `id`, as it is now.
    pub(crate) fn get(&self, id: &str) -> Option<Job> {
        let n: u64 = id.parse().ok()?;
        lock(&self.table).get(&n).map(|(job, _)| job.clone())
    }

    fn update(&self, n: u64, change: impl FnOnce(&mut Job)) -> Option<PathBuf> {
        let mut table = lock(&self.table);
        let (job, file) = table.get_mut(&n)?;
        change(job);
        Some(file.clone())
    }
}

/// Starts the thread that runs the jobs of `state` in order (it ends with
/// the server's state).
pub(crate) fn start_worker(state: &Arc<AppState>) {
    let (tx, rx) = mpsc::channel::<u64>();
    *lock(&state.jobs.queue) = Some(tx);
    let weak: Weak<AppState> = Arc::downgrade(state);
    std::thread::spawn(move || {
        for n in rx {
            let Some(state) = weak.upgrade() else { return };
            run_job(&state, n);
        }
    });
}

struct Quiet;
impl Progress for Quiet {}

/// Runs job `n`: the pipeline over its file (incremental: only what is new
/// is read, the corpus-wide passes update the rest), then the search index.
fn run_job(state: &AppState, n: u64) {
    let Some(file) = state.jobs.update(n, |job| job.state = "running") else {
        return;
    };
    let outcome = run_pipeline(state.db(), &file).and_then(|report| {
        state.search_index().map_err(|e| e.to_string())?;
        Ok(report)
    });
    state.jobs.update(n, |job| match outcome {
        Ok(report) => {
            job.state = "done";
            job.documents = report.documents.iter().map(outcome_json).collect();
            job.errors = report
                .errors
                .iter()
                .map(|(path, why)| format!("{}: {why}", path.display()))
                .collect();
            job.store = Some(json!({
                "documents": report.stored_documents,
                "facts": report.facts.count,
                "stories": report.stories.count,
            }));
        }
        Err(message) => {
            job.state = "failed";
            job.message = Some(message);
        }
    });
}

fn run_pipeline(db: &Path, file: &Path) -> Result<RunReport, String> {
    let inputs = Inputs::find(&[file.to_path_buf()]);
    let mut pipeline = Pipeline::open(db).map_err(|e| e.to_string())?;
    pipeline.set_story(false);
    pipeline
        .run(&inputs.files, &Quiet)
        .map_err(|e| e.to_string())
}

fn outcome_json(d: &isnad_pipeline::DocumentOutcome) -> Value {
    let added = match &d.added {
        Added::New { .. } => "new".to_string(),
        Added::AlreadyStored => "already stored".to_string(),
        Added::DuplicateOf(other) => format!("duplicate of {other}"),
        other => format!("{other:?}"),
    };
    json!({"id": d.id, "title": d.title, "outlet": d.outlet, "published": d.published, "words": d.words, "added": added})
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
