//! Near-duplicate detection with MinHash over word shingles.
//!
//! Words are taken from the matching key (diacritics, alef forms, ى/ة and
//! digits folded), grouped into overlapping 4-word shingles, hashed once
//! each and binned into 64 one-permutation MinHash bins. The share of equal
//! bins estimates the Jaccard similarity of the two shingle sets.

use isnad_text::hash::fnv1a;
use isnad_text::normalize::{fold_key_pieces, NormalizeOptions};

/// Number of hash functions in a signature.
pub const SIGNATURE_LEN: usize = 64;
const SHINGLE: usize = 4;
/// Bands for locality-sensitive hashing.
const BANDS: usize = 16;
/// Estimated Jaccard similarity from which two documents are near duplicates.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.7;

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

/// Calls `word` with the FNV-1a hash of each word of the matching key of
/// `text` (runs of letters and digits), hashed as the key is folded: no
/// copy of the text or list of its words is made.
fn for_each_word_hash(text: &str, mut word: impl FnMut(u64)) {
    let arabic = arabic_block_letters_or_digits();
    let mut h = fnv1a::OFFSET;
    let mut in_word = false;
    fold_key_pieces(text, NormalizeOptions::loose(), |piece| {
        let b = piece.as_bytes();
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            // ASCII and the Arabic block (lead bytes 0xD8-0xDB) are read as
            // bytes; other characters are decoded.
            let (len, word_char) = if x < 0x80 {
                (1, x.is_ascii_alphanumeric())
            } else if (0xD8..=0xDB).contains(&x) {
                let cp = (((x & 0x1F) as usize) << 6 | (b[i + 1] & 0x3F) as usize) - 0x600;
                (2, arabic[cp / 64] >> (cp % 64) & 1 == 1)
            } else {
                let c = piece[i..].chars().next().expect("a character starts here");
                (c.len_utf8(), isnad_text::arabic::is_letter_or_digit(c))
            };
            if word_char {
                h = fnv1a::more(h, &b[i..i + len]);
                in_word = true;
            } else if in_word {
                word(h);
                h = fnv1a::OFFSET;
                in_word = false;
            }
            i += len;
        }
    });
    if in_word {
        word(h);
    }
}

/// Which code points of the Arabic block (U+0600 to U+06FF) are letters or
/// digits ([`isnad_text::arabic::is_letter_or_digit`]), one bit each.
fn arabic_block_letters_or_digits() -> &'static [u64; 4] {
    static BITS: std::sync::OnceLock<[u64; 4]> = std::sync::OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = [0u64; 4];
        for cp in 0..256usize {
            let c = char::from_u32(0x600 + cp as u32).expect("a code point of the block");
            if isnad_text::arabic::is_letter_or_digit(c) {
                bits[cp / 64] |= 1 << (cp % 64);
            }
        }
        bits
    })
}

