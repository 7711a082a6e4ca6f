//! Where a run's time goes: runs the pipeline on a folder into a store and
//! prints the wall time of each stage (and of loading the resources).
//!
//! ```text
//! cargo run --release -p isnad-pipeline --example stage_times -- STORE PATH...
//! ```
//!
//! With `RAYON_NUM_THREADS=1` the figures are one core's (BENCHMARKS.md).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use isnad_pipeline::{Inputs, Pipeline, Progress, Resources, Stage};

/// Remembers when each stage began.
struct Clock(Mutex<Vec<(&'static str, Instant)>>);

impl Progress for Clock {
    fn stage(&self, stage: Stage, _articles: usize) {
        self.0
            .lock()
            .unwrap()
            .push((stage.as_str(), Instant::now()));
    }
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [db, paths @ ..] = args.as_slice() else {
        eprintln!("usage: stage_times STORE PATH...");
        std::process::exit(2);
    };
    let start = Instant::now();
    let resources = Resources::load().expect("resources");
    let loaded = Instant::now();
    let mut pipeline = Pipeline::open_with(db, resources).expect("store");
    pipeline.set_story(false);
    let inputs = Inputs::find(paths);
    let clock = Clock(Mutex::new(Vec::new()));
    pipeline.run(&inputs.files, &clock).expect("run");
    let end = Instant::now();
    let mut marks = clock.0.into_inner().unwrap();
    marks.push(("end", end));
    println!(
        "{:<10} {:>8.3} s",
        "resources",
        (loaded - start).as_secs_f64()
    );
    for pair in marks.windows(2) {
        let (name, from) = pair[0];
        println!("{:<10} {:>8.3} s", name, (pair[1].1 - from).as_secs_f64());
    }
    println!("{:<10} {:>8.3} s", "total", (end - start).as_secs_f64());
}
