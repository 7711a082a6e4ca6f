//! What an analysing worker keeps from one document to the next: the keys
//! of every word it has met, the tagger's information about each word, and
//! the fact reader's classes of each spelling. Each is a function of a
//! word's spelling alone, so it is computed once per worker, not once per
//! token; all of it is plain values the run owns, lent to parallel work one
//! worker at a time (no per-thread caches).

use std::sync::Mutex;

use isnad_facts::Spellings;
use isnad_ner::WordTable;
use isnad_text::{Doc, Vocabulary};

/// One worker's tables.
#[derive(Default)]
pub(crate) struct Workbench {
    /// Keys and clitic splits of each spelling ([`Doc::new`] reads them).
    pub vocabulary: Vocabulary,
    /// The tagger's information about each word.
    pub words: WordTable,
    /// The fact reader's classes of each spelling.
    pub spellings: Spellings,
}

impl Workbench {
    /// Reads `text` once into its [`Doc`].
    pub fn doc(&mut self, text: &str) -> Doc {
        Doc::new(text, &mut self.vocabulary)
    }
}

/// The workbenches of a run: a task takes one, uses it, and gives it back,
/// so what one document taught a worker serves the next on any thread.
#[derive(Default)]
pub(crate) struct Workbenches(Mutex<Vec<Workbench>>);

impl Workbenches {
    /// Runs `f` with a workbench of its own (a new one when all are lent).
    pub fn with<R>(&self, f: impl FnOnce(&mut Workbench) -> R) -> R {
        let mut bench = self.lock().pop().unwrap_or_default();
        let result = f(&mut bench);
        self.lock().push(bench);
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Workbench>> {
        // A panic while a bench was lent leaves the others intact.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn benches_are_lent_to_one_task_at_a_time_and_keep_what_they_learnt() {
        let benches = Workbenches::default();
        let lent: Vec<usize> = (0..64)
            .into_par_iter()
            .map(|i| benches.with(|b| b.doc(&format!("قال {i} شخصا")).tokens().len()))
            .collect();
        assert!(lent.iter().all(|&n| n == 3));
        let kept = benches.lock();
        assert!(!kept.is_empty() && kept.len() <= rayon::current_num_threads());
        // Every bench learnt the words its documents had.
        assert!(kept.iter().all(|b| b.vocabulary.len() >= 3));
    }
}
