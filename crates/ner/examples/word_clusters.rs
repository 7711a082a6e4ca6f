//! Builds the tagger's word clusters (`crates/ner/data/word_clusters.tsv`)
//! from unlabeled text on stdin (one paragraph a line; lines starting with
//! `# ` are document ids and skipped): `scripts/build_word_clusters.sh` runs
//! it over the ANT news corpus.
//!
//! The algorithm, cheap enough for a laptop core in a minute or two:
//! 1. every token becomes its matching key (a word: its folded stem, the
//!    proclitics and article removed, as the tagger sees it; a number `<num>`;
//!    other tokens themselves);
//! 2. each of the `--words` most frequent word keys (seen at least
//!    `--min-count` times) gets a context vector: positive pointwise mutual
//!    information with the `--contexts` most frequent keys at offsets −2, −1,
//!    +1 and +2 (context counts smoothed to the power 0.75), normalised;
//! 3. the vectors are split in two by spherical 2-means, and each half again,
//!    down to `--depth` levels (or sets too small to split): each word's
//!    cluster is its path of left (0) and right (1) turns, a bit string
//!    whose prefixes are coarser clusters, as in Brown clustering.
//!
//! Output: comment lines (`#`) saying how it was made, then `key<TAB>path`
//! sorted by path. Deterministic: the same input gives the same file.
//! `cargo run --release -p isnad-ner --example word_clusters -- [--words N]
//!  [--contexts N] [--min-count N] [--depth N] < TEXT > TSV`

use std::collections::HashMap;
use std::io::{BufRead, Write};

use isnad_text::token::for_each_token;
use isnad_text::{TokenKind, Vocabulary};

/// The context offsets counted.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// The smallest set 2-means splits.
const MIN_SPLIT: usize = 6;

struct Settings {
    words: usize,
    contexts: usize,
    min_count: u32,
    depth: usize,
}

fn main() {
    let settings = settings();
    let (stream, names) = read_keys();
    eprintln!(
        "{} tokens, {} distinct keys",
        stream.iter().filter(|&&k| k != BREAK).count(),
        names.len()
    );
    let counts = count(&stream, names.len());
    let by_freq = ranked(&counts);
    let is_word = |k: u32| {
        names[k as usize]
            .chars()
            .any(isnad_text::arabic::is_arabic_letter)
    };
    let words: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&k| is_word(k) && counts[k as usize] >= settings.min_count)
        .take(settings.words)
        .collect();
    let contexts: Vec<u32> = by_freq.iter().copied().take(settings.contexts).collect();
    let (vectors, width) = context_vectors(&stream, &words, &contexts);
    if let Ok(probe) = std::env::var("NEIGHBOURS") {
        for w in probe.split(',') {
            let Some(i) = words.iter().position(|&k| names[k as usize] == w) else {
                continue;
            };
            let mut sims: Vec<(f32, usize)> = (0..words.len())
                .map(|j| (sparse_dot(&vectors[i], &vectors[j]), j))
                .collect();
            sims.sort_by(|a, b| b.0.total_cmp(&a.0));
            let near: Vec<String> = sims[..12]
                .iter()
                .map(|&(s, j)| format!("{}:{s:.2}", names[words[j] as usize]))
                .collect();
            eprintln!("{w}: {}", near.join(" "));
        }
    }
    let paths = bisect(&vectors, width, settings.depth);
    write(&settings, &names, &words, &paths, stream.len());
}