/// SplitMix64 finaliser: mixes word hashes into shingle hashes.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Signature {
    /// The signature of a text, or `None` when it has too few words to compare.
    pub fn of(text: &str) -> Option<Signature> {
        // One-permutation hashing: each shingle's hash falls in one of 64
        // bins by its top bits, and each bin keeps its minimum; empty bins
        // borrow from the next filled bin (rotation densification), so the
        // signature costs one hash per shingle instead of 64. Shingles are
        // the last SHINGLE words, kept in a ring as the words stream by.
        let mut mins = [u64::MAX; SIGNATURE_LEN];
        let mut ring = [0u64; SHINGLE];
        let mut words = 0usize;
        for_each_word_hash(text, |w| {
            ring[words % SHINGLE] = w;
            words += 1;
            if words < SHINGLE {
                return;
            }
            let mut h = 0u64;
            for k in 0..SHINGLE {
                h = mix(h ^ ring[(words + k) % SHINGLE]);
            }
            let bin = (h >> 58) as usize;
            let v = h << 6;
            if v < mins[bin] {
                mins[bin] = v;
            }
        });
        if words < SHINGLE * 2 {
            return None;
        }
        let filled: Vec<usize> = (0..SIGNATURE_LEN)
            .filter(|&i| mins[i] != u64::MAX)
            .collect();
        let dense: Vec<u64> = (0..SIGNATURE_LEN)
            .map(|i| {
                if mins[i] != u64::MAX {
                    return mins[i];
                }
                let (j, dist) = filled
                    .iter()
                    .map(|&j| (j, (j + SIGNATURE_LEN - i) % SIGNATURE_LEN))
                    .min_by_key(|&(_, d)| d)
                    .expect("at least one shingle");
                mix(mins[j] ^ dist as u64)
            })
            .collect();
        let mins = dense;
        Some(Signature(mins))
    }

    /// Estimated Jaccard similarity with another signature.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / SIGNATURE_LEN as f64
    }

    /// Keys of the signature's bands, for locality-sensitive lookup: two
    /// signatures that share a band key are candidates for comparison.
    /// With 16 bands of 4 rows, a pair at similarity 0.7 shares at least
    /// one band with probability 0.99; a pair at 0.3, 0.12.
    pub fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.0
            .chunks(SIGNATURE_LEN / BANDS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = mix(band as u64 + 1);
                for &r in rows {
                    h = mix(h ^ r);
                }
                h
            })
    }

    /// Bytes for storage (little-endian u64s).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads stored bytes back.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != SIGNATURE_LEN * 8 {
            return None;
        }
        Some(Signature(
            b.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_hashes(text: &str) -> Vec<u64> {
        let mut words = Vec::new();
        for_each_word_hash(text, |w| words.push(w));
        words
    }

    /// The signature by its definition: every window of SHINGLE word
    /// hashes, mixed in order, binned and densified.
    fn signature_by_definition(text: &str) -> Option<Signature> {
        let words = word_hashes_by_definition(text);
        if words.len() < SHINGLE * 2 {
            return None;
        }
        let mut mins = [u64::MAX; SIGNATURE_LEN];
        for window in words.windows(SHINGLE) {
            let h = window.iter().fold(0u64, |h, &w| mix(h ^ w));
            let (bin, v) = ((h >> 58) as usize, h << 6);
            mins[bin] = mins[bin].min(v);
        }
        let filled: Vec<usize> = (0..SIGNATURE_LEN)
            .filter(|&i| mins[i] != u64::MAX)
            .collect();
        Some(Signature(
            (0..SIGNATURE_LEN)
                .map(|i| {
                    if mins[i] != u64::MAX {
                        return mins[i];
                    }
                    let (j, dist) = filled
                        .iter()
                        .map(|&j| (j, (j + SIGNATURE_LEN - i) % SIGNATURE_LEN))
                        .min_by_key(|&(_, d)| d)
                        .unwrap();
                    mix(mins[j] ^ dist as u64)
                })
                .collect(),
        ))
    }

    #[test]
    fn streamed_shingles_give_the_signature_of_the_definition() {
        for text in [A, B, "قال في ذلك", &format!("{A} {B} {A}")] {
            assert_eq!(Signature::of(text), signature_by_definition(text), "{text}");
        }
    }

    /// The word hashes by their definition: the folded key cut into runs of
    /// letters and digits, each hashed.
    fn word_hashes_by_definition(text: &str) -> Vec<u64> {
        isnad_text::normalize::fold_key(text, NormalizeOptions::loose())
            .split(|c: char| !isnad_text::arabic::is_letter_or_digit(c))
            .filter(|w| !w.is_empty())
            .map(|w| fnv1a::hash(w.as_bytes()))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn words_are_hashed_as_the_words_of_the_folded_key(text in "[ءاأإآب-غف-يىةًٌٍَُِّْـ0-9٠-٩ a-zA-Z.,،؟\n\u{200c}\u{fefb}\u{0600}-\u{06ff}\u{0750}-\u{077f}éЖ€]{0,60}") {
            proptest::prop_assert_eq!(word_hashes(&text), word_hashes_by_definition(&text));
        }
    }

    #[test]
    fn every_character_of_the_arabic_block_is_read_as_the_general_rule_reads_it() {
        for cp in 0x600..=0x6FFu32 {
            let c = char::from_u32(cp).unwrap();
            let text = format!("ب{c}ب {c}");
            assert_eq!(
                word_hashes(&text),
                word_hashes_by_definition(&text),
                "U+{cp:04X}"
            );
        }
    }

    const A: &str = "قالت وزارة الصحة إن عدد القتلى في الانفجار الذي وقع صباح اليوم في وسط المدينة ارتفع إلى اثني عشر شخصاً، فيما أصيب أربعون آخرون بجروح متفاوتة، ونقلوا إلى مستشفيات المدينة لتلقي العلاج اللازم وفق ما أفاد به مراسلنا.";

    const B: &str = "وأوضح المتحدث باسم الشرطة في مؤتمر صحفي عقده بعد الظهر أن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض، وأن السلطات أغلقت الطرق المؤدية إلى موقع الانفجار ودعت السكان إلى الابتعاد عن المنطقة حتى انتهاء عمليات التفتيش.";

    #[test]
    fn small_edits_stay_near_duplicates() {
        // The same story republished: a word changed, a sentence added, spelling varied.
        let a = format!("{A} {B}");
        let b = format!("{A} {B}")
            .replace("مراسلنا", "مراسلتنا")
            .replace("أصيب", "اصيب")
            + " وأضافت الوزارة أن التحقيقات جارية.";
        let s = Signature::of(&a)
            .unwrap()
            .similarity(&Signature::of(&b).unwrap());
        assert!(s >= NEAR_DUPLICATE_THRESHOLD, "similarity {s}");
    }

    #[test]
    fn different_stories_are_not() {
        let b = "أعلنت الحكومة عن خطة جديدة لدعم المزارعين في المناطق الريفية تشمل قروضاً ميسرة وإعفاءات ضريبية لمدة ثلاث سنوات، على أن يبدأ العمل بها مطلع العام المقبل بحسب بيان رسمي.";
        let s = Signature::of(A)
            .unwrap()
            .similarity(&Signature::of(b).unwrap());
        assert!(s < 0.2, "similarity {s}");
    }

    #[test]
    fn bytes_round_trip() {
        let s = Signature::of(A).unwrap();
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
    }
}
