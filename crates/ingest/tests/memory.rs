//! Reading a file costs a small multiple of its size, whatever its shape.
//! (Its own test binary: the allocator below counts every allocation.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use isnad_ingest::{read_file, Format, Input};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated while reading `bytes` from a file named `name`.
fn peak_reading(dir: &std::path::Path, name: &str, bytes: &[u8]) -> usize {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let format = Format::from_path(&path).unwrap();
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let docs = read_file(&Input { path, format }).unwrap();
    assert!(docs.iter().all(Result::is_ok), "{name}");
    drop(docs);
    PEAK.load(Relaxed) - base
}

#[test]
fn one_long_line_costs_at_most_three_and_a_half_times_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let size = 8 * 1024 * 1024;
    let sentence =
        "وأضاف المتحدث أن فرق الطوارئ انتشرت في الأحياء المتضررة لتقديم المساعدة للسكان. ";
    let fill = |unit: &str| unit.repeat(size / unit.len());
    let shapes = [
        ("sentences.txt", fill(sentence)),
        ("one-word.txt", fill("ب")),
        ("short-words.txt", fill("a b ")),
        (
            "page.html",
            format!("<html><body><p>{}</p></body></html>", fill(sentence)),
        ),
        (
            "feed.jsonl",
            format!("{}\n", serde_json::json!({ "text": fill(sentence) })),
        ),
    ];
    for (name, content) in shapes {
        let peak = peak_reading(dir.path(), name, content.as_bytes());
        let ratio = peak as f64 / content.len() as f64;
        eprintln!("{name}: peak {peak} bytes = {ratio:.2} × its size");
        assert!(
            ratio <= 3.5,
            "{name}: peak {peak} bytes = {ratio:.2} × its size"
        );
    }
}