fn settings() -> Settings {
    let mut s = Settings {
        words: 60_000,
        contexts: 2_000,
        min_count: 5,
        depth: 12,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = || -> usize {
            pair.get(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{} needs a number", pair[0]))
        };
        match pair[0].as_str() {
            "--words" => s.words = value(),
            "--contexts" => s.contexts = value(),
            "--min-count" => s.min_count = value() as u32,
            "--depth" => s.depth = value().min(16),
            other => panic!("unknown option {other} (--words, --contexts, --min-count, --depth)"),
        }
    }
    s
}

/// A line's edge in the key stream.
const BREAK: u32 = u32::MAX;

/// Every token of stdin as a key id (lines apart by [`BREAK`]), and the keys.
fn read_keys() -> (Vec<u32>, Vec<String>) {
    let mut vocabulary = Vocabulary::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut stream = Vec::new();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is UTF-8 text");
        if line.starts_with("# ") {
            continue;
        }
        // Hashtags (`#الاتفاق_النووي`) are words.
        let line = line.replace(['#', '_'], " ");
        for_each_token(&line, |t| {
            let raw = &line[t.span.start..t.span.end];
            let key = match t.kind {
                TokenKind::Word => vocabulary.keys_of(raw, t.kind).stem.to_string(),
                TokenKind::Number => "<num>".to_string(),
                _ => raw.to_string(),
            };
            if key.is_empty() {
                return;
            }
            let next = names.len() as u32;
            let id = *ids.entry(key).or_insert_with_key(|k| {
                names.push(k.clone());
                next
            });
            stream.push(id);
        });
        stream.push(BREAK);
    }
    (stream, names)
}

fn count(stream: &[u32], n: usize) -> Vec<u32> {
    let mut counts = vec![0u32; n];
    for &k in stream.iter().filter(|&&k| k != BREAK) {
        counts[k as usize] += 1;
    }
    counts
}

/// Key ids by falling count, ties by id (first seen first).
fn ranked(counts: &[u32]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..counts.len() as u32).collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(counts[k as usize]), k));
    order
}

/// A word's context vector: (context feature, weight), by feature, unit length.
type Sparse = Vec<(u32, f32)>;

/// Each word's PPMI context vector (context counts smoothed to the power
/// 0.75, as Levy, Goldberg and Dagan 2015 advise), normalised.
fn context_vectors(stream: &[u32], words: &[u32], contexts: &[u32]) -> (Vec<Sparse>, usize) {
    let row: HashMap<u32, usize> = words.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let col: HashMap<u32, usize> = contexts.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let edge = contexts.len();
    let width = OFFSETS.len() * (edge + 1);
    let mut cooc: HashMap<u64, u32> = HashMap::new();
    for (i, &k) in stream.iter().enumerate() {
        let Some(&r) = row.get(&k) else { continue };
        for (o, &off) in OFFSETS.iter().enumerate() {
            let c = context_at(stream, i, off).map_or(Some(edge), |x| col.get(&x).copied());
            if let Some(c) = c {
                *cooc
                    .entry((r * width + o * (edge + 1) + c) as u64)
                    .or_default() += 1;
            }
        }
    }
    let mut margin = vec![0f64; width];
    for (&cell, &n) in &cooc {
        margin[cell as usize % width] += (n as f64).powf(0.75);
    }
    let smoothed: f64 = margin.iter().sum();
    let mut row_total = vec![0f64; words.len()];
    for (&cell, &n) in &cooc {
        row_total[cell as usize / width] += n as f64;
    }
    let mut vectors: Vec<Sparse> = vec![Vec::new(); words.len()];
    let mut cells: Vec<(u64, u32)> = cooc.into_iter().collect();
    cells.sort_unstable();
    for (cell, n) in cells {
        let (r, c) = (cell as usize / width, cell as usize % width);
        let p_context = margin[c] / smoothed;
        let pmi = (n as f64 / row_total[r] / p_context).ln();
        if pmi > 0.0 {
            vectors[r].push((c as u32, pmi as f32));
        }
    }
    for v in &mut vectors {
        let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if n > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= n);
        }
    }
    (vectors, width)
}

/// The key at offset `off` from position `i` in the same line, `None` past its edge.
fn context_at(stream: &[u32], i: usize, off: isize) -> Option<u32> {
    let (lo, hi) = if off < 0 {
        (i as isize + off, i as isize)
    } else {
        (i as isize + 1, i as isize + off + 1)
    };
    if lo < 0 || hi as usize > stream.len() {
        return None;
    }
    let span = &stream[lo as usize..hi as usize];
    if span.contains(&BREAK) {
        return None;
    }
    Some(stream[(i as isize + off) as usize])
}

fn dot(a: &Sparse, dense: &[f32]) -> f32 {
    a.iter().map(|&(c, x)| x * dense[c as usize]).sum()
}

fn sparse_dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Each vector's path (bits, length) in the tree of recursive 2-means splits.
fn bisect(vectors: &[Sparse], width: usize, depth: usize) -> Vec<(u32, usize)> {
    let mut paths = vec![(0u32, 0usize); vectors.len()];
    let mut stack: Vec<(Vec<usize>, u32, usize)> = vec![((0..vectors.len()).collect(), 0, 0)];
    while let Some((members, bits, level)) = stack.pop() {
        let (left, right) = if level == depth || members.len() < MIN_SPLIT {
            (Vec::new(), Vec::new())
        } else {
            two_means(vectors, width, &members)
        };
        if left.is_empty() || right.is_empty() {
            for &m in &members {
                paths[m] = (bits, level);
            }
            continue;
        }
        stack.push((left, bits << 1, level + 1));
        stack.push((right, bits << 1 | 1, level + 1));
    }
    paths
}

/// Splits `members` in two: first by the side of their mean they lie on
/// along their principal direction (a few power iterations, from a fixed
/// start), then by spherical 2-means from that split.
fn two_means(vectors: &[Sparse], width: usize, members: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut mean = vec![0f32; width];
    for &m in members {
        for &(c, x) in &vectors[m] {
            mean[c as usize] += x / members.len() as f32;
        }
    }
    // Power iteration on the centred vectors' covariance.
    let mut dir: Vec<f32> = (0..width)
        .map(|c| if c % 3 == 0 { 1.0 } else { -0.5 })
        .collect();
    normalise(&mut dir);
    for _ in 0..6 {
        let shift: f32 = mean.iter().zip(&dir).map(|(a, b)| a * b).sum();
        let mut next = vec![0f32; width];
        let mut weight_sum = 0f32;
        for &m in members {
            let w = dot(&vectors[m], &dir) - shift;
            weight_sum += w;
            for &(c, x) in &vectors[m] {
                next[c as usize] += w * x;
            }
        }
        for (n, a) in next.iter_mut().zip(&mean) {
            *n -= weight_sum * a;
        }
        normalise(&mut next);
        dir = next;
    }
    let shift: f32 = mean.iter().zip(&dir).map(|(a, b)| a * b).sum();
    let mut side: Vec<bool> = members
        .iter()
        .map(|&m| dot(&vectors[m], &dir) > shift)
        .collect();
    for _ in 0..6 {
        let mut centres = vec![vec![0f32; width]; 2];
        for (&s, &m) in side.iter().zip(members) {
            for &(c, x) in &vectors[m] {
                centres[s as usize][c as usize] += x;
            }
        }
        centres.iter_mut().for_each(|c| normalise(c));
        let mut changed = false;
        for (s, &m) in side.iter_mut().zip(members) {
            let right = dot(&vectors[m], &centres[1]) > dot(&vectors[m], &centres[0]);
            changed |= right != *s;
            *s = right;
        }
        if !changed {
            break;
        }
    }
    let mut halves = (Vec::new(), Vec::new());
    for (&s, &m) in side.iter().zip(members) {
        if s {
            halves.1.push(m)
        } else {
            halves.0.push(m)
        }
    }
    halves
}

fn write(
    settings: &Settings,
    names: &[String],
    words: &[u32],
    paths: &[(u32, usize)],
    tokens: usize,
) {
    let mut rows: Vec<(String, &str)> = words
        .iter()
        .zip(paths)
        .map(|(&k, &(bits, len))| {
            let path: String = (0..len)
                .rev()
                .map(|i| if bits >> i & 1 == 1 { '1' } else { '0' })
                .collect();
            (path, names[k as usize].as_str())
        })
        .collect();
    rows.sort();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(out, "# Word clusters for the isnad tagger: folded stem key, then its path (bit string) in a tree").unwrap();
    writeln!(out, "# of recursive spherical 2-means splits of PPMI context vectors (offsets -2..+2, {} contexts,", settings.contexts).unwrap();
    writeln!(
        out,
        "# smoothed context counts); the {} most frequent word keys seen at least {} times",
        words.len(),
        settings.min_count
    )
    .unwrap();
    writeln!(out, "# in {tokens} tokens; depth {}. Made by scripts/build_word_clusters.sh (see data/README.md).", settings.depth).unwrap();
    for (path, key) in rows {
        writeln!(out, "{key}\t{path}").unwrap();
    }
}
